//! `supple completions`: a shell completion script.

use super::*;

pub(crate) fn completions(shell: clap_complete::Shell) -> Result<u8, CliError> {
    // clap_complete panics on a failed write, so the script is made in memory and written
    // here, where a closed pipe (`supple completions bash | head`) is handled like any other.
    let mut script = Vec::new();
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "supple", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(0)
}
