//! The report as one HTML page: no scripts, no network, styles inline, charts as
//! SVG; it prints on A4 (each section kept whole where it fits).

use std::fmt::Write;

mod function;
mod summary;
mod tables;
use summary::summary;
use tables::{dose, sessions};

use super::svg::{self, Bar, DailyPoint, Pain};
use super::{PainTrend, Report, escape};
use crate::red_flags::{NOT_GETTING_BETTER, SELF_CARE, Tier};

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d2329; --soft: #5b6670; --line: #d5dbe0; --bar: #2f6f9f; --before: #c2571a; --after: #1f5f8b; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 190mm; padding: 10mm 8mm; }
h1 { font-size: 20pt; margin: 0 0 2pt; }
h2 { font-size: 13pt; margin: 0 0 6pt; border-bottom: 1.5pt solid var(--line); padding-bottom: 2pt; }
section { margin: 0 0 14pt; break-inside: avoid; page-break-inside: avoid; }
.sub { color: var(--soft); margin: 0 0 10pt; }
.note { border-left: 3pt solid var(--before); padding: 4pt 8pt; background: #fbf3ee; margin: 0 0 12pt; }
.flag { border-left: 3pt solid #b00020; background: #fdecee; padding: 4pt 8pt; margin: 4pt 0; }
.summary { padding-left: 14pt; margin: 0 0 8pt; }
.summary li { margin: 0 0 3pt; }
.alarm { color: #b00020; }
.tiles { display: flex; gap: 8pt; flex-wrap: wrap; }
.tile { flex: 1 1 30mm; border: 1pt solid var(--line); border-radius: 4pt; padding: 6pt 8pt; }
.tile b { display: block; font-size: 16pt; }
.tile span { color: var(--soft); font-size: 9pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { text-align: left; padding: 2pt 6pt 2pt 0; border-bottom: 0.5pt solid var(--line); vertical-align: middle; }
th { font-weight: 600; color: var(--soft); }
td.n, th.n { text-align: right; }
.chart { width: 100%; height: auto; display: block; }
.grid { stroke: var(--line); stroke-width: 0.6; }
.axis { font-size: 10px; fill: var(--soft); }
.bar { fill: var(--bar); }
.bar.muted { fill: #b8c0c7; }
.target { stroke: var(--before); stroke-width: 2; stroke-dasharray: 3 2; }
.change { stroke: #9aa5ae; stroke-width: 1.5; }
.before { fill: #fff; stroke: var(--before); stroke-width: 2; }
.after { fill: var(--after); }
.band { fill: #e3f0e6; }
.daily { fill: none; stroke: var(--after); stroke-width: 2; }
.key { font-size: 9pt; color: var(--soft); }
.key i { display: inline-block; width: 9pt; height: 9pt; border-radius: 50%; vertical-align: -1pt; margin: 0 3pt 0 8pt; }
footer { color: var(--soft); font-size: 9pt; border-top: 1pt solid var(--line); padding-top: 4pt; }
@page { size: A4; margin: 12mm; }
@media print { body { padding: 0; max-width: none; } }
"#;

fn day(d: jiff::civil::Date) -> String {
    d.strftime("%a %-d %b").to_string()
}

fn long_day(d: jiff::civil::Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}

/// Minutes rounded to the nearest (so a column of them adds up to about its total,
/// as rounding up would not); under half a minute, in seconds.
fn minutes(secs: u64) -> String {
    let m = (secs + 30) / 60;
    if m == 0 && secs > 0 {
        format!("{secs} s")
    } else if m >= 60 {
        format!("{} h {:02} min", m / 60, m % 60)
    } else {
        format!("{m} min")
    }
}

/// The whole page.
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let weeks = r.days.len().div_ceil(7);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>supple report{}, {} to {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        r.name
            .as_ref()
            .map(|n| format!(" for {}", escape(n)))
            .unwrap_or_default(),
        long_day(r.from),
        long_day(r.to)
    );
    let _ = write!(
        s,
        "<h1>Back care report{}</h1>\n<p class=\"sub\">{} to {} ({} days, about {weeks} week{}). Made with supple on {} from its history log; times are local.</p>\n",
        r.name
            .as_ref()
            .map(|n| format!(": {}", escape(n)))
            .unwrap_or_default(),
        long_day(r.from),
        long_day(r.to),
        r.days.len(),
        if weeks == 1 { "" } else { "s" },
        r.generated.strftime("%-d %b %Y at %H:%M")
    );
    let _ = writeln!(
        s,
        "<p class=\"note\">Self-care support, not a diagnosis. These are the figures the person logged: sessions of gentle exercise, ice and heat, their notes, and pain from 0 (no pain) to 10 (the worst you can imagine), as the person was asked: each day's average over 24 hours, and before and after sessions; and, where they named them, up to three activities rated on the Patient-Specific Functional Scale.{}</p>",
        if r.skipped > 0 {
            format!(
                " {} of the log could not be read and {} left out.",
                crate::text::count(r.skipped as u64, "line"),
                if r.skipped == 1 { "is" } else { "are" }
            )
        } else {
            String::new()
        }
    );
    summary(&mut s, r);
    episodes(&mut s, r);
    weeks_section(&mut s, r);
    active(&mut s, r);
    pain(&mut s, r);
    function::section(&mut s, r);
    dose(&mut s, r);
    notes(&mut s, r);
    sessions(&mut s, r);
    s.push_str("<section>\n<h2>When self-care is not enough</h2>\n");
    for tier in Tier::ALL {
        let _ = writeln!(
            s,
            "<p><b>{}</b> {}</p>\n<ul>",
            escape(tier.intro()),
            escape(tier.action())
        );
        for sign in tier.signs() {
            let _ = writeln!(s, "<li>{}</li>", escape(sign.listed()));
        }
        s.push_str("</ul>\n");
    }
    let _ = writeln!(s, "<p>{}</p>", escape(NOT_GETTING_BETTER));
    let _ = write!(
        s,
        "</section>\n<footer>{} {SOURCES}</footer>\n</body>\n</html>\n",
        escape(SELF_CARE)
    );
    s
}

/// The sources of the advice and of the measures, as web addresses a clinician can
/// type (plain text: the page loads nothing).
const SOURCES: &str = "Sources: NHS, back pain (www.nhs.uk/conditions/back-pain); NICE guideline NG59, low back pain and sciatica in over 16s (www.nice.org.uk/guidance/ng59); GIRFT, cauda equina syndrome pathway (gettingitrightfirsttime.co.uk); minimal important change in pain of 2 points or 30 %: Ostelo et al., Spine 2008;33(1):90-94 (doi.org/10.1097/BRS.0b013e31815e3a10); Patient-Specific Functional Scale: Stratford et al., Physiotherapy Canada 1995;47:258-263, its form and minimum detectable change (www.precisionphysio.com.au/the-patient-specific-functional-scale).";

fn notes(s: &mut String, r: &Report) {
    s.push_str("<section>\n<h2>Notes, in the person's words</h2>\n");
    if r.notes.is_empty() {
        s.push_str("<p>No notes in these days (<code>supple note \"...\"</code> adds one).</p>\n</section>\n");
        return;
    }
    s.push_str("<table><tr><th>Day</th><th>Time</th><th>Note</th></tr>\n");
    for (at, text) in &r.notes {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            day(at.date()),
            at.strftime("%H:%M"),
            escape(text)
        );
    }
    s.push_str("</table>\n</section>\n");
}

fn episodes(s: &mut String, r: &Report) {
    if r.episodes.is_empty() {
        return;
    }
    s.push_str("<section>\n<h2>The episode of back pain</h2>\n");
    for e in &r.episodes {
        let state = match e.ended {
            Some(end) => format!(
                "ended on {} (day {}, closed by the person)",
                day(end.date()),
                e.days
            ),
            None => format!("still going: day {} on {}", e.days, day(r.to)),
        };
        let _ = writeln!(
            s,
            "<p>Began {} at {}; {state}. Plan followed: <b>{}</b>.</p>",
            day(e.onset.date()),
            e.onset.strftime("%H:%M"),
            escape(&e.plan)
        );
        if !e.stages.is_empty() {
            s.push_str("<table><tr><th>Stage</th><th>Days</th></tr>\n");
            for (name, from, until) in &e.stages {
                let days = match until {
                    Some(u) if u == from => format!("day {from}"),
                    Some(u) => format!("days {from} to {u}"),
                    None => format!("from day {from}"),
                };
                let _ = writeln!(s, "<tr><td>{}</td><td>{days}</td></tr>", escape(name));
            }
            s.push_str("</table>\n");
        }
        // The last episode's red flags are in the summary; an earlier one's here.
        if r.episodes.last() != Some(e) {
            for (yes, line) in &e.red_flags {
                let class = if *yes { "flag" } else { "note" };
                let _ = writeln!(s, "<p class=\"{class}\">{}</p>", escape(line));
            }
        }
    }
    s.push_str("</section>\n");
}

fn weeks_section(s: &mut String, r: &Report) {
    let with_plan = r.weeks.iter().any(|w| w.plan.is_some());
    let bars: Vec<Bar> = r
        .weeks
        .iter()
        .map(|w| Bar {
            label: format!("w/c {}", w.monday.strftime("%-d %b")),
            value: f64::from(w.sessions),
            target: None,
            title: format!("Week of {}: {} sessions", day(w.monday), w.sessions),
            muted: false,
        })
        .collect();
    let _ = write!(
        s,
        "<section>\n<h2>Sessions each week</h2>\n{}\n",
        svg::bars(&bars, 150.0, 1, "Sessions each week")
    );
    if with_plan {
        let plan_bars: Vec<Bar> = r
            .weeks
            .iter()
            .filter_map(|w| w.plan.map(|p| (w, p)))
            .map(|(w, (done, planned))| Bar {
                label: format!("w/c {}", w.monday.strftime("%-d %b")),
                value: f64::from(done),
                target: Some(f64::from(planned)),
                title: format!(
                    "Week of {}: {done} of the {planned} items the plan asked for",
                    day(w.monday)
                ),
                muted: false,
            })
            .collect();
        let _ = write!(
            s,
            "<p class=\"key\">The plan's items each week: done (bars) against planned (the dashed mark).</p>\n{}\n",
            svg::bars(
                &plan_bars,
                130.0,
                1,
                "The plan's items done against planned, each week"
            )
        );
        s.push_str("<table><tr><th>Week of</th><th class=\"n\">Sessions</th><th class=\"n\">Plan items done</th><th class=\"n\">Planned</th></tr>\n");
        for w in &r.weeks {
            let (done, planned) = match w.plan {
                Some((d, p)) => (d.to_string(), p.to_string()),
                None => ("-".into(), "no episode".into()),
            };
            // A week the onset or today cuts short is said to be partial.
            let sunday = w
                .monday
                .checked_add(jiff::Span::new().days(6))
                .unwrap_or(w.monday);
            let onset = r.episodes.last().map(|e| e.onset.date());
            let partial = match onset {
                _ if w.monday <= r.to && r.to < sunday => " (so far)".to_owned(),
                _ if w.monday < r.from => {
                    format!(" (from {}, the report's first day)", day(r.from))
                }
                Some(o) if w.monday < o && o <= sunday => {
                    format!(" (the plan from the onset, {})", day(o))
                }
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "<tr><td>{}{partial}</td><td class=\"n\">{}</td><td class=\"n\">{done}</td><td class=\"n\">{planned}</td></tr>",
                day(w.monday),
                w.sessions
            );
        }
        s.push_str("</table>\n<p class=\"key\">Plan items: each walk, routine and ice or heat application the plan asked for, counted as Today counts them.</p>\n");
    }
    s.push_str("</section>\n");
}

fn active(s: &mut String, r: &Report) {
    let start = r.counted_from();
    let bar = |secs: fn(&super::Day) -> u64, what: &'static str| -> Vec<Bar> {
        r.days
            .iter()
            .map(|d| Bar {
                label: d.date.strftime("%-d %b").to_string(),
                value: secs(d) as f64 / 60.0,
                target: None,
                title: format!("{}: {} {what}", day(d.date), minutes(secs(d))),
                muted: d.date < start,
            })
            .collect()
    };
    let every = (r.days.len() / 8).max(1);
    let before = if start > r.from {
        format!(
            " Grey: the days before the onset ({}), not counted in the episode's figures.",
            day(start)
        )
    } else {
        String::new()
    };
    let _ = write!(
        s,
        "<section>\n<h2>Minutes each day</h2>\n<p class=\"key\">Exercise and walking.{before}</p>\n{}\n<p class=\"key\">Time with ice or heat on (not counted as exercise).</p>\n{}\n</section>\n",
        svg::bars(
            &bar(|d| d.active_seconds, "of exercise and walking"),
            140.0,
            every,
            "Minutes of exercise and walking each day"
        ),
        svg::bars(
            &bar(|d| d.pack_seconds, "with ice or heat"),
            110.0,
            every,
            "Minutes with ice or heat each day"
        )
    );
}

fn pain(s: &mut String, r: &Report) {
    let span = (r.days.len().max(1)) as f64;
    let start = r.from;
    let at = |d: jiff::civil::Date| ((d - start).get_days() as f64 + 0.5) / span;
    let every = (r.days.len() / 6).max(1);
    let labels: Vec<(f64, String)> = r
        .days
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, d)| {
            (
                (i as f64 + 0.5) / span,
                d.date.strftime("%-d %b").to_string(),
            )
        })
        .collect();
    s.push_str("<section>\n<h2>Pain, day by day</h2>\n");
    if r.daily_pain.is_empty() {
        s.push_str(
            "<p>No daily pain scores in these days (<code>supple pain N</code> logs one).</p>\n",
        );
    } else {
        let trend = r.pain_trend();
        let band = trend.as_ref().map(|t| {
            (
                at(t.first_days.0) - 0.5 / span,
                t.first,
                PainTrend::threshold(t.first),
            )
        });
        let points: Vec<DailyPoint> = r
            .daily_pain
            .iter()
            .map(|(d, p)| DailyPoint {
                at: at(*d),
                pain: *p,
                title: format!("{}: average pain over the last 24 hours {p}/10", day(*d)),
            })
            .collect();
        let key = match &band {
            Some((_, hi, lo)) => format!(
                " The green band runs from the mean of the first three daily scores ({hi:.1}) down to {lo:.1}: below it, pain has fallen by the minimal important change (2 points, or 30 % of the start where that is less)."
            ),
            None => String::new(),
        };
        let _ = write!(
            s,
            "<p class=\"key\">Average pain over the last 24 hours, as the person gave it each day: 0 no pain, 10 the worst you can imagine.{key}</p>\n{}\n",
            svg::daily_pain(
                &points,
                band,
                &labels,
                "Average pain over the last 24 hours, each day"
            )
        );
    }
    s.push_str("</section>\n");

    // Before and after each session, one slot per session in the order they came.
    let with: Vec<&super::Session> = r
        .sessions
        .iter()
        .filter(|x| x.pain_before.is_some() || x.pain_after.is_some())
        .collect();
    if with.is_empty() {
        return;
    }
    let n = with.len() as f64;
    let points: Vec<Pain> = with
        .iter()
        .enumerate()
        .map(|(i, x)| Pain {
            at: (i as f64 + 0.5) / n,
            before: x.pain_before,
            after: x.pain_after,
            title: format!(
                "{} {}: pain {} before, {} after",
                day(x.start.date()),
                x.name,
                x.pain_before.map_or("-".into(), |p| p.to_string()),
                x.pain_after.map_or("-".into(), |p| p.to_string())
            ),
        })
        .collect();
    let step = (with.len() / 6).max(1);
    let labels: Vec<(f64, String)> = with
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0)
        .map(|(i, x)| ((i as f64 + 0.5) / n, x.start.strftime("%-d %b").to_string()))
        .collect();
    let _ = write!(
        s,
        "<section>\n<h2>Response to exercise</h2>\n<p class=\"key\">Pain just before and just after each session, one place per session in order.<i style=\"border:2px solid var(--before)\"></i>before<i style=\"background:var(--after)\"></i>after</p>\n{}\n</section>\n",
        svg::pain(
            &points,
            &labels,
            150.0,
            "Pain before and after each session"
        )
    );
}

#[cfg(test)]
mod tests {
    use super::minutes;

    #[test]
    fn minutes_are_rounded_to_the_nearest() {
        // A 15 s session is not "1 min"; 89 s is about 1 minute, 90 s about 2.
        assert_eq!(minutes(15), "15 s");
        assert_eq!(minutes(0), "0 min");
        assert_eq!(minutes(89), "1 min");
        assert_eq!(minutes(90), "2 min");
        assert_eq!(minutes(3599), "1 h 00 min");
        assert_eq!(minutes(97 * 60), "1 h 37 min");
    }
}
