#!/usr/bin/env python3
"""How the size of the history log weighs on a start: the first frame of the home
screen, `supple play` and the history screen, and `supple history --json`, at
0, 10k, 100k and 1M sessions (issue 25). Prints a Markdown table.

    python3 scripts/log-sizes.py --bin target/release/supple
    python3 scripts/log-sizes.py --bin OLD --bin NEW --sizes 0,10000 --runs 5

Each log is written once by scripts/make-log.py (with an open episode; the log of 0
sessions is empty) into
--logs (default /tmp/supple-logs) and reused: a million sessions take a while
to write. Each screen runs on a pty (120x40) in a throwaway home whose log is a
hard link to that file. "first start" is a start with an empty cache folder (it
builds the kept summary); "start" is the median of --runs starts after it. A
start counts as drawn when the window title that follows the first frame has
been written; its peak RSS (VmHWM) and CPU time (every thread's schedstat) are
read from /proc then, and it is killed (so nothing is appended to the log).
`history --json` writes to /dev/null through /usr/bin/time: its wall time, CPU
and peak RSS.
"""
import argparse, glob, os, pty, select, shutil, signal, statistics, subprocess, sys, tempfile, time
import fcntl, struct, termios

HERE = os.path.dirname(os.path.abspath(__file__))
SCREENS = [("home (`supple`)", []), ("`supple play core-strength`", ["play", "core-strength"]),
           ("history screen", ["history"])]


# Set by a caller that measures on another day than today (start-instructions.py
# --on): added to every start's environment.
EXTRA_ENV = {}


def log_file(logs, n, end=None):
    """The log of `n` sessions, its last ending at `end` (RFC 3339; default now),
    with an open episode; the log of 0 is empty (the empty log the goals are
    measured against: make-log.py --records 0 --episode writes the episode alone,
    which is start-cpu.py's "0e")."""
    path = os.path.join(logs, f"history-{n}.jsonl")
    if not os.path.exists(path):
        os.makedirs(logs, exist_ok=True)
        tmp = path + ".part"
        episode = ["--episode"] if n > 0 else []
        subprocess.run([sys.executable, os.path.join(HERE, "make-log.py"), "--records", str(n),
                        "--out", tmp, *episode, *(["--end", end] if end else [])], check=True)
        os.rename(tmp, path)
    return path


def home_for(log):
    home = tempfile.mkdtemp(prefix="supple-sizes-")
    for d in ("d/supple", "c/supple", "s", "k"):
        os.makedirs(os.path.join(home, d))
    os.link(log, os.path.join(home, "d/supple/history.jsonl"))
    # No pain question before the routine: the player's own screen comes first.
    with open(os.path.join(home, "c/supple/config.toml"), "w") as f:
        f.write("[player]\npain = false\n")
    return home


def env_for(home):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TZ": "UTC",
           "TERM": "xterm-256color", "XDG_CONFIG_HOME": home + "/c", "XDG_DATA_HOME": home + "/d",
           "XDG_STATE_HOME": home + "/s", "XDG_CACHE_HOME": home + "/k", "LANG": "C.UTF-8"}
    env.update(EXTRA_ENV)
    return env


def first_frame(binary, args, home):
    """Seconds to the first frame, peak RSS in MiB and CPU seconds."""
    env = env_for(home)
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(binary, [binary, *args], env)
    t0 = time.monotonic()
    seen = b""
    while b"\x1b]0;" not in seen:
        r, _, _ = select.select([fd], [], [], 60)
        if not r:
            break
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
    took = time.monotonic() - t0
    # From /proc, not wait4(2): a child forked from this Python carries Python's
    # own peak RSS in its rusage.
    rss, cpu = peak_rss_mib(pid), cpu_seconds(pid)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    if b"\x1b]0;" not in seen:
        raise SystemExit(f"{args}: no first frame; the screen said: {seen[-400:]!r}")
    return took, rss, cpu


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid):
    ns = 0
    for task in glob.glob(f"/proc/{pid}/task/*/schedstat"):
        with open(task) as f:
            ns += int(f.read().split()[0])
    return ns / 1e9


def json_run(binary, home):
    # Through /usr/bin/time, a small process: its child's peak RSS is supple's own.
    out = os.path.join(home, "time")
    t0 = time.monotonic()
    with open(os.devnull, "w") as null:
        subprocess.run(["/usr/bin/time", "-o", out, "-f", "%M %U %S", binary, "history", "--json"],
                       env=env_for(home), stdout=null, stdin=subprocess.DEVNULL, check=True)
    took = time.monotonic() - t0
    with open(out) as f:
        kib, user, system = f.read().split()[-3:]
    return took, int(kib) / 1024, float(user) + float(system)


def cell(t, rss, cpu):
    ms = t * 1000
    when = f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms"
    return f"{when}, {rss:.1f} MiB, CPU {cpu * 1000:.0f} ms"


def median(runs):
    return tuple(statistics.median(r[i] for r in runs) for i in range(3))


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--bin", action="append", help="a supple binary (more than one: a table each)")
    a.add_argument("--sizes", default="0,10000,100000,1000000")
    a.add_argument("--runs", type=int, default=5)
    a.add_argument("--logs", default="/tmp/supple-logs")
    a.add_argument("--only", help="only the rows whose name has this text (for example: history)")
    args = a.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    kernel = subprocess.run(["uname", "-sr"], capture_output=True, text=True).stdout.strip()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} cores; {kernel}; "
          f"median of {args.runs} starts after the first; pty 120x40\n")
    for binary in args.bin or ["target/release/supple"]:
        binary = os.path.abspath(binary)
        print(f"`{binary}` ({os.path.getsize(binary)} bytes)\n")
        print("| what | " + " | ".join(f"{n:,} sessions" for n in sizes) + " |")
        print("| --- |" + " --- |" * len(sizes))
        logs = {n: log_file(args.logs, n) for n in sizes}
        for name, screen in SCREENS:
            if args.only and args.only not in name:
                continue
            firsts, laters = [], []
            for n in sizes:
                home = home_for(logs[n])
                firsts.append(cell(*first_frame(binary, screen, home)))
                laters.append(cell(*median([first_frame(binary, screen, home) for _ in range(args.runs)])))
                shutil.rmtree(home)
            print(f"| {name}, first start | " + " | ".join(firsts) + " |", flush=True)
            print(f"| {name}, start | " + " | ".join(laters) + " |", flush=True)
        cells = []
        if args.only and args.only not in "`history --json > /dev/null`":
            continue
        for n in sizes:
            home = home_for(logs[n])
            cells.append(cell(*json_run(binary, home)))
            shutil.rmtree(home)
        print("| `history --json > /dev/null` | " + " | ".join(cells) + " |\n", flush=True)


if __name__ == "__main__":
    main()
