//! The context of one run of the command line, built once by [`crate::cli`] and
//! handed to every command: the folders and the routine library, the config and
//! the history log (each read when first asked for, at most once), the wall
//! clock's time and the time zone (read once, here), the boot clock the timers
//! run on, the output and error writers, which standard streams are terminals,
//! and `NO_COLOR`. A command reads none of these itself, so a test can run one in
//! process with a fixed time, a fixed time zone and writers it reads back.

use std::cell::{OnceCell, RefCell, RefMut};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::core::episode::EpisodeRecord;
use crate::core::history::mark::Mark;
use crate::core::history::progress::{self, Progress};
use crate::core::history::summary::Summary;
use crate::core::moment::Moment;
use crate::core::routine::Routine;
use crate::core::today::Brief;
use crate::shell::clock::{BootClock, Clock};
use crate::store::config::Loaded;
use crate::store::library::Library;
use crate::store::plans::Plans;

/// Where a run keeps and finds its files.
#[derive(Debug, Clone)]
pub struct Folders {
    /// The routine library (bundled, and the user's folder).
    pub library: Library,
    /// The plans (bundled, and the user's folder).
    pub plans: Plans,
    /// The history log's folder (`--data-dir`, `$SUPPLE_DATA_DIR` or the XDG one);
    /// `None` without a home folder.
    pub data: Option<PathBuf>,
    /// supple's config folder (the config file, reminders); `None` without a home.
    pub config_dir: Option<PathBuf>,
    /// Where the ice/heat timers keep their state.
    pub state: Option<PathBuf>,
    /// Where the history log's summary is kept (`store::summary`).
    pub cache: Option<PathBuf>,
}

impl Folders {
    /// The folders the environment names (XDG, `SUPPLE_DATA_DIR`), `--data-dir` first.
    pub fn from_env(data_flag: Option<&Path>) -> Folders {
        Folders {
            library: Library::from_env(),
            plans: Plans::from_env(),
            data: crate::store::log::data_dir(data_flag),
            config_dir: crate::store::paths::config_dir(),
            state: crate::store::paths::state_dir(),
            cache: crate::store::paths::cache_dir(),
        }
    }
}

/// Which standard streams are terminals, and the terminal's width.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terminals {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    /// The terminal's columns, when one of the outputs is a terminal.
    pub columns: Option<u16>,
    /// The device and inode standard output is written to, when it is a file
    /// (`--out /dev/stdout` is then told from another file).
    pub stdout_file: Option<(u64, u64)>,
}

impl Terminals {
    pub fn from_process() -> Terminals {
        let stdout = io::stdout().is_terminal();
        let stderr = io::stderr().is_terminal();
        Terminals {
            stdin: io::stdin().is_terminal(),
            stdout,
            stderr,
            columns: (stdout || stderr)
                .then(|| ratatui::crossterm::terminal::size().ok())
                .flatten()
                .map(|(w, _)| w),
            stdout_file: rustix::fs::fstat(io::stdout())
                .ok()
                .map(|s| (s.st_dev, s.st_ino)),
        }
    }
}

/// The time of a run: the wall clock read once, the time zone, and the clock
/// that moments (the timers' deadlines) are read from.
pub struct Time {
    pub now: jiff::Timestamp,
    pub tz: jiff::tz::TimeZone,
    pub clock: Box<dyn Clock>,
}

impl Time {
    /// The system's: the wall clock now, the system time zone, the boot clock.
    pub fn system() -> Time {
        Time {
            now: jiff::Timestamp::now(),
            tz: crate::store::zone::system(),
            clock: Box::new(BootClock::new()),
        }
    }
}

/// The history log as read once in a run (for progression, the episode, Today
/// and the home screen's warnings): its summary, kept in the cache folder and
/// brought up to date with what was appended since (`store::summary`), so a
/// start costs the same at any size of log.
#[derive(Debug, Clone, Default)]
pub struct ReadLog {
    pub path: PathBuf,
    pub summary: Summary,
    /// What could not be read: the file itself, or some of its lines.
    pub problem: Option<String>,
    /// The kept summary could not be used and was made again.
    pub note: Option<String>,
    /// The file itself could not be read: nothing in it is known.
    pub unreadable: bool,
}

impl ReadLog {
    /// Every episode record, in order.
    pub fn episodes(&self) -> &[EpisodeRecord] {
        &self.summary.episodes
    }

    /// Every activity's rating and the latest daily pain score (the summary keeps
    /// no notes, nor the older scores: `core::history::summary`).
    pub fn marks(&self) -> &[Mark] {
        &self.summary.marks
    }

    /// Sessions that give, for Today looking back from `now`, what every session
    /// of the log gives: the summary's tail, or the whole log read again when a
    /// session ends after `now` (a clock set back), which the tail cannot stand in for.
    /// The kept sessions that do not read (a kept summary damaged inside) are
    /// read from the log too. Read at each call, and the caller's to keep (a start
    /// asks once, and a dense log's last days are a thousand sessions: never
    /// copied).
    pub fn sessions(&self, now: jiff::Timestamp) -> Vec<Brief> {
        let tail = self.summary.tail();
        if self.unreadable || (tail.is_some() && self.summary.covers(now)) {
            return tail.unwrap_or_default();
        }
        match crate::store::log::read(&self.path) {
            Ok((records, _)) => records.iter().map(Brief::of).collect(),
            Err(_) => tail.unwrap_or_default(),
        }
    }

    /// The progress of routine `id` from the summary; a reset of progress in the
    /// middle of a run of sessions that said the same is left to every record.
    pub fn progress(
        &self,
        routine: &Routine,
        id: &str,
        reset: Option<jiff::Timestamp>,
    ) -> Vec<Progress> {
        if self.unreadable {
            return progress::progress(routine, id, &[], reset);
        }
        self.summary
            .progress(routine, id, reset)
            .unwrap_or_else(|| {
                let records = crate::store::log::read(&self.path)
                    .map(|(records, _)| records)
                    .unwrap_or_default();
                progress::progress(routine, id, &records, reset)
            })
    }
}

/// One run's context: see the module's documentation.
pub struct Ctx {
    pub library: Library,
    pub plans: Plans,
    /// The history log's folder; `None` without a home folder.
    pub data: Option<PathBuf>,
    pub config_dir: Option<PathBuf>,
    pub state: Option<PathBuf>,
    /// Where the history log's summary is kept; `None` keeps none.
    pub cache: Option<PathBuf>,
    /// The wall clock, read once when the run began.
    pub now: jiff::Timestamp,
    pub tz: jiff::tz::TimeZone,
    pub terminals: Terminals,
    /// `NO_COLOR` is set to something: the full screen draws without colour.
    pub no_color: bool,
    /// The editor `supple edit` opens: `$VISUAL`, else `$EDITOR`, else vi.
    pub editor: String,
    /// The command line's definition (for `supple man` and the completions).
    pub command_line: fn() -> clap::Command,
    clock: Box<dyn Clock>,
    /// The moment `now` was read at: moments later in the run become wall-clock
    /// times from this one reading, so a clock stepped meanwhile moves nothing.
    origin: Moment,
    out: RefCell<Box<dyn Write>>,
    err: RefCell<Box<dyn Write>>,
    config: OnceCell<Loaded>,
    log: OnceCell<Option<ReadLog>>,
}

impl Ctx {
    pub fn new(
        folders: Folders,
        time: Time,
        terminals: Terminals,
        command_line: fn() -> clap::Command,
        out: Box<dyn Write>,
        err: Box<dyn Write>,
    ) -> Ctx {
        let origin = time.clock.now();
        Ctx {
            library: folders.library,
            plans: folders.plans,
            data: folders.data,
            config_dir: folders.config_dir,
            state: folders.state,
            cache: folders.cache,
            now: time.now,
            tz: time.tz,
            terminals,
            no_color: false,
            editor: "vi".to_owned(),
            command_line,
            clock: time.clock,
            origin,
            out: RefCell::new(out),
            err: RefCell::new(err),
            config: OnceCell::new(),
            log: OnceCell::new(),
        }
    }

    /// The context of a real run: the environment's folders, the system's clock
    /// and time zone, standard output and error, `NO_COLOR`.
    pub fn from_env(data_flag: Option<&Path>, command_line: fn() -> clap::Command) -> Ctx {
        let mut ctx = Ctx::new(
            Folders::from_env(data_flag),
            Time::system(),
            Terminals::from_process(),
            command_line,
            Box::new(io::stdout()),
            Box::new(io::stderr()),
        );
        ctx.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let set = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        if let Some(editor) = set("VISUAL").or_else(|| set("EDITOR")) {
            ctx.editor = editor;
        }
        ctx
    }

    /// The config already read (a test's, or none): never read from the file.
    pub fn with_config(self, loaded: Loaded) -> Ctx {
        let _ = self.config.set(loaded);
        self
    }

    /// The data folder, as a path.
    pub fn data(&self) -> Option<&Path> {
        self.data.as_deref()
    }

    /// Standard output (or what stands for it). Borrowed for as long as the
    /// returned guard lives: take it in a command's `run`, hand `&mut *out` on.
    pub fn out(&self) -> RefMut<'_, dyn Write> {
        RefMut::map(self.out.borrow_mut(), |w| &mut **w)
    }

    /// Standard error: warnings, notes, questions. Take it for a few lines at a time.
    pub fn err(&self) -> RefMut<'_, dyn Write> {
        RefMut::map(self.err.borrow_mut(), |w| &mut **w)
    }

    /// The clock the timers and the full screen run on.
    pub fn clock(&self) -> &dyn Clock {
        &*self.clock
    }

    /// The moment now, on the run's clock (a timer's deadlines are moments).
    pub fn moment(&self) -> Moment {
        self.clock.now()
    }

    /// The wall-clock time of `moment`, from the run's one reading of the wall clock.
    pub fn wall_at(&self, moment: Moment) -> jiff::Timestamp {
        crate::shell::clock::wall_at(moment, (self.origin, self.now))
    }

    /// A deadline `within` from now, on the monotonic clock (for helpers that
    /// must end in time, not for what a person reads).
    pub fn deadline(&self, within: std::time::Duration) -> std::time::Instant {
        std::time::Instant::now() + within
    }

    /// How long is left until `deadline`.
    pub fn left_until(&self, deadline: std::time::Instant) -> std::time::Duration {
        deadline.saturating_duration_since(std::time::Instant::now())
    }

    /// Both standard input and output are terminals: the full screen can run.
    pub fn full_screen(&self) -> bool {
        self.terminals.stdin && self.terminals.stdout
    }

    /// The config file, read the first time it is asked for; its problems (if any)
    /// are written on the error writer then, with every error in place. A file
    /// with errors never silently changes behaviour: its valid settings are used,
    /// the rest are the defaults (docs/config.md).
    pub fn config(&self) -> &Loaded {
        self.config.get_or_init(|| {
            let loaded = self
                .config_dir
                .as_deref()
                .map(|d| crate::store::config::load_from(&crate::store::config::file_in(d)))
                .unwrap_or_default();
            if let Some(e) = &loaded.problem {
                let mut err = self.err();
                let _ = write!(err, "{e}");
                let _ = writeln!(
                    err,
                    "supple: warning: the config file has errors: its other settings are used, and the defaults instead of these"
                );
            }
            loaded
        })
    }

    /// The history log, read the first time it is asked for; `None` without a
    /// data folder. A log that cannot be read is `unreadable`, with its problem.
    pub fn log(&self) -> Option<&ReadLog> {
        self.log
            .get_or_init(|| {
                let path = crate::store::log::log_path(self.data.as_deref()?);
                Some(
                    match crate::store::summary::summarise(&path, self.cache.as_deref()) {
                        Ok(read) => ReadLog {
                            problem: (!read.summary.skips.is_empty()).then(|| {
                                format!(
                                    "history log: {} could not be read (`supple history` says why; the file is never changed)",
                                    crate::core::text::count(read.summary.skips.len() as u64, "line")
                                )
                            }),
                            summary: read.summary,
                            note: read.note,
                            unreadable: false,
                            path,
                        },
                        Err(e) => ReadLog {
                            problem: Some(format!(
                                "the history log {} cannot be read: {e}; move it away or fix it (supple never changes it)",
                                path.display()
                            )),
                            unreadable: true,
                            path,
                            ..ReadLog::default()
                        },
                    },
                )
            })
            .as_ref()
    }
}
