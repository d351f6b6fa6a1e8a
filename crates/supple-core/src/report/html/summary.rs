//! The summary a clinician reads first: where the episode is, the red flags, the
//! pain trend, adherence, flares, progression; then the tiles.

use std::fmt::Write;

use super::{day, minutes};
use crate::report::{MIC_POINTS, MIC_SHARE, Report, escape};

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
        let status = match (&e.alert, e.flags_asked) {
            (Some(alert), _) => format!(
                "<b class=\"alarm\">{}</b> the person answered yes to {}; no check by a doctor or nurse is recorded since. supple's advice to them: {}",
                escape(&format!("{} sign:", alert.tier.title())),
                escape(&alert.signs),
                escape(alert.action)
            ),
            (None, Some(at)) => format!(
                "no yes answer stands (last asked {} at {}).",
                day(at.date()),
                at.strftime("%H:%M")
            ),
            (None, None) => "<b class=\"alarm\">not asked yet</b> (supple asks them at its next interactive start).".to_owned(),
        };
        let _ = writeln!(
            s,
            "<li><b>Red flags:</b> {status}<br><span class=\"key\">{}</span></li>",
            flags.join(" ")
        );
    }
    match r.pain_trend() {
        Some(t) => {
            let criterion = if MIC_POINTS <= MIC_SHARE * t.first {
                "at least 2 points".to_owned()
            } else {
                format!("at least 30 % of the start, {:.1} points", MIC_SHARE * t.first)
            };
            let change = format!("{:.1} points ({:.0} %)", t.fall.abs(), t.share.abs() * 100.0);
            let verdict = if t.fall >= 0.0 && t.important() {
                format!("down {change}, <b>at least the minimal important change</b> ({criterion}: Ostelo et al. 2008)")
            } else if t.fall >= 0.0 {
                format!("down {change}, less than the minimal important change (2 points, or 30 % of the start where that is less)")
            } else if -t.fall + 1e-9 >= MIC_POINTS.min(MIC_SHARE * t.first) {
                format!("up {change}: <b class=\"alarm\">pain is higher than over the first days</b>, by 2 points or 30 % or more")
            } else {
                format!("up {change}: higher than over the first days, by less than 2 points or 30 %")
            };
            let _ = writeln!(
                s,
                "<li><b>Pain</b> (average over 24 hours, 0-10): {:.1} over the first three daily scores ({} to {}) against {:.1} over the last seven days ({} to {}, {} score{}): {verdict}.</li>",
                t.first,
                day(t.first_days.0),
                day(t.first_days.1),
                t.last,
                day(t.last_days.0),
                day(t.last_days.1),
                t.last_count,
                if t.last_count == 1 { "" } else { "s" },
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
                let unit = match *kind {
                    "walking" => "minutes of walking asked",
                    "ice or heat" => {
                        "applications asked (each counts from three quarters of its time on)"
                    }
                    _ => "routine sessions asked (a session counts when finished, or stopped with three quarters of its timed work done)",
                };
                format!(
                    "{kind} <b>{}</b>, {done} of the {needed} {unit}",
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
        s.push_str("<li><b>Pain up 2 or more after a session:</b> none.</li>\n");
    } else {
        let list: Vec<String> = flares
            .iter()
            .map(|x| {
                let date = x.start.date();
                let next = date
                    .tomorrow()
                    .ok()
                    .and_then(|d| r.daily_pain.iter().find(|(p, _)| *p == d))
                    .map(|(_, p)| format!(" (the next day's score: {p})"))
                    .unwrap_or_default();
                format!(
                    "{} {}, {} → {}{next}",
                    day(date),
                    escape(&x.name),
                    x.pain_before.unwrap_or(0),
                    x.pain_after.unwrap_or(0)
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "<li><b>Pain up 2 or more after a session</b> (before → after): {}.</li>",
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
            let before = if e.points.last().is_some_and(|(d, _)| *d < start) {
                " (before the onset)"
            } else {
                ""
            };
            format!(
                "{}{before} {} → {} reps ({up} up{})",
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
        // The latest three in the person's words (a long one cut at 120
        // characters); every note in full below.
        let latest: Vec<String> = r
            .notes
            .iter()
            .rev()
            .take(3)
            .rev()
            .map(|(at, text)| {
                let mut short: String = text.chars().take(120).collect();
                if text.chars().count() > 120 {
                    short.push('…');
                }
                format!("{} “{}”", day(at.date()), escape(&short))
            })
            .collect();
        let _ = writeln!(
            s,
            "<li><b>Notes from the person</b> ({}, all in full below): {}.</li>",
            match r.notes.len() {
                1 => "1".to_owned(),
                n if n > 3 => format!("the latest 3 of {n}"),
                n => n.to_string(),
            },
            latest.join("; ")
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
         <div class=\"tile\"><b>{}</b><span>with ice or heat on {since}</span></div>\n\
         <div class=\"tile\"><b>{days_with} of {}</b><span>days with a session {since}</span></div>\n\
         </div>\n</section>\n",
        counted.len(),
        minutes(moving),
        minutes(packs),
        days.len(),
    );
}
