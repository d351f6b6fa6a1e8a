#!/usr/bin/env python3
"""Instructions to the first frame of a start, counted by valgrind's callgrind:
the same count every run of the same binary and home, whatever else the machine
is doing (scripts/start-cpu.py measures CPU time, which this shared 2-core
machine makes noisy by a tenth or more from one run to the next).

    python3 scripts/start-instructions.py                     # builds target/callgrind, then counts
    python3 scripts/start-instructions.py --bin BIN --screens history --sizes 0,1000000
    python3 scripts/start-instructions.py --bin BIN --screens home --on 2026-12-06T12:00:00Z

The build: `cargo build --release` with `--cfg rustix_use_libc` (rustix's own
reading of the vDSO crashes under valgrind; through libc it does not) into
target/callgrind, unstripped (SUPPLE_KEEP_SYMBOLS=1: see build.rs). Each screen runs on a 120x40 pty in a throwaway home
per log size (the logs of scripts/log-sizes.py; "0e" is an open episode and no
session, see scripts/start-cpu.py); one start first builds the kept summary, then
a start under callgrind is dumped (`callgrind_control --dump`) when the window
title that follows the first frame has been written, and killed. Counts are of
user space only: the kernel's share of a start (exec, mapping, page faults) is
not in them, so their ratios are larger than those of CPU time.

--on measures a start at another time than now (scripts/start-cpu.py's start_at:
Today reads the week so far, so the same log costs more on a Sunday than on a
Monday).
"""
import argparse, glob, importlib.util, os, pty, select, shutil, signal, subprocess, sys, time
import fcntl, struct, termios

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("start_cpu", os.path.join(HERE, "start-cpu.py"))
cpu_mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cpu_mod)
sizes_mod = cpu_mod.sizes_mod


def build():
    root = os.path.dirname(HERE)
    env = dict(os.environ, RUSTFLAGS="--cfg rustix_use_libc", CARGO_PROFILE_RELEASE_STRIP="false",
               SUPPLE_KEEP_SYMBOLS="1")
    subprocess.run(["cargo", "build", "--release", "--locked", "--target-dir", "target/callgrind"],
                   cwd=root, env=env, check=True)
    return os.path.join(root, "target/callgrind/release/supple")


def to_first_frame(binary, args, home, out, deadline):
    """One start under callgrind on a 120x40 pty, writing to `out`, until the
    window title that follows its first frame is written (or `deadline`):
    (its pid, the pty, what it wrote)."""
    env = sizes_mod.env_for(home)
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve("/usr/bin/valgrind", ["valgrind", "--tool=callgrind", "--quiet", *os.environ.get("CALLGRIND_EXTRA", "").split(),
                                        f"--callgrind-out-file={out}", binary, *args], env)
    seen = b""
    while b"\x1b]0;" not in seen and time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 1)
        if r:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return pid, fd, seen


def counted(binary, args, home, out):
    """Instructions to the first frame of one start under callgrind."""
    for old in glob.glob(out + "*"):
        os.remove(old)
    deadline = time.monotonic() + 120
    pid, fd, seen = to_first_frame(binary, args, home, out, deadline)
    try:
        if b"\x1b]0;" not in seen:
            raise SystemExit(f"{args}: no first frame; the screen said: {seen[-400:]!r}")
        subprocess.run(["callgrind_control", "--dump", str(pid)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        dumps = []
        while not dumps and time.monotonic() < deadline:
            dumps = [d for d in glob.glob(out + ".*") if os.path.getsize(d) > 0]
            time.sleep(0.1)
        if not dumps:
            raise SystemExit(f"{args}: callgrind wrote no dump")
        time.sleep(0.2)
        with open(dumps[0]) as f:
            for line in f:
                if line.startswith("summary:") or line.startswith("totals:"):
                    return int(line.split()[1])
        raise SystemExit(f"{dumps[0]}: no total")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--bin", help="a build valgrind can run (default: build target/callgrind)")
    a.add_argument("--sizes", default="0,0e,100,100000,1000000")
    a.add_argument("--screens", default="home,play,history")
    a.add_argument("--logs", default="/tmp/supple-logs")
    a.add_argument("--on", help="RFC 3339 time to start at (default: now)")
    args = a.parse_args()
    binary = os.path.abspath(args.bin) if args.bin else build()
    sizes = args.sizes.split(",")
    screens = args.screens.split(",")
    end, logs_dir = cpu_mod.start_at(args.on, args.logs) if args.on else (None, args.logs)
    logs = {n: cpu_mod.log_file(logs_dir, n, end) for n in sizes}
    homes = {n: sizes_mod.home_for(logs[n]) for n in sizes}
    counts = {}
    try:
        for s in screens:
            for n in sizes:
                # The first start builds the kept summary and figures.
                sizes_mod.first_frame(binary, cpu_mod.SCREENS[s], homes[n])
                out = os.path.join(homes[n], "callgrind.out")
                counts[(s, n)] = counted(binary, cpu_mod.SCREENS[s], homes[n], out)
    finally:
        for h in homes.values():
            shutil.rmtree(h, ignore_errors=True)
    base = sizes[0]
    print(f"Instructions to the first frame (millions; in brackets, against {cpu_mod.label(base)})\n")
    print("| screen | " + " | ".join(cpu_mod.label(n) for n in sizes) + " |")
    print("| --- |" + " --- |" * len(sizes))
    for s in screens:
        cells = []
        for n in sizes:
            c = counts[(s, n)]
            ratio = c / counts[(s, base)] - 1
            cells.append(f"{c / 1e6:.2f}" + ("" if n == base else f" ({ratio:+.0%})"))
        print(f"| {s} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
