//! `supple check`: routine files checked, every error with its place.

use super::*;

pub(crate) fn check(library: &Library, args: &[String]) -> Result<u8, CliError> {
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
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    let ok = commands::check(&mut out, &mut err, &entries)?;
    Ok(if ok && !missing { 0 } else { 1 })
}
