//! `supple new`: a commented template routine.

use super::*;

/// The template `supple new` writes.
const TEMPLATE: &str = include_str!("../../routines/template.toml");

pub(crate) fn new_routine(library: &Library, name: &str) -> Result<u8, CliError> {
    let valid = !name.is_empty()
        && name.len() <= 60
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(CliError::usage(format!(
            "'{name}' cannot be a routine name: use letters, digits, - and _ (it becomes the file name)"
        )));
    }
    let Some(dir) = library.user_dir() else {
        return Err(CliError::failed(
            "no routines folder: set $XDG_CONFIG_HOME or $HOME",
        ));
    };
    let path = dir.join(format!("{name}.toml"));
    if let Err(e) = std::fs::create_dir_all(dir) {
        return Err(CliError::failed(format!(
            "cannot create {}: {}",
            dir.display(),
            crate::store::file::io_reason(&e)
        )));
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    match file {
        Ok(mut f) => {
            f.write_all(TEMPLATE.as_bytes())?;
            writeln!(io::stdout(), "{}", sanitize(&path.display().to_string()))?;
            // The path alone on standard output (for scripts); what to do next for
            // the person, on standard error.
            let _ = writeln!(
                io::stderr(),
                "Next: supple edit {name} to write it, supple check {name} to check it, \
                 then supple play {name}. Every key: supple help format."
            );
            Ok(0)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(CliError::failed(format!(
            "{} already exists; supple will not overwrite it (edit it, or choose another name)",
            path.display()
        ))),
        Err(e) => Err(CliError::failed(format!(
            "cannot write {}: {}",
            path.display(),
            crate::store::file::io_reason(&e)
        ))),
    }
}
