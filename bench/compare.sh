#!/usr/bin/env bash
# Times factsheet against polars, pandas and VisiData on the same generated
# file, in the same run, and prints each tool's median and its ratio to
# factsheet. See docs/PERFORMANCE.md ("Peers, side by side") for what each
# tool is asked to do and for numbers measured with this script.
#
# From a fresh checkout: needs cargo, python3 (3.9+) with venv, and network
# access to PyPI the first time.
#
# The tools are timed in rounds, each round running every tool once in turn,
# so that a machine whose speed drifts over minutes (a shared one) slows all
# of them alike; the ratios are also taken round by round.
#
#   bench/compare.sh                 # 30,000 events, 5 runs each
#   EVENTS=100000 RUNS=10 bench/compare.sh
#
# Two builds of factsheet are timed: the shipped build (`cargo build
# --profile dist`: fat LTO, one codegen unit) and, unless PGO=0, one built with
# profile-guided optimisation by bench/pgo.sh ("factsheet-pgo"); the peers'
# ratios are given against each.
#
# ALSO="name=/path/to/factsheet ..." times other builds of factsheet in the
# same rounds (an older commit's, say), each checked against the dist build's
# fact sheet byte for byte (reported, not required: an older build may write
# an older summary version).
#
# BIN=/path/to/factsheet times that binary as "factsheet" instead of building
# the dist profile (say, one built with --no-default-features).
#
# DATA=/path/to/file.json times that file instead of a generated one (say, one
# an older build generated in a format version it reads).
#
# Environment: EVENTS, RUNS, SEED, ALSO, BIN, DATA, VENV (where the Python tools live,
# default ~/.cache/factsheet-bench-venv), PEERS (what pip installs into a new
# venv: by default the versions docs/PERFORMANCE.md was measured with; "newest"
# for the latest releases), CARGO_TARGET_DIR, KEEP=1 keeps the work folder,
# PGO=0 times the plain build only.
set -euo pipefail

EVENTS=${EVENTS:-30000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV=${VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/factsheet-bench-venv}
PEERS=${PEERS:-polars==2.1.0 pandas==3.1.1 visidata==3.4}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/factsheet-compare.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi

say() { printf '\n== %s\n' "$*" >&2; }

say "Python tools in $VENV"
if [ ! -x "$VENV/bin/vd" ] || ! "$VENV/bin/python" -c 'import polars, pandas' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    # The versions measured, so that a ratio moves only when a tool does;
    # the newest where they do not install (another Python, say).
    if [ "$PEERS" = newest ] || ! "$VENV/bin/pip" install --quiet $PEERS; then
        [ "$PEERS" = newest ] || echo "($PEERS do not install here: taking the newest releases)" >&2
        "$VENV/bin/pip" install --quiet polars pandas visidata
    fi
fi
PY="$VENV/bin/python"
"$PY" -c 'import sys, polars, pandas, visidata; print("python", sys.version.split()[0], "polars", polars.__version__, "pandas", pandas.__version__, "visidata", visidata.__version__)'

if [ -n "${BIN:-}" ]; then
    cp "$BIN" "$WORK/factsheet"
else
    say "building factsheet (dist profile)"
    (cd "$ROOT" && cargo build --profile dist --quiet -p factsheet)
    # A copy, so that another build into the same target folder cannot swap the
    # binary in the middle of the measurements.
    cp "${CARGO_TARGET_DIR:-$ROOT/target}/dist/factsheet" "$WORK/factsheet"
fi
"$WORK/factsheet" --version
if [ "${PGO:-1}" != 0 ]; then
    say "building factsheet with profile-guided optimisation (bench/pgo.sh)"
    if pgo=$("$ROOT/bench/pgo.sh"); then
        cp "$pgo" "$WORK/factsheet-pgo"
    else
        echo "(the PGO build failed: timing the plain build only)" >&2
    fi
fi

NAME=events
FILE="$WORK/$NAME.json"
if [ -n "${DATA:-}" ]; then
    cp "$DATA" "$FILE"
else
    say "generating $EVENTS events (seed $SEED)"
    "$WORK/factsheet" generate --events "$EVENTS" --seed "$SEED" -o "$FILE"
fi
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
if [ -x "$WORK/factsheet-pgo" ]; then
    NAMES+=(factsheet-pgo)
    CMDS+=("'$WORK/factsheet-pgo' summary '$FILE' --format json -o '$WORK/summary-pgo.json'")
fi

for also in ${ALSO:-}; do
    name=${also%%=*}
    bin=${also#*=}
    [ -x "$bin" ] || { echo "ALSO: $bin is not an executable" >&2; exit 2; }
    cp "$bin" "$WORK/$name"
    NAMES+=("$name")
    CMDS+=("'$WORK/$name' summary '$FILE' --format json -o '$WORK/summary-$name.json'")
done

say "checking that every command runs"
for i in "${!NAMES[@]}"; do
    bash -c "${CMDS[$i]}" >"$WORK/${NAMES[$i]}.out" 2>&1 || {
        cat "$WORK/${NAMES[$i]}.out" >&2
        echo "${NAMES[$i]} failed" >&2
        exit 1
    }
done
cat "$WORK/polars.out" "$WORK/pandas.out"
if [ -x "$WORK/factsheet-pgo" ]; then
    cmp -s "$WORK/summary.json" "$WORK/summary-pgo.json" || { echo "the two builds wrote different fact sheets" >&2; exit 1; }
fi
for also in ${ALSO:-}; do
    name=${also%%=*}
    if cmp -s "$WORK/summary.json" "$WORK/summary-$name.json"; then
        echo "$name wrote the same fact sheet as the dist build, byte for byte"
    else
        echo "$name wrote a different fact sheet from the dist build's"
    fi
done
echo "visidata: $(($(wc -l <"$WORK/vd.tsv") - 1)) day rows (events per day)"

say "timing: a warm-up, then $RUNS rounds of every tool in turn"
"$PY" - "$RUNS" "$WORK/times" "${NAMES[@]}" -- "${CMDS[@]}" <<'EOF'
import json, os, subprocess, sys, time
runs, out = int(sys.argv[1]), sys.argv[2]
split = sys.argv.index("--")
names, cmds = sys.argv[3:split], sys.argv[split + 1:]
def once(cmd):
    start, before = time.perf_counter(), os.times()
    subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return time.perf_counter() - start, cpu
for cmd in cmds:
    once(cmd)
rounds = []
for r in range(runs):
    rounds.append([once(cmd) for cmd in cmds])
    print(f"round {r + 1}: " + ", ".join(f"{n} {w:.3f} s" for n, (w, _) in zip(names, rounds[-1])), file=sys.stderr)
json.dump({"names": names, "rounds": rounds}, open(out, "w"))
EOF

say "medians ($EVENTS events, $(du -m "$FILE" | cut -f1) MB, $RUNS rounds, load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$PY" - "$WORK/times" "$(stat -c %s "$FILE")" <<'EOF'
import json, statistics, sys
data = json.load(open(sys.argv[1]))
names, rounds = data["names"], data["rounds"]
size = int(sys.argv[2]) / 1e6
base = statistics.median(r[0][0] for r in rounds)
print(f"{'tool':<13} {'median wall':>12} {'min':>8} {'max':>8} {'mean CPU':>9} {'MB/s':>7} {'x factsheet':>12} {'per round':>10}")
for i, name in enumerate(names):
    walls = [r[i][0] for r in rounds]
    median = statistics.median(walls)
    # The ratio within each round (same minutes, same machine speed), then its median.
    per_round = statistics.median(r[i][0] / r[0][0] for r in rounds)
    cpu = statistics.mean(r[i][1] for r in rounds)
    print(f"{name:<13} {median:>10.3f} s {min(walls):>7.3f}s {max(walls):>7.3f}s {cpu:>8.3f}s "
          f"{size / median:>7.1f} {median / base:>11.2f}x {per_round:>9.2f}x")
if "factsheet-pgo" in names:
    p = names.index("factsheet-pgo")
    pgo = statistics.median(r[p][0] for r in rounds)
    print(f"\nagainst factsheet-pgo: {'x pgo':>12} {'per round':>10}")
    for i, name in enumerate(names):
        median = statistics.median(r[i][0] for r in rounds)
        per_round = statistics.median(r[i][0] / r[p][0] for r in rounds)
        print(f"{name:<13} {'':>8} {median / pgo:>11.2f}x {per_round:>9.2f}x")
EOF
