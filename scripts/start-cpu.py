#!/usr/bin/env python3
"""CPU time to the first frame of a start, to a hundredth of a millisecond: what
scripts/log-sizes.py measures (it rounds to whole milliseconds), with the starts
of every binary, log size and screen taken in turn, round after round, each round
in another order, so a shared machine's load falls on all of them alike (issue 25: "within 10 % of the
empty log" is a fraction of a millisecond).

    python3 scripts/start-cpu.py --bin OLD --bin NEW --sizes 0,100,100000,1000000 --runs 40
    python3 scripts/start-cpu.py --bin NEW --screens home --sizes 0,0e,100,1000000
    python3 scripts/start-cpu.py --bin NEW --screens home --on 2026-12-06T12:00:00Z

A size "0e" is a log with no session and an open episode (its one line): the home
screen with the Today panel and the weekly safety questions that the logs with
sessions show, which the empty log (no episode) does not.

Each binary gets its own throwaway home per log size (the logs are those of
scripts/log-sizes.py, written once into --logs); one start first builds the
kept summary. Prints a Markdown table: per binary and screen, the median and
lower quartile of the CPU time of --runs starts at each size; then each size
against the first as the median of each round's own ratio.
"""
import argparse, atexit, datetime, importlib.util, os, random, shutil, statistics, subprocess, sys
import tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("log_sizes", os.path.join(HERE, "log-sizes.py"))
sizes_mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sizes_mod)

SCREENS = {"home": [], "play": ["play", "core-strength"], "history": ["history"]}


def start(binary, screen, home):
    """CPU ms of one start (again when a thread ended while it was read)."""
    for _ in range(5):
        try:
            return sizes_mod.first_frame(binary, SCREENS[screen], home)[2] * 1000
        except (ProcessLookupError, FileNotFoundError):
            continue
    raise SystemExit(f"{binary} {screen}: its threads kept ending while they were read")


def log_file(logs, size, end=None):
    """The log of `size` sessions ("0e": none, and an open episode), its last
    ending at `end` (RFC 3339; default now)."""
    if size != "0e":
        return sizes_mod.log_file(logs, int(size), end)
    path = os.path.join(logs, "history-0e.jsonl")
    if not os.path.exists(path):
        os.makedirs(logs, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(HERE, "make-log.py"), "--records", "0",
                        "--out", path + ".part", "--episode", *(["--end", end] if end else [])],
                       check=True)
        os.rename(path + ".part", path)
    return path


def label(size):
    return "0 sessions, an episode" if size == "0e" else f"{int(size):,} sessions"


def start_at(on, logs):
    """Every start from now on at `on` (RFC 3339), not now: the wall clock it
    reads moved there by scripts/clock-shift.c (built with gcc), an LD_PRELOAD
    shim. Today reads the week so far, so the same log costs more on a Sunday
    than on a Monday. Returns when the logs end (an hour before) and their folder
    (apart from today's)."""
    when = datetime.datetime.fromisoformat(on.replace("Z", "+00:00"))
    end = (when - datetime.timedelta(hours=1)).isoformat()
    shim = os.path.join(tempfile.mkdtemp(prefix="supple-shift-"), "clock-shift.so")
    atexit.register(shutil.rmtree, os.path.dirname(shim), True)
    subprocess.run(["gcc", "-shared", "-fPIC", "-O2", "-o", shim,
                    os.path.join(HERE, "clock-shift.c"), "-ldl"], check=True)
    shift = int(when.timestamp() - time.time())
    sizes_mod.EXTRA_ENV.update({"LD_PRELOAD": shim, "SHIFT_SECONDS": str(shift)})
    print(f"Starts at {on} (the wall clock moved {shift} s)\n")
    return end, f"{logs}-end-{end}"


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--bin", action="append", required=True)
    a.add_argument("--sizes", default="0,100,100000,1000000")
    a.add_argument("--screens", default="home,play,history")
    a.add_argument("--runs", type=int, default=40)
    a.add_argument("--logs", default="/tmp/supple-logs")
    a.add_argument("--on", help="RFC 3339 time to start at (default: now); see start_at")
    args = a.parse_args()
    sizes = args.sizes.split(",")
    screens = args.screens.split(",")
    end, logs_dir = start_at(args.on, args.logs) if args.on else (None, args.logs)
    logs = {n: log_file(logs_dir, n, end) for n in sizes}
    bins = [os.path.abspath(b) for b in args.bin]
    homes = {(b, n): sizes_mod.home_for(logs[n]) for b in bins for n in sizes}
    cases = [(b, s, n) for b in bins for s in screens for n in sizes]
    try:
        for b, s, n in cases:
            start(b, s, homes[(b, n)])
        cpu = {c: [] for c in cases}
        # Each round in its own order: a start after one of another screen or
        # binary finds colder caches, and a fixed order gave that to the same cases.
        order = random.Random(25)
        for _ in range(args.runs):
            for b, s, n in order.sample(cases, len(cases)):
                cpu[(b, s, n)].append(start(b, s, homes[(b, n)]))
    finally:
        for h in homes.values():
            shutil.rmtree(h, ignore_errors=True)
    print(f"CPU ms to the first frame, median (lower quartile) of {args.runs} starts, taken in turn\n")
    print("| binary | screen | " + " | ".join(label(n) for n in sizes) + " |")
    print("| --- | --- |" + " --- |" * len(sizes))
    for b in bins:
        for s in screens:
            cells = []
            for n in sizes:
                v = sorted(cpu[(b, s, n)])
                cells.append(f"{statistics.median(v):.2f} ({v[len(v) // 4]:.2f})")
            print(f"| `{os.path.basename(b)}` | {s} | " + " | ".join(cells) + " |")
    if len(sizes) > 1:
        # Each round's start at a size over the same round's start at the first
        # size: a machine busier in one minute than the next moves both alike, so
        # the median of these ratios varies less from run to run than the ratio
        # of the medians above.
        print(f"\nAgainst {label(sizes[0])}, median of the {args.runs} rounds' own ratios\n")
        print("| binary | screen | " + " | ".join(label(n) for n in sizes[1:]) + " |")
        print("| --- | --- |" + " --- |" * (len(sizes) - 1))
        for b in bins:
            for s in screens:
                base = cpu[(b, s, sizes[0])]
                cells = []
                for n in sizes[1:]:
                    ratios = [x / y for x, y in zip(cpu[(b, s, n)], base)]
                    cells.append(f"{(statistics.median(ratios) - 1) * 100:+.1f} %")
                print(f"| `{os.path.basename(b)}` | {s} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
