//! The sessions as CSV, one row each, for a spreadsheet (RFC 4180: commas,
//! quotes doubled, CRLF line ends; a cell with `;` or a tab is quoted too, for
//! spreadsheets that split on those). A cell that a spreadsheet would read as a
//! formula (=, +, -, @ first) is given a leading apostrophe, so a routine's name
//! can never run as one.

use super::{Report, Session};

pub const HEADER: &[&str] = &[
    "date",
    "start",
    "end",
    "kind",
    "routine",
    "name",
    "active_minutes",
    "outcome",
    "pain_before",
    "pain_after",
    "applications_done",
    "applications_planned",
    "episode_day",
    "stage",
    "stopped_at",
    "pack_minutes",
];

/// `--rows exercises`: one row per exercise of each session.
pub const EXERCISE_HEADER: &[&str] = &[
    "date",
    "start",
    "routine",
    "name",
    "episode_day",
    "exercise",
    "reps_planned",
    "reps_done",
    "seconds_planned",
    "seconds_done",
    "skipped",
    "session_outcome",
];

fn cell(text: &str) -> String {
    let clean = crate::text::sanitize(text);
    let safe = if clean.starts_with(['=', '+', '-', '@']) {
        format!("'{clean}")
    } else {
        clean.into_owned()
    };
    if safe.contains([',', ';', '\t', '"', '\r', '\n']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

/// The header line of `--rows sessions`.
pub fn header() -> String {
    HEADER.join(",") + "\r\n"
}

/// The header line of `--rows exercises`.
pub fn exercise_header() -> String {
    EXERCISE_HEADER.join(",") + "\r\n"
}

pub fn render(r: &Report) -> String {
    let mut out = header();
    for s in &r.sessions {
        session_row(s, &mut out);
    }
    out
}

/// A session's row (`--rows sessions`), its line end included, added to `out`.
pub fn session_row(s: &Session, out: &mut String) {
    let opt = |v: Option<u8>| v.map(|p| p.to_string()).unwrap_or_default();
    let row = [
        s.start.date().to_string(),
        s.start.strftime("%H:%M").to_string(),
        s.end.strftime("%H:%M").to_string(),
        s.kind.to_owned(),
        cell(s.routine.as_deref().unwrap_or("")),
        cell(&s.name),
        // Exercise and walking only: lying with a pack is in pack_minutes.
        if s.kind == "routine" {
            format!("{:.1}", s.active_seconds as f64 / 60.0)
        } else {
            String::new()
        },
        if s.finished { "finished" } else { "stopped" }.to_owned(),
        opt(s.pain_before),
        opt(s.pain_after),
        s.applications.map(|a| a.0.to_string()).unwrap_or_default(),
        s.applications.map(|a| a.1.to_string()).unwrap_or_default(),
        s.episode_day.map(|d| d.to_string()).unwrap_or_default(),
        cell(s.stage.as_deref().unwrap_or("")),
        cell(s.stopped_at.as_deref().unwrap_or("")),
        if s.kind == "routine" {
            String::new()
        } else {
            format!("{:.1}", s.active_seconds as f64 / 60.0)
        },
    ];
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

/// `--rows pain`: the day's pain (average over the last 24 hours), a row a day.
pub fn render_daily_pain(r: &Report) -> String {
    let mut out = String::from("date,average_pain_24h\r\n");
    for (date, pain) in &r.daily_pain {
        out.push_str(&format!("{date},{pain}\r\n"));
    }
    out
}

/// `--rows function`: each activity's rating on the Patient-Specific Functional
/// Scale (0 unable to perform activity, 10 as before injury or problem), a row each.
pub fn render_function(r: &Report) -> String {
    let mut out = String::from("date,activity,score\r\n");
    for t in &r.function {
        for (date, score) in &t.ratings {
            out.push_str(&format!("{date},{},{score}\r\n", cell(&t.activity)));
        }
    }
    out
}

/// One row per exercise of each routine session, planned against done.
pub fn render_exercises(r: &Report) -> String {
    let mut out = exercise_header();
    for s in &r.sessions {
        exercise_rows(s, &mut out);
    }
    out
}

/// A session's rows of `--rows exercises` (none for a pack), added to `out`.
pub fn exercise_rows(s: &Session, out: &mut String) {
    for e in &s.exercises {
        let row = [
            s.start.date().to_string(),
            s.start.strftime("%H:%M").to_string(),
            cell(s.routine.as_deref().unwrap_or("")),
            cell(&s.name),
            s.episode_day.map(|d| d.to_string()).unwrap_or_default(),
            cell(&e.name),
            e.reps_planned.to_string(),
            e.reps_done.to_string(),
            e.seconds_planned.to_string(),
            e.seconds_done.to_string(),
            e.skipped.to_string(),
            if s.finished { "finished" } else { "stopped" }.to_owned(),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("Cat-Cow"), "Cat-Cow");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1+2"), "'-1+2");
        assert_eq!(cell("a; b"), "\"a; b\"");
    }
}
