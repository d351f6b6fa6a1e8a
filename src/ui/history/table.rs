//! The history screen's table of the last sessions.

use std::time::Duration;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{boxed, rows, this_year};
use crate::app::HistoryScreen;
use crate::core::duration;
use crate::core::history::Outcome;
use crate::core::text::grouped;
use crate::ui::Frame;
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
    let pains: Vec<String> = shown.iter().map(|r| pain_text(r)).collect();
    let pain_w = pains
        .iter()
        .map(|p| crate::core::text::width(p))
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
    // The cells are put together with pushes, not `format!` (five a row): the
    // same text, for a fraction of the instructions at every draw.
    let lines: Vec<Line> = shown
        .iter()
        .zip(actives)
        .zip(pains)
        .map(|((r, active), pain)| {
            // The time it started, the same time the list is sorted by; the
            // date with its year instead in another year than today's.
            let mut when = String::with_capacity(16);
            when.push(' ');
            if r.start.get(..4).is_some_and(|y| y == this_year) {
                let time = r.start.get(5..16).unwrap_or(&r.start);
                when.extend(time.chars().map(|c| if c == 'T' { ' ' } else { c }));
            } else {
                let date = r.start.get(..10).unwrap_or(&r.start);
                when.push_str(date);
                spaces(&mut when, 11usize.saturating_sub(date.chars().count()));
            }
            when.push_str("  ");
            let mut name = crate::core::text::truncate(&r.name, name_w);
            let pad = name_w.saturating_sub(crate::core::text::width(&name));
            spaces(&mut name, pad + 2);
            // Right-aligned as `{:>w$}` aligns, by characters.
            let mut time = String::with_capacity(active_w + 2);
            spaces(&mut time, active_w.saturating_sub(active.chars().count()));
            time.push_str(&active);
            time.push_str("  ");
            let outcome = match r.outcome {
                Outcome::Finished => Span::styled("finished", theme.strong(Tone::Done)),
                Outcome::Stopped => Span::styled("stopped ", theme.dim()),
            };
            let spans = vec![
                Span::raw(when),
                Span::raw(name),
                Span::raw(time),
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

/// `n` spaces pushed onto `s`.
fn spaces(s: &mut String, n: usize) {
    s.extend(std::iter::repeat_n(' ', n));
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
