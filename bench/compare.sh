#!/usr/bin/env bash
# Times factsheet against polars, pandas and VisiData on the same generated
# file, in the same run, and prints each tool's median and its ratio to
# factsheet. See docs/PERFORMANCE.md ("Peers, side by side") for what each
# tool is asked to do and for numbers measured with this script.
#
# From a fresh checkout: needs cargo, python3 (3.9+) with venv, and network
# access to PyPI the first time. hyperfine is used when installed (and
# installed with apt-get when possible), else the script times the runs itself.
#
#   bench/compare.sh                 # 30,000 events, 5 runs each
#   EVENTS=100000 RUNS=10 bench/compare.sh
#
# Environment: EVENTS, RUNS, SEED, VENV (where the Python tools live,
# default ~/.cache/factsheet-bench-venv), CARGO_TARGET_DIR, KEEP=1 keeps the
# work folder.
set -euo pipefail

EVENTS=${EVENTS:-30000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV=${VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/factsheet-bench-venv}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-compare.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi

say() { printf '\n== %s\n' "$*" >&2; }

say "Python tools in $VENV"
if [ ! -x "$VENV/bin/vd" ] || ! "$VENV/bin/python" -c 'import polars, pandas' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet polars pandas visidata
fi
PY="$VENV/bin/python"
"$PY" -c 'import sys, polars, pandas, visidata; print("python", sys.version.split()[0], "polars", polars.__version__, "pandas", pandas.__version__, "visidata", visidata.__version__)'

if ! command -v hyperfine >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing hyperfine"
        apt-get install -y -qq hyperfine >/dev/null 2>&1 || true
    fi
fi

say "building factsheet (release)"
(cd "$ROOT" && cargo build --release --quiet)
# A copy, so that another build into the same target folder cannot swap the
# binary in the middle of the measurements.
cp "${CARGO_TARGET_DIR:-$ROOT/target}/release/factsheet" "$WORK/factsheet"
"$WORK/factsheet" --version

NAME=events
FILE="$WORK/$NAME.json"
say "generating $EVENTS events (seed $SEED)"
"$WORK/factsheet" generate --events "$EVENTS" --seed "$SEED" -o "$FILE"
ls -l "$FILE" >&2

# VisiData in batch mode replays a command log: open the file, open the
# `events` list as a sheet, flatten each event's date, and count events per
# day (a frequency table), written out as TSV.
cat >"$WORK/vd.vdj" <<EOF
#!vd -p
{"sheet": "", "col": "", "row": "", "longname": "open-file", "input": "$FILE", "keystrokes": "o"}
{"sheet": "$NAME", "col": "events", "row": 0, "longname": "open-cell", "input": "", "keystrokes": "zEnter"}
{"sheet": "$NAME[0].events", "col": "date", "row": "", "longname": "expand-col", "input": "", "keystrokes": "("}
{"sheet": "$NAME[0].events", "col": "date.on", "row": "", "longname": "freq-col", "input": "", "keystrokes": "Shift+F"}
EOF

NAMES=(factsheet polars pandas visidata)
CMDS=(
    "'$WORK/factsheet' summary '$FILE' --format json -o '$WORK/summary.json'"
    "'$PY' '$ROOT/bench/peers.py' polars '$FILE'"
    "'$PY' '$ROOT/bench/peers.py' pandas '$FILE'"
    "'$VENV/bin/vd' -b -p '$WORK/vd.vdj' -o '$WORK/vd.tsv'"
)

say "checking that every command runs"
for i in "${!NAMES[@]}"; do
    bash -c "${CMDS[$i]}" >"$WORK/${NAMES[$i]}.out" 2>&1 || {
        cat "$WORK/${NAMES[$i]}.out" >&2
        echo "${NAMES[$i]} failed" >&2
        exit 1
    }
done
cat "$WORK/polars.out" "$WORK/pandas.out"
echo "visidata: $(($(wc -l <"$WORK/vd.tsv") - 1)) day rows (events per day)"

# Medians, one line per tool: name and seconds.
: >"$WORK/medians"
if command -v hyperfine >/dev/null; then
    say "timing with hyperfine, $RUNS runs each"
    args=()
    for i in "${!NAMES[@]}"; do args+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
    hyperfine --warmup 1 --runs "$RUNS" --style basic --export-json "$WORK/times.json" "${args[@]}" >&2
    "$PY" - "$WORK/times.json" >"$WORK/medians" <<'EOF'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"], r["median"], r["user"], r["system"])
EOF
else
    say "hyperfine not found: timing $RUNS runs each in the script"
    for i in "${!NAMES[@]}"; do
        "$PY" - "${NAMES[$i]}" "${CMDS[$i]}" "$RUNS" >>"$WORK/medians" <<'EOF'
import os, statistics, subprocess, sys, time
name, cmd, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def once():
    start, before = time.perf_counter(), os.times()
    subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = os.times()
    return time.perf_counter() - start, after.children_user - before.children_user, after.children_system - before.children_system
once()  # warm-up
times = [once() for _ in range(runs)]
print(name, statistics.median(t[0] for t in times), statistics.mean(t[1] for t in times), statistics.mean(t[2] for t in times))
EOF
    done
fi

say "medians ($EVENTS events, $(du -m "$FILE" | cut -f1) MB, $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$PY" - "$WORK/medians" "$(stat -c %s "$FILE")" <<'EOF'
import sys
rows = [line.split() for line in open(sys.argv[1])]
size = int(sys.argv[2]) / 1e6
base = float(rows[0][1])
print(f"{'tool':<10} {'median wall':>12} {'mean user+sys':>14} {'MB/s':>7} {'x factsheet':>12}")
for name, median, user, system in rows:
    median = float(median)
    cpu = float(user) + float(system)
    cpu_text = "-" if cpu != cpu else f"{cpu:.3f} s"
    print(f"{name:<10} {median:>10.3f} s {cpu_text:>14} {size / median:>7.1f} {median / base:>11.1f}x")
EOF
