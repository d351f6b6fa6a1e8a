use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    supple::cli::run(supple::cli::Cli::parse())
}
