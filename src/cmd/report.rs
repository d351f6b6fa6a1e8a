//! `supple report`: the weeks in one HTML page (or the sessions as CSV), from the
//! history log alone. The figures and the page are made in [`crate::core::report`].

use std::collections::HashMap;
use std::io;
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
    let library = &ctx.library;
    let days = since.days(now.to_zoned_datetime(tz.clone()).date());
    // A day more than the period, for its first day in any time zone; the week
    // before it, for the plan's weekly items.
    let from = now - jiff::SignedDuration::from_hours((days + 8) * 24);
    let log = match crate::store::log::read_recent(&path, from) {
        Ok(log) => log,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Default::default(),
        Err(e) => {
            return Err(CliError::failed(format!(
                "the history log {} cannot be read: {e}",
                path.display()
            )));
        }
    };
    let plans = &ctx.plans;
    let mut loaded: HashMap<String, crate::core::plan::Plan> = HashMap::new();
    for e in crate::core::episode::episodes(&log.episodes) {
        if !loaded.contains_key(&e.plan)
            && let Some(Ok(plan)) = plans.resolve(&e.plan, library).map(|p| p.plan)
        {
            loaded.insert(
                e.plan.clone(),
                plan.with_pack_on(ctx.config().config.pack_on),
            );
        }
    }
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
    let text = match format {
        ReportFormat::Html => report::html::render(&built),
        ReportFormat::Csv => report::csv::render(&built),
        ReportFormat::CsvExercises => report::csv::render_exercises(&built),
        ReportFormat::CsvPain => report::csv::render_daily_pain(&built),
        ReportFormat::CsvFunction => report::csv::render_function(&built),
    };
    for w in log.skips.warnings(&path, 5) {
        super::warn(ctx, &w);
    }
    let target = match file {
        Some(p) if p == Path::new("-") => None,
        Some(p) => Some(p.to_path_buf()),
        // A page of HTML is no use on a terminal: it goes into a file, named.
        None if ctx.terminals.stdout => Some(PathBuf::from(match format {
            ReportFormat::Html => format!("supple-report-{}.html", built.to),
            ReportFormat::Csv => format!("supple-sessions-{}.csv", built.to),
            ReportFormat::CsvExercises => format!("supple-exercises-{}.csv", built.to),
            ReportFormat::CsvPain => format!("supple-pain-{}.csv", built.to),
            ReportFormat::CsvFunction => format!("supple-function-{}.csv", built.to),
        })),
        None => None,
    };
    let mut out = ctx.out();
    let Some(target) = target else {
        out.write_all(text.as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    let written = crate::store::file::write_to(&target, text.as_bytes()).map_err(|e| {
        let why = if e.raw_os_error() == Some(6) {
            // ENXIO: a FIFO nobody reads.
            "nobody is reading it (a pipe?); start its reader first, or use --out -".to_owned()
        } else {
            crate::store::file::io_reason(&e)
        };
        CliError::failed(format!(
            "could not write {}: {why}",
            crate::core::text::truncate(&target.display().to_string(), 200)
        ))
    })?;
    // Written to standard output after all (`--out /dev/stdout`): nothing more.
    if ctx.terminals.stdout_file == Some((written.dev(), written.ino())) {
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
        &mut *out,
        &format!(
            "Wrote the {what} of {} to {} ({}, {}).",
            crate::core::text::count(built.days.len() as u64, "day"),
            target.display(),
            crate::core::text::count(built.sessions.len() as u64, "session"),
            if format == ReportFormat::Html {
                "open it in a browser; it prints on A4"
            } else {
                "one row each, for a spreadsheet"
            }
        ),
    )?;
    if format == ReportFormat::Html && written.is_file() {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        // A command to copy and run: the path quoted for the shell.
        line(
            &mut *out,
            &format!(
                "  {opener} {}",
                crate::core::text::shell_quote(&target.display().to_string())
            ),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
