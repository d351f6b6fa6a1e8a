//! `supple completions`: a shell completion script.

use super::*;

/// `command` is the command line's definition (clap).
pub(crate) fn completions(
    out: &mut dyn Write,
    mut command: clap::Command,
    shell: clap_complete::Shell,
) -> Result<u8, CliError> {
    // clap_complete panics on a failed write, so the script is made in memory and written
    // here, where a closed pipe (`supple completions bash | head`) is handled like any other.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "supple", &mut script);
    out.write_all(&script)?;
    out.flush()?;
    Ok(0)
}
