//! `supple history`: the sessions, full screen, as lines or as JSON.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use super::{CliError, Ctx, data_dir, line, screen};
use crate::app::{App, HistoryScreen, Home, Launch, Settings};
use crate::core::duration;
use crate::core::history::parse_time;
use crate::core::text::count;

/// Your sessions: the last ones, minutes per day, the streak, pain before and after.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only sessions from this long ago on (for example 7d).
    #[arg(long, value_name = "DURATION", value_parser = super::values::since)]
    pub since: Option<std::time::Duration>,
    /// Lines of text instead of the full screen.
    #[arg(long)]
    pub plain: bool,
    /// Everything as JSON: the records, what could not be read, and the figures.
    #[arg(long, conflicts_with = "plain")]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let since = args.since;
    let path = crate::store::log::log_path(data_dir(ctx)?);
    if args.json {
        return history_json(ctx, &path, since);
    }
    if args.plain || !ctx.full_screen() {
        return history_plain(ctx, &path, since);
    }
    let (tz, now) = (&ctx.tz, ctx.now);
    let today = now.to_zoned_datetime(tz.clone()).date();
    let from = since.map(|_| window_start(since, now));
    let (stats, log) = figures(ctx, &path, from, today)?;
    let mut app = App::new(
        Home::new(Vec::new(), Vec::new()),
        Settings::default(),
        Launch::Direct,
    );
    let range = since.map(|d| format!("last {}", humantime::format_duration(d)));
    // The list's rows are read once the window's size is known: as many as it
    // shows (the rest as keys move it).
    let screen = HistoryScreen::new(stats, range, from, log, Vec::new());
    app.open_history(screen, ctx.moment());
    screen::run(ctx, &mut app, None)
}

/// The history screen's figures and the log as they were read from it:
/// without `--since`, from the figures kept in the cache folder for this time
/// zone and the lines appended since; else (or when the kept ones cannot tell
/// them) from every record, one at a time.
fn figures(
    ctx: &Ctx,
    path: &Path,
    from: Option<jiff::Timestamp>,
    today: jiff::civil::Date,
) -> Result<(crate::core::history::stats::Stats, crate::core::history::Snapshot), CliError> {
    use crate::core::history::stats::{Figures, SCREEN_PAIN, Tally};
    use crate::store::summary::{fold, kept_path, zone_key};
    let tz = &ctx.tz;
    let mut warned = false;
    if from.is_none()
        && let Some(key) = zone_key(tz)
    {
        let kept = ctx
            .cache
            .as_deref()
            .map(|c| kept_path::<Figures>(c, path, &key));
        let read = fold::<Figures>(path, kept, |f| f.set_zone(tz.clone()))
            .map_err(|e| cannot_read(path, &e))?;
        if let Some(note) = &read.note {
            let _ = writeln!(ctx.err(), "supple: note: {note}");
        }
        warn_skipped(ctx, path, read.summary.skips());
        warned = true;
        if let Some(stats) = read.summary.stats(today) {
            return Ok((stats, read.snapshot));
        }
    }
    let from = from.unwrap_or(jiff::Timestamp::MIN);
    let Some(log) = crate::store::log::Opened::open(path).map_err(|e| cannot_read(path, &e))?
    else {
        return Ok((Tally::default().stats(today), Default::default()));
    };
    let mut tally = Tally::keeping_pain(SCREEN_PAIN);
    let skipped = log
        .each_session(|r| {
            if parse_time(&r.start).is_ok_and(|t| t >= from) {
                tally.add(&r, tz);
            }
        })
        .map_err(|e| cannot_read(path, &e))?;
    if !warned {
        warn_skipped(ctx, path, &skipped);
    }
    let snapshot = log.snapshot().map_err(|e| cannot_read(path, &e))?;
    Ok((tally.stats(today), snapshot))
}

fn cannot_read(path: &Path, e: &dyn std::fmt::Display) -> CliError {
    CliError::failed(format!(
        "cannot read the history log {}: {e}; move it away (nothing else reads it)",
        path.display()
    ))
}

fn warn_skipped(ctx: &Ctx, path: &Path, skipped: &crate::core::history::Skips) {
    let mut err = ctx.err();
    for w in skipped.warnings(path, 5) {
        let _ = writeln!(err, "supple: warning: {w}");
    }
}

/// The start of the window `--since` asks for (the beginning of time without it).
fn window_start(since: Option<Duration>, now: jiff::Timestamp) -> jiff::Timestamp {
    since
        .and_then(|d| jiff::SignedDuration::try_from(d).ok())
        .and_then(|d| now.checked_sub(d).ok())
        .unwrap_or(jiff::Timestamp::MIN)
}

/// `supple history --plain` (or with no terminal): the records read one at a
/// time, keeping the figures, the last 10 sessions and the last 14 pain scores
/// the lines show, so memory does not grow with the log.
fn history_plain(ctx: &Ctx, path: &Path, since: Option<Duration>) -> Result<ExitCode, CliError> {
    let (tz, now) = (&ctx.tz, ctx.now);
    let from = window_start(since, now);
    let mut tally = crate::core::history::stats::Tally::keeping_pain(PAINS_SHOWN);
    let mut last: std::collections::VecDeque<crate::core::history::Record> =
        std::collections::VecDeque::with_capacity(LAST_SHOWN + 1);
    let skipped = crate::store::log::each_session(path, |r| {
        if parse_time(&r.start).is_ok_and(|t| t >= from) {
            tally.add(&r, tz);
            if last.len() == LAST_SHOWN {
                last.pop_front();
            }
            last.push_back(r);
        }
    })
    .map_err(|e| cannot_read(path, &e))?;
    warn_skipped(ctx, path, &skipped);
    let today = now.to_zoned_datetime(tz.clone()).date();
    let stats = tally.stats(today);
    let shown: Vec<&crate::core::history::Record> = last.iter().collect();
    let mut out = ctx.out();
    write_lines(&mut *out, &shown, &stats)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// How many of the last sessions and pain scores `--plain` shows.
const LAST_SHOWN: usize = 10;
const PAINS_SHOWN: usize = 14;

/// `supple history --json`: the records written as they are read, the figures
/// gathered alongside, then the skipped lines and the figures. The pain scores
/// close the figures, after every record: the first reading marks the lines
/// that hold one (a bit a line), and a second reading of the same bytes takes
/// only the start and the scores of those lines, so memory does not grow with
/// the sessions and the second reading costs a fraction of the first.
fn history_json(
    ctx: &Ctx,
    path: &Path,
    since: Option<std::time::Duration>,
) -> Result<ExitCode, CliError> {
    let (tz, now) = (&ctx.tz, ctx.now);
    let from = window_start(since, now);
    // A log that cannot be read is said before anything is written.
    let opened = crate::store::log::Opened::open(path).map_err(|e| cannot_read(path, &e))?;
    let mut out = ctx.out();
    let mut out = io::BufWriter::new(&mut *out);
    let head = serde_json::json!({ "path": path.display().to_string() }).to_string();
    // `{"path":"..."` and then the records, one a line.
    let head = head.strip_suffix('}').unwrap_or(&head);
    write!(
        out,
        "{},\n\"records\": [",
        crate::core::text::json_for_terminal(head)
    )?;
    let mut tally = crate::core::history::stats::Tally::keeping_pain(0);
    let mut written = 0usize;
    let mut failed: Option<io::Error> = None;
    // The lines whose session is in the window and has a pain score.
    let mut pained = LineSet::default();
    let mut line = Vec::with_capacity(1024);
    let read = opened.as_ref().map_or(Ok(Default::default()), |log| {
        log.each_numbered_session(|number, mut r| {
            if failed.is_some() || !in_window(&r, from) {
                return;
            }
            line.clear();
            line.extend_from_slice(if written == 0 { b"\n" } else { b",\n" });
            written += 1;
            if let Err(e) = serde_json::to_writer(&mut line, &r)
                .map_err(io::Error::from)
                .and_then(|()| write_for_terminal(&mut out, &line))
            {
                failed = Some(e);
            }
            // The figures without the scores: the second reading gives those.
            if r.pain_before.take().is_some() | r.pain_after.take().is_some() {
                pained.insert(number);
            }
            tally.add(&r, tz);
        })
    });
    if let Some(e) = failed {
        return Err(e.into());
    }
    let skipped = read.map_err(|e| cannot_read(path, &e))?;
    let today = now.to_zoned_datetime(tz.clone()).date();
    let skipped_lines: Vec<serde_json::Value> = skipped
        .iter()
        .map(|s| serde_json::json!({ "line": s.line, "why": s.why }))
        .collect();
    let tail = serde_json::json!({
        "skipped": skipped_lines,
        "skipped_total": skipped.len(),
        "stats": tally.stats(today),
    })
    .to_string();
    let tail = tail.strip_prefix('{').unwrap_or(&tail);
    // The figures were gathered without their pain scores: they go where the
    // empty list is (`"pain":[]` is found only as the key: in a string, a quote
    // is always escaped), read again from the same bytes.
    let (before, after) = tail.split_once("\"pain\":[]").unwrap_or((tail, ""));
    write!(
        out,
        "\n],\n{}\"pain\":[",
        crate::core::text::json_for_terminal(before)
    )?;
    if let Some(log) = &opened
        && !pained.is_empty()
    {
        let mut first = true;
        let mut changed = None;
        log.each_line_numbered(
            |number| pained.contains(number),
            |number, raw| {
                if failed.is_some() || changed.is_some() {
                    return;
                }
                line.clear();
                line.extend_from_slice(if first { b"" } else { b"," });
                first = false;
                if pain_point(raw, &mut line).is_err() {
                    changed = Some(number);
                } else if let Err(e) = write_for_terminal(&mut out, &line) {
                    failed = Some(e);
                }
            },
        )
        .map_err(|e| cannot_read(path, &e))?;
        // Only a log rewritten in place between the two readings gets here.
        if let Some(number) = changed {
            return Err(CliError::failed(format!(
                "the history log {} changed while it was read (line {number}); run the command again",
                path.display()
            )));
        }
    }
    if let Some(e) = failed {
        return Err(e.into());
    }
    writeln!(out, "]{}", crate::core::text::json_for_terminal(after))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Whether a session read from the log started at `from` or later (its start
/// was checked when it was read: only the window's bound needs it parsed).
fn in_window(r: &crate::core::history::Record, from: jiff::Timestamp) -> bool {
    from == jiff::Timestamp::MIN || parse_time(&r.start).is_ok_and(|t| t >= from)
}

/// JSON text written as [`crate::core::text::json_for_terminal`] makes it (the
/// text of a record read from the log is plain ASCII nearly always: then as it is).
fn write_for_terminal(out: &mut impl Write, json: &[u8]) -> io::Result<()> {
    if json.iter().all(|b| (0x20..0x7f).contains(b) || *b == b'\n') {
        return out.write_all(json);
    }
    let text = String::from_utf8_lossy(json);
    out.write_all(crate::core::text::json_for_terminal(&text).as_bytes())
}

/// The pain point of a line the first reading read as a session with a pain
/// score, appended to `to` as the figures write it (`{"after":..,"before":..,
/// "start":".."}`, keys in order): only those three fields are parsed.
fn pain_point(raw: &[u8], to: &mut Vec<u8>) -> serde_json::Result<()> {
    #[derive(serde::Deserialize)]
    struct Scores<'a> {
        #[serde(borrow)]
        start: std::borrow::Cow<'a, str>,
        #[serde(default)]
        pain_before: Option<u8>,
        #[serde(default)]
        pain_after: Option<u8>,
    }
    #[derive(serde::Serialize)]
    struct Point<'a> {
        after: Option<u8>,
        before: Option<u8>,
        start: &'a str,
    }
    let s: Scores = serde_json::from_slice(raw)?;
    // As the session was made displayable when it was read.
    let start = crate::core::text::sanitize(&s.start);
    let point = Point {
        after: s.pain_after,
        before: s.pain_before,
        start: &start,
    };
    serde_json::to_writer(to, &point)
}

/// A set of line numbers, a bit each: what a reading of a million lines
/// remembers of them for the next costs 125 KiB.
#[derive(Debug, Default)]
struct LineSet {
    words: Vec<u64>,
    len: usize,
}

impl LineSet {
    fn insert(&mut self, n: usize) {
        let (word, bit) = (n / 64, n % 64);
        if self.words.len() <= word {
            self.words.resize(word + 1, 0);
        }
        if let Some(w) = self.words.get_mut(word) {
            if *w & (1 << bit) == 0 {
                self.len += 1;
            }
            *w |= 1 << bit;
        }
    }

    fn contains(&self, n: usize) -> bool {
        self.words.get(n / 64).is_some_and(|w| w & (1 << (n % 64)) != 0)
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// `supple history --plain`: the last sessions, the streak, minutes per day for
/// four weeks, sessions per routine and the pain trend, as lines.
pub fn write_lines(
    out: &mut dyn Write,
    records: &[&crate::core::history::Record],
    stats: &crate::core::history::stats::Stats,
) -> io::Result<()> {
    use crate::core::history::Outcome;
    if records.is_empty() {
        line(
            out,
            "No sessions yet. Every routine and ice/heat session you run is saved here.",
        )?;
        line(
            out,
            "Start one: supple play back-spasm-relief, or supple ice.",
        )?;
        return Ok(());
    }
    line(
        out,
        &format!(
            "{} ({} finished), {} active. Streak: {}.",
            count(stats.sessions as u64, "session"),
            stats.finished,
            duration::human(Duration::from_secs(stats.active_seconds)),
            count(u64::from(stats.streak_days), "day")
        ),
    )?;
    writeln!(out)?;
    line(out, "Last sessions:")?;
    for r in records.iter().rev().take(LAST_SHOWN) {
        let when = r.start.get(..16).unwrap_or(&r.start).replace('T', " ");
        let outcome = match r.outcome {
            Outcome::Finished => "finished".to_owned(),
            Outcome::Stopped => match &r.stopped_at {
                Some(at) => format!("stopped at {at}"),
                None => "stopped".to_owned(),
            },
        };
        let pain = match (r.pain_before, r.pain_after) {
            (Some(b), Some(a)) => format!("  pain {b} -> {a}"),
            (Some(b), None) => format!("  pain {b} before"),
            (None, Some(a)) => format!("  pain {a} after"),
            (None, None) => String::new(),
        };
        let active = duration::human(Duration::from_secs(r.active_seconds));
        line(
            out,
            &format!("  {when}  {}  {active}  {outcome}{pain}", r.name),
        )?;
        for m in &r.missed_switches {
            line(out, &format!("      missed while away: {m}"))?;
        }
    }
    writeln!(out)?;
    line(out, "Active minutes per day, last 4 weeks:")?;
    let most = stats
        .days
        .iter()
        .map(|d| d.active_seconds)
        .max()
        .unwrap_or(0)
        .max(60);
    for d in &stats.days {
        let minutes = d.active_seconds.div_ceil(60);
        let width = d.active_seconds.saturating_mul(30).div_ceil(most) as usize;
        line(
            out,
            &format!("  {}  {:<30} {minutes}", d.date, "#".repeat(width)),
        )?;
    }
    writeln!(out)?;
    line(out, "Sessions per routine:")?;
    for (name, n) in &stats.per_name {
        line(out, &format!("  {n:>4}  {name}"))?;
    }
    if !stats.pain.is_empty() {
        writeln!(out)?;
        line(out, "Pain (0-10), before -> after:")?;
        for p in stats.pain.iter().rev().take(PAINS_SHOWN).rev() {
            let show = |v: Option<u8>| v.map_or("-".to_owned(), |n| n.to_string());
            let when = p.start.get(..10).unwrap_or(&p.start);
            line(
                out,
                &format!("  {when}  {} -> {}", show(p.before), show(p.after)),
            )?;
        }
    }
    Ok(())
}
