//! The tables at the end of the page: each exercise's dose, and every session.

use std::fmt::Write;

use super::{day, minutes};
use crate::report::{Report, escape};

/// One session of an exercise, for the "last three" column: "9/9", or "2/9
/// (stopped)".
fn one(e: &crate::report::Exercise, i: usize) -> String {
    let done = e.points.get(i).map_or(0, |p| p.1);
    let planned = e.planned.get(i).copied().unwrap_or(0);
    let stopped = if e.stopped.get(i).copied().unwrap_or(false) {
        " (session stopped)"
    } else {
        ""
    };
    format!("{done}/{planned}{stopped}")
}

pub(super) fn dose(s: &mut String, r: &Report) {
    if r.exercises.is_empty() {
        return;
    }
    // Exercises whose reps planned never moved fold into one line.
    let (moved, still): (Vec<&crate::report::Exercise>, Vec<&crate::report::Exercise>) =
        r.exercises.iter().partition(|e| e.steps() != (0, 0));
    s.push_str("<section>\n<h2>Exercises: the dose and what was done</h2>\n<p class=\"key\">Routine's dose: sets × reps (as last planned) × the work of each rep, from the routine's file (supple's default or the person's own copy). Done: reps done of reps planned over every session. The last three sessions: reps done/planned. Steps: each time the plan's reps rose (or fell back) between sessions that ran to their end; a stopped session is not read as progress.</p>\n");
    if !moved.is_empty() {
        s.push_str("<table><tr><th>Routine</th><th>Exercise</th><th>Routine's dose</th><th class=\"n\">Done</th><th>Last three sessions</th><th class=\"n\">Steps up</th><th class=\"n\">Steps back</th></tr>\n");
        for e in &moved {
            let n = e.points.len();
            let last: Vec<String> = (n.saturating_sub(3)..n).map(|i| one(e, i)).collect();
            let (up, back) = e.steps();
            let _ = writeln!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{up}</td><td class=\"n\">{back}</td></tr>",
                escape(&e.routine),
                escape(&e.name),
                escape(
                    e.dose
                        .as_deref()
                        .unwrap_or("(not in the routine's file now)")
                ),
                e.done_share()
                    .map_or("-".into(), |x| format!("{:.0}&nbsp;%", x * 100.0)),
                last.join(", ")
            );
        }
        s.push_str("</table>\n");
    }
    if !still.is_empty() {
        let list: Vec<String> = still
            .iter()
            .map(|e| {
                format!(
                    "{} ({}{}, {}, {})",
                    escape(&e.name),
                    escape(&e.routine),
                    e.dose
                        .as_deref()
                        .map(|d| format!(": {}", escape(d)))
                        .unwrap_or_default(),
                    crate::text::count(e.points.len() as u64, "session"),
                    e.done_share()
                        .map_or("-".into(), |x| format!("{:.0} % done", x * 100.0))
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "<p><b>Unchanged</b> (the same reps planned every session): {}.</p>",
            list.join("; ")
        );
    }
    s.push_str("</section>\n");
}

pub(super) fn sessions(s: &mut String, r: &Report) {
    s.push_str("<section>\n<h2>Every session</h2>\n");
    if r.sessions.is_empty() {
        s.push_str("<p>No sessions in these days.</p>\n</section>\n");
        return;
    }
    s.push_str("<table><tr><th>Day</th><th>Time</th><th>What</th><th class=\"n\">Active</th><th>How it went</th><th class=\"n\">Pain</th></tr>\n");
    for x in &r.sessions {
        let how = match (x.finished, x.applications) {
            (_, Some((done, planned))) => format!(
                "{done} of {planned} application{}",
                if planned == 1 { "" } else { "s" }
            ),
            (true, None) => "to the end".to_owned(),
            (false, None) => match &x.stopped_at {
                Some(at) => format!("stopped at {}", escape(at)),
                None => "stopped early".to_owned(),
            },
        };
        let pain = match (x.pain_before, x.pain_after) {
            (None, None) => String::new(),
            (b, a) => format!(
                "{} → {}",
                b.map_or("-".into(), |p| p.to_string()),
                a.map_or("-".into(), |p| p.to_string())
            ),
        };
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{how}</td><td class=\"n\">{pain}</td></tr>",
            day(x.start.date()),
            x.start.strftime("%H:%M"),
            escape(&x.name),
            minutes(x.active_seconds)
        );
    }
    s.push_str("</table>\n</section>\n");
}
