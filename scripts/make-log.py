#!/usr/bin/env python3
"""Writes a history log of RECORDS sessions, as supple writes them, for measuring.

    python3 scripts/make-log.py --records 100000 --out /tmp/h/history.jsonl [--episode]

The sessions end at --end (default: now) and go back evenly over --days (default:
RECORDS / 20 days, at least 30): routines (with the exercises whose reps progress),
walks, ice and heat with applications, most with pain before and after; a note and a
daily pain score every few days. With --episode, an episode of back pain starts
20 days before the end (with its red-flag questions answered no; with --records 0, the
episode is the log's one line). Deterministic: the
same arguments give the same bytes.
"""
import argparse, datetime, json, random

ROUTINES = [
    ("core-strength", "Core strength", [("Glute bridge", 6), ("Bird dog", 5), ("Pelvic tilt", 10)]),
    ("back-spasm-relief", "Back spasm relief", [("Cat-Cow", 8), ("Child's Pose", 1)]),
    ("desk-break", "Desk break", [("Seated twist", 4), ("Standing back bend", 3)]),
]

# Every red-flag sign (core::red_flags::Sign), all answered no.
SIGNS = ["saddle", "peeing", "control", "both_legs", "sexual", "cannot_move", "chest_pain",
         "accident", "fever", "weight_loss", "cancer", "fall", "night", "sneeze", "upper_back",
         "one_leg", "lump"]

def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")

def main():
    a = argparse.ArgumentParser()
    a.add_argument("--records", type=int, required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--end", help="RFC 3339 time of the last session (default: now)")
    a.add_argument("--days", type=float)
    a.add_argument("--episode", action="store_true")
    args = a.parse_args()
    rng = random.Random(25)
    end = (datetime.datetime.fromisoformat(args.end) if args.end
           else datetime.datetime.now(datetime.timezone.utc)).replace(microsecond=0)
    # Records before 2000 are refused by supple: at most 25 years back.
    days = args.days or min(max(30.0, args.records / 20), 25 * 365.0)
    step = datetime.timedelta(days=days) / max(args.records, 1)
    first = end - step * args.records
    onset = end - datetime.timedelta(days=20)
    episode = json.dumps({"v": 1, "kind": "episode", "event": "start", "at": stamp(onset),
                          "onset": stamp(onset), "asked": SIGNS}) + "\n"
    with open(args.out, "w") as f:
        episode_written = not args.episode
        for i in range(args.records):
            start = first + step * i
            if not episode_written and start >= onset:
                f.write(episode)
                episode_written = True
            kind = rng.choices(["routine", "ice", "heat"], [6, 1, 1])[0]
            length = rng.randint(180, 900)
            r = {"v": 1, "kind": kind, "start": stamp(start),
                 "end": stamp(start + datetime.timedelta(seconds=length)), "active_seconds": length - 5}
            finished = rng.random() < 0.9
            if kind == "routine":
                rid, name, exercises = rng.choice(ROUTINES)
                r.update(name=name, routine=rid, hash="fnv1a64:00000000000000%02x" % len(rid))
                r["outcome"] = "finished" if finished else "stopped"
                if not finished:
                    r["stopped_at"] = f"{exercises[-1][0]}, exercise {len(exercises)} of {len(exercises)}"
                r["exercises"] = [{"name": n, "reps_done": reps if finished else reps // 2,
                                   "reps_planned": reps, "seconds_done": reps * 5 if finished else reps * 2,
                                   "seconds_planned": reps * 5, "skipped": False} for n, reps in exercises]
            else:
                planned = rng.randint(1, 3)
                done = planned if finished else planned - 1
                r.update(name="Ice pack" if kind == "ice" else "Heat pack",
                         outcome="finished" if finished else "stopped",
                         applications_done=done, applications_planned=planned,
                         applied_seconds=[1200] * done)
            if rng.random() < 0.7:
                before = rng.randint(2, 7)
                r["pain_before"], r["pain_after"] = before, max(0, before - rng.randint(-1, 2))
            f.write(json.dumps(r) + "\n")
            if i % 40 == 7:
                f.write(json.dumps({"v": 1, "kind": "note", "at": stamp(start), "text": f"note {i}"}) + "\n")
            if i % 40 == 27:
                f.write(json.dumps({"v": 1, "kind": "pain", "at": stamp(start), "pain": rng.randint(1, 7)}) + "\n")
        # No session after the onset (--records 0): the episode alone.
        if not episode_written:
            f.write(episode)

if __name__ == "__main__":
    main()
