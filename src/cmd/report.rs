//! `supple report`: the weeks in one HTML page (or the sessions as CSV), from the
//! history log alone. The figures and the page are made in [`crate::core::report`].

use std::collections::HashMap;
use std::io::{self, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{CliError, Ctx, data_dir, line};
use crate::core::report;

/// A report of the last weeks for you and your physiotherapist (HTML, or CSV).
///
/// One HTML page (no scripts, no network; it prints on A4): first a summary
/// (the episode's day and stage, the red-flag answers, the daily pain's trend,
/// how each activity you named changed, the plan's items done per kind, flares),
/// then sessions per week against the plan, minutes per day, daily pain, pain
/// before and after each session, your activities' ratings, each exercise's
/// dose and what was done, and your notes. `--format csv` lists the
/// sessions instead, one row each.
///
/// Written to --out FILE; without it, to standard output, or on a terminal to
/// supple-report-DATE.html in this folder.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How far back (for example 4w, 10d, 3months, 1y): months and years are
    /// calendar spans back from today; at most two years.
    #[arg(long, value_name = "DURATION", value_parser = super::values::period, default_value = "4w")]
    pub since: report::Period,
    /// Write it here (`-` for standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// html (the page) or csv (the sessions, one row each).
    #[arg(long, value_enum, default_value = "html")]
    pub format: FormatArg,
    /// With --format csv: a row per session (the default), per exercise of
    /// each session (planned against done), per day's pain score, or per
    /// rating of an activity on the Patient-Specific Functional Scale
    /// (function).
    #[arg(long, value_enum, default_value = "sessions")]
    pub rows: RowsArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RowsArg {
    Sessions,
    Exercises,
    Pain,
    Function,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Html,
    Csv,
}

/// What `supple report` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Csv,
    /// `--format csv --rows exercises`.
    CsvExercises,
    /// `--format csv --rows pain`.
    CsvPain,
    /// `--format csv --rows function`.
    CsvFunction,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let format = match (args.format, args.rows) {
        (FormatArg::Html, RowsArg::Sessions) => ReportFormat::Html,
        (FormatArg::Html, RowsArg::Exercises | RowsArg::Pain | RowsArg::Function) => {
            return Err(CliError::usage(
                "--rows exercises, pain and function are for --format csv; the page has them already",
            ));
        }
        (FormatArg::Csv, RowsArg::Sessions) => ReportFormat::Csv,
        (FormatArg::Csv, RowsArg::Exercises) => ReportFormat::CsvExercises,
        (FormatArg::Csv, RowsArg::Pain) => ReportFormat::CsvPain,
        (FormatArg::Csv, RowsArg::Function) => ReportFormat::CsvFunction,
    };
    let (since, file) = (args.since, args.out.as_deref());
    let path = crate::store::log::log_path(data_dir(ctx)?);
    let (now, tz) = (ctx.now, &ctx.tz);
    let days = since.days(now.to_zoned_datetime(tz.clone()).date());
    // A day more than the period, for its first day in any time zone; the week
    // before it, for the plan's weekly items.
    let from = now - jiff::SignedDuration::from_hours((days + 8) * 24);
    let period = Period { days, from };
    match format {
        ReportFormat::Html => {}
        ReportFormat::Csv | ReportFormat::CsvExercises => {
            return csv_rows(ctx, &path, format, period, file);
        }
        ReportFormat::CsvPain | ReportFormat::CsvFunction => {
            return csv_marks(ctx, &path, format, period, file);
        }
    }
    let log = match crate::store::log::read_recent(&path, from) {
        Ok(log) => log,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Default::default(),
        Err(e) => return Err(cannot_read(&path, &e)),
    };
    let loaded = plans_of(ctx, &log.episodes);
    let library = &ctx.library;
    let mut built = report::build(&log, now, tz, days, &|name| loaded.get(name));
    built.name = ctx.config().config.report_name.clone();
    // Each exercise's prescription from its routine, by the name it was logged
    // under (never a path from the log).
    report::prescribe(&mut built, &|id| {
        if id.contains('/') || id.ends_with(".toml") {
            return None;
        }
        library.resolve(id).ok().and_then(|e| e.routine.ok())
    });
    let text = report::html::render(&built);
    let count = (built.days.len(), built.sessions.len());
    let place = (file, format, built.to);
    deliver(ctx, &path, &log.skips, &text, place, count)
}

/// The skipped lines' warnings, then `text` written where `--out` says (the
/// report's own file name by default, standard output for `-`) and what was
/// written said.
fn deliver(
    ctx: &Ctx,
    path: &Path,
    skips: &crate::core::history::Skips,
    text: &str,
    (file, format, to): (Option<&Path>, ReportFormat, jiff::civil::Date),
    count: (usize, usize),
) -> Result<ExitCode, CliError> {
    for w in skips.warnings(path, 5) {
        super::warn(ctx, &w);
    }
    let mut out = ctx.out();
    let Some(target) = target_of(ctx, file, format, to) else {
        out.write_all(text.as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    let written = crate::store::file::write_to(&target, text.as_bytes())
        .map(|m| Written::of(&m, m.is_file()))
        .map_err(|e| cannot_write(&target, &e))?;
    say_written(ctx, &mut *out, format, &target, &written, count)
}

/// The days of the report and the first moment of the log it reads.
#[derive(Debug, Clone, Copy)]
struct Period {
    days: i64,
    from: jiff::Timestamp,
}

fn cannot_read(path: &Path, e: &dyn std::fmt::Display) -> CliError {
    CliError::failed(format!(
        "the history log {} cannot be read: {e}",
        path.display()
    ))
}

fn cannot_write(target: &Path, e: &io::Error) -> CliError {
    let why = if e.raw_os_error() == Some(6) {
        // ENXIO: a FIFO nobody reads.
        "nobody is reading it (a pipe?); start its reader first, or use --out -".to_owned()
    } else {
        crate::store::file::io_reason(e)
    };
    CliError::failed(format!(
        "could not write {}: {why}",
        crate::core::text::truncate(&target.display().to_string(), 200)
    ))
}

/// The plans of the episodes in `records`, by name, as the config sets them.
fn plans_of(
    ctx: &Ctx,
    records: &[crate::core::episode::EpisodeRecord],
) -> HashMap<String, crate::core::plan::Plan> {
    let mut loaded: HashMap<String, crate::core::plan::Plan> = HashMap::new();
    for e in crate::core::episode::episodes(records) {
        if !loaded.contains_key(&e.plan)
            && let Some(Ok(plan)) = ctx.plans.resolve(&e.plan, &ctx.library).map(|p| p.plan)
        {
            loaded.insert(
                e.plan.clone(),
                plan.with_pack_on(ctx.config().config.pack_on),
            );
        }
    }
    loaded
}

/// Where the report goes: `None` for standard output.
fn target_of(
    ctx: &Ctx,
    file: Option<&Path>,
    format: ReportFormat,
    to: jiff::civil::Date,
) -> Option<PathBuf> {
    match file {
        Some(p) if p == Path::new("-") => None,
        Some(p) => Some(p.to_path_buf()),
        // A page of HTML is no use on a terminal: it goes into a file, named.
        None if ctx.terminals.stdout => Some(PathBuf::from(match format {
            ReportFormat::Html => format!("supple-report-{to}.html"),
            ReportFormat::Csv => format!("supple-sessions-{to}.csv"),
            ReportFormat::CsvExercises => format!("supple-exercises-{to}.csv"),
            ReportFormat::CsvPain => format!("supple-pain-{to}.csv"),
            ReportFormat::CsvFunction => format!("supple-function-{to}.csv"),
        })),
        None => None,
    }
}

/// What the report was written to: its device and inode, and whether it is a
/// regular file (not a device or a pipe).
struct Written {
    id: (u64, u64),
    is_file: bool,
}

impl Written {
    fn of(meta: &impl MetadataExt, is_file: bool) -> Written {
        Written {
            id: (meta.dev(), meta.ino()),
            is_file,
        }
    }
}

/// What was written where, said once a file holds it.
fn say_written(
    ctx: &Ctx,
    out: &mut dyn Write,
    format: ReportFormat,
    target: &Path,
    written: &Written,
    (days, sessions): (usize, usize),
) -> Result<ExitCode, CliError> {
    // Written to standard output after all (`--out /dev/stdout`): nothing more.
    if ctx.terminals.stdout_file == Some(written.id) {
        return Ok(ExitCode::SUCCESS);
    }
    let what = match format {
        ReportFormat::Html => "report",
        ReportFormat::Csv => "sessions",
        ReportFormat::CsvExercises => "exercises",
        ReportFormat::CsvPain => "daily pain scores",
        ReportFormat::CsvFunction => "activities' ratings",
    };
    line(
        out,
        &format!(
            "Wrote the {what} of {} to {} ({}, {}).",
            crate::core::text::count(days as u64, "day"),
            target.display(),
            crate::core::text::count(sessions as u64, "session"),
            if format == ReportFormat::Html {
                "open it in a browser; it prints on A4"
            } else {
                "one row each, for a spreadsheet"
            }
        ),
    )?;
    if format == ReportFormat::Html && written.is_file {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        // A command to copy and run: the path quoted for the shell.
        line(
            out,
            &format!(
                "  {opener} {}",
                crate::core::text::shell_quote(&target.display().to_string())
            ),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What stopped the rows: reading the log, or writing them.
enum Failed {
    Read(io::Error),
    Write(io::Error),
}

/// `--format csv` with `--rows sessions` or `--rows exercises`: the rows are
/// written as the log is read, one record at a time, so memory does not grow
/// with the period's sessions. A first reading gathers what every row needs
/// (the episodes and their plans), counts the sessions and measures how far
/// out of the order of their start the log lists them (a session is logged
/// when it ends: one in another terminal can end first); the second writes
/// the rows in order of start, holding back only those a later line of the
/// log could still come before.
fn csv_rows(
    ctx: &Ctx,
    path: &Path,
    format: ReportFormat,
    period: Period,
    file: Option<&Path>,
) -> Result<ExitCode, CliError> {
    use crate::store::log::{Item, Place};
    let (now, tz) = (ctx.now, &ctx.tz);
    let opened = crate::store::log::Opened::open(path).map_err(|e| cannot_read(path, &e))?;
    let counting = report::Window::new(&[], now, tz, period.days, &|_| None);
    let mut episodes = Vec::new();
    let mut sessions = 0usize;
    let mut lateness = report::Lateness::default();
    let mut first: Option<Place> = None;
    let skipped = match &opened {
        Some(log) => log
            .each_recent(period.from, Place::START, |place, item| match item {
                Item::Session(r) => {
                    if let Some((start, _)) = counting.times(&r) {
                        sessions += 1;
                        lateness.add(start);
                        first.get_or_insert(place);
                    }
                }
                Item::Episode(e) => episodes.push(e),
                Item::Mark(_) => {}
            })
            .map_err(|e| cannot_read(path, &e))?,
        None => Default::default(),
    };
    for w in skipped.warnings(path, 5) {
        super::warn(ctx, &w);
    }
    let loaded = plans_of(ctx, &episodes);
    let plan_of = |name: &str| loaded.get(name);
    let window = report::Window::new(&episodes, now, tz, period.days, &plan_of);
    let rows = |out: &mut dyn Write| -> Result<(), Failed> {
        let mut text = match format {
            ReportFormat::CsvExercises => report::csv::exercise_header(),
            _ => report::csv::header(),
        };
        out.write_all(text.as_bytes()).map_err(Failed::Write)?;
        if let (Some(log), Some(first)) = (&opened, first) {
            let mut order = report::InOrder::new(lateness);
            let mut failed = None;
            let mut emit = |(r, start, end)| {
                if failed.is_some() {
                    return;
                }
                text.clear();
                let s = window.session(&r, start, end);
                match format {
                    ReportFormat::CsvExercises => report::csv::exercise_rows(&s, &mut text),
                    _ => report::csv::session_row(&s, &mut text),
                }
                if let Err(e) = out.write_all(text.as_bytes()) {
                    failed = Some(e);
                }
            };
            log.each_recent(period.from, first, |_, item| {
                if let Item::Session(r) = item
                    && let Some((start, end)) = window.times(&r)
                {
                    order.push(start, (r, start, end), &mut emit);
                }
            })
            .map_err(Failed::Read)?;
            order.finish(&mut emit);
            if let Some(e) = failed {
                return Err(Failed::Write(e));
            }
        }
        out.flush().map_err(Failed::Write)
    };
    let days = days_of(&window);
    let Some(target) = target_of(ctx, file, format, window.to) else {
        let mut out = ctx.out();
        let mut out = io::BufWriter::new(&mut *out);
        return match rows(&mut out) {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(Failed::Read(e)) => Err(cannot_read(path, &e)),
            Err(Failed::Write(e)) => Err(e.into()),
        };
    };
    let (to, meta) =
        crate::store::file::open_to(&target).map_err(|e| cannot_write(&target, &e))?;
    let written = Written::of(&meta, meta.is_file());
    match rows(&mut io::BufWriter::new(to)) {
        Ok(()) => {}
        Err(Failed::Read(e)) => return Err(cannot_read(path, &e)),
        Err(Failed::Write(e)) => return Err(cannot_write(&target, &e)),
    }
    say_written(
        ctx,
        &mut *ctx.out(),
        format,
        &target,
        &written,
        (days, sessions),
    )
}

/// How many days the report covers (its first to its last, both included).
fn days_of(window: &report::Window) -> usize {
    let mut days = 0;
    let mut d = window.from;
    while d <= window.to {
        days += 1;
        d = match d.tomorrow() {
            Ok(next) => next,
            Err(_) => break,
        };
    }
    days
}

/// `--format csv` with `--rows pain` or `--rows function`: one reading keeps
/// the episodes, the period's daily pain scores and the ratings (a few a week,
/// typed by a person), and counts the sessions without keeping them.
fn csv_marks(
    ctx: &Ctx,
    path: &Path,
    format: ReportFormat,
    period: Period,
    file: Option<&Path>,
) -> Result<ExitCode, CliError> {
    use crate::core::history::mark::Mark;
    use crate::store::log::{Item, Place};
    let (now, tz) = (ctx.now, &ctx.tz);
    let opened = crate::store::log::Opened::open(path).map_err(|e| cannot_read(path, &e))?;
    let counting = report::Window::new(&[], now, tz, period.days, &|_| None);
    let mut log = crate::core::history::Log::default();
    let mut sessions = 0usize;
    if let Some(opened) = &opened {
        log.skips = opened
            .each_recent(period.from, Place::START, |_, item| match item {
                Item::Session(r) => sessions += usize::from(counting.times(&r).is_some()),
                Item::Episode(e) => log.episodes.push(e),
                // A score of the period is after `from` (a day and a week
                // earlier than its first day); an episode's ratings count from
                // its first, before the period too.
                Item::Mark(m @ Mark::Pain(_)) if m.time().is_some_and(|t| t >= period.from) => {
                    log.marks.push(m)
                }
                Item::Mark(m @ Mark::Function(_)) => log.marks.push(m),
                Item::Mark(_) => {}
            })
            .map_err(|e| cannot_read(path, &e))?;
    }
    let loaded = plans_of(ctx, &log.episodes);
    let built = report::build(&log, now, tz, period.days, &|name| loaded.get(name));
    let text = match format {
        ReportFormat::CsvFunction => report::csv::render_function(&built),
        _ => report::csv::render_daily_pain(&built),
    };
    let place = (file, format, built.to);
    deliver(ctx, path, &log.skips, &text, place, (built.days.len(), sessions))
}
