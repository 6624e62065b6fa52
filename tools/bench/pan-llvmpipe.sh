#!/bin/bash
# Frame times of the window while the map is panned, under Xvfb with Mesa's llvmpipe (no GPU).
#
#   tools/bench/pan-llvmpipe.sh [BINARY]      (default: target/release/range-rings)
#
# Needs xvfb and xdotool (apt-get install xvfb xdotool). Starts Xvfb on :93 at 1920x1080, opens
# the window on the built-in scenario with fresh settings, makes it 1920x1080, presses on the
# map and moves 3 px right and 1 down every 10 ms for 150 steps and back, then reads the frame
# intervals that RANGE_RINGS_TIMING=1 prints (while the map is dragged without pause, the time
# between two frames is the whole cost of one). Prints the median, the 90th percentile, the
# worst, how many frames took over 33 ms, and in how many the map's image fell short of the view
# (the background showing at an edge until the next image is in).
#
# PAN_STEP=9 moves 9 px right a step instead of 3 (1350 px, past the image's margin, so new
# images are made and taken in while the map moves). Only frames logged before the button is
# released count: after it the window waits (about half a second, until the hover tooltip
# fades in), and that wait is not a frame's cost. PAN_LOG=FILE keeps the frames' log lines.
set -euo pipefail
BIN=${1:-target/release/range-rings}
LOG=$(mktemp)
export DISPLAY=:93
Xvfb :93 -screen 0 1920x1080x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true; rm -f "$LOG"' EXIT
sleep 1
SETTINGS=$(mktemp -d)
XDG_DATA_HOME=$SETTINGS RANGE_RINGS_TIMING=1 "$BIN" 2>"$LOG" &
APP=$!
sleep 4
WID=$(xdotool search --pid $APP | tail -1)
xdotool windowmove "$WID" 0 0 windowsize "$WID" 1920 1080
sleep 3
FROM=$(wc -l <"$LOG")
xdotool mousemove 1100 400 mousedown 1
# One xdotool process for all the moves: one per move would add a fork and an X connection
# every 10 ms on the same two cores, which no real mouse costs.
MOVES=()
STEP=${PAN_STEP:-3}
for _ in $(seq 150); do MOVES+=(mousemove_relative -- "$STEP" 1 sleep 0.01); done
for _ in $(seq 150); do MOVES+=(mousemove_relative -- "-$STEP" -1 sleep 0.01); done
xdotool "${MOVES[@]}"
UP=$(wc -l <"$LOG")
xdotool mouseup 1
sleep 1
kill $APP
rm -rf "$SETTINGS"
if [ -n "${PAN_LOG:-}" ]; then sed -n "$((FROM + 1)),${UP}p" "$LOG" >"$PAN_LOG"; fi
sed -n "$((FROM + 1)),${UP}p" "$LOG" | python3 -c '
import re, statistics, sys
log = sys.stdin.read().splitlines()
frames = [l for l in log if re.search(r"frame [\d.]+ ms after", l)][1:]  # the first is the wait before the first move
v = sorted(float(re.search(r"frame ([\d.]+) ms", l).group(1)) for l in frames)
short = sum("short of the view" in l for l in frames)
print(f"{len(v)} frames while panning: median {statistics.median(v):.1f} ms, "
      f"90th percentile {v[int(len(v) * 0.9)]:.1f} ms, worst {v[-1]:.1f} ms, "
      f"{sum(x > 33 for x in v)} over 33 ms, {short} with the map image short of the view")
'
