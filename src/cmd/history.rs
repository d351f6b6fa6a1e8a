//! `supple history`: the sessions, full screen, as lines or as JSON.

use super::*;

pub(crate) fn history_cmd(
    data: Option<&Path>,
    since: Option<std::time::Duration>,
    plain: bool,
    json: bool,
) -> Result<u8, CliError> {
    let Some(dir) = data else {
        return Err(CliError::failed(
            "no folder for the history log ($HOME is not set); use --data-dir",
        ));
    };
    let path = crate::store::log::log_path(dir);
    let (records, skipped) = match crate::store::log::read(&path) {
        Ok(read) => read,
        Err(e) => {
            return Err(CliError::failed(format!(
                "cannot read the history log {}: {e}; move it away (nothing else reads it)",
                path.display()
            )));
        }
    };
    if !json {
        let mut err = io::stderr().lock();
        for w in skipped.warnings(&path, 5) {
            let _ = writeln!(err, "supple: warning: {w}");
        }
    }
    let tz = jiff::tz::TimeZone::system();
    let now = jiff::Timestamp::now();
    let from = since
        .and_then(|d| jiff::SignedDuration::try_from(d).ok())
        .and_then(|d| now.checked_sub(d).ok())
        .unwrap_or(jiff::Timestamp::MIN);
    let chosen = crate::core::history::stats::since(&records, from);
    let today = now.to_zoned_datetime(tz.clone()).date();
    let stats = crate::core::history::stats::compute(&chosen, today, &tz);
    let mut out = io::stdout().lock();
    if json {
        let skipped_lines: Vec<serde_json::Value> = skipped
            .iter()
            .map(|s| serde_json::json!({ "line": s.line, "why": s.why }))
            .collect();
        let doc = serde_json::json!({
            "path": path.display().to_string(),
            "records": chosen,
            "skipped": skipped_lines,
            "skipped_total": skipped.len(),
            "stats": stats,
        });
        commands::write_json(&mut out, &doc)?;
        return Ok(0);
    }
    if !plain && tui::term::available() {
        drop(out);
        let mut app = App::new(Home::new(Vec::new(), Vec::new()), Settings::default());
        app.exit_on_leave = true;
        app.history = Some(HistoryScreen {
            records: chosen.into_iter().cloned().collect(),
            stats,
            range: since.map(|d| format!("last {}", humantime::format_duration(d))),
        });
        return full_screen(&mut app, &BootClock::new(), data, None);
    }
    commands::history_plain(&mut out, &chosen, &stats)?;
    out.flush()?;
    Ok(0)
}
