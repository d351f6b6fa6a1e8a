#!/usr/bin/env python3
"""Makes build/hot-symbols.txt: the symbols of the code supple runs at a start and
while a timer waits, in the order build.rs asks the linker to put them first
(issue 25: the pages of code a running supple keeps in memory).

    python3 scripts/hot-symbols.py            # builds both, profiles, writes the list
    python3 scripts/hot-symbols.py --check    # how many of the list a release build has

What runs is found with callgrind, which cannot run the release build (rustix's own
reading of the vDSO crashes under valgrind), so two builds are made:
target/callgrind with `--cfg rustix_use_libc`, run under callgrind, and
target/hot, the release build as shipped but with its symbols
(`SUPPLE_KEEP_SYMBOLS=1`: build.rs then does not strip them; nothing else
changes, so its symbols are the release's). The flag changes
the crates' hashes in symbol names, so each function run is found in target/hot
by its name without hashes (`c++filt`, then the `[...]` and `::h...` parts
taken out): every instance of that name is listed, first the ones the hold
runs, then the home screen's, the ice timer's and the history screen's.

Scenarios, each on a 100x30 pty in a throwaway home, their symbols listed in this
order (what runs first, linked first, so what a waiting timer keeps is together):
`supple play tests/fixtures/valid/hold-60s.toml --quiet --no-pain` for 8 s (the 60 s
hold of scripts/measure.py and scripts/smaps.py), the same of a 4 s hold to its end and
8 s past it (its finished screen and the session logged), and `supple ice` for 4 s,
in empty homes; then, in a home whose log holds 300 sessions and an open episode
(scripts/make-log.py), `supple` (home) and `supple history` twice each: the
first start builds the kept files, the second reads them.
"""
import argparse, os, pty, re, select, shutil, signal, subprocess, sys, tempfile, time
import fcntl, struct, termios

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LIST = os.path.join(ROOT, "build", "hot-symbols.txt")
# A hold as tests/fixtures/valid/hold-60s.toml but of 4 s, so that callgrind sees
# it to its end: the finished screen and the session logged.
SHORT_HOLD = 'name = "Four seconds"\nlead_in = "0s"\n\n[[exercise]]\nname = "Hold"\nhold = "4s"\n'

# (arguments, seconds, in the home with a log)
SCENARIOS = [
    (["play", "tests/fixtures/valid/hold-60s.toml", "--quiet", "--no-pain"], 8, False),
    (["play", "HOLD", "--quiet", "--no-pain"], 12, False),
    (["ice"], 4, False),
    ([], 4, True),
    ([], 3, True),
    (["history"], 4, True),
    (["history"], 3, True),
]


def make_home(with_log):
    home = tempfile.mkdtemp(prefix="supple-hot-")
    if with_log:
        os.makedirs(os.path.join(home, "d", "supple"))
        subprocess.run([sys.executable, os.path.join(HERE, "make-log.py"), "--records", "300",
                        "--episode", "--out", os.path.join(home, "d", "supple", "history.jsonl")],
                       check=True, stdout=subprocess.DEVNULL)
    return home


def build(target_dir, rustflags):
    """A release build into `target_dir` that keeps its symbols: with `rustflags`
    (a build valgrind can run: the profile's strip off too), or else the release
    itself, its link told not to strip (build.rs)."""
    env = dict(os.environ, SUPPLE_KEEP_SYMBOLS="1")
    if rustflags:
        env["RUSTFLAGS"] = rustflags
        env["CARGO_PROFILE_RELEASE_STRIP"] = "false"
    subprocess.run(["cargo", "build", "--release", "--locked", "--target-dir", target_dir],
                   cwd=ROOT, env=env, check=True)
    return os.path.join(ROOT, target_dir, "release", "supple")


def profile(binary, args, seconds, out, home):
    env = {"HOME": home, "XDG_CONFIG_HOME": f"{home}/c", "XDG_DATA_HOME": f"{home}/d",
           "XDG_STATE_HOME": f"{home}/s", "XDG_CACHE_HOME": f"{home}/k",
           "TERM": "xterm-256color", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"}
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.chdir(ROOT)
        os.execve("/usr/bin/valgrind", ["valgrind", "--tool=callgrind", "--demangle=no",
                                        "--compress-strings=no", f"--callgrind-out-file={out}",
                                        binary, *args], env)
    try:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 0.5)
            if r:
                try:
                    os.read(fd, 65536)
                except OSError:
                    break
        os.kill(pid, signal.SIGTERM)
        end = time.monotonic() + 30
        while time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 0.5)
            if r:
                try:
                    if not os.read(fd, 65536):
                        break
                except OSError:
                    break
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)


def run_functions(out, binary):
    """The mangled names of the functions of `binary` that ran, as callgrind saw them."""
    names, seen, obj = [], set(), None
    base = os.path.basename(binary)
    with open(out) as f:
        for line in f:
            if line.startswith("ob="):
                obj = line[3:].strip()
            elif line.startswith("fn=") and obj and obj.endswith(base):
                name = line[3:].strip()
                if name.startswith("("):
                    name = name.split(") ", 1)[-1]
                if name not in seen and not name.startswith("0x"):
                    seen.add(name)
                    names.append(name)
    return names


def demangled(names):
    text = subprocess.run(["c++filt"], input="\n".join(names), capture_output=True,
                          text=True, check=True).stdout
    return [key(d) for d in text.splitlines()]


def key(name):
    """A demangled name without the hashes that differ from one build's flags to another's."""
    name = re.sub(r"\[[0-9a-f]+\]", "", name)
    return re.sub(r"::h[0-9a-f]{16}$", "", name)


def symbols(binary):
    """The function symbols of `binary`, mangled."""
    out = subprocess.run(["nm", binary], capture_output=True, text=True, check=True).stdout
    return [p[2] for p in (l.split() for l in out.splitlines()) if len(p) == 3 and p[1] in "tTwW"]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--check", action="store_true")
    args = a.parse_args()
    hot = build("target/hot", "")
    shipped = symbols(hot)
    if args.check:
        listed = open(LIST).read().split()
        have = set(shipped)
        print(f"{sum(n in have for n in listed)} of the list's {len(listed)} symbols are in the build")
        return
    run = build("target/callgrind", "--cfg rustix_use_libc")
    by_key = {}
    for name, k in zip(shipped, demangled(shipped)):
        by_key.setdefault(k, []).append(name)
    ordered, seen = [], set()
    logged = make_home(True)
    with tempfile.TemporaryDirectory() as tmp:
        for n, (args_, seconds, with_log) in enumerate(SCENARIOS):
            out = os.path.join(tmp, f"callgrind.{n}")
            home = logged if with_log else make_home(False)
            if "HOLD" in args_:
                hold = os.path.join(home, "hold.toml")
                with open(hold, "w") as f:
                    f.write(SHORT_HOLD)
                args_ = [hold if a == "HOLD" else a for a in args_]
            profile(run, args_, seconds, out, home)
            if home != logged:
                shutil.rmtree(home, ignore_errors=True)
            names = run_functions(out, run)
            for k in demangled(names):
                for name in by_key.get(k, []):
                    if name not in seen:
                        seen.add(name)
                        ordered.append(name)
    shutil.rmtree(logged, ignore_errors=True)
    os.makedirs(os.path.dirname(LIST), exist_ok=True)
    with open(LIST, "w") as f:
        f.write("\n".join(ordered) + "\n")
    print(f"{len(ordered)} symbols written to {os.path.relpath(LIST, ROOT)}")


if __name__ == "__main__":
    main()
