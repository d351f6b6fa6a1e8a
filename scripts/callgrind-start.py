#!/usr/bin/env python3
"""One start of supple under callgrind, to its first frame and a SIGTERM exit, for
comparing where the instructions go step by step (docs/performance.md's issue 25
sections): `callgrind_annotate --inclusive=yes OUT` lists them by function.

    python3 scripts/callgrind-start.py OUT HOME BIN [ARGS...]

HOME is a folder laid out as scripts/log-sizes.py's homes (d/supple/history.jsonl,
and the c/, s/ and k/ folders); BIN a build valgrind can run (scripts/
start-instructions.py's target/callgrind). The screen is a 120x40 pty; the first
frame is seen when the window title after it is written. Unlike
start-instructions.py, the count runs to the exit, so it includes what the exit
frees; run a start without callgrind first if the kept files must be made.
"""
import importlib.util, os, signal, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("start_instructions",
                                              os.path.join(HERE, "start-instructions.py"))
instructions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(instructions)


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    out, home, binary, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    pid, fd, seen = instructions.to_first_frame(binary, args, os.path.abspath(home), out,
                                                time.monotonic() + 120)
    time.sleep(0.5)
    os.kill(pid, signal.SIGTERM)
    # Read what it writes as it exits (its terminal restored) until it has gone.
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    os.close(fd)
    if b"\x1b]0;" not in seen:
        raise SystemExit(f"no first frame; the screen said: {seen[-400:]!r}")


if __name__ == "__main__":
    main()
