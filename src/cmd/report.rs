//! `supple report`: the weeks in one HTML page (or the sessions as CSV), from the
//! history log alone. The figures and the page are made in [`crate::core::report`].

use super::*;
use crate::core::report;
use crate::store::plans::Plans;
use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;

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

pub(crate) fn report_cmd(
    out: &mut dyn Write,
    library: &Library,
    data: Option<&Path>,
    since: report::Period,
    file: Option<&Path>,
    format: ReportFormat,
) -> Result<u8, CliError> {
    let dir = data.ok_or_else(|| {
        CliError::failed("no folder for the history log ($HOME is not set); use --data-dir")
    })?;
    let path = crate::store::log::log_path(dir);
    let now = jiff::Timestamp::now();
    let tz = jiff::tz::TimeZone::system();
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
    let plans = Plans::from_env();
    let mut loaded: HashMap<String, crate::core::plan::Plan> = HashMap::new();
    for e in crate::core::episode::episodes(&log.episodes) {
        if !loaded.contains_key(&e.plan)
            && let Some(Ok(plan)) = plans.resolve(&e.plan, library).map(|p| p.plan)
        {
            loaded.insert(
                e.plan.clone(),
                plan.with_pack_on(config_file().config.pack_on),
            );
        }
    }
    let mut built = report::build(&log, now, &tz, days, &|name| loaded.get(name));
    built.name = config_file().config.report_name.clone();
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
        let _ = writeln!(io::stderr(), "supple: warning: {}", sanitize(&w));
    }
    let target = match file {
        Some(p) if p == Path::new("-") => None,
        Some(p) => Some(p.to_path_buf()),
        // A page of HTML is no use on a terminal: it goes into a file, named.
        None if io::stdout().is_terminal() => Some(PathBuf::from(match format {
            ReportFormat::Html => format!("supple-report-{}.html", built.to),
            ReportFormat::Csv => format!("supple-sessions-{}.csv", built.to),
            ReportFormat::CsvExercises => format!("supple-exercises-{}.csv", built.to),
            ReportFormat::CsvPain => format!("supple-pain-{}.csv", built.to),
            ReportFormat::CsvFunction => format!("supple-function-{}.csv", built.to),
        })),
        None => None,
    };
    let Some(target) = target else {
        out.write_all(text.as_bytes())?;
        out.flush()?;
        return Ok(0);
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
    let to_stdout = rustix::fs::fstat(io::stdout())
        .is_ok_and(|s| s.st_dev == written.dev() && s.st_ino == written.ino());
    if to_stdout {
        return Ok(0);
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
            out,
            &format!(
                "  {opener} {}",
                crate::core::text::shell_quote(&target.display().to_string())
            ),
        )?;
    }
    Ok(0)
}
