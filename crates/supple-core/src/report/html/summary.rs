//! The summary a clinician reads first: where the episode is, the red flags, the
//! pain trend, adherence, flares, progression; then the tiles.

use std::fmt::Write;

use super::{day, minutes};
use crate::report::{Report, escape};

/// Sessions where pain rose by 2 or more from before to after.
fn flares(r: &Report) -> Vec<&crate::report::Session> {
    r.sessions
        .iter()
        .filter(|x| matches!((x.pain_before, x.pain_after), (Some(b), Some(a)) if a >= b.saturating_add(2)))
        .collect()
}

fn percent(done: u32, needed: u32) -> String {
    if needed == 0 {
        return "-".into();
    }
    format!(
        "{} %",
        (f64::from(done) * 100.0 / f64::from(needed)).round()
    )
}

/// What a clinician reads first: where the episode is, the red flags, the pain
/// trend, adherence, flares; then the tiles.
pub(super) fn summary(s: &mut String, r: &Report) {
    s.push_str("<section>\n<h2>Summary</h2>\n<ul class=\"summary\">\n");
    let start = r.counted_from();
    if let Some(e) = r.episodes.last() {
        let stage = e
            .stages
            .iter()
            .find(|(_, from, until)| *from <= e.days && until.is_none_or(|u| e.days <= u))
            .map(|(name, _, _)| format!("; stage now: <b>{}</b>", escape(name)))
            .unwrap_or_default();
        let state = match e.ended {
            Some(end) => format!("ended {} on day {}", day(end.date()), e.days),
            None => format!("<b>day {}</b> on {}", e.days, day(r.to)),
        };
        let _ = writeln!(
            s,
            "<li><b>Episode:</b> {state} (the pain began {} at {}){stage}.</li>",
            day(e.onset.date()),
            e.onset.strftime("%H:%M")
        );
        let flags: Vec<String> = e.red_flags.iter().map(|(_, l)| escape(l)).collect();
        let status = match &e.alert {
            Some(alert) => format!(
                "<b class=\"alarm\">{}</b> {}",
                escape(&format!("{}:", alert.tier.title())),
                escape(&format!("{} {}", alert.said, alert.action))
            ),
            None => "no answer that needs a doctor stands.".to_owned(),
        };
        let _ = writeln!(
            s,
            "<li><b>Red flags:</b> {status}<br><span class=\"key\">{}</span></li>",
            flags.join(" ")
        );
    }
    match r.pain_trend() {
        Some(t) => {
            let direction = if t.fall >= 0.0 { "down" } else { "up" };
            let verdict = if t.important() {
                "<b>an important change</b> (at least 2 points or 30 %)"
            } else {
                "less than the minimal important change (2 points or 30 %)"
            };
            let _ = writeln!(
                s,
                "<li><b>Pain</b> (average over 24 hours, 0-10): {:.1} over the first three days ({} to {}) against {:.1} over the last seven days ({} score{}): {direction} {:.1} points ({:.0} %), {verdict}.</li>",
                t.first,
                day(t.first_days.0),
                day(t.first_days.1),
                t.last,
                t.last_count,
                if t.last_count == 1 { "" } else { "s" },
                t.fall.abs(),
                t.share.abs() * 100.0
            );
        }
        None => s.push_str("<li><b>Pain:</b> too few daily scores for a trend (three at the start and one in the last seven days are needed; <code>supple pain N</code> logs one).</li>\n"),
    }
    super::function::summary_line(s, r);
    if let Some((first, last)) = r.adherence_days {
        let kinds: Vec<String> = r
            .adherence
            .iter()
            .map(|(kind, done, needed)| {
                format!(
                    "{kind} <b>{}</b> ({done} of {needed})",
                    percent(*done, *needed)
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "<li><b>Done as the plan asked</b>, {} to {} (whole days of the last two weeks; the onset's day and today left out): {}.</li>",
            day(first),
            day(last),
            kinds.join("; ")
        );
    }
    let flares = flares(r);
    if flares.is_empty() {
        s.push_str("<li><b>Flares:</b> none (no session after which pain was 2 or more points higher).</li>\n");
    } else {
        let list: Vec<String> = flares
            .iter()
            .map(|x| {
                format!(
                    "{} {}, pain {} → {}",
                    day(x.start.date()),
                    escape(&x.name),
                    x.pain_before.unwrap_or(0),
                    x.pain_after.unwrap_or(0)
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "<li><b>Flares</b> (pain 2 or more points higher after a session): {}.</li>",
            list.join("; ")
        );
    }
    // Progression: the reps planned, first to last, of the exercises that moved.
    let moved: Vec<String> = r
        .exercises
        .iter()
        .filter(|e| e.steps() != (0, 0))
        .map(|e| {
            let (up, back) = e.steps();
            format!(
                "{} {} → {} reps ({up} up{})",
                escape(&e.name),
                e.planned.first().copied().unwrap_or(0),
                e.planned.last().copied().unwrap_or(0),
                if back > 0 {
                    format!(", <b>{back} back</b>")
                } else {
                    String::new()
                }
            )
        })
        .collect();
    if !moved.is_empty() {
        let _ = writeln!(
            s,
            "<li><b>Progression</b> (reps planned, first session to last; steps between sessions that ran to their end): {}.</li>",
            moved.join("; ")
        );
    }
    if !r.notes.is_empty() {
        let _ = writeln!(
            s,
            "<li><b>Notes:</b> {} from the person, listed below.</li>",
            r.notes.len()
        );
    }
    s.push_str("</ul>\n");

    let counted: Vec<&crate::report::Session> = r
        .sessions
        .iter()
        .filter(|x| x.start.date() >= start)
        .collect();
    let finished = counted.iter().filter(|x| x.finished).count();
    let moving: u64 = counted
        .iter()
        .filter(|x| x.kind == "routine")
        .map(|x| x.active_seconds)
        .sum();
    let packs: u64 = counted
        .iter()
        .filter(|x| x.kind != "routine")
        .map(|x| x.active_seconds)
        .sum();
    let days: Vec<&crate::report::Day> = r.days.iter().filter(|d| d.date >= start).collect();
    let days_with = days.iter().filter(|d| d.sessions > 0).count();
    let since = if start > r.from {
        format!("since the onset, {}", day(start))
    } else {
        "in these days".to_owned()
    };
    let _ = write!(
        s,
        "<div class=\"tiles\">\n\
         <div class=\"tile\"><b>{}</b><span>sessions {since} ({finished} to the end)</span></div>\n\
         <div class=\"tile\"><b>{}</b><span>exercise and walking {since}</span></div>\n\
         <div class=\"tile\"><b>{}</b><span>lying with ice or heat {since}</span></div>\n\
         <div class=\"tile\"><b>{days_with} of {}</b><span>days with a session {since}</span></div>\n\
         </div>\n</section>\n",
        counted.len(),
        minutes(moving),
        minutes(packs),
        days.len(),
    );
}
