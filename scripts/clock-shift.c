/* Moves the wall clock a process reads by SHIFT_SECONDS (an LD_PRELOAD shim),
 * to measure a start on another weekday than today: the home screen's Today
 * reads the week so far, so a Sunday reads six days more of a dense log than a
 * Monday. Only CLOCK_REALTIME moves; the monotonic and boot clocks do not.
 *
 *   gcc -shared -fPIC -O2 -o /tmp/clock-shift.so scripts/clock-shift.c -ldl
 *   python3 scripts/make-log.py --records 1000000 --episode \
 *       --end 2026-12-06T11:00:00Z --out HOME/d/supple/history.jsonl
 *   LD_PRELOAD=/tmp/clock-shift.so \
 *   SHIFT_SECONDS=$(( $(date -d 2026-12-06T12:00:00Z +%s) - $(date +%s) )) supple
 *
 * docs/performance.md ("Issue 25, the home screen on every weekday, stop 34")
 * has the figures. A measuring tool only: never linked into supple. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

int clock_gettime(clockid_t id, struct timespec *ts) {
    static int (*real)(clockid_t, struct timespec *);
    if (!real) real = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
    int r = real(id, ts);
    if (r == 0 && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) {
        const char *s = getenv("SHIFT_SECONDS");
        if (s) ts->tv_sec += atol(s);
    }
    return r;
}
