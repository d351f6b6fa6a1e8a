//! The report's charts, drawn as SVG text: bars (with a target mark), daily pain
//! over its band, and pain before and after. Every label is escaped; sizes are in the
//! viewBox, so the charts scale to the page and print sharp.

use std::fmt::Write;

use super::escape;

const W: f64 = 640.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;

/// One bar.
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Drawn as a mark across the bar: what was planned.
    pub target: Option<f64>,
    /// Shown on hover and read by screen readers.
    pub title: String,
    /// Drawn grey: outside what the figures count (days before the onset).
    pub muted: bool,
}

/// A round top for the y axis: 1, 2, 5, 10, 20, 50...
fn nice(max: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for m in [1.0, 2.0, 5.0] {
            if max <= step * m {
                return step * m;
            }
        }
        step *= 10.0;
    }
}

fn fmt(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round())
    } else {
        format!("{v:.1}")
    }
}

/// A bar chart, `height` tall; `label_every` shows every n-th x label.
pub fn bars(bars: &[Bar], height: f64, label_every: usize, aria: &str) -> String {
    let max = bars
        .iter()
        .flat_map(|b| [b.value, b.target.unwrap_or(0.0)])
        .fold(0.0f64, f64::max);
    let top = nice(max.max(1.0));
    let plot_h = height - TOP - BOTTOM;
    let plot_w = W - LEFT - RIGHT;
    let y = |v: f64| TOP + plot_h - v / top * plot_h;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {W} {height}" role="img" aria-label="{}">"#,
        escape(aria)
    );
    for v in [0.0, top / 2.0, top] {
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" class="grid"/><text x="{}" y="{:.1}" class="axis" text-anchor="end">{}</text>"##,
            W - RIGHT,
            LEFT - 4.0,
            y(v) + 4.0,
            fmt(v),
            y = y(v),
        );
    }
    let n = bars.len().max(1) as f64;
    let slot = plot_w / n;
    let width = (slot * 0.7).max(1.0);
    for (i, b) in bars.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - width) / 2.0;
        let h = (b.value / top * plot_h).max(if b.value > 0.0 { 1.5 } else { 0.0 });
        let _ = write!(
            s,
            r#"<rect x="{x:.1}" y="{:.1}" width="{width:.1}" height="{h:.1}" class="{}"><title>{}</title></rect>"#,
            TOP + plot_h - h,
            if b.muted { "bar muted" } else { "bar" },
            escape(&b.title)
        );
        if let Some(t) = b.target {
            let _ = write!(
                s,
                r#"<line x1="{:.1}" x2="{:.1}" y1="{ty:.1}" y2="{ty:.1}" class="target"/>"#,
                x - 2.0,
                x + width + 2.0,
                ty = y(t)
            );
        }
        if label_every > 0 && (i % label_every == 0 || i + 1 == bars.len()) {
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">{}</text>"#,
                x + width / 2.0,
                height - 8.0,
                escape(&b.label)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// One session's pain: where it falls across the period (0 to 1), before, after.
pub struct Pain {
    pub at: f64,
    pub before: Option<u8>,
    pub after: Option<u8>,
    pub title: String,
}

/// Pain from 0 to 10 across the period: each session a line from before (an open
/// circle) to after (a filled one). `labels` mark the x axis (0 to 1).
pub fn pain(points: &[Pain], labels: &[(f64, String)], height: f64, aria: &str) -> String {
    let plot_h = height - TOP - BOTTOM;
    let plot_w = W - LEFT - RIGHT - 10.0;
    let y = |v: u8| TOP + plot_h - f64::from(v) / 10.0 * plot_h;
    let x = |at: f64| LEFT + 5.0 + at.clamp(0.0, 1.0) * plot_w;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {W} {height}" role="img" aria-label="{}">"#,
        escape(aria)
    );
    for v in [0u8, 2, 4, 6, 8, 10] {
        let _ = write!(
            s,
            r#"<line x1="{LEFT}" x2="{}" y1="{yv:.1}" y2="{yv:.1}" class="grid"/><text x="{}" y="{:.1}" class="axis" text-anchor="end">{v}</text>"#,
            W - RIGHT,
            LEFT - 4.0,
            y(v) + 4.0,
            yv = y(v),
        );
    }
    for (at, label) in labels {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">{}</text>"#,
            x(*at),
            height - 8.0,
            escape(label)
        );
    }
    for p in points {
        let px = x(p.at);
        let _ = write!(s, "<g><title>{}</title>", escape(&p.title));
        if let (Some(b), Some(a)) = (p.before, p.after) {
            let _ = write!(
                s,
                r#"<line x1="{px:.1}" x2="{px:.1}" y1="{:.1}" y2="{:.1}" class="change"/>"#,
                y(b),
                y(a)
            );
        }
        if let Some(b) = p.before {
            let _ = write!(
                s,
                r#"<circle cx="{px:.1}" cy="{:.1}" r="4" class="before"/>"#,
                y(b)
            );
        }
        if let Some(a) = p.after {
            let _ = write!(
                s,
                r#"<circle cx="{px:.1}" cy="{:.1}" r="4" class="after"/>"#,
                y(a)
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

/// One day's pain: where it falls across the period (0 to 1) and the score.
pub struct DailyPoint {
    pub at: f64,
    pub pain: u8,
    pub title: String,
}

/// The day's pain (0-10) as a line across the period, over a shaded band: from the
/// first days' mean (`band.1`) down to where a change becomes important
/// (`band.2`), from `band.0` across (0 to 1) to the end. Scores below the band are
/// an important improvement.
pub fn daily_pain(
    points: &[DailyPoint],
    band: Option<(f64, f64, f64)>,
    labels: &[(f64, String)],
    aria: &str,
) -> String {
    let height = 220.0;
    let plot_h = height - TOP - BOTTOM;
    let plot_w = W - LEFT - RIGHT - 10.0;
    let y = |v: f64| TOP + plot_h - v / 10.0 * plot_h;
    let x = |at: f64| LEFT + 5.0 + at.clamp(0.0, 1.0) * plot_w;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {W} {height}" role="img" aria-label="{}">"#,
        escape(aria)
    );
    if let Some((from, hi, lo)) = band {
        let left = x(from);
        let _ = write!(
            s,
            r#"<rect x="{left:.1}" y="{:.1}" width="{:.1}" height="{:.1}" class="band"><title>The first days' mean ({}) to the minimal important change ({})</title></rect>"#,
            y(hi),
            (W - RIGHT - left).max(0.0),
            (y(lo) - y(hi)).max(0.0),
            fmt(hi),
            fmt(lo)
        );
    }
    for v in [0u8, 2, 4, 6, 8, 10] {
        let yv = y(f64::from(v));
        let _ = write!(
            s,
            r#"<line x1="{LEFT}" x2="{}" y1="{yv:.1}" y2="{yv:.1}" class="grid"/><text x="{}" y="{:.1}" class="axis" text-anchor="end">{v}</text>"#,
            W - RIGHT,
            LEFT - 4.0,
            yv + 4.0,
        );
    }
    for (at, label) in labels {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">{}</text>"#,
            x(*at),
            height - 8.0,
            escape(label)
        );
    }
    let line: Vec<String> = points
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.at), y(f64::from(p.pain))))
        .collect();
    let _ = write!(
        s,
        r#"<polyline points="{}" class="daily"/>"#,
        line.join(" ")
    );
    for p in points {
        let _ = write!(
            s,
            r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" class="after"><title>{}</title></circle>"#,
            x(p.at),
            y(f64::from(p.pain)),
            escape(&p.title)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_on_a_round_number() {
        assert_eq!(nice(0.4), 1.0);
        assert_eq!(nice(3.0), 5.0);
        assert_eq!(nice(7.0), 10.0);
        assert_eq!(nice(41.0), 50.0);
        assert_eq!(nice(101.0), 200.0);
    }

    #[test]
    fn labels_are_escaped() {
        let svg = bars(
            &[Bar {
                label: "<b>".into(),
                value: 2.0,
                target: Some(3.0),
                title: "a & b".into(),
                muted: false,
            }],
            100.0,
            1,
            "x\"y",
        );
        assert!(svg.contains("&lt;b&gt;") && svg.contains("a &amp; b") && svg.contains("x&quot;y"));
        assert!(!svg.contains("<b>"));
    }
}
