//! What the app's effects do on the real terminal: records appended to the
//! history log (a failure kept for standard error, with the record itself), the
//! ice/heat state file, sounds, speech, hooks, notifications, the window title,
//! and Ctrl-Z.

use std::io::{self, Write};
use std::path::PathBuf;

use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::SetTitle;
use signal_hook::consts::SIGTSTP;

use super::Outputs;
use super::term::{enter, leave};
use crate::core::text::sanitize;
use crate::shell::alerts::{Notifier, Voice};
use crate::shell::hooks::Hooks;
use crate::shell::sound::{SoundSetup, Sounds};
use crate::store::packs::Slot;

pub(super) struct TtyOutputs {
    /// The state file of the ice/heat session on screen, with its lock.
    pub(super) slot: Option<Slot>,
    pub(super) voice: Option<Voice>,
    pub(super) sounds: Sounds,
    pub(super) hooks: Hooks,
    pub(super) notifier: Option<Notifier>,
    pub(super) data_dir: Option<PathBuf>,
    /// Lines for stderr once the terminal is back.
    pub(super) failures: Vec<String>,
    pub(super) problem: Option<String>,
    /// The system's time zone, read the first time a note needs it (the
    /// home screen asks before every draw).
    zone: Option<jiff::tz::TimeZone>,
}

impl TtyOutputs {
    pub(super) fn new(
        voice: bool,
        sound: SoundSetup,
        hooks: Hooks,
        data_dir: Option<PathBuf>,
        slot: Option<Slot>,
    ) -> TtyOutputs {
        TtyOutputs {
            slot,
            voice: if voice { Voice::find() } else { None },
            sounds: Sounds::new(sound, crate::store::sounds::files),
            hooks,
            notifier: None,
            data_dir,
            failures: Vec::new(),
            problem: None,
            zone: None,
        }
    }
}

impl TtyOutputs {
    /// What came of appending `what` to the log: nothing to say, or the problem
    /// and the record itself kept for standard error (so it is not lost); `None`
    /// when there is no folder for the log.
    fn saved(
        &mut self,
        what: &str,
        result: Option<Result<PathBuf, crate::store::log::WriteError>>,
        line: impl FnOnce() -> String,
    ) {
        match result {
            None => {
                self.failures.push(
                    "supple: error: no folder for the history log ($HOME is not set); use --data-dir"
                        .into(),
                );
                self.failures.push(line());
            }
            Some(Err(e)) => {
                self.problem = Some(format!("Could not save {what}: {}", e.error));
                self.failures.extend(e.report());
            }
            Some(Ok(_)) => {}
        }
    }
}

impl Outputs for TtyOutputs {
    fn history_page(
        &mut self,
        request: &crate::app::PageRequest,
    ) -> Option<Vec<crate::core::history::Placed>> {
        use crate::app::PageAsk;
        use crate::store::pages::{after, before};
        let path = crate::store::log::log_path(self.data_dir.as_deref()?);
        let since = request.since;
        let keep = |r: &crate::core::history::Record| {
            since.is_none_or(|from| r.start.parse::<jiff::Timestamp>().is_ok_and(|t| t >= from))
        };
        let log = &request.log;
        let read = match request.ask {
            PageAsk::Older { before: at, .. } => before(&path, log, at, request.want, &keep),
            PageAsk::Newer { after: from } => after(&path, log, from, request.want, &keep),
            PageAsk::Oldest => after(&path, log, 0, request.want, &keep),
        };
        match read {
            Ok(rows) => Some(rows),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.problem = Some(e.to_string());
                None
            }
            Err(e) => {
                self.problem = Some(format!("Could not read the history log: {e}"));
                None
            }
        }
    }

    fn sound(&mut self, sound: crate::core::sound::Sound) {
        self.sounds.play(sound, || {
            let mut out = io::stdout();
            let _ = out.write_all(b"\x07");
            let _ = out.flush();
        });
    }

    fn title(&mut self, title: &str) {
        let _ = execute!(io::stdout(), SetTitle(sanitize(title)));
    }

    fn speak(&mut self, text: &str) {
        if let Some(voice) = &mut self.voice {
            voice.say(text);
        }
    }

    fn episode(&mut self, record: &crate::core::episode::EpisodeRecord) {
        // A start takes the episode lock and checks the log again under it, as
        // `supple episode start` does; answers and checks append.
        let start = record.event == crate::core::episode::Event::Start;
        let result = self.data_dir.as_deref().map(|dir| {
            if start {
                crate::store::log::append_episode_start(dir, record)
            } else {
                crate::store::log::append_episode(dir, record)
            }
        });
        self.saved("the episode", result, || {
            serde_json::to_string(record).unwrap_or_default()
        });
    }

    fn mark(&mut self, mark: &crate::core::history::mark::Mark) {
        let result = self
            .data_dir
            .as_deref()
            .map(|dir| crate::store::log::append_mark(dir, mark));
        let what = match mark {
            crate::core::history::mark::Mark::Note(_) => "the note",
            crate::core::history::mark::Mark::Pain(_) => "the day's pain",
            crate::core::history::mark::Mark::Function(_) => "the rating",
        };
        self.saved(what, result, || {
            serde_json::to_string(mark).unwrap_or_default()
        });
    }

    fn hook(&mut self, event: &crate::core::hook::HookEvent) {
        self.hooks.run(event);
    }

    fn log(&mut self, record: &crate::core::history::Record) {
        self.hooks.run(&crate::core::hook::ended(record));
        let result = self
            .data_dir
            .as_deref()
            .map(|dir| crate::store::log::append(dir, record));
        self.saved("this session", result, || {
            serde_json::to_string(record).unwrap_or_default()
        });
    }

    fn pack_state(&mut self, saved: Option<&crate::core::resume::Saved>) {
        let Some(saved) = saved else {
            if let Some(slot) = self.slot.take() {
                slot.clear();
            }
            return;
        };
        if self.slot.is_none() {
            let Some(dir) = crate::store::paths::state_dir() else {
                return;
            };
            match Slot::new(&dir) {
                Ok(slot) => self.slot = Some(slot),
                Err(e) => {
                    self.problem = Some(format!(
                        "Could not keep the timer's state for resuming: {}",
                        crate::store::file::io_reason(&e)
                    ));
                    return;
                }
            }
        }
        if let Some(slot) = &self.slot
            && let Err(e) = slot.save(saved)
        {
            self.problem = Some(format!(
                "Could not save the timer's state for resuming: {}",
                crate::store::file::io_reason(&e)
            ));
        }
    }

    fn notify(&mut self, title: &str, body: &str) {
        // Looked for at the first notification, so routines never pay for it.
        self.notifier
            .get_or_insert_with(Notifier::find)
            .send(title, body);
    }

    fn problem(&mut self) -> Option<String> {
        self.problem
            .take()
            .or_else(|| self.sounds.problem())
            .or_else(|| self.hooks.problem())
            .or_else(|| self.notifier.as_mut().and_then(Notifier::problem))
    }

    fn elsewhere(&mut self) -> Option<Vec<String>> {
        // This process's own session (a slot held) is not elsewhere.
        if self.slot.is_some() {
            return None;
        }
        let dir = crate::store::paths::state_dir()?;
        let now = jiff::Timestamp::now();
        let tz = self.zone.get_or_insert_with(crate::store::zone::system);
        Some(
            crate::store::packs::running(&dir)
                .iter()
                .map(|s| crate::core::resume::running_note(s, now, tz))
                .collect(),
        )
    }

    fn suspend(&mut self) -> io::Result<()> {
        if let Some(voice) = &mut self.voice {
            voice.stop();
        }
        leave()?;
        // SIGTSTP is ours (so that the terminal is restored first); stopping for it
        // is what the default action would have done.
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        // Here again after `fg` (SIGCONT).
        enter()
    }
}
