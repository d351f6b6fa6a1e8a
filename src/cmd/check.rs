//! `supple check`: routine files checked, every error with its place.

use super::*;
use crate::core::duration::total_text;
use crate::core::text::count;
use crate::core::timeline::Totals;

pub(crate) fn check(
    out: &mut dyn Write,
    err: &mut dyn Write,
    library: &Library,
    args: &[String],
) -> Result<u8, CliError> {
    let mut entries: Vec<(String, Entry)> = Vec::with_capacity(args.len());
    let mut missing = false;
    for arg in args {
        match library.resolve(arg) {
            Ok(entry) => entries.push((arg.clone(), entry)),
            Err(not_found) => {
                fail(&not_found.to_string());
                missing = true;
            }
        }
    }
    let ok = write(out, err, &entries)?;
    Ok(if ok && !missing { 0 } else { 1 })
}

/// `supple check`: one verdict per routine. Errors go to `err`. Returns true if
/// all were valid.
pub fn write(
    out: &mut dyn Write,
    err: &mut dyn Write,
    entries: &[(String, Entry)],
) -> io::Result<bool> {
    let mut all_ok = true;
    for (label, entry) in entries {
        match &entry.routine {
            Ok(r) => {
                let totals = Totals::of(r);
                let time = totals.map_or_else(String::new, |t| total_text(t.timed, t.self_paced));
                let n = count(r.exercises.len() as u64, "exercise");
                line(out, &format!("{label}: ok ({n}, total {time})"))?;
            }
            Err(e) => {
                all_ok = false;
                write!(err, "{e}")?;
                let errors = count(e.count() as u64, "error");
                line(err, &format!("{label}: {errors}"))?;
                writeln!(err)?;
            }
        }
    }
    out.flush()?;
    Ok(all_ok)
}
