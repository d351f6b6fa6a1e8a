//! The commands: one file per subcommand, and what several of them share
//! (loading routines, the config and the log once, saving records, the resume
//! question, the full-screen run). The dispatch is in [`crate::cli`], the one
//! module above this one: nothing here imports it.
//! `ice.rs` runs `supple ice`, `heat` and `contrast`.

use crate::app::{App, HistoryScreen, Home, Launch, Settings};
use crate::core::history::{Record, build as records, build::Span};
use crate::core::pack::{Advice, Plan};
use crate::core::routine::{LoadError, Routine};
use crate::core::text::{sanitize, sanitize_lines};
use crate::core::timeline::Timeline;
use crate::plain::{self, Ending, Input};
use crate::shell::clock::{BootClock, Clock};
use crate::store::library::{Entry, Library, Source};
use crate::store::packs::{self, Found, Slot};
use crate::tui;
use crate::ui::theme::Theme;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;

pub mod check;
pub mod completions;
pub mod config;
pub mod edit;
pub mod episode;
mod error;
pub mod export;
pub mod function;
pub mod history;
pub mod home;
pub mod ice;
pub mod list;
pub mod man;
pub mod new;
pub mod note;
pub mod plan;
pub mod plans;
pub mod play;
pub mod red_flags;
pub mod remind;
pub mod report;
pub mod status;
pub mod today;

pub use error::CliError;
pub use ice::PackFlags;

/// Writes one line of possibly untrusted text, made safe.
fn line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", sanitize(text))
}

/// Writes `value` as pretty JSON and a line break. (Serialised first, so that a
/// closed pipe comes back as the io error it is.)
pub fn write_json(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    out.write_all(crate::core::text::json_for_terminal(&text).as_bytes())?;
    writeln!(out)
}

/// Prints a warning to stderr, sanitised.
fn fail_warning(message: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "supple: warning: {}", sanitize(message));
}

/// Prints an error to stderr, sanitised.
pub(crate) fn fail(message: &str) {
    let mut err = io::stderr().lock();
    // A message that says "supple: error:" itself (a record kept for the person)
    // is not given the prefix twice.
    let message = message.strip_prefix("supple: error: ").unwrap_or(message);
    let _ = writeln!(
        err,
        "supple: error: {}",
        sanitize_lines(&cut_long_words(message))
    );
}

/// Every run of more than 200 characters without a space cut to 200, with `…`:
/// a value given on the command line is echoed, never 100,000 characters of it.
fn cut_long_words(text: &str) -> std::borrow::Cow<'_, str> {
    const LONGEST: usize = 200;
    let long = text
        .split(char::is_whitespace)
        .any(|w| w.chars().nth(LONGEST).is_some());
    if !long {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(4096));
    let mut run = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
        } else {
            run += 1;
            if run == LONGEST + 1 {
                out.push('…');
            }
            if run > LONGEST {
                continue;
            }
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

fn warn_all(warnings: &[String]) {
    let mut err = io::stderr().lock();
    for w in warnings {
        let _ = writeln!(err, "supple: warning: {}", sanitize(w));
    }
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
    let hash = entry
        .text
        .as_deref()
        .map(crate::core::history::content_hash);
    match entry.routine {
        Ok(routine) => Some((routine, entry.name, hash)),
        Err(e) => {
            report(&e, &entry.source);
            None
        }
    }
}

fn report(e: &LoadError, source: &Source) {
    report_as(e, source, "routine");
}

/// [`report`] for a plan: it is never called a routine.
fn report_plan(e: &LoadError, source: &Source) {
    report_as(e, source, "plan");
}

fn report_as(e: &LoadError, source: &Source, noun: &str) {
    let mut err = io::stderr().lock();
    let _ = write!(err, "{e}");
    let count = e.count();
    let what = if count == 1 { "an error" } else { "errors" };
    let _ = writeln!(
        err,
        "supple: error: the {} {noun} {} has {what}; fix it and run `supple check` on it",
        source.label(),
        sanitize(&crate::core::text::truncate(&e.origin, 200)),
    );
}

/// The routine with its progressing exercises at their current reps, from the log.
fn progressed(
    routine: Routine,
    id: &str,
    data: Option<&Path>,
) -> (Routine, Vec<crate::core::history::progress::Progress>) {
    if routine.exercises.iter().all(|e| e.progression.is_none()) {
        return (routine, Vec::new());
    }
    let log = history_log(data);
    // Progression reads the log: one that cannot be read is said, never taken
    // for "no sessions yet" in silence.
    if let Some(log) = log.filter(|l| l.unreadable) {
        let why = log
            .problem
            .as_deref()
            .unwrap_or("the history log cannot be read");
        fail_warning(&format!(
            "{why}; this time the reps are the routine's own, not your progression"
        ));
    }
    let reset = data.and_then(|d| crate::store::resets::last_reset(d, id));
    let progress = match log.filter(|l| !l.unreadable) {
        // From the summary; a reset of progress in the middle of a run of sessions
        // that said the same is left to every record.
        Some(log) => log
            .summary
            .progress(&routine, id, reset)
            .unwrap_or_else(|| {
                let records = crate::store::log::read(&log.path)
                    .map(|(records, _)| records)
                    .unwrap_or_default();
                crate::core::history::progress::progress(&routine, id, &records, reset)
            }),
        None => crate::core::history::progress::progress(&routine, id, &[], reset),
    };
    (
        crate::core::history::progress::apply(routine, &progress),
        progress,
    )
}

/// The history log as read once by this process (for progression, the episode,
/// Today and the home screen's warnings): its summary, kept in the cache folder
/// and brought up to date with what was appended since (`store::summary`), so a
/// start costs the same at any size of log.
struct ReadLog {
    path: PathBuf,
    summary: crate::core::history::summary::Summary,
    /// The sessions Today, the safety lines and the heat-or-ice choice read,
    /// standing in for every session ([`crate::core::history::summary::Summary::tail`]).
    tail: Vec<Record>,
    /// What could not be read: the file itself, or some of its lines.
    problem: Option<String>,
    /// The kept summary could not be used and was made again.
    note: Option<String>,
    /// The file itself could not be read: nothing in it is known.
    unreadable: bool,
}

impl ReadLog {
    /// Every episode record, in order.
    fn episodes(&self) -> &[crate::core::episode::EpisodeRecord] {
        &self.summary.episodes
    }

    /// Sessions that give, for Today looking back from `now`, what every session
    /// of the log gives: the summary's tail, or the whole log read again when a
    /// session ends after `now` (a clock set back), which the tail cannot stand in for.
    fn sessions(&self, now: jiff::Timestamp) -> std::borrow::Cow<'_, [Record]> {
        if self.unreadable || self.summary.covers(now) {
            return std::borrow::Cow::Borrowed(&self.tail);
        }
        match crate::store::log::read(&self.path) {
            Ok((records, _)) => std::borrow::Cow::Owned(records),
            Err(_) => std::borrow::Cow::Borrowed(&self.tail),
        }
    }
}

/// Takes the episode lock in `dir` and reads the episode records as they are
/// now (another supple may have started or ended one since this one read the
/// log). Held until the returned lock is dropped.
fn episodes_locked(
    dir: &Path,
) -> Result<(std::fs::File, Vec<crate::core::episode::EpisodeRecord>), CliError> {
    let lock = crate::store::log::lock_episodes(dir).map_err(|e| {
        CliError::failed(format!(
            "could not lock the episodes in {}: {}",
            dir.display(),
            crate::store::file::io_reason(&e)
        ))
    })?;
    let path = crate::store::log::log_path(dir);
    let cache = crate::store::paths::cache_dir();
    let read = crate::store::summary::summarise(&path, cache.as_deref()).map_err(|e| {
        CliError::failed(format!(
            "the history log {} cannot be read: {e}; move it away or fix it (supple never changes it)",
            path.display()
        ))
    })?;
    Ok((lock, read.summary.episodes))
}

/// The history log, for a command that acts on what it holds: a log that cannot
/// be read (a FIFO there, over the size limit, no permission) is an error that
/// says so, never "nothing there". `None` when there is no data folder.
fn readable_log(data: Option<&Path>) -> Result<Option<&'static ReadLog>, CliError> {
    match history_log(data) {
        Some(log) if log.unreadable => {
            Err(CliError::failed(log.problem.clone().unwrap_or_else(|| {
                "the history log cannot be read".to_owned()
            })))
        }
        found => Ok(found),
    }
}

fn history_log(data: Option<&Path>) -> Option<&'static ReadLog> {
    static LOG: std::sync::OnceLock<Option<ReadLog>> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let path = crate::store::log::log_path(data?);
        let cache = crate::store::paths::cache_dir();
        Some(match crate::store::summary::summarise(&path, cache.as_deref()) {
            Ok(read) => ReadLog {
                problem: (!read.summary.skips.is_empty()).then(|| {
                    format!(
                        "history log: {} could not be read (`supple history` says why; the file is never changed)",
                        crate::core::text::count(read.summary.skips.len() as u64, "line")
                    )
                }),
                tail: read.summary.tail(),
                summary: read.summary,
                note: read.note,
                unreadable: false,
                path,
            },
            Err(e) => ReadLog {
                summary: crate::core::history::summary::Summary::default(),
                tail: Vec::new(),
                problem: Some(format!(
                    "the history log {} cannot be read: {e}; move it away or fix it (supple never changes it)",
                    path.display()
                )),
                note: None,
                unreadable: true,
                path,
            },
        })
    })
    .as_ref()
}

/// Puts the Today panel on the home screen when an episode is open (a plan that
/// cannot be read is a warning on the screen instead).
fn add_today(app: &mut App, library: &Library, data: Option<&Path>, clock: &BootClock) {
    let Some(log) = history_log(data) else {
        return;
    };
    let titles = || {
        let (entries, _) = library.entries();
        entries
            .iter()
            .filter_map(|e| {
                e.routine
                    .as_ref()
                    .ok()
                    .map(|r| (e.name.clone(), r.name.clone()))
            })
            .collect::<Vec<_>>()
    };
    let Some(episode) = crate::core::episode::open(log.episodes()) else {
        // None open: `e` can start one under the bundled plan.
        let plan = crate::store::plans::bundled(crate::core::episode::DEFAULT_PLAN, library)
            .and_then(|e| e.plan.ok())
            .map(|p| p.with_pack_on(config_file().config.pack_on));
        if let Some(plan) = plan {
            let since = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(9 * 24);
            let all = log.sessions(jiff::Timestamp::now());
            let sessions = crate::core::today::recent(&all, since)
                .into_iter()
                .rev()
                .map(|(r, _)| r.clone())
                .collect();
            app.set_wall(clock.now(), jiff::Timestamp::now());
            app.offer_episode(crate::app::EpisodeSetup {
                plan,
                titles: titles(),
                sessions,
            });
        }
        return;
    };
    let plan = match today::episode_plan(library, &episode) {
        Ok(plan) => plan,
        Err(why) => {
            app.add_warnings([why]);
            return;
        }
    };
    let now = jiff::Timestamp::now();
    app.set_wall(clock.now(), now);
    let panel = crate::app::TodayPanel::new(plan, episode, &log.sessions(now), titles(), now);
    app.set_today(panel, clock.now());
}

/// The episode of back pain open in the log, if any.
/// Whether the day's pain is still to be asked: an episode is open and no score
/// was given since local midnight (nor since the onset).
fn daily_pain_due(data: Option<&Path>) -> bool {
    let Some(log) = history_log(data) else {
        return false;
    };
    let Some(episode) = crate::core::episode::open(log.episodes()) else {
        return false;
    };
    let now = jiff::Timestamp::now();
    note::pain_due(
        &log.summary.marks,
        &episode,
        now,
        &jiff::tz::TimeZone::system(),
    )
}

fn open_episode(data: Option<&Path>) -> Option<crate::core::episode::Episode> {
    crate::core::episode::open(history_log(data)?.episodes())
}

/// Reads the routines again, at their current progression as at the start, each
/// time the user folder's files differ from when last looked at.
fn routine_watch(data: Option<PathBuf>) -> tui::RoutineWatch {
    let library = Library::from_env();
    let mut seen = library.stamp();
    Box::new(move || {
        let now = library.stamp();
        if now == seen {
            return None;
        }
        seen = now;
        let (mut entries, _) = library.entries();
        for entry in &mut entries {
            if let Ok(r) = &entry.routine {
                let (r, _) = progressed(r.clone(), &entry.name, data.as_deref());
                entry.routine = Ok(r);
            }
        }
        Some(entries)
    })
}

/// Runs the full-screen app and turns how it ended into an exit code.
fn full_screen(
    app: &mut App,
    clock: &BootClock,
    data: Option<&Path>,
    slot: Option<Slot>,
) -> Result<u8, CliError> {
    let theme = Theme::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()));
    let ended = tui::term::run(
        app,
        &theme,
        clock,
        data.map(Path::to_path_buf),
        slot,
        sound_setup(),
        hooks(),
        Some(routine_watch(data.map(Path::to_path_buf))),
    )?;
    if let Some(line) = app.farewell(clock.now()) {
        let width = terminal_width(&io::stdout()).saturating_sub(1);
        for part in crate::core::text::wrap(&sanitize(&line), width) {
            let _ = writeln!(io::stdout(), "{part}");
        }
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
        let _ = writeln!(err, "{}", crate::core::text::json_for_terminal(&line));
        return;
    };
    let mut hooks = hooks();
    hooks.run(&crate::core::hook::ended(record));
    if let Err(e) = crate::store::log::append(dir, record) {
        for line in e.report() {
            let _ = writeln!(err, "{line}");
        }
    }
    drop(err);
    // The finished or stopped hook gets its last moment, and its failure is said.
    hooks.finish(std::time::Instant::now() + crate::shell::hooks::AT_EXIT);
    let mut out = io::stdout().lock();
    while let Some(problem) = hooks.problem() {
        let _ = writeln!(out, "Note: {problem}.");
    }
    let _ = out.flush();
}

/// When a plain-mode session started and ended, in wall-clock time, both from one
/// reading of the wall clock (`origin`: a moment and what the wall clock said
/// then), so a clock stepped during the session (NTP, a dual boot) never puts its
/// end before its start. `end` is the moment it ended.
fn span(
    start: crate::core::moment::Moment,
    end: crate::core::moment::Moment,
    origin: (crate::core::moment::Moment, jiff::Timestamp),
) -> Span {
    Span {
        start: crate::shell::clock::wall_at(start, origin),
        end: crate::shell::clock::wall_at(end, origin),
        end_moment: end,
        tz: jiff::tz::TimeZone::system(),
    }
}

/// The app with the user's config applied (a broken config file is reported in
/// the home screen's warning line, and the defaults are used).
fn new_app(
    mut entries: Vec<Entry>,
    mut warnings: Vec<String>,
    settings: Settings,
    data: Option<&Path>,
    launch: Launch,
) -> App {
    let loaded = config_file();
    if let Some(e) = &loaded.problem {
        warnings.push(format!(
            "config file (its other settings are used): {}",
            e.headline()
        ));
    }
    let base = plan_from(
        crate::core::pack::Treatment::Ice,
        &loaded.config,
        None,
        None,
        None,
    );
    if let Some(log) = history_log(data) {
        warnings.extend(log.problem.iter().chain(&log.note).cloned());
    }
    // Routines on the home screen start at their current progression.
    for entry in &mut entries {
        if let Ok(r) = &entry.routine {
            let (r, _) = progressed(r.clone(), &entry.name, data);
            entry.routine = Ok(r);
        }
    }
    let mut app = App::new(Home::new(entries, warnings), settings, launch);
    app.set_pack_base(base);
    app.set_time_zone(jiff::tz::TimeZone::system());
    app
}

/// Flags win over the config file, which wins over the defaults.
fn plan_from(
    mode: crate::core::pack::Treatment,
    c: &crate::core::config::Config,
    on: Option<std::time::Duration>,
    off: Option<std::time::Duration>,
    cycles: Option<u32>,
) -> Plan {
    Plan {
        mode,
        on: on.or(c.pack_on).unwrap_or(crate::core::pack::DEFAULT_ON),
        off: off.or(c.pack_off).unwrap_or(crate::core::pack::DEFAULT_OFF),
        cycles: cycles
            .or(c.pack_cycles)
            .unwrap_or(crate::core::pack::DEFAULT_CYCLES),
        heat_max: c.pack_heat_max.unwrap_or(crate::core::pack::HEAT_MAX),
    }
}

/// The width to wrap lines printed on `stream` outside the full screen at: the
/// terminal's, between 20 and 100 columns; unlimited when `stream` is not a
/// terminal (a log or a pipe gets each message on one line).
fn terminal_width(stream: &dyn IsTerminal) -> usize {
    if !stream.is_terminal() {
        return usize::MAX;
    }
    ratatui::crossterm::terminal::size()
        .map_or(80, |(w, _)| usize::from(w))
        .clamp(20, 100)
}

/// `text` as the lines to print on `stream`: in a terminal, wrapped at words to
/// its width, the lines after the first under the text when it starts with
/// spaces; elsewhere (a pipe, a file) one line.
fn wrapped(stream: &dyn IsTerminal, text: &str) -> Vec<String> {
    let text = sanitize(text);
    let width = terminal_width(stream);
    if width == usize::MAX {
        return vec![text.into_owned()];
    }
    let body = text.trim_start();
    let lead = " ".repeat(text.len() - body.len());
    crate::core::text::wrap(body, width.saturating_sub(1 + lead.len()).max(10))
        .into_iter()
        .map(|row| format!("{lead}{row}"))
        .collect()
}

/// Asks a yes/no question on standard error and reads the answer from standard
/// input (at most a short line: a paste cannot make it read without end). Enter
/// is yes; a closed input is no.
fn ask_yes(question: &str) -> bool {
    ask(question, true).unwrap_or(false)
}

/// Asks a yes/no question; Enter gives `default`. `None` when standard input is
/// closed (nobody there to answer).
fn ask(question: &str, default: bool) -> Option<bool> {
    use std::io::{BufRead, Read};
    // Wrapped at the terminal's width between words, so no word is cut at the edge.
    let width = terminal_width(&io::stderr());
    let keys = if default { "[Y/n]" } else { "[y/N]" };
    let text = format!("{} {keys}", sanitize(question));
    let lines = crate::core::text::wrap(&text, width.saturating_sub(1));
    let mut err = io::stderr().lock();
    let (last, before) = lines
        .split_last()
        .map_or(("", &[][..]), |(l, b)| (l.as_str(), b));
    for line in before {
        let _ = writeln!(err, "{line}");
    }
    let _ = write!(err, "{last} ");
    let _ = err.flush();
    drop(err);
    let mut answer = Vec::new();
    let stdin = io::stdin();
    let read = stdin.lock().take(256).read_until(b'\n', &mut answer);
    match read {
        Ok(0) | Err(_) => None,
        Ok(_) => {
            let answer = String::from_utf8_lossy(&answer).trim().to_lowercase();
            Some(match answer.as_str() {
                "y" | "yes" => true,
                "n" | "no" => false,
                _ => default,
            })
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
) -> (Option<(crate::core::pack::Session, Slot)>, Vec<String>) {
    let mut notes = Vec::new();
    let Some(dir) = crate::store::paths::state_dir() else {
        return (None, notes);
    };
    let tz = jiff::tz::TimeZone::system();
    let mut chosen = None;
    for found in packs::scan(&dir) {
        match found {
            Found::Running(saved) => {
                let note = crate::core::resume::running_note(&saved, jiff::Timestamp::now(), &tz);
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
                let mut ended = session.clone();
                ended.tick(now);
                if ended.status() == crate::core::pack::Status::Finished {
                    // It ran out while its terminal was closed (or the machine was
                    // off): nothing is left to resume. Logged at its true end.
                    let end_moment = ended.ended_at(now);
                    let end = crate::shell::clock::wall_at(end_moment, (now, wall));
                    let span = Span {
                        start: saved.started,
                        end,
                        end_moment,
                        tz: tz.clone(),
                    };
                    save(data, &records::pack(&ended, &span));
                    slot.clear();
                    let note = format!(
                        "{} {} session started {} was cut off when its terminal closed; it ended {}, so it is in your history as finished.",
                        crate::core::text::capitalize(article(saved.mode)),
                        saved.mode.name(),
                        when_started(saved.started, &tz),
                        when_started(end, &tz),
                    );
                    let _ = writeln!(io::stderr(), "supple: note: {}", sanitize(&note));
                    continue;
                }
                let question = format!(
                    "supple: {} {} session started {} was cut off when its terminal closed. Resume it where the clock says it is?",
                    article(saved.mode),
                    saved.mode.name(),
                    when_started(saved.started, &tz),
                );
                if ask_yes(&question) {
                    chosen = Some((session, slot));
                    continue;
                }
                let end_moment = ended.ended_at(now);
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

fn article(mode: crate::core::pack::Treatment) -> &'static str {
    if mode == crate::core::pack::Treatment::Ice {
        "an"
    } else {
        "a"
    }
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

/// `[hooks]` from the config file, ready to run.
pub(crate) fn hooks() -> crate::shell::hooks::Hooks {
    crate::shell::hooks::Hooks::new(config_file().config.hooks.clone())
}

/// `[sound]` from the config file, with its defaults.
pub(crate) fn sound_setup() -> crate::shell::sound::SoundSetup {
    let c = &config_file().config;
    crate::shell::sound::SoundSetup {
        chime: c.chime.unwrap_or(true),
        volume: c.volume.unwrap_or(crate::core::config::DEFAULT_VOLUME),
    }
}

/// The config file, read once per process; its problems (if any) are printed on
/// standard error the first time, with every error in place. A file with errors
/// never silently changes behaviour: its valid settings are used, the rest are
/// the defaults (docs/config.md).
pub(crate) fn config_file() -> &'static crate::store::config::Loaded {
    static LOADED: std::sync::OnceLock<crate::store::config::Loaded> = std::sync::OnceLock::new();
    LOADED.get_or_init(|| {
        let loaded = crate::store::config::load();
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
