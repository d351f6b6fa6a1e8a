#!/usr/bin/env python3
"""Time from starting `supple` (the home screen) to its first frame, on a pty.

    python3 scripts/first-frame.py --bin target/release/supple --records 100000 --runs 15

Builds a history log of RECORDS sessions in a temporary folder, then starts the
home screen RUNS times without an open episode and RUNS times with one, and prints
the medians. The frame counts as drawn when the window title that follows it has been written.
"""
import argparse, atexit, datetime, fcntl, json, os, pty, select, shutil, statistics, struct, tempfile, termios, time

def make_log(path, n, episode):
    start = datetime.datetime(2026, 1, 1, 8, 0, tzinfo=datetime.timezone.utc)
    with open(path, "w") as f:
        for i in range(n):
            end = (start + datetime.timedelta(seconds=288 * i)).isoformat().replace("+00:00", "Z")
            if episode and i == n - 200:
                f.write(json.dumps({"v": 1, "kind": "episode", "event": "start", "at": end, "onset": end}) + "\n")
            f.write(json.dumps({"v": 1, "kind": "routine", "name": "Back spasm relief",
                "routine": "back-spasm-relief", "start": end, "end": end, "active_seconds": 316,
                "outcome": "finished", "pain_before": 5, "pain_after": 3,
                "exercises": [{"name": "Cat-Cow", "reps_done": 8, "reps_planned": 8,
                               "seconds_done": 64, "seconds_planned": 64, "skipped": False}]}) + "\n")

def once(binary, home):
    env = dict(os.environ, XDG_CONFIG_HOME=home + "/c", XDG_DATA_HOME=home + "/d",
               XDG_STATE_HOME=home + "/s", TERM="xterm-256color", COLUMNS="120", LINES="40")
    env.pop("SUPPLE_DATA_DIR", None)
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(binary, [binary], env)
    t0 = time.monotonic()
    seen = b""
    while b"\x1b]0;supple" not in seen:
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            break
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
    took = time.monotonic() - t0
    if b"\x1b]0;supple" not in seen:
        raise SystemExit("no first frame; the screen said: " + repr(seen[-400:]))
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    return took

def main():
    a = argparse.ArgumentParser()
    a.add_argument("--bin", default="target/release/supple")
    a.add_argument("--records", type=int, default=100000)
    a.add_argument("--runs", type=int, default=15)
    args = a.parse_args()
    binary = os.path.abspath(args.bin)
    homes = {}
    for episode in (False, True):
        home = tempfile.mkdtemp(prefix="supple-ff-")
        atexit.register(shutil.rmtree, home, True)  # the throwaway home goes at exit
        os.makedirs(home + "/d/supple")
        os.makedirs(home + "/c/supple")
        make_log(home + "/d/supple/history.jsonl", args.records, episode)
        homes[episode] = home
    # Interleaved, so that the machine's drift falls on both alike.
    times = {False: [], True: []}
    for _ in range(args.runs):
        for episode in (False, True):
            times[episode].append(once(binary, homes[episode]))
    a, b = statistics.median(times[False]), statistics.median(times[True])
    print(f"no episode: median {a * 1000:.1f} ms; with an open episode (Today panel): "
          f"median {b * 1000:.1f} ms; ratio {b / a:.3f} ({args.runs} interleaved runs, {args.records} records)")

if __name__ == "__main__":
    main()
