use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash supple -- supple play c`) is
    // answered here, before anything else runs or prints.
    supple::cli::complete::answer_if_asked();
    match supple::cli::Cli::try_parse() {
        Ok(cli) => supple::cli::run(cli),
        Err(e) => supple::cli::parse_error(e),
    }
}
