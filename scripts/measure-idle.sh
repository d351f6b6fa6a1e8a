#!/usr/bin/env bash
# Measures the release binary while it runs a routine in a detached 100x30 tmux pane:
# CPU % of one core and wakeups per second (context switches of all threads) over a
# 30 s window, peak memory, time to first frame, and how late the routine ends
# against launch + its planned length. Prints the median of RUNS runs (default 3).
#
#   scripts/measure-idle.sh            # both scenarios, 3 runs each (about 7 minutes)
#   RUNS=1 scripts/measure-idle.sh     # quicker
#
# Needs tmux and python3. Nothing here is a test: the figures go in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "measure-idle: tmux is needed (apt-get install tmux)" >&2; exit 1; }
cargo build --release --locked -q
exec python3 scripts/measure.py --bin target/release/supple --runs "${RUNS:-3}" "$@"
