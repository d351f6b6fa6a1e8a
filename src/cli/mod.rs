//! The command line: its definition ([`args`]), the context of the run (built
//! once, here), and the dispatch to each command ([`crate::cmd`], a file per
//! command).

pub mod args;
pub mod complete;

pub use args::{Cli, Cmd};

use std::process::ExitCode;

use crate::cmd::{self, CliError, Ctx};
use crate::store::library::Library;

/// The command line's definition (clap), for help, man pages and completion.
pub fn definition() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Says what is wrong with the command line and exits as clap would; an unknown
/// subcommand that names a routine (`supple breathing`) says how to play it
/// rather than suggest a command that merely looks alike.
pub fn parse_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() == ErrorKind::InvalidSubcommand
        && let Some(ContextValue::String(name)) = e.get(ContextKind::InvalidSubcommand)
        && Library::from_env().resolve(name).is_ok()
    {
        let name = crate::core::text::sanitize(name);
        eprintln!(
            "supple: '{name}' is a routine, not a command: play it with `supple play {name}`"
        );
        return ExitCode::from(2);
    }
    e.exit()
}

/// Runs the command line in the process's context (its folders, clock, time
/// zone and standard streams). Returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let ctx = Ctx::from_env(cli.data_dir.as_deref(), definition);
    run_in(&ctx, cli.command)
}

/// Runs one command in `ctx` and writes its error, if any, on `ctx`'s error
/// writer. Returns the exit code.
pub fn run_in(ctx: &Ctx, command: Option<Cmd>) -> ExitCode {
    let result = dispatch(ctx, command);
    let _ = ctx.out().flush();
    match result {
        Ok(code) => code,
        Err(e) => match e.exit_code() {
            // A closed pipe (`supple plan x | head -1`) is the reader's choice.
            None => ExitCode::SUCCESS,
            Some(code) => {
                let mut err = ctx.err();
                if let Some(detail) = e.detail() {
                    let _ = write!(err, "{detail}");
                }
                cmd::fail(&mut *err, &e.to_string());
                ExitCode::from(code)
            }
        },
    }
}

fn dispatch(ctx: &Ctx, command: Option<Cmd>) -> Result<ExitCode, CliError> {
    match command {
        Some(command) => command.run(ctx),
        // `supple` alone: the home screen (lines outside a terminal).
        None => cmd::home::run(ctx),
    }
}
