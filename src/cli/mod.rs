//! The command line: its definitions ([`args`]) and the dispatch to each command
//! ([`crate::cmd`], a file per command).

pub mod args;
pub mod complete;

pub use args::{Cli, Cmd, EpisodeCmd, PackArgs, RemindCmd, ReportFormatArg, ReportRowsArg};

use std::io;
use std::process::ExitCode;

use crate::app::Settings;
use crate::cmd::{self, PackFlags};
use crate::core::pack;
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

/// Runs the command line. Returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let library = Library::from_env();
    let data = crate::store::log::data_dir(cli.data_dir.as_deref());
    let data = data.as_deref();
    // The line commands write to this; the full-screen ones own the terminal.
    let out = || io::stdout().lock();
    let result = match cli.command {
        None => cmd::home::home(&library, data),
        Some(Cmd::List { json }) => cmd::list::list(&mut out(), &library, json),
        Some(Cmd::Plans { json }) => cmd::plans::plans(&mut out(), &library, json),
        Some(Cmd::Status { json }) => cmd::status::status(&mut out(), &library, data, json),
        Some(Cmd::Today { plain, json }) => cmd::today::today_cmd(&library, data, plain, json),
        Some(Cmd::Episode { action }) => {
            let action = match action {
                None => cmd::episode::EpisodeAction::Show,
                Some(EpisodeCmd::Start { ago, at, plan }) => {
                    cmd::episode::EpisodeAction::Start { ago, at, plan }
                }
                Some(EpisodeCmd::End) => cmd::episode::EpisodeAction::End,
                Some(EpisodeCmd::Checked) => cmd::episode::EpisodeAction::Checked,
                Some(EpisodeCmd::List { json }) => cmd::episode::EpisodeAction::List { json },
            };
            cmd::episode::episode(&mut out(), &library, action, data)
        }
        Some(Cmd::Note { text }) => cmd::note::note(&mut out(), data, &text.join(" ")),
        Some(Cmd::Pain { pain }) => cmd::note::pain(&mut out(), data, pain),
        Some(Cmd::Function {
            activity,
            score,
            ask,
        }) => {
            let action = match (activity, score) {
                (Some(activity), Some(score)) => {
                    cmd::function::FunctionAction::Rate { activity, score }
                }
                _ if ask => cmd::function::FunctionAction::Ask,
                _ => cmd::function::FunctionAction::List,
            };
            cmd::function::function(&mut out(), data, action)
        }
        Some(Cmd::Report {
            since,
            out: file,
            format,
            rows,
        }) => {
            let format = match (format, rows) {
                (ReportFormatArg::Html, ReportRowsArg::Sessions) => {
                    Some(cmd::report::ReportFormat::Html)
                }
                (
                    ReportFormatArg::Html,
                    ReportRowsArg::Exercises | ReportRowsArg::Pain | ReportRowsArg::Function,
                ) => None,
                (ReportFormatArg::Csv, ReportRowsArg::Sessions) => {
                    Some(cmd::report::ReportFormat::Csv)
                }
                (ReportFormatArg::Csv, ReportRowsArg::Exercises) => {
                    Some(cmd::report::ReportFormat::CsvExercises)
                }
                (ReportFormatArg::Csv, ReportRowsArg::Pain) => {
                    Some(cmd::report::ReportFormat::CsvPain)
                }
                (ReportFormatArg::Csv, ReportRowsArg::Function) => {
                    Some(cmd::report::ReportFormat::CsvFunction)
                }
            };
            match format {
                Some(format) => cmd::report::report_cmd(
                    &mut out(),
                    &library,
                    data,
                    since,
                    file.as_deref(),
                    format,
                ),
                None => Err(crate::cmd::CliError::usage(
                    "--rows exercises, pain and function are for --format csv; the page has them already",
                )),
            }
        }
        Some(Cmd::Remind { action }) => {
            let action = match action.unwrap_or(RemindCmd::List { json: false }) {
                RemindCmd::Add {
                    name,
                    starts,
                    every,
                    between,
                    at,
                    days,
                    cron,
                    always,
                } => cmd::remind::RemindAction::Add(cmd::remind::AddFlags {
                    name,
                    starts,
                    every,
                    between,
                    at,
                    days,
                    cron,
                    always,
                }),
                RemindCmd::List { json } => cmd::remind::RemindAction::List { json },
                RemindCmd::Remove { name } => cmd::remind::RemindAction::Remove { name },
                RemindCmd::Fire { name } => cmd::remind::RemindAction::Fire { name },
            };
            cmd::remind::remind(&mut out(), &library, action, data)
        }
        Some(Cmd::Walk {
            length,
            plain,
            quiet,
            voice,
        }) => cmd::play::walk(
            &library,
            length,
            plain,
            Settings {
                muted: quiet,
                voice,
                pain: false,
            },
            data,
        ),
        Some(Cmd::Ice(args)) => {
            cmd::ice::pack_timer(&library, pack::Treatment::Ice, flags(args), data)
        }
        Some(Cmd::Heat(args)) => {
            cmd::ice::pack_timer(&library, pack::Treatment::Heat, flags(args), data)
        }
        Some(Cmd::Contrast(args)) => {
            cmd::ice::pack_timer(&library, pack::Treatment::Contrast, flags(args), data)
        }
        Some(Cmd::RedFlags) => cmd::red_flags::red_flags(&mut out()),
        Some(Cmd::Format) => cmd::red_flags::text(&mut out(), args::FORMAT),
        Some(Cmd::Export { routine }) => cmd::export::export(&mut out(), &library, &routine),
        Some(Cmd::New { name }) => cmd::new::new_routine(&library, &name),
        Some(Cmd::Edit { routine }) => cmd::edit::edit_routine(&library, &routine),
        Some(Cmd::Completions { shell }) => {
            cmd::completions::completions(&mut out(), |out| complete::registration(out, shell))
        }
        Some(Cmd::Man { dir }) => cmd::man::man(&mut out(), definition(), dir.as_deref()),
        Some(Cmd::Config { path }) => cmd::config::config_cmd(&mut out(), path),
        Some(Cmd::History { since, plain, json }) => {
            cmd::history::history_cmd(data, since, plain, json)
        }
        Some(Cmd::Check { routines }) => {
            cmd::check::check(&mut out(), &mut io::stderr().lock(), &library, &routines)
        }
        Some(Cmd::Plan {
            routine,
            json,
            reset_progress,
        }) => cmd::plan::plan(&mut out(), &library, &routine, json, reset_progress, data),
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

/// The pack timer's flags, as the command takes them.
fn flags(args: PackArgs) -> PackFlags {
    PackFlags {
        on: args.on,
        off: args.off,
        cycles: args.cycles,
        since: args.since,
        plain: args.plain,
        quiet: args.quiet,
        voice: args.voice,
    }
}
