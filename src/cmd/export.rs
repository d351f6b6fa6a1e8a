//! `supple export`: a routine's or a plan's TOML.

use super::*;

pub(crate) fn export(out: &mut dyn Write, library: &Library, arg: &str) -> Result<u8, CliError> {
    let entry = match library.resolve(arg) {
        Ok(e) => e,
        Err(not_found) => {
            // Not a routine: a plan of that name, bundled or the user's.
            return match crate::store::plans::Plans::from_env().resolve(arg, library) {
                Some(plan) => match (&plan.text, &plan.plan) {
                    (Some(text), _) => {
                        out.write_all(sanitize_lines(text).as_bytes())?;
                        out.flush()?;
                        Ok(0)
                    }
                    (None, Err(e)) => {
                        report(e, &plan.source);
                        Ok(1)
                    }
                    (None, Ok(_)) => Ok(1),
                },
                None => Err(CliError::failed(format!(
                    "{not_found} (plans: `supple plans`)"
                ))),
            };
        }
    };
    match (&entry.text, &entry.routine) {
        (Some(text), _) => {
            out.write_all(sanitize_lines(text).as_bytes())?;
            out.flush()?;
            Ok(0)
        }
        (None, Err(e)) => {
            report(e, &entry.source);
            Ok(1)
        }
        (None, Ok(_)) => Ok(1),
    }
}
