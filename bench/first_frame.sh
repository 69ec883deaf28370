#!/usr/bin/env bash
# Times the app's start under Xvfb: from the process start until its window is
# mapped, and until anything is painted on the screen (black until then), by
# polling both (a grab of the root window takes about 12 ms: that is the
# resolution). Prints one line per run. See docs/PERFORMANCE.md ("First frame
# after start").
#
# Needs Xvfb, xdotool and xwd (apt: xvfb xdotool x11-apps) and a dist build:
#   Xvfb :9 -screen 0 1400x900x24 &
#   DISPLAY=:9 RUNS=5 bench/first_frame.sh [FILE...]
#
# Not `xdotool search --sync`: it polls every 0.5 s, so whatever the app does,
# it reports a little over half a second.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/dist/factsheet}
RUNS=${RUNS:-5}
: "${DISPLAY:?set DISPLAY to an Xvfb screen with nothing on it}"

painted() {
    # Any byte of the screen's pixels not zero (the header is smaller than the tail read).
    [ "$(xwd -root -silent | tail -c 4000000 | tr -d '\0' | head -c 1 | wc -c)" = 1 ]
}
if painted; then
    echo "the screen $DISPLAY is not black: close what is on it first" >&2
    exit 1
fi
for _ in $(seq "$RUNS"); do
    start=$(date +%s.%N)
    "$BIN" "$@" >/dev/null 2>&1 &
    pid=$!
    mapped=""
    until painted; do
        if [ -z "$mapped" ] && xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; then
            mapped=$(date +%s.%N)
        fi
    done
    done_at=$(date +%s.%N)
    mapped=${mapped:-$done_at}
    cpu=$(awk '{print ($14 + $15) / 100}' "/proc/$pid/stat")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    awk -v s="$start" -v m="$mapped" -v p="$done_at" -v c="$cpu" \
        'BEGIN { printf "window mapped after %.3f s, painted after %.3f s, %s s of CPU by then\n", m - s, p - s, c }'
    sleep 1
done
