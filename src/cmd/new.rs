//! `supple new`: a commented template routine.

use super::*;

/// The template `supple new` writes.
const TEMPLATE: &str = include_str!("../../routines/template.toml");

pub(crate) fn new_routine(library: &Library, name: &str) -> io::Result<u8> {
    let valid = !name.is_empty()
        && name.len() <= 60
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        fail(&format!(
            "'{name}' cannot be a routine name: use letters, digits, - and _ (it becomes the file name)"
        ));
        return Ok(2);
    }
    let Some(dir) = library.user_dir() else {
        fail("no routines folder: set $XDG_CONFIG_HOME or $HOME");
        return Ok(1);
    };
    let path = dir.join(format!("{name}.toml"));
    if let Err(e) = std::fs::create_dir_all(dir) {
        fail(&format!("cannot create {}: {e}", dir.display()));
        return Ok(1);
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    match file {
        Ok(mut f) => {
            f.write_all(TEMPLATE.as_bytes())?;
            writeln!(io::stdout(), "{}", sanitize(&path.display().to_string()))?;
            Ok(0)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fail(&format!(
                "{} already exists; supple will not overwrite it (edit it, or choose another name)",
                path.display()
            ));
            Ok(1)
        }
        Err(e) => {
            fail(&format!("cannot write {}: {e}", path.display()));
            Ok(1)
        }
    }
}
