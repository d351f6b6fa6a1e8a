#!/usr/bin/env python3
"""Runs a terminal timer in a detached tmux pane and measures it from /proc.

For each scenario: launch in `tmux new-session -d -x 100 -y 30`, time to the first
non-blank capture (5 ms polls), then after a 3 s warm-up a 30 s window of CPU time
(per-thread /proc/PID/task/*/schedstat) and context switches (voluntary +
involuntary, all threads), peak RSS (VmHWM), and the moment the done text appears
(10 ms polls near the end) against launch + the planned length.
"""
import argparse
import glob
import os
import statistics
import subprocess
import time

SESSION = "supple-measure"


def tmux(*args, check=True):
    return subprocess.run(["tmux", *args], check=check, capture_output=True, text=True).stdout


def threads_cpu_and_switches(pid):
    cpu_ns = 0
    switches = 0
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(f"{task}/schedstat") as f:
                cpu_ns += int(f.read().split()[0])
            with open(f"{task}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        switches += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return cpu_ns, switches


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024
    return float("nan")


def capture():
    return tmux("capture-pane", "-p", "-t", SESSION, check=False)


def run_once(command, length_s, done_text, keys=None, warmup=3.0, window=30.0):
    tmux("kill-session", "-t", SESSION, check=False)
    t0 = time.monotonic()
    tmux("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30", f"exec {command}")
    first = None
    while time.monotonic() - t0 < 5:
        if capture().strip():
            first = time.monotonic() - t0
            break
        time.sleep(0.005)
    pid = int(tmux("display", "-p", "-t", SESSION, "#{pane_pid}").strip())
    if keys:
        # The timer starts on a key (after its safety screen): measure from there.
        time.sleep(0.2)
        tmux("send-keys", "-t", SESSION, keys)
        t0 = time.monotonic()
    time.sleep(max(0.0, t0 + warmup - time.monotonic()))
    c0, s0 = threads_cpu_and_switches(pid)
    w0 = time.monotonic()
    time.sleep(window)
    c1, s1 = threads_cpu_and_switches(pid)
    w1 = time.monotonic()
    cpu = (c1 - c0) / ((w1 - w0) * 1e9) * 100
    wakeups = (s1 - s0) / (w1 - w0)
    time.sleep(max(0.0, t0 + length_s - 1.0 - time.monotonic()))
    end = None
    while time.monotonic() - t0 < length_s + 10:
        if done_text in capture():
            end = time.monotonic() - (t0 + length_s)
            break
        time.sleep(0.01)
    rss = peak_rss_mib(pid)
    tmux("kill-session", "-t", SESSION, check=False)
    return {"cpu": cpu, "wakeups": wakeups, "rss": rss, "first_ms": first * 1000, "end_ms": (end or float("nan")) * 1000}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/supple")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", help="run only the scenarios whose name contains this")
    args = ap.parse_args()
    scenarios = [
        ("60 s hold (plain countdown)", f"{args.bin} play tests/fixtures/valid/hold-60s.toml --quiet", 60, "DONE"),
        ("60 s breathing (bar animates)", f"{args.bin} play tests/fixtures/valid/breathe-60s.toml --quiet", 60, "DONE"),
        ("10 min ice timer (4m on, 2m off, 2 times)", f"{args.bin} ice --on 4m --off 2m --cycles 2 --quiet", 600, "DONE", "Enter"),
        # The harness itself: launching through tmux and spotting text costs this much.
        ("harness floor: printf; sleep 60; echo DONE", "sh -c 'printf X; sleep 60; echo DONE; sleep 5'", 60, "DONE"),
    ]
    print(f"machine: {os.cpu_count()} cores; {subprocess.run(['uname', '-sr'], capture_output=True, text=True).stdout.strip()}; tmux {tmux('-V').split()[-1]}")
    print(f"median of {args.runs} runs\n")
    print(f"| scenario | CPU % of a core | wakeups/s | peak RSS MiB | first frame ms | end vs plan ms |")
    print(f"| --- | --- | --- | --- | --- | --- |")
    for name, cmd, length, done, *keys in scenarios:
        if args.only and args.only not in name:
            continue
        runs = [run_once(cmd, length, done, *keys) for _ in range(args.runs)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(f"| {name} | {med['cpu']:.3f} | {med['wakeups']:.1f} | {med['rss']:.1f} | {med['first_ms']:.0f} | {med['end_ms']:+.0f} |", flush=True)


if __name__ == "__main__":
    main()
