//! The command line: its definitions ([`args`]) and the dispatch to each command
//! ([`crate::cmd`], a file per command).

pub mod args;
pub mod error;

pub use args::{Cli, Cmd, PackArgs};
pub use error::CliError;

use std::process::ExitCode;

use crate::app::Settings;
use crate::cmd;
use crate::core::pack;
use crate::store::library::Library;

/// Runs the command line. Returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let library = Library::from_env();
    let data = crate::store::log::data_dir(cli.data_dir.as_deref());
    let data = data.as_deref();
    let result = match cli.command {
        None => cmd::home::home(&library, data),
        Some(Cmd::List { json }) => cmd::list::list(&library, json),
        Some(Cmd::Ice(args)) => cmd::ice::pack_timer(&library, pack::Treatment::Ice, args, data),
        Some(Cmd::Heat(args)) => cmd::ice::pack_timer(&library, pack::Treatment::Heat, args, data),
        Some(Cmd::Contrast(args)) => {
            cmd::ice::pack_timer(&library, pack::Treatment::Contrast, args, data)
        }
        Some(Cmd::RedFlags) => cmd::red_flags::red_flags(),
        Some(Cmd::Export { routine }) => cmd::export::export(&library, &routine),
        Some(Cmd::New { name }) => cmd::new::new_routine(&library, &name),
        Some(Cmd::Edit { routine }) => cmd::edit::edit_routine(&library, &routine),
        Some(Cmd::Completions { shell }) => cmd::completions::completions(shell),
        Some(Cmd::Man { dir }) => cmd::man::man(dir.as_deref()),
        Some(Cmd::Config { path }) => cmd::config::config_cmd(path),
        Some(Cmd::History { since, plain, json }) => {
            cmd::history::history_cmd(data, since, plain, json)
        }
        Some(Cmd::Check { routines }) => cmd::check::check(&library, &routines),
        Some(Cmd::Plan {
            routine,
            json,
            reset_progress,
        }) => cmd::plan::plan(&library, &routine, json, reset_progress, data),
        Some(Cmd::Play {
            routine,
            plain,
            quiet,
            voice,
            no_pain,
        }) => cmd::play::play(
            &library,
            &routine,
            plain,
            Settings {
                muted: quiet,
                voice,
                pain: !no_pain && cmd::config_file().config.pain.unwrap_or(true),
            },
            data,
        ),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => match e.exit_code() {
            // A closed pipe (`supple plan x | head -1`) is the reader's choice.
            None => ExitCode::SUCCESS,
            Some(code) => {
                cmd::fail(&e.to_string());
                ExitCode::from(code)
            }
        },
    }
}
