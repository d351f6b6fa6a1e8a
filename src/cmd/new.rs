//! `supple new`: a commented template routine.

use super::*;

/// The template `supple new` writes, its placeholder name replaced by the one given.
const TEMPLATE: &str = include_str!("../../routines/template.toml");

/// The template's name line, which `supple new NAME` writes with NAME's title.
const TEMPLATE_NAME: &str = "name = \"My routine\"";

/// "morning" as a title: "Morning"; "back-care_2": "Back care 2".
fn title(file_name: &str) -> String {
    let spaced = file_name.replace(['-', '_'], " ");
    let mut chars = spaced.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => file_name.to_owned(),
    }
}

/// The template with `name`'s title in place of its placeholder name (`name` is
/// letters, digits, - and _ only, so it needs no escaping in TOML).
fn template_for(name: &str) -> String {
    TEMPLATE.replacen(TEMPLATE_NAME, &format!("name = \"{}\"", title(name)), 1)
}

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
            f.write_all(template_for(name).as_bytes())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_written_with_the_name_given() {
        assert_eq!(title("morning"), "Morning");
        assert_eq!(title("back-care_2"), "Back care 2");
        let text = template_for("morning");
        assert!(text.contains("name = \"Morning\""), "{text}");
        assert!(!text.contains("My routine"));
        assert!(TEMPLATE.contains(TEMPLATE_NAME));
    }
}
