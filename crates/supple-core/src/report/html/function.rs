//! Function: each activity the person named on the Patient-Specific Functional
//! Scale, its ratings, and how it changed (a line in the summary, a table below).

use std::fmt::Write;

use super::day;
use crate::function::{CHANGE_ONE, CHANGE_SOURCE, Trend, average};
use crate::report::{Report, escape};

/// "+5, more than measurement error" for a change of one activity.
fn verdict(change: i16) -> String {
    let beyond = if change.abs() >= CHANGE_ONE {
        "<b>more than measurement error</b>"
    } else {
        "within measurement error"
    };
    format!("{change:+}, {beyond}")
}

/// One activity for the summary: "Putting on socks 2 → 7 (+5, ...)".
fn line(t: &Trend) -> String {
    match (t.first(), t.latest(), t.change()) {
        (Some((_, first)), Some((_, latest)), Some(change)) => format!(
            "{} {first} → {latest} ({})",
            escape(&t.activity),
            verdict(change)
        ),
        (Some((date, score)), _, _) => format!(
            "{} {score} (rated once, {})",
            escape(&t.activity),
            day(date)
        ),
        _ => escape(&t.activity),
    }
}

/// The summary's line.
pub(super) fn summary_line(s: &mut String, r: &Report) {
    if r.function.is_empty() {
        s.push_str("<li><b>Function:</b> no activity rated (the Patient-Specific Functional Scale is offered when an episode starts; <code>supple function</code> names and rates up to three).</li>\n");
        return;
    }
    let mut parts: Vec<String> = r.function.iter().map(line).collect();
    if let Some((n, first, latest, change)) = average(&r.function) {
        let beyond = if change.abs() >= crate::function::CHANGE_AVERAGE - 1e-9 {
            "<b>more than measurement error</b>"
        } else {
            "within measurement error"
        };
        parts.push(format!(
            "average of the {n} activities rated twice or more {first:.1} → {latest:.1} ({change:+.1}, {beyond})"
        ));
    }
    let _ = writeln!(
        s,
        "<li><b>Function</b> (Patient-Specific Functional Scale: activities the person finds hard, 0 unable to perform to 10 as before injury or problem; first rating → latest, against its minimum detectable change: 3 points for one activity, 2 for the average): {}.</li>",
        parts.join("; ")
    );
}

/// The section: each activity's ratings, dated, and its change.
pub(super) fn section(s: &mut String, r: &Report) {
    if r.function.is_empty() {
        return;
    }
    s.push_str("<section>\n<h2>Function: activities the person finds hard</h2>\n");
    s.push_str("<p class=\"key\">Patient-Specific Functional Scale: each activity rated from 0 (unable to perform activity) to 10 (able to perform activity at the same level as before injury or problem).</p>\n");
    s.push_str("<table><tr><th>Activity</th><th>Ratings, oldest first</th><th class=\"n\">First → latest</th><th>Change</th></tr>\n");
    for t in &r.function {
        let ratings: Vec<String> = t
            .ratings
            .iter()
            .map(|(d, score)| format!("{}&nbsp;<b>{score}</b>", day(*d)))
            .collect();
        let (span, change) = match (t.first(), t.latest(), t.change()) {
            (Some((_, a)), Some((_, b)), Some(c)) => (format!("{a} → {b}"), verdict(c)),
            (Some((_, a)), _, _) => (a.to_string(), "rated once".to_owned()),
            _ => (String::new(), String::new()),
        };
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{span}</td><td>{change}</td></tr>",
            escape(&t.activity),
            ratings.join(" · ")
        );
    }
    let _ = writeln!(
        s,
        "</table>\n<p class=\"key\">{}</p>\n</section>",
        escape(CHANGE_SOURCE)
    );
}
