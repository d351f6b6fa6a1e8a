#!/usr/bin/env bash
# Measures supple beside the terminal timers people use today, each counting down
# 60 s in a detached 100x30 tmux pane, and prints one table: CPU % of a core,
# wakeups per second, peak memory, time to first frame and end-of-timer drift, as
# medians of RUNS runs (default 3) and as ratios to supple.
#
#   scripts/compare-peers.sh                   # installs into /tmp/supple-peers, then measures (~25 min)
#   PEERS_DIR=~/peers RUNS=5 scripts/compare-peers.sh
#
# The peers go in a throwaway folder (PEERS_DIR): `cargo install --root` for the Rust
# ones, `pip install --target` for termdown; nothing is installed system-wide but the
# Debian packages porsmo needs to build and to find an audio device (libasound2-dev,
# pkg-config, pulseaudio with a null sink). Versions are pinned: these build with
# rustc 1.95. Needs tmux, python3 and pip. The table goes in docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${PEERS_DIR:-/tmp/supple-peers}
mkdir -p "$DIR/home"

need_apt=()
command -v tmux >/dev/null || need_apt+=(tmux)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
command -v pulseaudio >/dev/null || need_apt+=(pulseaudio)
[ -e /usr/include/alsa/asoundlib.h ] || need_apt+=(libasound2-dev)
[ -e /usr/lib/x86_64-linux-gnu/alsa-lib/libasound_module_pcm_pulse.so ] || need_apt+=(libasound2-plugins)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "compare-peers: installing ${need_apt[*]}" >&2
    apt-get install -y -q "${need_apt[@]}" >&2
fi

install_crate() { # crate@version binary
    [ -x "$DIR/root/bin/$2" ] && return
    echo "compare-peers: cargo install $1" >&2
    cargo install --quiet --locked --root "$DIR/root" "$1" >&2
}
install_crate timr-tui@1.9.0 timr-tui
install_crate clock-tui@0.6.1 tclock
install_crate countdown-tui@0.1.5 countdown-tui
install_crate porsmo@0.3.5 porsmo
if [ ! -x "$DIR/py/bin/termdown" ]; then
    echo "compare-peers: pip install termdown==2.0.0" >&2
    python3 -m pip install --quiet --target "$DIR/py" termdown==2.0.0 >&2
fi

# porsmo opens an audio stream at start and exits at once without one: give it a
# PulseAudio null sink on a socket of its own, and route ALSA's default there.
printf 'pcm.!default { type pulse }\nctl.!default { type pulse }\n' > "$DIR/home/.asoundrc"
if [ ! -S "$DIR/pulse.sock" ] || ! PULSE_SERVER="unix:$DIR/pulse.sock" pactl info >/dev/null 2>&1; then
    rm -f "$DIR/pulse.sock"
    pulseaudio -D --exit-idle-time=-1 -n --load=module-null-sink \
        --load="module-native-protocol-unix socket=$DIR/pulse.sock auth-anonymous=1" 2>/dev/null
    for _ in $(seq 50); do [ -S "$DIR/pulse.sock" ] && break; sleep 0.1; done
fi

cargo build --release --locked -q
exec python3 scripts/measure.py --bin target/release/supple --runs "${RUNS:-3}" --peers "$DIR" "$@"
