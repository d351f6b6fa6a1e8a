//! `supple plan`: a routine step by step, with its progression.

use super::*;

pub(crate) fn plan(
    library: &Library,
    arg: &str,
    json: bool,
    reset_progress: bool,
    data: Option<&Path>,
) -> io::Result<u8> {
    let Some((routine, id, _)) = load_entry(library, arg) else {
        return Ok(1);
    };
    if reset_progress {
        let Some(dir) = data else {
            fail("no folder for the history log ($HOME is not set); use --data-dir");
            return Ok(1);
        };
        if let Err(e) = crate::store::resets::reset(dir, &id, jiff::Timestamp::now()) {
            fail(&format!("cannot save the reset in {}: {e}", dir.display()));
            return Ok(1);
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
