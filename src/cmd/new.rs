//! `supple new`: a commented template routine.

use std::io;
use std::process::ExitCode;

use super::{CliError, Ctx};
use crate::core::text::sanitize;

/// Write a commented template routine into your routines folder and print its path.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The routine's file name, without .toml: letters, digits, - and _.
    pub name: String,
}

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

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    let name = args.name.as_str();
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
    let Some(dir) = ctx.library.user_dir() else {
        return Err(CliError::failed(
            "no routines folder: set $XDG_CONFIG_HOME or $HOME",
        ));
    };
    let path = dir.join(format!("{name}.toml"));
    if let Err(e) = crate::store::file::create_folder(dir) {
        return Err(CliError::failed(format!(
            "cannot create {}: {}",
            dir.display(),
            crate::store::file::io_reason(&e)
        )));
    }
    match crate::store::file::create_new(&path, template_for(name).as_bytes()) {
        Ok(()) => {
            writeln!(ctx.out(), "{}", sanitize(&path.display().to_string()))?;
            // The path alone on standard output (for scripts); what to do next for
            // the person, on standard error.
            let _ = writeln!(
                ctx.err(),
                "Next: supple edit {name} to write it, supple check {name} to check it, \
                 then supple play {name}. Every key: supple help format."
            );
            Ok(ExitCode::SUCCESS)
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
    use super::{TEMPLATE, TEMPLATE_NAME, template_for, title};

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
