//! The command line's definitions, for clap: commands, flags and their checks.
//! Nothing here runs a command.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::complete;
use crate::core::pack;
use crate::core::text::sanitize;

/// The routine format's reference, shipped in the binary.
pub const FORMAT: &str = include_str!("../../docs/routine-format.md");

/// The plan format's reference, shipped in the binary (`supple help plans`).
pub const PLAN_FORMAT: &str = include_str!("../../docs/plan-format.md");

/// The config file's reference, shipped in the binary (`supple help config`).
pub const CONFIG_FORMAT: &str = include_str!("../../docs/config.md");

/// Guided stretch routines and an ice and heat timer, in the terminal.
///
/// supple steps you through timed stretch routines: what to do now, a countdown
/// for each hold, reps, sets and sides, rests, and what comes next. Its 20-on,
/// 20-off ice and heat timer keeps time through sleep and closed terminals; an
/// episode of back pain gets a plan for each day. Routines and plans are TOML
/// files you can write, check and share (`supple format`, `supple help plans`).
#[derive(Debug, Parser)]
#[command(
    name = "supple",
    version,
    about,
    long_about,
    after_help = crate::core::red_flags::help_footer(),
)]
pub struct Cli {
    /// Where the history log is kept (default: $SUPPLE_DATA_DIR, else
    /// $XDG_DATA_HOME/supple, usually ~/.local/share/supple).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List every plan for an episode of back pain, bundled and your own, with its
    /// stages. Your own go in ~/.config/supple/plans/ (`supple help plans` shows
    /// the format).
    #[command(after_long_help = PLAN_FORMAT)]
    Plans {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List every routine, bundled and your own, with its length.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check routine and plan files for errors.
    ///
    /// Prints `FILE: ok (N exercises, total T)` for a valid routine (`ok (plan, N
    /// stages, M items)` for a plan) and every error of an invalid one, with its line
    /// and column. Exits with status 1 if any is invalid.
    Check {
        /// Routine or plan files (or names of bundled and user routines and plans).
        #[arg(required = true, value_name = "ROUTINE", add = complete::any_routine())]
        routines: Vec<String>,
    },
    /// Show a routine step by step: when each step starts, how long it lasts, what to do.
    Plan {
        /// A bundled routine, one of yours (file name without .toml), or a .toml path.
        #[arg(add = complete::any_routine())]
        routine: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Start the routine's progression over: reps go back to the file's `reps`.
        #[arg(long)]
        reset_progress: bool,
    },
    /// Play a routine in real time, full screen.
    ///
    /// Keys: Space or p pause, → or n next step, ← or b back, Enter a rep done at your own
    /// pace, r restart the exercise, m sounds on/off, ? help, q quit.
    ///
    /// With --plain (or when standard output is not a terminal), one line per step as
    /// it starts: type Enter to confirm a rep, p to pause, n to skip, b to go back, q
    /// to stop (each followed by Enter). Ctrl-C stops.
    Play {
        /// A bundled routine, one of yours (file name without .toml), or a .toml path.
        #[arg(add = complete::any_routine())]
        routine: String,
        /// Line output for scripts, logs and screen readers.
        #[arg(long)]
        plain: bool,
        /// No bell at each step and no ticks in the last seconds of a hold.
        #[arg(long)]
        quiet: bool,
        /// Speak the exercise names, "switch sides", "rest" and the 3-2-1 (needs
        /// espeak-ng, spd-say or say).
        #[arg(long)]
        voice: bool,
        /// Do not ask "Pain now, 0-10?" before and after (also `[player] pain =
        /// false` in the config file).
        #[arg(long)]
        no_pain: bool,
    },
    /// An easy walk, out and back (5 minutes, or LENGTH): the bell says when to turn
    /// round and when you are back. Walks count toward Today's plan.
    Walk {
        /// How long, out and back (for example 10m); 1m to 2h.
        #[arg(value_name = "LENGTH", value_parser = parse_walk)]
        length: Option<std::time::Duration>,
        /// Line output for scripts, logs and screen readers.
        #[arg(long)]
        plain: bool,
        /// No bell at each step.
        #[arg(long)]
        quiet: bool,
        /// Speak "walk back" and the end (needs espeak-ng, spd-say or say).
        #[arg(long)]
        voice: bool,
    },
    /// What to do today: the open episode's day and stage, its advice, each item
    /// with what is done today (or this week), and the next step.
    Today {
        /// Lines of text instead of the full screen.
        #[arg(long)]
        plain: bool,
        /// Everything as JSON.
        #[arg(long, conflicts_with = "plain")]
        json: bool,
    },
    /// One short line for a status bar or a prompt: the ice/heat timer running now
    /// ("ICE 12:31 left, off at 14:35"), else today's plan ("Today 1/3: next Ice"),
    /// else nothing, with exit status 1 so a bar can hide it.
    Status {
        /// {"text", "tooltip", "class"}, for waybar and other bars that read JSON.
        #[arg(long)]
        json: bool,
    },
    /// The episode of back pain: when it began, which day of it this is.
    ///
    /// `supple episode start` when the pain begins (asks the red-flag questions, one
    /// sign at a time), `supple episode` to see the day and stage, `supple episode
    /// checked` once a doctor or nurse has seen you after a "yes", `supple episode
    /// end` when it has settled, `supple episode list` for the past ones. During the
    /// episode supple asks the emergency signs again once a week and on day 14.
    #[command(after_help = crate::core::red_flags::help_footer())]
    Episode {
        #[command(subcommand)]
        action: Option<EpisodeCmd>,
    },
    /// Reminders that come when supple is not open: a desk break every 45 minutes,
    /// today's plan at set times. systemd user timers run them (or cron, with --cron).
    ///
    /// `supple remind add desk-break --every 45m --between 09:00-17:30 --days mon-fri`,
    /// `supple remind add today --at 09:00,13:00,19:00`, `supple remind` (or `remind
    /// list`) to see them, `supple remind remove desk-break`.
    Remind {
        /// Without one: `list`.
        #[command(subcommand)]
        action: Option<RemindCmd>,
    },
    /// Ice pack timer: 20 minutes on, 20 off, 3 times, with an alert at each switch.
    ///
    /// Keys: Space or p pause, n next phase, + and - a minute more or less, ? help, q quit.
    /// The timer keeps time while the computer sleeps or the process is stopped, and
    /// says what it switched while you were away.
    Ice(PackArgs),
    /// Heat pack timer: 20 minutes on, 20 off, 3 times.
    Heat(PackArgs),
    /// Heat and ice in turn (heat first), each application --on long, --off between.
    Contrast(PackArgs),
    /// When self-care is not enough: the signs that are an emergency, those that need
    /// a doctor the same day, and when to get help because it is not getting better.
    RedFlags,
    /// How to write a routine file: every key, with an example (also `supple help format`).
    #[command(after_long_help = FORMAT)]
    Format,
    /// Print a routine's or a plan's TOML (bundled ones too), to start your own from
    /// it: `supple export back-spasm-relief > mine.toml`, `supple export back-spasm`.
    Export {
        /// A bundled routine or plan, one of yours, or a .toml path.
        #[arg(add = complete::routine_or_plan())]
        routine: String,
    },
    /// Write a commented template routine into your routines folder and print its path.
    New {
        /// The routine's file name, without .toml: letters, digits, - and _.
        name: String,
    },
    /// Open one of your routines in $VISUAL or $EDITOR; it is checked when you save.
    Edit {
        /// One of your routines (file name without .toml), or a .toml path.
        #[arg(add = complete::own_routine())]
        routine: String,
    },
    /// Print the script that turns on completion in your shell, routine names included.
    ///
    /// Load it when the shell starts, so it always matches the supple you have:
    ///
    ///   bash: echo 'source <(supple completions bash)' >> ~/.bashrc
    ///   zsh:  echo 'source <(supple completions zsh)' >> ~/.zshrc
    ///   fish: echo 'supple completions fish | source' >> ~/.config/fish/config.fish
    #[command(verbatim_doc_comment)]
    Completions {
        #[arg(value_enum)]
        shell: super::complete::Shell,
    },
    /// Print the manual page (`supple man > supple.1`), or write one per command into a folder.
    Man {
        /// Write supple.1 and a page for each command (supple-play.1, ...) into DIR,
        /// for example ~/.local/share/man/man1, so `man supple-play` works too.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// The config file: where it is looked for, and every setting in effect with
    /// where it comes from (exit status 1 if the file has errors).
    #[command(after_long_help = CONFIG_FORMAT)]
    Config {
        /// Print only the path of the config file.
        #[arg(long)]
        path: bool,
    },
    /// A report of the last weeks for you and your physiotherapist (HTML, or CSV).
    ///
    /// One HTML page (no scripts, no network; it prints on A4): first a summary
    /// (the episode's day and stage, the red-flag answers, the daily pain's trend,
    /// how each activity you named changed, the plan's items done per kind, flares),
    /// then sessions per week against the plan, minutes per day, daily pain, pain
    /// before and after each session, your activities' ratings, each exercise's
    /// dose and what was done, and your notes. `--format csv` lists the
    /// sessions instead, one row each.
    ///
    /// Written to --out FILE; without it, to standard output, or on a terminal to
    /// supple-report-DATE.html in this folder.
    Report {
        /// How far back (for example 4w, 10d, 3months, 1y): months and years are
        /// calendar spans back from today; at most two years.
        #[arg(long, value_name = "DURATION", value_parser = parse_period, default_value = "4w")]
        since: crate::core::report::Period,
        /// Write it here (`-` for standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// html (the page) or csv (the sessions, one row each).
        #[arg(long, value_enum, default_value = "html")]
        format: ReportFormatArg,
        /// With --format csv: a row per session (the default), per exercise of
        /// each session (planned against done), per day's pain score, or per
        /// rating of an activity on the Patient-Specific Functional Scale
        /// (function).
        #[arg(long, value_enum, default_value = "sessions")]
        rows: ReportRowsArg,
    },
    /// A dated note for your physiotherapist, in your words (for example
    /// "flared after lifting the shopping"); `supple report` lists them.
    Note {
        /// What to note; several words need no quotes.
        #[arg(required = true, num_args = 1.., value_name = "TEXT")]
        text: Vec<String>,
    },
    /// Your average pain over the last 24 hours, 0 (none) to 10 (the worst
    /// imaginable); `supple report` draws it day by day.
    Pain {
        /// 0 to 10.
        #[arg(value_name = "0-10", value_parser = clap::value_parser!(u8).range(0..=10))]
        pain: u8,
    },
    /// Activities you find hard because of your back, rated 0 (unable to perform
    /// the activity) to 10 (able to perform it at the same level as before the
    /// problem): the Patient-Specific Functional Scale, for you and your
    /// physiotherapist. Up to three per episode; `supple report` shows how each
    /// changed.
    ///
    /// `supple function` lists them with their first and latest rating; `supple
    /// function --ask` rates them again (and names new ones, up to three); `supple
    /// function "putting on socks" 4` rates one from a shell. `supple episode
    /// start` offers to name them, and Today asks them again once a week.
    Function {
        /// The activity, in your words (quoted when it is several words).
        #[arg(value_name = "ACTIVITY", requires = "score", conflicts_with = "ask")]
        activity: Option<String>,
        /// How well you can do it now, 0 to 10.
        #[arg(value_name = "0-10", value_parser = clap::value_parser!(u8).range(0..=10))]
        score: Option<u8>,
        /// Ask on the terminal: each activity again, then new ones up to three.
        #[arg(long)]
        ask: bool,
    },
    /// Your sessions: the last ones, minutes per day, the streak, pain before and after.
    History {
        /// Only sessions from this long ago on (for example 7d).
        #[arg(long, value_name = "DURATION", value_parser = parse_since)]
        since: Option<std::time::Duration>,
        /// Lines of text instead of the full screen.
        #[arg(long)]
        plain: bool,
        /// Everything as JSON: the records, what could not be read, and the figures.
        #[arg(long, conflicts_with = "plain")]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum EpisodeCmd {
    /// The pain began now (or --ago, or --at): the plan counts from then.
    Start {
        /// How long ago it began (for example 30h, 2d).
        #[arg(long, value_name = "DURATION", value_parser = parse_since, conflicts_with = "at")]
        ago: Option<std::time::Duration>,
        /// When it began: "2026-11-30 18:00" (local time), "18:00" (the last one), or RFC 3339.
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// The plan to follow (default back-spasm; `supple plans` lists them).
        #[arg(long, value_name = "PLAN", add = complete::plan())]
        plan: Option<String>,
    },
    /// It has settled: the open episode ends now.
    End,
    /// You have been checked by a doctor or a nurse since answering yes to a
    /// red-flag question: Today offers the plan again.
    Checked,
    /// Every episode, newest first, with how long it lasted.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportRowsArg {
    Sessions,
    Exercises,
    Pain,
    Function,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFormatArg {
    Html,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum RemindCmd {
    /// Add a reminder (or change the one of that name) and start its timer.
    ///
    /// It writes a systemd user timer and service to ~/.config/systemd/user/ and
    /// enables the timer when a user manager is running (else it says how). At each
    /// time the service runs `supple remind fire NAME`: a desktop notification naming
    /// what to do and the command that starts it, or nothing when that is already
    /// done (today, for --at; within the interval, for --every).
    #[command(group(clap::ArgGroup::new("when").required(true).args(["every", "at"])))]
    Add {
        /// The reminder's name: letters, digits, - and _. A routine's name, ice,
        /// heat, contrast or today also says what it starts.
        #[arg(add = complete::starts())]
        name: String,
        /// What it starts: a routine, ice, heat, contrast, or today (the plan's next
        /// open item). Default: the name.
        #[arg(long, value_name = "WHAT", add = complete::starts())]
        starts: Option<String>,
        /// How often (for example 45m, 1h30m): 5m to 12h.
        #[arg(long, value_name = "DURATION", value_parser = parse_every)]
        every: Option<std::time::Duration>,
        /// The hours it comes in, with --every (for example 09:00-17:30; default all day).
        #[arg(long, value_name = "FROM-TO", requires = "every")]
        between: Option<String>,
        /// Times of day instead (for example 09:00,13:00,19:00).
        #[arg(long, value_name = "TIMES")]
        at: Option<String>,
        /// Which days (for example mon-fri, mon,wed,fri, weekends; default daily).
        #[arg(long, value_name = "DAYS", default_value = "daily")]
        days: String,
        /// Print crontab lines instead of writing systemd units.
        #[arg(long)]
        cron: bool,
        /// With --every: fire on the clock even when nobody is at the computer. By
        /// default an --every reminder stays quiet while the session is idle or
        /// locked, and time away (idle, locked or asleep) as long as the break
        /// counts as one: the interval starts again from the return.
        #[arg(long, requires = "every")]
        always: bool,
    },
    /// Every reminder: what it starts, when, the next time, and its timer.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Stop a reminder: disable and delete its timer and forget it.
    Remove {
        /// The reminder's name (`supple remind list` shows them).
        #[arg(add = complete::reminder())]
        name: String,
    },
    /// What the timer runs: sends the reminder's notification now (nothing when it
    /// is already done).
    Fire {
        /// The reminder's name.
        #[arg(add = complete::reminder())]
        name: String,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct PackArgs {
    /// How long each application lasts (default 20m, or [pack] on in the config file).
    #[arg(long, value_name = "DURATION", value_parser = parse_on)]
    pub on: Option<std::time::Duration>,
    /// The rest between applications (default 20m, or [pack] off).
    #[arg(long, value_name = "DURATION", value_parser = parse_off)]
    pub off: Option<std::time::Duration>,
    /// How many applications, 1 to 12 (default 3, or [pack] cycles).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=12))]
    pub cycles: Option<u32>,
    /// Time since the pain began (for example 30h or 3days): supple says what the
    /// sources say about heat and ice for that time (either is fine).
    #[arg(long, value_name = "DURATION", value_parser = parse_since)]
    pub since: Option<std::time::Duration>,
    /// Line output for a log, a script or a screen reader.
    #[arg(long)]
    pub plain: bool,
    /// No bell.
    #[arg(long)]
    pub quiet: bool,
    /// Speak each switch (needs espeak-ng, spd-say or say).
    #[arg(long)]
    pub voice: bool,
}

fn parse_with(s: &str, max: std::time::Duration) -> Result<std::time::Duration, String> {
    crate::core::duration::parse(s, max)
        .map_err(|e| format!("'{}' {e}; {}", sanitize(s), e.help(s)))
}

fn parse_on(s: &str) -> Result<std::time::Duration, String> {
    match parse_with(s, pack::MAX_PHASE)? {
        d if d.is_zero() => Err("an application must be longer than 0s, for example 20m".into()),
        d => Ok(d),
    }
}

fn parse_walk(s: &str) -> Result<std::time::Duration, String> {
    match parse_with(s, std::time::Duration::from_secs(2 * 3600))? {
        d if d < std::time::Duration::from_secs(60) => {
            Err("a walk is a minute or more, for example 10m".into())
        }
        d => Ok(d),
    }
}

fn parse_every(s: &str) -> Result<std::time::Duration, String> {
    parse_with(s, crate::core::remind::MAX_EVERY)
}

fn parse_off(s: &str) -> Result<std::time::Duration, String> {
    parse_with(s, pack::MAX_PHASE)
}

fn parse_period(s: &str) -> Result<crate::core::report::Period, String> {
    crate::core::report::Period::parse(s)
        .map_err(|e| format!("'{}' {e}; {}", sanitize(s), e.help(s)))
}

pub(crate) fn parse_since(s: &str) -> Result<std::time::Duration, String> {
    parse_with(s, std::time::Duration::from_secs(5 * 365 * 24 * 3600))
}
