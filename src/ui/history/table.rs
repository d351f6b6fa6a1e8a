//! The history screen's table of the last sessions.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{boxed, rows, this_year};
use crate::app::HistoryScreen;
use crate::core::duration;
use crate::core::history::Outcome;
use crate::core::text::grouped;
use crate::ui::theme::{Theme, Tone};

/// The cells (spans) that fit whole in `width` columns; when one is left out the
/// line ends with "…", so a cut line says so.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w <= width {
            used += w;
            out.push(span);
            continue;
        }
        if used < width {
            out.push(Span::raw("…"));
        } else if let Some(last) = out.pop() {
            let keep = last.width().saturating_sub(1);
            let cut = crate::core::text::truncate(last.content.trim_end(), keep);
            let cut = if cut.ends_with('…') {
                cut
            } else {
                format!("{cut}…")
            };
            out.push(Span::styled(cut, last.style));
        }
        break;
    }
    out
}

pub(super) fn draw(frame: &mut Frame, area: Rect, h: &HistoryScreen, theme: &Theme) {
    let visible = usize::from(area.height.saturating_sub(2));
    h.set_room(visible);
    let total = h.total();
    let last = total.saturating_sub(visible);
    let scroll = h.scroll().min(last);
    let inner = usize::from(area.width.saturating_sub(2));
    let shown: Vec<&crate::core::history::Record> =
        h.rows(scroll, visible).iter().map(|p| &p.record).collect();
    let this_year = this_year(h);
    // Columns as wide as what is in them (the name up to 22).
    let actives: Vec<String> = shown
        .iter()
        .map(|r| duration::human(Duration::from_secs(r.active_seconds)))
        .collect();
    let active_w = actives.iter().map(String::len).max().unwrap_or(0);
    // In a narrow window the name gives way to the time it took (" 11-23 13:00  "
    // is 14 columns, two spaces after the name and after the time, and "…").
    let pain_w = shown
        .iter()
        .map(|r| crate::core::text::width(&pain_text(r)))
        .max()
        .unwrap_or(0);
    let whole_room = inner.saturating_sub(14 + 2 + active_w + 2 + 8 + pain_w);
    let name_room = if whole_room >= 12 {
        whole_room
    } else {
        inner.saturating_sub(14 + 2 + active_w + 2 + 1).max(8)
    };
    let name_w = shown
        .iter()
        .map(|r| crate::core::text::width(&r.name))
        .max()
        .unwrap_or(0)
        .min(22)
        .min(name_room);
    let lines: Vec<Line> = shown
        .iter()
        .zip(&actives)
        .map(|(r, active)| {
            // The time it started, the same time the list is sorted by; the
            // date with its year instead in another year than today's.
            let when = if r.start.get(..4).is_some_and(|y| y == this_year) {
                r.start.get(5..16).unwrap_or(&r.start).replace('T', " ")
            } else {
                format!("{:<11}", r.start.get(..10).unwrap_or(&r.start))
            };
            let outcome = match r.outcome {
                Outcome::Finished => Span::styled("finished", theme.strong(Tone::Done)),
                Outcome::Stopped => Span::styled("stopped ", theme.dim()),
            };
            let pain = pain_text(r);
            let spans = vec![
                Span::raw(format!(" {when}  ")),
                Span::raw(format!(
                    "{}  ",
                    crate::core::text::pad(&crate::core::text::truncate(&r.name, name_w), name_w)
                )),
                Span::raw(format!("{active:>active_w$}  ")),
                outcome,
                Span::raw(pain),
            ];
            Line::from(fit_spans(spans, inner))
        })
        .collect();
    let title = if last > 0 {
        let (a, b, n) = (
            grouped(scroll as u64 + 1),
            grouped((scroll + shown.len()) as u64),
            grouped(total as u64),
        );
        // Shorter forms in a narrow window, so the numbers are not cut.
        [
            format!(" Last sessions {a}-{b} of {n} · ↑↓ "),
            format!(" Sessions {a}-{b} of {n} "),
            format!(" {a}-{b} of {n} "),
        ]
        .into_iter()
        .find(|t| crate::core::text::width(t) <= inner)
        .unwrap_or_else(|| format!(" {a}-{b}/{n} "))
    } else {
        " Last sessions ".to_owned()
    };
    let inner = boxed(frame, area, Line::from(title));
    rows::draw(frame.buffer_mut(), inner, &lines, Style::new());
}

/// "  pain 4 → 2", or nothing without scores.
fn pain_text(r: &crate::core::history::Record) -> String {
    match (r.pain_before, r.pain_after) {
        (Some(b), Some(a)) => format!("  pain {b} → {a}"),
        (Some(b), None) => format!("  pain {b} before"),
        (None, Some(a)) => format!("  pain {a} after"),
        (None, None) => String::new(),
    }
}
