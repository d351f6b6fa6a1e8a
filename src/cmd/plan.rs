//! `supple plan`: a routine step by step, with its progression.

use super::*;

pub(crate) fn plan(
    library: &Library,
    arg: &str,
    json: bool,
    reset_progress: bool,
    data: Option<&Path>,
) -> Result<u8, CliError> {
    let Some((routine, id, _)) = load_entry(library, arg) else {
        return Ok(1);
    };
    if reset_progress {
        let Some(dir) = data else {
            return Err(CliError::failed(
                "no folder for the history log ($HOME is not set); use --data-dir",
            ));
        };
        if let Err(e) = crate::store::resets::reset(dir, &id, jiff::Timestamp::now()) {
            return Err(CliError::failed(format!(
                "cannot save the reset in {}: {e}",
                dir.display()
            )));
        }
    }
    let (routine, progress) = progressed(routine, &id, data);
    let mut out = io::stdout().lock();
    commands::plan(&mut out, &routine, json)?;
    if !json && !progress.is_empty() {
        writeln!(out)?;
        writeln!(out, "Progression:")?;
        for p in &progress {
            writeln!(out, "  {}", sanitize(&p.explain()))?;
        }
    }
    out.flush()?;
    Ok(0)
}
