//! `supple completions`: the script that turns on completion in a shell (it
//! calls supple back for routine names: `complete.rs`).

use std::process::ExitCode;

use super::complete::{self, Shell};
use super::{CliError, Ctx};

/// Print the script that turns on completion in your shell, routine names included.
///
/// Load it when the shell starts, so it always matches the supple you have:
///
///   bash: echo 'source <(supple completions bash)' >> ~/.bashrc
///   zsh:  echo 'source <(supple completions zsh)' >> ~/.zshrc
///   fish: echo 'supple completions fish | source' >> ~/.config/fish/config.fish
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<ExitCode, CliError> {
    // Made in memory first, so a closed pipe (`supple completions bash | head`) is
    // handled like any other failed write.
    let mut text = Vec::new();
    complete::registration(&mut text, args.shell)?;
    let mut out = ctx.out();
    out.write_all(&text)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
