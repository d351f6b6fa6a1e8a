#!/usr/bin/env bash
# Writes what the Debian package installs beside the binary, from the built binary
# itself (so they never drift from it): a man page per command, gzipped, and the
# bash, zsh and fish completions. Run after `cargo build --release --locked`:
#
#   cargo build --release --locked && scripts/package-assets.sh && cargo deb --no-build --locked
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/supple}
out=target/assets
rm -rf "$out"
mkdir -p "$out/man" "$out/completions"
"$bin" man --dir "$out/man" >/dev/null
gzip -9n "$out"/man/*.1
"$bin" completions bash >"$out/completions/supple.bash"
"$bin" completions zsh >"$out/completions/_supple"
"$bin" completions fish >"$out/completions/supple.fish"
echo "$(ls "$out"/man | wc -l) man pages and 3 completion scripts in $out"
