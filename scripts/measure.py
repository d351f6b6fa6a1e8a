#!/usr/bin/env python3
"""Runs a terminal timer in a detached tmux pane and measures it from /proc.

For each scenario: launch in `tmux new-session -d -x 100 -y 30`, time to the first
non-blank capture (5 ms polls), then after a 3 s warm-up a 30 s window of CPU time
(per-thread /proc/PID/task/*/schedstat) and context switches (voluntary +
involuntary, all threads), peak RSS (VmHWM), and the moment the done text appears
(10 ms polls near the end) against launch + the planned length.
"""
import argparse
import atexit
import glob
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import importlib.util

_spec = importlib.util.spec_from_file_location(
    "smaps", os.path.join(os.path.dirname(os.path.abspath(__file__)), "smaps.py"))
smaps = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(smaps)

SESSION = "supple-measure"
# A timer that exits at zero and prints no done text of its own.
EXITS = None


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


def exited(pid):
    """Gone, or a zombie: tmux reaps its pane's process a second or two after it exits."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def capture():
    return tmux("capture-pane", "-p", "-t", SESSION, check=False)


def run_once(command, length_s, done_text, keys=None, warmup=3.0, window=30.0):
    tmux("kill-session", "-t", SESSION, check=False)
    t0 = time.monotonic()
    # A server still exiting after the last session was killed can refuse the
    # next one ("server exited unexpectedly"): try again a moment later.
    for attempt in range(5):
        started = subprocess.run(["tmux", "new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30",
                                  f"exec {command}"], capture_output=True, text=True)
        if started.returncode == 0:
            break
        time.sleep(0.5)
    else:
        raise RuntimeError(f"tmux cannot start a session: {started.stderr.strip()}")
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
    rss = peak_rss_mib(pid)
    time.sleep(max(0.0, t0 + length_s - 1.0 - time.monotonic()))
    end = None
    while time.monotonic() - t0 < length_s + 10:
        # Done when the done text shows, or when the timer exits at zero.
        if exited(pid) or (done_text and done_text in capture()):
            end = time.monotonic() - (t0 + length_s)
            break
        time.sleep(0.01)
    tmux("kill-session", "-t", SESSION, check=False)
    return {"cpu": cpu, "wakeups": wakeups, "rss": rss, "first_ms": first * 1000, "end_ms": (end or float("nan")) * 1000}


def median_run(cmd, length, done, keys=None, runs=3):
    results = [run_once(cmd, length, done, keys) for _ in range(runs)]
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


def machine():
    kernel = subprocess.run(["uname", "-sr"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores; {kernel}; tmux {tmux('-V').split()[-1]}"


def isolated():
    """An env prefix that keeps the runs out of the user's own config, history and state."""
    d = tempfile.mkdtemp(prefix="supple-measure-")
    atexit.register(shutil.rmtree, d, True)  # the throwaway home goes at exit
    return f"env XDG_CONFIG_HOME={d}/config XDG_DATA_HOME={d}/data XDG_STATE_HOME={d}/state"


def own_scenarios(args):
    supple = f"{isolated()} {os.path.abspath(args.bin)}"
    return [
        ("60 s hold (plain countdown)", f"{supple} play tests/fixtures/valid/hold-60s.toml --quiet --no-pain", 60, "DONE"),
        ("60 s breathing (bar animates)", f"{supple} play tests/fixtures/valid/breathe-60s.toml --quiet --no-pain", 60, "DONE"),
        ("10 min ice timer (4m on, 2m off, 2 times)", f"{supple} ice --on 4m --off 2m --cycles 2 --quiet", 600, "DONE", "Enter"),
        # The harness itself: launching through tmux and spotting text costs this much.
        ("harness floor: printf; sleep 60; echo DONE", "sh -c 'printf X; sleep 60; echo DONE; sleep 5'", 60, "DONE"),
    ]


def peer_scenarios(args):
    d = os.path.abspath(args.peers)
    env = f"env HOME={d}/home XDG_CONFIG_HOME={d}/home/.config XDG_DATA_HOME={d}/home/.local/share"
    return [
        ("supple 0.1.0 (`supple play` of a 60 s hold)", f"{env} {os.path.abspath(args.bin)} play tests/fixtures/valid/hold-60s.toml --quiet --no-pain", 60, "DONE"),
        ("timr-tui 1.9.0", f"{env} {d}/root/bin/timr-tui -r -m countdown -c 1:00", 60, "DONE", "Space"),
        ("clock-tui 0.6.1 (tclock)", f"{env} {d}/root/bin/tclock timer -d 60s -e true", 60, "[SUCCEED]"),
        ("porsmo 0.3.5", f"{env} PULSE_SERVER=unix:{d}/pulse.sock {d}/root/bin/porsmo timer 1m", 60, "Timer has ended"),
        ("countdown-tui 0.1.5", f"{env} {d}/root/bin/countdown-tui 60s", 60, EXITS),
        ("termdown 2.0.0", f"{env} PYTHONPATH={d}/py {d}/py/bin/termdown 60", 60, EXITS),
        ("harness floor (`printf X; sleep 60`)", "sh -c 'printf X; sleep 60'", 60, EXITS),
    ]


def ratio(value, base):
    if base == 0 or value != value:
        return "-"
    return f"{value / base:.1f}x"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/supple")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", help="run only the scenarios whose name contains this")
    ap.add_argument("--peers", help="a folder made by scripts/compare-peers.sh: measure supple beside its peers")
    args = ap.parse_args()
    # Peak RSS counts the binary's pages that are cached around each fault:
    # smaps.warm says why the binary is read whole first.
    smaps.warm(os.path.abspath(args.bin))
    print(f"machine: {machine()}")
    print(f"median of {args.runs} runs\n")
    if args.peers:
        return compare(args)
    print("| scenario | CPU % of a core | wakeups/s | peak RSS MiB | first frame ms | end vs plan ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, cmd, length, done, *keys in own_scenarios(args):
        if args.only and args.only not in name:
            continue
        med = median_run(cmd, length, done, *keys, runs=args.runs)
        print(f"| {name} | {med['cpu']:.3f} | {med['wakeups']:.1f} | {med['rss']:.1f} | {med['first_ms']:.0f} | {med['end_ms']:+.0f} |", flush=True)


def compare(args):
    # The peers' binaries read whole too (smaps.warm), as supple's is.
    for binary in glob.glob(os.path.join(os.path.abspath(args.peers), "root", "bin", "*")):
        smaps.warm(binary)
    rows = []
    for name, cmd, length, done, *keys in peer_scenarios(args):
        if args.only and args.only not in name and rows and "harness" not in name:
            continue
        rows.append((name, median_run(cmd, length, done, *keys, runs=args.runs), bool(keys)))
    base = rows[0][1]
    floor = rows[-1][1]["end_ms"]
    print("Each cell: the median, then the ratio to supple's median (1.0x = the same; higher is worse).")
    print("Drift: when the timer showed it was done (its done text, or its exit), against launch")
    print("+ 60 s, or against the start key + 60 s for a timer that waits for one (timr-tui). Net:")
    print(f"less the harness floor ({floor:+.0f} ms), the cost of launching through tmux, for the")
    print("timers measured from launch.\n")
    print("| program | CPU % of a core | wakeups/s | peak RSS MiB | first frame ms | drift ms | net drift ms |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, med, from_key in rows:
        net = med["end_ms"] if from_key else med["end_ms"] - floor
        cells = [
            f"{med['cpu']:.3f} ({ratio(med['cpu'], base['cpu'])})",
            f"{med['wakeups']:.1f} ({ratio(med['wakeups'], base['wakeups'])})",
            f"{med['rss']:.1f} ({ratio(med['rss'], base['rss'])})",
            f"{med['first_ms']:.0f} ({ratio(med['first_ms'], base['first_ms'])})",
            f"{med['end_ms']:+.0f}",
            "-" if "harness" in name else f"{net:+.0f}",
        ]
        print(f"| {name} | {' | '.join(cells)} |", flush=True)


if __name__ == "__main__":
    main()
