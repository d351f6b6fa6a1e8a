//! The red-flag questions over the home screen: when the pain began, each sign's
//! question, the emergency tier as one question, the answer to a "yes" (its tier's
//! screen: what to do and where), and "have you been checked?". In a small window
//! the lines that only explain go first; the question, the action and the keys stay.

use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::theme::Theme;
use crate::app::{Asking, EpisodeQuestions, Purpose, WHEN};
use crate::core::red_flags::{self, Sign, Tier};
use crate::ui::Frame;

/// A line, and whether it may go when the window is short.
type Row = (Line<'static>, bool);

pub fn draw(frame: &mut Frame, area: Rect, q: &EpisodeQuestions, theme: &Theme) {
    let key = |k: &'static str| Span::styled(k, theme.key());
    let keep = |l: Line<'static>| (l, false);
    let spare = |l: Line<'static>| (l, true);
    let yes_no = |no: &'static str| {
        keep(Line::from(vec![
            key("y"),
            Span::raw(" yes   "),
            key("n"),
            Span::raw(" or "),
            key("Enter"),
            Span::raw(no),
        ]))
    };
    let (title, rows): (&str, Vec<Row>) = match q.asking {
        Asking::When(chosen) => {
            let mut rows = vec![
                keep(Line::styled("When did the pain begin?", theme.bold())),
                spare(Line::raw("")),
            ];
            for (i, (label, _)) in WHEN.iter().enumerate() {
                let style = if i == chosen {
                    theme.selected()
                } else {
                    Style::default()
                };
                let mark = if i == chosen { "▸ " } else { "  " };
                rows.push(keep(Line::styled(format!("{mark}{label}"), style)));
            }
            rows.push(spare(Line::raw("")));
            rows.push(keep(Line::from(vec![
                key("↑↓"),
                Span::raw(" choose  "),
                key("Enter"),
                Span::raw(" next  "),
                key("Esc"),
                Span::raw(" cancel"),
            ])));
            (" My back hurts: start an episode ", rows)
        }
        Asking::Sign(n) => {
            let sign = Sign::ALL[n];
            let (k, of) = q.progress(n);
            let mut rows = Vec::new();
            if q.which() && k == 1 {
                rows.push(spare(Line::raw(
                    "Which was it? One at a time, so that your record says.",
                )));
                rows.push(spare(Line::raw("")));
            }
            if q.purpose == Purpose::Missing && k == 1 {
                rows.push(spare(Line::raw(
                    "First, the questions about signs that need a doctor, one at a time.",
                )));
                rows.push(spare(Line::raw("")));
            }
            let tier = match sign.tier() {
                Tier::Emergency => "signs of an emergency",
                Tier::SameDay => "signs that need a doctor today",
            };
            rows.push(keep(Line::styled(
                format!("Question {k} of {of}: {tier}"),
                theme.dim(),
            )));
            rows.push(spare(Line::raw("")));
            rows.push(keep(Line::styled(sign.question(), theme.bold())));
            rows.push(spare(Line::raw("")));
            rows.push(yes_no(" no"));
            (" Safety questions ", rows)
        }
        Asking::Said(n) => said(sign_tier(n), red_flags::answer(Sign::ALL[n])[0], theme),
        Asking::Together => {
            let mut rows = vec![
                keep(Line::styled(
                    "With your back pain, have any of these started, or got worse, since you were last asked?",
                    theme.bold(),
                )),
                spare(Line::raw("")),
            ];
            // Each sign whole where the window has room, else their short names.
            let inner = usize::from(area.width.min(64).saturating_sub(2)).max(1);
            let whole: Vec<Line<'static>> = q
                .signs_asked()
                .iter()
                .flat_map(|s| super::bullet(s.listed(), inner, Style::default()))
                .collect();
            let room = usize::from(area.height.saturating_sub(2)).saturating_sub(6);
            if whole.len() <= room {
                rows.extend(whole.into_iter().map(keep));
            } else {
                let short: Vec<&str> = q.signs_asked().iter().map(|s| s.short()).collect();
                rows.push(keep(Line::raw(format!("{}.", short.join(", ")))));
            }
            rows.push(spare(Line::raw("")));
            rows.push(spare(Line::styled(red_flags::DO_NOT_WAIT, theme.dim())));
            rows.push(spare(Line::raw("")));
            rows.push(yes_no(" none of these"));
            (" A weekly check ", rows)
        }
        Asking::SaidTogether => said(Tier::Emergency, red_flags::answer(Sign::Saddle)[0], theme),
        Asking::Check => (
            " Checked? ",
            vec![
                keep(Line::styled(
                    "Have you been checked by a doctor or a nurse since you said yes?",
                    theme.bold(),
                )),
                spare(Line::raw("")),
                spare(Line::raw(
                    "supple records it, and Today offers the plan again.",
                )),
                spare(Line::raw("")),
                keep(Line::from(vec![
                    key("y"),
                    Span::raw(" yes   "),
                    key("n"),
                    Span::raw(" or "),
                    key("Esc"),
                    Span::raw(" not yet"),
                ])),
            ],
        ),
    };
    let inner = usize::from(area.width.min(64).saturating_sub(2)).max(1);
    // Each row as the lines it takes, wrapped once, and their height.
    let rows: Vec<(Vec<Line<'static>>, usize, bool)> = rows
        .into_iter()
        .map(|(l, spare)| {
            let (lines, tall) = wrapped(l, inner);
            (lines, tall, spare)
        })
        .collect();
    // The lines that only explain go first when the window is short.
    let room = usize::from(area.height.saturating_sub(2));
    let keep_all = rows.iter().map(|(_, tall, _)| tall).sum::<usize>() <= room;
    let rows: Vec<(Vec<Line<'static>>, usize)> = rows
        .into_iter()
        .filter(|(_, _, spare)| keep_all || !spare)
        .map(|(lines, tall, _)| (lines, tall))
        .collect();
    let tall: usize = rows.iter().map(|(_, tall)| tall).sum();
    let lines: Vec<Line<'static>> = rows.into_iter().flat_map(|(l, _)| l).collect();
    let boxed = super::centered(
        area,
        64,
        u16::try_from(tall).unwrap_or(u16::MAX).saturating_add(2),
    );
    crate::ui::lines::clear(frame.buffer_mut(), boxed);
    // A line still wider than the box (several styles, in a very narrow
    // window) is wrapped by the paragraph.
    if lines.iter().any(|l| l.width() > inner) {
        frame.render_widget(
            Paragraph::new(lines)
                .block(Block::bordered().title(title))
                .wrap(Wrap { trim: false }),
            boxed,
        );
        return;
    }
    // Else each line is drawn as it is, straight into the buffer: what the
    // paragraph and its block draw, without their cost on every start.
    let buf = frame.buffer_mut();
    let text = super::lines::boxed(buf, boxed, &Line::raw(title));
    super::lines::paragraph(buf, text, &lines, None, Alignment::Left);
}

/// `line` in lines of at most `width` columns, and the rows they take: as it
/// is when it fits; as it is when it mixes styles, for the paragraph to wrap,
/// taking the rows its words take; else its words wrapped, in its style (the
/// paragraph's own wrapping measured every character again at each frame).
fn wrapped(line: Line<'static>, width: usize) -> (Vec<Line<'static>>, usize) {
    if line.width() <= width {
        return (vec![line], 1);
    }
    if line.spans.len() > 1 {
        let tall = crate::core::text::wrap(&line.to_string(), width).len();
        return (vec![line], tall.max(1));
    }
    let style = line
        .spans
        .first()
        .map_or(line.style, |s| line.style.patch(s.style));
    let lines: Vec<Line<'static>> = crate::core::text::wrap(&line.to_string(), width)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect();
    let tall = lines.len();
    (lines, tall)
}

fn sign_tier(n: usize) -> Tier {
    Sign::ALL[n].tier()
}

/// The screen after a "yes": what it may mean, what to do and where, the keys.
fn said(tier: Tier, meaning: &'static str, theme: &Theme) -> (&'static str, Vec<Row>) {
    let title = match tier {
        Tier::Emergency => " Emergency ",
        Tier::SameDay => " See a doctor today ",
    };
    let action = match tier {
        Tier::Emergency => theme.warning(),
        Tier::SameDay => theme.bold(),
    };
    (
        title,
        vec![
            (Line::raw(meaning), true),
            (Line::raw(""), true),
            (Line::styled(tier.action(), action), false),
            (Line::raw(""), true),
            (
                Line::raw(
                    "It is recorded. Today keeps it at the top until you press c there to say you have been checked.",
                ),
                true,
            ),
            (Line::raw(""), true),
            (
                Line::from(vec![
                    Span::styled("Enter", theme.key()),
                    Span::raw(" go on"),
                ]),
                false,
            ),
        ],
    )
}
