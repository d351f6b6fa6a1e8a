#!/usr/bin/env python3
"""Where supple's resident memory is, while it holds a 60 s countdown: the
process's /proc/PID/smaps summed per mapping (the binary's code and data, each
shared library, the heap, the stack, anonymous maps), with VmHWM, the peak.

    python3 scripts/smaps.py --bin target/release/supple [--after 20]

Runs `supple play tests/fixtures/valid/hold-60s.toml --quiet --no-pain` in a
detached tmux session of 100x30 with a throwaway home, reads smaps --after
seconds into the hold, and kills it.
"""
import argparse, atexit, collections, os, shutil, subprocess, tempfile, time

SESSION = "supple-smaps"


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def warm(path):
    """Puts the whole binary in the page cache the same way every time: its cached
    pages dropped (written out first, posix_fadvise DONTNEED; pages a running
    process maps stay), then the file read whole. A page fault maps the cached
    pages around it too (the kernel's fault-around, 64 KiB, or a whole large folio),
    so how much of a binary a run shows resident depends on how the page cache
    holds it: all of it for a binary built minutes ago, part of it for one built
    hours ago (stop 35 read a 0.3 MiB growth that was only this), and in larger
    pieces for a file read than for one just copied (stop 37: the same binary
    showed 2.4 MiB of code resident as a fresh copy, 1.4-1.8 read after a drop)."""
    with open(path, "rb") as f:
        try:
            os.fsync(f.fileno())
        except OSError:
            pass  # read only: nothing of ours is dirty
        os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        while f.read(1 << 20):
            pass


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--bin", default="target/release/supple")
    a.add_argument("--after", type=float, default=20)
    args = a.parse_args()
    home = tempfile.mkdtemp(prefix="supple-smaps-")
    atexit.register(shutil.rmtree, home, True)  # the throwaway home goes at exit
    binary = os.path.abspath(args.bin)
    warm(binary)
    cmd = (f"env HOME={home} XDG_CONFIG_HOME={home}/c XDG_DATA_HOME={home}/d XDG_STATE_HOME={home}/s "
           f"XDG_CACHE_HOME={home}/k {binary} play tests/fixtures/valid/hold-60s.toml --quiet --no-pain")
    tmux("kill-session", "-t", SESSION)
    tmux("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30", f"exec {cmd}")
    time.sleep(args.after)
    pid = int(tmux("display", "-p", "-t", SESSION, "#{pane_pid}").strip())
    rss = collections.Counter()
    size = collections.Counter()
    name = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            head = line.split()
            if "-" in head[0] and len(head) >= 5 and ":" not in head[0]:
                path = head[5] if len(head) > 5 else "[anonymous]"
                perms = head[1]
                kind = "code" if "x" in perms else ("data" if "w" in perms else "read-only")
                name = (os.path.basename(path) if path.startswith("/") else path, kind)
            elif head[0] == "Rss:" and name:
                rss[name] += int(head[1])
            elif head[0] == "Size:" and name:
                size[name] += int(head[1])
    with open(f"/proc/{pid}/status") as f:
        status = {l.split(":")[0]: l.split(":")[1].strip() for l in f if ":" in l}
    tmux("kill-session", "-t", SESSION)
    print(f"`{binary}`: VmHWM {status.get('VmHWM')}, VmRSS {status.get('VmRSS')} "
          f"(RssAnon {status.get('RssAnon')}, RssFile {status.get('RssFile')}), {args.after:.0f} s into the hold\n")
    print("| mapping | kind | resident KiB | mapped KiB |")
    print("| --- | --- | --- | --- |")
    for (n, kind), kib in sorted(rss.items(), key=lambda kv: -kv[1]):
        if kib:
            print(f"| {n} | {kind} | {kib} | {size[(n, kind)]} |")
    print(f"| total | | {sum(rss.values())} | {sum(size.values())} |")


if __name__ == "__main__":
    main()
