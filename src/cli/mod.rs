//! The command line: the dispatch to each command, and the bodies of the commands
//! (to be split one file per command, issue 12). The clap definitions: [`args`].

pub mod args;

pub use args::{Cli, Cmd, PackArgs};

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{App, HistoryScreen, Home, HomeItem, Settings};
use crate::commands;
use crate::core::history::{self, Record, build as records, build::Span};
use crate::core::pack::{self, Advice, Plan};
use crate::core::routine::{LoadError, Routine};
use crate::core::text::{sanitize, sanitize_lines};
use crate::core::timeline::Timeline;
use crate::plain::{self, Ending, Input};
use crate::shell::clock::{BootClock, Clock};
use crate::store::config;
use crate::store::library::{Entry, Library, Source};
use crate::store::packs::{self, Found, Slot};
use crate::tui;
use crate::ui::theme::Theme;
use std::path::{Path, PathBuf};

/// Runs the command line. Returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let library = Library::from_env();
    let data = crate::store::log::data_dir(cli.data_dir.as_deref());
    let data = data.as_deref();
    let result = match cli.command {
        None => home(&library, data),
        Some(Cmd::List { json }) => list(&library, json),
        Some(Cmd::Ice(args)) => pack_timer(&library, pack::Treatment::Ice, args, data),
        Some(Cmd::Heat(args)) => pack_timer(&library, pack::Treatment::Heat, args, data),
        Some(Cmd::Contrast(args)) => pack_timer(&library, pack::Treatment::Contrast, args, data),
        Some(Cmd::RedFlags) => red_flags(),
        Some(Cmd::Export { routine }) => export(&library, &routine),
        Some(Cmd::New { name }) => new_routine(&library, &name),
        Some(Cmd::Edit { routine }) => edit_routine(&library, &routine),
        Some(Cmd::Completions { shell }) => completions(shell),
        Some(Cmd::Man { dir }) => man(dir.as_deref()),
        Some(Cmd::Config { path }) => config_cmd(path),
        Some(Cmd::History { since, plain, json }) => history_cmd(data, since, plain, json),
        Some(Cmd::Check { routines }) => check(&library, &routines),
        Some(Cmd::Plan {
            routine,
            json,
            reset_progress,
        }) => plan(&library, &routine, json, reset_progress, data),
        Some(Cmd::Play {
            routine,
            plain,
            quiet,
            voice,
            no_pain,
        }) => play(
            &library,
            &routine,
            plain,
            Settings {
                muted: quiet,
                voice,
                pain: !no_pain && config_file().config.pain.unwrap_or(true),
            },
            data,
        ),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`supple plan x | head -1`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            fail(&format!("cannot write output: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// Prints an error to stderr, sanitised.
fn fail(message: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "supple: error: {}", sanitize_lines(message));
}

fn warn_all(warnings: &[String]) {
    let mut err = io::stderr().lock();
    for w in warnings {
        let _ = writeln!(err, "supple: warning: {}", sanitize(w));
    }
}

/// `supple` with no command: the home screen, or the list when not on a terminal.
fn home(library: &Library, data: Option<&Path>) -> io::Result<u8> {
    if tui::term::available() {
        let (entries, warnings) = library.entries();
        let pain = config_file().config.pain.unwrap_or(true);
        let settings = Settings {
            pain,
            ..Settings::default()
        };
        let mut app = new_app(entries, warnings, settings, data);
        let clock = BootClock::new();
        // An ice/heat session cut off earlier is offered before the list opens;
        // resumed, it comes first, and the list is there after it.
        let (resumed, notes) = offer_resume(&clock, data);
        app.home.warnings.extend(notes);
        let slot = resumed.map(|(session, slot)| {
            app.resume_pack(session);
            slot
        });
        return full_screen(&mut app, &clock, data, slot);
    }
    let code = list(library, false)?;
    let mut out = io::stdout().lock();
    writeln!(out)?;
    writeln!(
        out,
        "Start one:        supple play back-spasm-relief --plain"
    )?;
    writeln!(out, "See it first:     supple plan back-spasm-relief")?;
    writeln!(
        out,
        "Write your own:   docs/routine-format.md, then supple check FILE"
    )?;
    if let Some(dir) = library.user_dir() {
        writeln!(
            out,
            "Your routines go in {}",
            sanitize(&dir.display().to_string())
        )?;
    }
    writeln!(out, "More: supple --help")?;
    out.flush()?;
    Ok(code)
}

fn list(library: &Library, json: bool) -> io::Result<u8> {
    let mut out = io::stdout().lock();
    let warnings = commands::list(&mut out, library, json)?;
    out.flush()?;
    warn_all(&warnings);
    Ok(0)
}

fn check(library: &Library, args: &[String]) -> io::Result<u8> {
    let mut entries: Vec<(String, Entry)> = Vec::with_capacity(args.len());
    let mut missing = false;
    for arg in args {
        match library.resolve(arg) {
            Ok(entry) => entries.push((arg.clone(), entry)),
            Err(not_found) => {
                fail(&not_found.to_string());
                missing = true;
            }
        }
    }
    let mut out = io::stdout().lock();
    let mut err = io::stderr().lock();
    let ok = commands::check(&mut out, &mut err, &entries)?;
    Ok(if ok && !missing { 0 } else { 1 })
}

/// Resolves and loads a routine, printing the problem if there is one; with the
/// routine's library name and a hash of its text.
fn load_entry(library: &Library, arg: &str) -> Option<(Routine, String, Option<String>)> {
    let entry = match library.resolve(arg) {
        Ok(entry) => entry,
        Err(not_found) => {
            fail(&not_found.to_string());
            return None;
        }
    };
    let hash = entry.text.as_deref().map(history::content_hash);
    match entry.routine {
        Ok(routine) => Some((routine, entry.name, hash)),
        Err(e) => {
            report(&e, &entry.source);
            None
        }
    }
}

fn report(e: &LoadError, source: &Source) {
    let mut err = io::stderr().lock();
    let _ = write!(err, "{e}");
    let count = e.count();
    let what = if count == 1 { "an error" } else { "errors" };
    let _ = writeln!(
        err,
        "supple: error: the {} routine {} has {what}; fix it and run `supple check` on it",
        source.label(),
        sanitize(&e.origin),
    );
}

fn plan(
    library: &Library,
    arg: &str,
    json: bool,
    reset_progress: bool,
    data: Option<&Path>,
) -> io::Result<u8> {
    let Some((routine, id, _)) = load_entry(library, arg) else {
        return Ok(1);
    };
    if reset_progress {
        let Some(dir) = data else {
            fail("no folder for the history log ($HOME is not set); use --data-dir");
            return Ok(1);
        };
        if let Err(e) = crate::store::resets::reset(dir, &id, jiff::Timestamp::now()) {
            fail(&format!("cannot save the reset in {}: {e}", dir.display()));
            return Ok(1);
        }
    }
    let (routine, progress) = progressed(routine, &id, data);
    let mut out = io::stdout().lock();
    commands::plan(&mut out, &routine, json)?;
    if !json && !progress.is_empty() {
        writeln!(out)?;
        writeln!(out, "Progression:")?;
        for p in &progress {
            writeln!(out, "  {}", sanitize(&p.explain()))?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// The routine with its progressing exercises at their current reps, from the log.
fn progressed(
    routine: Routine,
    id: &str,
    data: Option<&Path>,
) -> (Routine, Vec<history::progress::Progress>) {
    if routine.exercises.iter().all(|e| e.progression.is_none()) {
        return (routine, Vec::new());
    }
    let records = history_log(data)
        .map(|log| log.records.as_slice())
        .unwrap_or_default();
    let reset = data.and_then(|d| crate::store::resets::last_reset(d, id));
    let progress = history::progress::progress(&routine, id, records, reset);
    (history::progress::apply(routine, &progress), progress)
}

/// The history log as read once by this process (for progression and the home
/// screen's warnings).
struct Log {
    records: Vec<Record>,
    /// What could not be read: the file itself, or some of its lines.
    problem: Option<String>,
}

fn history_log(data: Option<&Path>) -> Option<&'static Log> {
    static LOG: std::sync::OnceLock<Option<Log>> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let path = crate::store::log::log_path(data?);
        Some(match crate::store::log::read(&path) {
            Ok((records, skips)) => Log {
                records,
                problem: (!skips.is_empty()).then(|| {
                    format!(
                        "history log: {} could not be read (`supple history` says why; the file is never changed)",
                        crate::core::text::count(skips.len() as u64, "line")
                    )
                }),
            },
            Err(e) => Log {
                records: Vec::new(),
                problem: Some(format!(
                    "the history log {} cannot be read: {e}",
                    path.display()
                )),
            },
        })
    })
    .as_ref()
}

/// Runs the full-screen app and turns how it ended into an exit code.
fn full_screen(
    app: &mut App,
    clock: &BootClock,
    data: Option<&Path>,
    slot: Option<Slot>,
) -> io::Result<u8> {
    let theme = Theme::from_env();
    let ended = tui::term::run(app, &theme, clock, data.map(Path::to_path_buf), slot)?;
    if let Some(line) = app.farewell(clock.now()) {
        let _ = writeln!(io::stdout(), "{}", sanitize(&line));
    }
    let mut err = io::stderr().lock();
    for line in &ended.stderr {
        let _ = writeln!(err, "{line}");
    }
    Ok(tui::term::exit_code(ended.exit))
}

/// Appends a session to the history log; if that fails, says so on stderr and
/// prints the record there, so that it is not lost.
fn save(data: Option<&Path>, record: &Record) {
    let mut err = io::stderr().lock();
    let Some(dir) = data else {
        let _ = writeln!(
            err,
            "supple: error: no folder for the history log ($HOME is not set); use --data-dir"
        );
        let line = serde_json::to_string(record).unwrap_or_default();
        let _ = writeln!(err, "{}", commands::json_for_terminal(&line));
        return;
    };
    if let Err(e) = crate::store::log::append(dir, record) {
        for line in e.report() {
            let _ = writeln!(err, "{line}");
        }
    }
}

/// When a plain-mode session started and ended, in wall-clock time.
fn span(start: jiff::Timestamp, clock: &dyn Clock) -> Span {
    Span {
        start,
        end: jiff::Timestamp::now(),
        end_moment: clock.now(),
        tz: jiff::tz::TimeZone::system(),
    }
}

/// The app with the user's config applied (a broken config file is reported in
/// the home screen's warning line, and the defaults are used).
fn new_app(
    entries: Vec<Entry>,
    mut warnings: Vec<String>,
    settings: Settings,
    data: Option<&Path>,
) -> App {
    let loaded = config_file();
    if let Some(e) = &loaded.problem {
        warnings.push(format!(
            "config file (its other settings are used): {}",
            e.headline()
        ));
    }
    let base = plan_from(pack::Treatment::Ice, &loaded.config, None, None, None);
    if let Some(problem) = history_log(data).and_then(|log| log.problem.clone()) {
        warnings.push(problem);
    }
    let mut app = App::new(Home::new(entries, warnings), settings);
    app.pack_base = base;
    // Routines on the home screen start at their current progression.
    for item in &mut app.home.items {
        if let HomeItem::Routine(entry) = item
            && let Ok(r) = &entry.routine
        {
            let (r, _) = progressed(r.clone(), &entry.name, data);
            entry.routine = Ok(r);
        }
    }
    app.tz = jiff::tz::TimeZone::system();
    app
}

/// Flags win over the config file, which wins over the defaults.
fn plan_from(
    mode: pack::Treatment,
    c: &crate::core::config::Config,
    on: Option<std::time::Duration>,
    off: Option<std::time::Duration>,
    cycles: Option<u32>,
) -> Plan {
    Plan {
        mode,
        on: on.or(c.pack_on).unwrap_or(pack::DEFAULT_ON),
        off: off.or(c.pack_off).unwrap_or(pack::DEFAULT_OFF),
        cycles: cycles.or(c.pack_cycles).unwrap_or(pack::DEFAULT_CYCLES),
    }
}

fn pack_timer(
    library: &Library,
    mode: pack::Treatment,
    args: PackArgs,
    data: Option<&Path>,
) -> io::Result<u8> {
    let c = config_file().config;
    let plan = plan_from(mode, &c, args.on, args.off, args.cycles);
    let clock = BootClock::new();
    let (resumed, mut notes) = offer_resume(&clock, data);
    if let Some(since) = args.since {
        let advice = Advice::for_time_since(since);
        notes.push(
            advice
                .conflict(mode)
                .unwrap_or_else(|| advice.text().to_owned()),
        );
    }
    let settings = Settings {
        muted: args.quiet,
        voice: args.voice,
        pain: false,
    };
    if !args.plain && tui::term::available() {
        let (entries, warnings) = library.entries();
        let mut app = new_app(entries, warnings, settings, data);
        app.exit_on_leave = true;
        let slot = match resumed {
            Some((session, slot)) => {
                app.resume_pack(session);
                Some(slot)
            }
            None => {
                app.open_pack(plan, notes);
                None
            }
        };
        return full_screen(&mut app, &clock, data, slot);
    }
    if !args.plain {
        let _ = writeln!(
            io::stderr(),
            "supple: {}, so the timer prints lines of text (--plain)",
            tui::term::why_not()
        );
    }
    let rx = input_channel();
    let mut out = io::stdout().lock();
    let start = resumed
        .as_ref()
        .and_then(|(session, _)| session.started())
        .map(|m| crate::shell::clock::wall_at(m, (clock.now(), jiff::Timestamp::now())))
        .unwrap_or_else(jiff::Timestamp::now);
    let alerts = plain::pack::Alerts {
        bell: !args.quiet && io::stdout().is_terminal(),
        voice: args.voice,
    };
    let (ending, session) =
        plain::pack::play(plan, &notes, &mut out, &rx, &clock, alerts, resumed)?;
    if ending != Ending::HungUp {
        save(data, &records::pack(&session, &span(start, &clock)));
    }
    Ok(ending.exit_code())
}

fn history_cmd(
    data: Option<&Path>,
    since: Option<std::time::Duration>,
    plain: bool,
    json: bool,
) -> io::Result<u8> {
    let Some(dir) = data else {
        fail("no folder for the history log ($HOME is not set); use --data-dir");
        return Ok(1);
    };
    let path = crate::store::log::log_path(dir);
    let (records, skipped) = match crate::store::log::read(&path) {
        Ok(read) => read,
        Err(e) => {
            fail(&format!(
                "cannot read the history log {}: {e}; move it away (nothing else reads it)",
                path.display()
            ));
            return Ok(1);
        }
    };
    if !json {
        let mut err = io::stderr().lock();
        for w in skipped.warnings(&path, 5) {
            let _ = writeln!(err, "supple: warning: {w}");
        }
    }
    let tz = jiff::tz::TimeZone::system();
    let now = jiff::Timestamp::now();
    let from = since
        .and_then(|d| jiff::SignedDuration::try_from(d).ok())
        .and_then(|d| now.checked_sub(d).ok())
        .unwrap_or(jiff::Timestamp::MIN);
    let chosen = history::stats::since(&records, from);
    let today = now.to_zoned_datetime(tz.clone()).date();
    let stats = history::stats::compute(&chosen, today, &tz);
    let mut out = io::stdout().lock();
    if json {
        let skipped_lines: Vec<serde_json::Value> = skipped
            .iter()
            .map(|s| serde_json::json!({ "line": s.line, "why": s.why }))
            .collect();
        let doc = serde_json::json!({
            "path": path.display().to_string(),
            "records": chosen,
            "skipped": skipped_lines,
            "skipped_total": skipped.len(),
            "stats": stats,
        });
        commands::write_json(&mut out, &doc)?;
        return Ok(0);
    }
    if !plain && tui::term::available() {
        drop(out);
        let mut app = App::new(Home::new(Vec::new(), Vec::new()), Settings::default());
        app.exit_on_leave = true;
        app.history = Some(HistoryScreen {
            records: chosen.into_iter().cloned().collect(),
            stats,
            range: since.map(|d| format!("last {}", humantime::format_duration(d))),
        });
        return full_screen(&mut app, &BootClock::new(), data, None);
    }
    commands::history_plain(&mut out, &chosen, &stats)?;
    out.flush()?;
    Ok(0)
}

/// Asks a yes/no question on standard error and reads the answer from standard
/// input (at most a short line: a paste cannot make it read without end). Enter
/// is yes; a closed input is no.
fn ask_yes(question: &str) -> bool {
    use std::io::{BufRead, Read};
    let mut err = io::stderr().lock();
    let _ = write!(err, "{} [Y/n] ", sanitize(question));
    let _ = err.flush();
    drop(err);
    let mut answer = Vec::new();
    let stdin = io::stdin();
    let read = stdin.lock().take(256).read_until(b'\n', &mut answer);
    match read {
        Ok(0) | Err(_) => false,
        Ok(_) => {
            let answer = String::from_utf8_lossy(&answer).trim().to_lowercase();
            !matches!(answer.as_str(), "n" | "no")
        }
    }
}

/// When a session started, as a person would say it: "at 14:35" today, "on Mon 30
/// Nov at 14:35" another day.
fn when_started(started: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    let local = started.to_zoned_datetime(tz.clone());
    let today = jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date();
    let time = crate::shell::clock::time_of_day(started, tz);
    if local.date() == today {
        format!("at {time}")
    } else {
        format!("on {} at {time}", local.strftime("%a %-d %b"))
    }
}

/// Looks at the state files of ice/heat sessions: says which are running in
/// another terminal, sets aside any that cannot be used (and says so), and offers
/// to resume each session cut off by a closed terminal, newest last. Declining
/// logs it as stopped (once: the slot's lock makes sure no other supple does too).
/// Returns the session to resume, with its slot, and notes about sessions
/// running elsewhere (for the screen that opens next; also on standard error).
fn offer_resume(
    clock: &BootClock,
    data: Option<&Path>,
) -> (Option<(pack::Session, Slot)>, Vec<String>) {
    let mut notes = Vec::new();
    let Some(dir) = crate::store::paths::state_dir() else {
        return (None, notes);
    };
    let tz = jiff::tz::TimeZone::system();
    let mut chosen = None;
    for found in packs::scan(&dir) {
        match found {
            Found::Running(saved) => {
                let until = saved
                    .ends()
                    .map(|t| format!(", until {}", crate::shell::clock::time_of_day(t, &tz)))
                    .unwrap_or_default();
                let note = format!(
                    "{} {} session started {} is running in another terminal{until}.",
                    capitalized(article(saved.mode)),
                    saved.mode.name(),
                    when_started(saved.started, &tz),
                );
                let _ = writeln!(io::stderr(), "supple: note: {}", sanitize(&note));
                notes.push(note);
            }
            Found::SetAside {
                path,
                moved_to,
                why,
            } => {
                let moved = moved_to
                    .map(|m| format!("; it was renamed {}", m.display()))
                    .unwrap_or_default();
                warn_all(&[format!(
                    "the ice/heat state file {} cannot be used: {why}{moved}",
                    path.display()
                )]);
            }
            Found::CutOff { slot, saved } if chosen.is_none() => {
                let now = clock.now();
                let wall = jiff::Timestamp::now();
                let Some(session) = saved.restore(now, wall) else {
                    slot.clear();
                    continue;
                };
                let question = format!(
                    "supple: {} {} session started {} was cut off when its terminal closed. Resume it where the clock says?",
                    article(saved.mode),
                    saved.mode.name(),
                    when_started(saved.started, &tz),
                );
                if ask_yes(&question) {
                    chosen = Some((session, slot));
                    continue;
                }
                let mut ended = session;
                ended.tick(now);
                // A session that ran out while the terminal was closed ended then.
                let end_moment = ended
                    .switches()
                    .last()
                    .filter(|_| ended.status() == pack::Status::Finished)
                    .map_or(now, |sw| sw.at);
                let span = Span {
                    start: saved.started,
                    end: crate::shell::clock::wall_at(end_moment, (now, wall)),
                    end_moment,
                    tz: tz.clone(),
                };
                save(data, &records::pack(&ended, &span));
                slot.clear();
                let _ = writeln!(io::stderr(), "supple: logged it as stopped.");
            }
            // Offered next time: one session is resumed at a time.
            Found::CutOff { .. } => {}
        }
    }
    (chosen, notes)
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn article(mode: pack::Treatment) -> &'static str {
    if mode == pack::Treatment::Ice {
        "an"
    } else {
        "a"
    }
}

fn completions(shell: clap_complete::Shell) -> io::Result<u8> {
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

fn man(dir: Option<&Path>) -> io::Result<u8> {
    let command = <Cli as clap::CommandFactory>::command();
    let Some(dir) = dir else {
        let mut out = io::stdout().lock();
        clap_mangen::Man::new(command).render(&mut out)?;
        out.flush()?;
        return Ok(0);
    };
    // Built, so each subcommand's page is named supple-NAME; no page for `help`.
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let pages = std::iter::once(&command).chain(command.get_subcommands());
    let written: io::Result<Vec<PathBuf>> = std::fs::create_dir_all(dir).and_then(|()| {
        pages
            .filter(|c| !c.is_hide_set())
            .map(|c| clap_mangen::Man::new(c.clone()).generate_to(dir))
            .collect()
    });
    let written = match written {
        Ok(paths) => paths,
        Err(e) => {
            fail(&format!(
                "cannot write the manual pages into {}: {e}",
                dir.display()
            ));
            return Ok(1);
        }
    };
    let mut out = io::stdout().lock();
    for path in written {
        writeln!(out, "{}", sanitize(&path.display().to_string()))?;
    }
    out.flush()?;
    Ok(0)
}

/// `supple config --path`: the path alone, for scripts. `supple config`: the path,
/// whether the file is there, and every setting in effect with where it comes from
/// (the errors, if any, are printed on standard error by the reading itself).
fn config_cmd(path_only: bool) -> io::Result<u8> {
    let Some(path) = config::path() else {
        fail("no config folder: set $XDG_CONFIG_HOME or $HOME");
        return Ok(1);
    };
    let shown = sanitize(&path.display().to_string()).into_owned();
    let mut out = io::stdout().lock();
    if path_only {
        writeln!(out, "{shown}")?;
        return Ok(0);
    }
    let loaded = config_file();
    let c = &loaded.config;
    let there = std::fs::symlink_metadata(&path).is_ok();
    writeln!(
        out,
        "{shown}{}",
        if there {
            ""
        } else {
            " (not there: every default applies)"
        }
    )?;
    let from = |set: bool| if set { "config file" } else { "default" };
    writeln!(
        out,
        "[player] pain = {}   ({})",
        c.pain.unwrap_or(true),
        from(c.pain.is_some())
    )?;
    let plan = plan_from(pack::Treatment::Ice, c, None, None, None);
    writeln!(
        out,
        "[pack] on = \"{}\"   ({})",
        crate::core::duration::human(plan.on),
        from(c.pack_on.is_some())
    )?;
    writeln!(
        out,
        "[pack] off = \"{}\"   ({})",
        crate::core::duration::human(plan.off),
        from(c.pack_off.is_some())
    )?;
    writeln!(
        out,
        "[pack] cycles = {}   ({})",
        plan.cycles,
        from(c.pack_cycles.is_some())
    )?;
    writeln!(out, "Every key: docs/config.md")?;
    out.flush()?;
    Ok(u8::from(loaded.problem.is_some()))
}

fn edit_routine(library: &Library, arg: &str) -> io::Result<u8> {
    let entry = match library.resolve(arg) {
        Ok(e) => e,
        Err(not_found) => {
            fail(&not_found.to_string());
            return Ok(1);
        }
    };
    let Some(path) = entry.source.path().map(Path::to_path_buf) else {
        let how = match library.user_dir() {
            None => format!("supple export {arg} > {arg}.toml"),
            Some(dir) => {
                let file = dir.join(format!("{arg}.toml"));
                let export = format!("supple export {arg} > {}", file.display());
                if dir.is_dir() {
                    export
                } else {
                    format!("mkdir -p {} && {export}", dir.display())
                }
            }
        };
        fail(&format!(
            "'{arg}' is bundled and cannot be edited; make it yours first: {how}"
        ));
        return Ok(1);
    };
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_owned());
    loop {
        let (status, signal) = run_editor(&editor, &path);
        match status {
            Ok(_) if signal.is_some() => {}
            Ok(s) if s.success() => {}
            Ok(s) => {
                fail(&format!(
                    "the editor ({editor}) ended with {s}; the file is as it left it"
                ));
                return Ok(1);
            }
            Err(e) => {
                fail(&format!(
                    "cannot start the editor ({editor}): {e}; set $VISUAL or $EDITOR"
                ));
                return Ok(1);
            }
        }
        let checked = crate::store::library::load_path(&path, entry.source.clone());
        let label = path.display().to_string();
        let mut err = io::stderr().lock();
        match checked.routine {
            Ok(r) => {
                let totals = crate::core::timeline::Totals::of(&r);
                let time = totals
                    .map_or_else(String::new, |t| commands::total_text(t.timed, t.self_paced));
                writeln!(
                    io::stdout(),
                    "{}: ok ({}, total {time})",
                    sanitize(&label),
                    crate::core::text::count(r.exercises.len() as u64, "exercise")
                )?;
                return Ok(signal.map_or(0, |sig| u8::try_from(128 + sig).unwrap_or(1)));
            }
            Err(e) => {
                let _ = write!(err, "{e}");
                if let Some(sig) = signal {
                    let _ = writeln!(
                        err,
                        "supple: stopped (signal {sig}) while the editor was open; {} is kept as it is, with these errors",
                        sanitize(&label)
                    );
                    return Ok(u8::try_from(128 + sig).unwrap_or(1));
                }
                drop(err);
                let again = ask_yes(&format!("supple: {label} has errors. Edit it again?"));
                let mut err = io::stderr().lock();
                if !again {
                    let _ = writeln!(
                        err,
                        "supple: kept as it is; it will be listed with its errors until it is fixed"
                    );
                    return Ok(1);
                }
            }
        }
    }
}

/// Runs the editor on `path` and waits for it. SIGTERM and SIGHUP sent to supple
/// meanwhile are passed on to the editor (so it can save and quit as it does for
/// them), and supple waits for it and checks the file instead of leaving it running
/// unchecked; Ctrl-C is the editor's own. Returns how it ended and the signal, if
/// one came.
fn run_editor(editor: &str, path: &Path) -> (io::Result<std::process::ExitStatus>, Option<i32>) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI32, Ordering};
    // Through the shell, so that an editor with arguments ("code --wait") works;
    // `exec`, so that the signal passed on reaches the editor itself.
    let child = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("exec {editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return (Err(e), None),
    };
    // Once the editor is gone these signals do what they always do (end supple);
    // while it is open they are the editor's.
    static ARMED: std::sync::OnceLock<Arc<std::sync::atomic::AtomicBool>> =
        std::sync::OnceLock::new();
    let armed = ARMED.get_or_init(|| {
        let armed = Arc::new(std::sync::atomic::AtomicBool::new(true));
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            let _ = signal_hook::flag::register_conditional_default(sig, Arc::clone(&armed));
        }
        armed
    });
    armed.store(false, Ordering::SeqCst);
    let got = Arc::new(AtomicI32::new(0));
    let handle = match Signals::new([SIGTERM, SIGHUP, SIGINT]) {
        Ok(mut signals) => {
            let handle = signals.handle();
            let pid = rustix::process::Pid::from_child(&child);
            let got = Arc::clone(&got);
            thread::spawn(move || {
                for sig in signals.forever() {
                    if sig == SIGINT {
                        // From the keyboard, the editor has it already.
                        continue;
                    }
                    got.store(sig, Ordering::SeqCst);
                    if let Some(s) = rustix::process::Signal::from_named_raw(sig) {
                        let _ = rustix::process::kill_process(pid, s);
                    }
                }
            });
            Some(handle)
        }
        Err(_) => None,
    };
    let status = child.wait();
    if let Some(h) = handle {
        h.close();
    }
    armed.store(true, Ordering::SeqCst);
    let sig = got.load(Ordering::SeqCst);
    (status, (sig != 0).then_some(sig))
}

/// The template `supple new` writes.
const TEMPLATE: &str = include_str!("../../routines/template.toml");

fn export(library: &Library, arg: &str) -> io::Result<u8> {
    let entry = match library.resolve(arg) {
        Ok(e) => e,
        Err(not_found) => {
            fail(&not_found.to_string());
            return Ok(1);
        }
    };
    match (&entry.text, &entry.routine) {
        (Some(text), _) => {
            io::stdout()
                .lock()
                .write_all(sanitize_lines(text).as_bytes())?;
            Ok(0)
        }
        (None, Err(e)) => {
            report(e, &entry.source);
            Ok(1)
        }
        (None, Ok(_)) => Ok(1),
    }
}

fn new_routine(library: &Library, name: &str) -> io::Result<u8> {
    let valid = !name.is_empty()
        && name.len() <= 60
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        fail(&format!(
            "'{name}' cannot be a routine name: use letters, digits, - and _ (it becomes the file name)"
        ));
        return Ok(2);
    }
    let Some(dir) = library.user_dir() else {
        fail("no routines folder: set $XDG_CONFIG_HOME or $HOME");
        return Ok(1);
    };
    let path = dir.join(format!("{name}.toml"));
    if let Err(e) = std::fs::create_dir_all(dir) {
        fail(&format!("cannot create {}: {e}", dir.display()));
        return Ok(1);
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    match file {
        Ok(mut f) => {
            f.write_all(TEMPLATE.as_bytes())?;
            writeln!(io::stdout(), "{}", sanitize(&path.display().to_string()))?;
            Ok(0)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fail(&format!(
                "{} already exists; supple will not overwrite it (edit it, or choose another name)",
                path.display()
            ));
            Ok(1)
        }
        Err(e) => {
            fail(&format!("cannot write {}: {e}", path.display()));
            Ok(1)
        }
    }
}

fn red_flags() -> io::Result<u8> {
    let mut out = io::stdout().lock();
    writeln!(out, "See a doctor if you have back pain with any of these:")?;
    for flag in crate::core::guidance::RED_FLAGS {
        writeln!(out, "  - {flag}")?;
    }
    writeln!(out)?;
    writeln!(out, "{}", crate::core::guidance::EMERGENCY)?;
    writeln!(out, "supple is self-care support, not a diagnosis.")?;
    out.flush()?;
    Ok(0)
}

fn play(
    library: &Library,
    arg: &str,
    plain: bool,
    settings: Settings,
    data: Option<&Path>,
) -> io::Result<u8> {
    let Some((routine, id, hash)) = load_entry(library, arg) else {
        return Ok(1);
    };
    let (routine, _) = progressed(routine, &id, data);
    if !plain {
        if tui::term::available() {
            let (entries, warnings) = library.entries();
            let mut app = new_app(entries, warnings, settings, data);
            app.exit_on_leave = true;
            let clock = BootClock::new();
            app.play_routine(Timeline::new(routine), Some(id), hash, clock.now());
            return full_screen(&mut app, &clock, data, None);
        }
        let _ = writeln!(
            io::stderr(),
            "supple: {}, so the routine plays as lines of text (--plain)",
            tui::term::why_not()
        );
    }
    let rx = input_channel();
    let mut out = io::stdout().lock();
    let clock = BootClock::new();
    let start = jiff::Timestamp::now();
    let options = plain::Options {
        pain: settings.pain,
        voice: settings.voice,
    };
    let run = plain::play(Timeline::new(routine), &mut out, &rx, &clock, options)?;
    let mut record = records::routine(
        &run.session,
        Some(&id),
        hash.as_deref(),
        &span(start, &clock),
    );
    record.pain_before = run.pain_before;
    record.pain_after = run.pain_after;
    save(data, &record);
    if run.ending == Ending::InputClosed {
        fail(
            "standard input is closed, so a rep done at your own pace cannot be confirmed; \
             run `supple play` from a terminal, or give the exercise a 'hold' so it is timed",
        );
    }
    Ok(run.ending.exit_code())
}

/// Standard input lines and Ctrl-C, SIGTERM and SIGHUP, on one channel, for the
/// plain modes.
fn input_channel() -> mpsc::Receiver<Input> {
    let (tx, rx) = mpsc::channel();
    match Signals::new([SIGINT, SIGTERM, SIGHUP]) {
        Ok(mut signals) => {
            let tx = tx.clone();
            thread::spawn(move || {
                for sig in signals.forever() {
                    if tx.send(Input::Signal(sig)).is_err() {
                        break;
                    }
                }
            });
        }
        Err(e) => fail(&format!(
            "cannot watch for Ctrl-C ({e}); use q and Enter to stop"
        )),
    }
    plain::spawn_stdin_reader(tx);
    rx
}

/// The config file, read once per process; its problems (if any) are printed on
/// standard error the first time, with every error in place. A file with errors
/// never silently changes behaviour: its valid settings are used, the rest are
/// the defaults (docs/config.md).
fn config_file() -> &'static config::Loaded {
    static LOADED: std::sync::OnceLock<config::Loaded> = std::sync::OnceLock::new();
    LOADED.get_or_init(|| {
        let loaded = config::load();
        if let Some(e) = &loaded.problem {
            let mut err = io::stderr().lock();
            let _ = write!(err, "{e}");
            let _ = writeln!(
                err,
                "supple: warning: the config file has errors: its other settings are used, and the defaults instead of these"
            );
        }
        loaded
    })
}
