#!/usr/bin/env bash
# Runs two supple binaries on the same history log and says whether every output
# is byte for byte the same: the line commands that read the log (stdout, stderr
# and exit status), and the first screen of the home screen and of `supple play`
# (through tmux, when it is installed).
#
#   scripts/compare-outputs.sh OLD_BIN NEW_BIN [RECORDS]    # RECORDS: 10000
#
# The log comes from scripts/make-log.py (with an open episode), with a damaged
# line and a line cut short added, so that the skipped lines are compared too.
# Both binaries run one after the other within the same minute; a run that
# crosses midnight can differ in its dates, so run it again then.
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2"); records=${3:-10000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/supple-compare.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"; tmux kill-session -t supple-compare 2>/dev/null || true' EXIT
mkdir -p "$work/pristine/supple" "$work/config/supple"
log="$work/pristine/supple/history.jsonl"
python3 "$here/make-log.py" --records "$records" --out "$log" --episode
printf '{"v":1,"kind":"routine","name":"damaged\nnot json at all\n' >> "$log"
python3 "$here/make-log.py" --records 3 --out "$work/more.jsonl"
cat "$work/more.jsonl" >> "$log"
printf '[player]\npain = false\n' > "$work/config/supple/config.toml"

commands=(
  "history --json"
  "history --json --since 30d"
  "history --plain"
  "history --plain --since 7d"
  "episode"
  "today"
  "status"
  "report --format csv"
  "report --format csv --rows exercises"
  "report --out $work/report.html"
  "plan core-strength"
)

run() { # BIN NAME CACHE -> files in $work/out-NAME
  local bin=$1 name=$2 cache=$3 i=0
  mkdir -p "$work/out-$name"
  # A copy of the log for each run: a screen closed by tmux logs its session.
  rm -rf "$work/data"; cp -r "$work/pristine" "$work/data"
  for c in "${commands[@]}"; do
    i=$((i + 1))
    # shellcheck disable=SC2086
    env -i PATH="$PATH" HOME="$work" TZ=UTC XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" \
      XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$cache" \
      "$bin" $c > "$work/out-$name/$i.out" 2> "$work/out-$name/$i.err" < /dev/null \
      && echo 0 > "$work/out-$name/$i.rc" || echo $? > "$work/out-$name/$i.rc"
    if [ -f "$work/report.html" ]; then mv "$work/report.html" "$work/out-$name/$i.html"; fi
  done
  if command -v tmux > /dev/null; then
    for screen in "" "play core-strength" "history"; do
      i=$((i + 1))
      tmux kill-session -t supple-compare 2>/dev/null || true
      tmux new-session -d -s supple-compare -x 100 -y 30 \
        "env -i PATH=$PATH HOME=$work TERM=xterm-256color TZ=UTC XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$cache $bin $screen"
      # The first frame, then a moment for anything drawn after it.
      for _ in $(seq 200); do
        if tmux capture-pane -p -t supple-compare | grep -q .; then break; fi
        sleep 0.05
      done
      sleep 0.5
      # The countdown's seconds move while it runs: digits are left out of it.
      tmux capture-pane -p -t supple-compare | { if [ -n "$screen" ]; then tr -d '0-9'; else cat; fi; } > "$work/out-$name/$i.screen"
      tmux kill-session -t supple-compare 2>/dev/null || true
    done
  fi
}

run "$old" old "$work/cache-old"
run "$new" new "$work/cache-new"
# The new one again: this time from its kept summary and what was appended since.
echo "$(python3 "$here/make-log.py" --records 1 --out /dev/stdout --end 2000-06-01T00:00:00+00:00)" >> "$log"
run "$old" old2 "$work/cache-old"
run "$new" new2 "$work/cache-new"
status=0
for pair in "old new" "old2 new2"; do
  set -- $pair
  if diff -r "$work/out-$1" "$work/out-$2" > "$work/diff"; then
    echo "same: $(ls "$work/out-$1" | wc -l) outputs of $1 and $2 ($records records)"
  else
    echo "DIFFERENT: $1 and $2"; head -50 "$work/diff" | cut -c1-300; status=1
  fi
done
exit $status
