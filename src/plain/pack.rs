//! Plain mode for the ice/heat timer: one line per phase change with the time of
//! day and what to do, for a log, a script or a screen reader.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::time::Duration;

use super::{Ending, Input, Waiter};
use crate::core::announce;
use crate::core::duration;
use crate::core::guidance::PACK_SAFETY;
use crate::core::moment::Moment;
use crate::core::pack::{self, Command, Cue, Plan, Session, Status};
use crate::core::text::sanitize;
use crate::shell::alerts::Notifier;
use crate::shell::clock::Clock;
use crate::store::packs::Slot;

/// The longest wait between two looks at the clock, so that a sleep of the computer
/// is caught up within a second of waking.
const MAX_WAIT: Duration = Duration::from_secs(1);

const KEYS: &str =
    "Keys (then Enter): p = pause/resume, n = next phase, + / - = a minute more/less, q = stop";

fn say(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", sanitize(text))?;
    out.flush()
}

/// How the ice/heat timer was asked to speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Alerts {
    /// Ring the terminal bell at each switch (the output is a terminal, not --quiet).
    pub bell: bool,
    /// Speak each switch.
    pub voice: bool,
    /// The switch's chime through the system's player (`None` with --quiet).
    pub chime: Option<crate::shell::sound::SoundSetup>,
}

/// `[hooks]`: the switch hook runs at each switch.
pub type HookCommands = Vec<(crate::core::hook::Trigger, Vec<String>)>;

/// What the timer is given by its shell: how to alert, the time zone for times of
/// day, and the folder where it keeps its state for resuming (none: not kept).
#[derive(Debug, Clone)]
pub struct Setup {
    pub alerts: Alerts,
    pub hooks: HookCommands,
    pub tz: jiff::tz::TimeZone,
    pub state_dir: Option<PathBuf>,
}

/// Runs `plan` (or the `resumed` session, with its own plan) to its end. `notes`
/// (advice, warnings) are printed first.
pub fn play(
    plan: Plan,
    notes: &[String],
    out: &mut dyn Write,
    inputs: &Receiver<Input>,
    clock: &dyn Clock,
    setup: Setup,
    resumed: Option<(Session, Slot)>,
) -> io::Result<(Ending, Session)> {
    let Setup {
        alerts,
        hooks,
        tz,
        state_dir,
    } = setup;
    let mut lines = super::Lines::new(out);
    let out: &mut super::Lines<'_> = &mut lines;
    let bell = alerts.bell;
    let notifier = Notifier::find();
    let resuming = resumed.is_some();
    let (plan, cut) = plan.within_limit();
    let (mut session, slot) = match resumed {
        Some((session, slot)) => (session, Some(slot)),
        None => (Session::new(plan), None),
    };
    let mut state = State {
        dir: state_dir,
        slot,
        failed: None,
    };
    let plan = *session.plan();
    let origin = (clock.now(), clock.wall());
    let time_of = |m: Moment| -> String {
        match origin.1 {
            Some(ts) => crate::core::moment::time_of_day(
                crate::core::moment::wall_at(m, (origin.0, ts)),
                &tz,
            ),
            None => duration::clock(m.since(origin.0)),
        }
    };
    let mode = plan.mode.name();
    say(
        out,
        &format!(
            "{}: {} ({} in all).",
            crate::core::text::capitalize(mode),
            plan.rhythm(),
            duration::human(plan.total())
        ),
    )?;
    for s in PACK_SAFETY {
        say(out, &format!("- {s}"))?;
    }
    for n in notes.iter().cloned().chain(cut).chain(plan.warnings()) {
        // The heat or ice advice is information, never a warning.
        let mark = if crate::core::pack::is_advice(&n) {
            "-"
        } else {
            "!"
        };
        say(out, &format!("{mark} {n}"))?;
    }
    say(out, KEYS)?;
    let voice = if alerts.voice {
        let found = crate::shell::alerts::Voice::find();
        if found.is_none() {
            say(
                out,
                &format!(
                    "Note: no speech program found ({}): carrying on without voice.",
                    crate::shell::alerts::Voice::known()
                ),
            )?;
        }
        found
    } else {
        None
    };
    let mut reporter = Reporter {
        time_of: &time_of,
        bell,
        hooks: crate::shell::hooks::Hooks::new(hooks),
        sounds: alerts
            .chime
            .map(|c| crate::shell::sound::Sounds::new(c, crate::store::sounds::files)),
        notifier,
        voice,
    };
    if let Some(problem) = reporter.notifier.problem() {
        say(out, &format!("Note: {problem}."))?;
    }
    let now = clock.now();
    if resuming {
        let phase = session
            .current()
            .map(|p| format!("{}, cycle {}/{}", p.kind.label(), p.cycle, plan.cycles))
            .unwrap_or_default();
        let state = match session.status() {
            Status::Paused => " (paused: type p and Enter to go on)",
            _ => "",
        };
        say(
            out,
            &format!("Resuming where the clock says it is: {phase}{state}."),
        )?;
    } else {
        let cues = session.apply(Command::Start, now);
        reporter.report(&session, &cues, now, out)?;
    }
    if let Some(note) = state.keep(&session, clock) {
        say(out, &note)?;
    }
    let mut wait = Waiter::new(inputs);
    // The pause whose length was said, so it is said once.
    let mut said_long: Option<Moment> = None;
    loop {
        let now = clock.now();
        let cues = session.tick(now);
        reporter.report(&session, &cues, now, out)?;
        if session.paused_long(now) && said_long != session.paused_at() {
            said_long = session.paused_at();
            say(
                out,
                &format!(
                    "[{}] {} type q and Enter to end the session, p and Enter to carry on.",
                    time_of(now),
                    crate::core::words::PACK_PAUSED_LONG
                ),
            )?;
        }
        if !cues.is_empty()
            && let Some(note) = state.keep(&session, clock)
        {
            say(out, &note)?;
        }
        if session.status() == Status::Finished {
            state.clear();
            // The last words are heard before supple exits.
            if let Some(voice) = &mut reporter.voice {
                voice.finish(super::LAST_WORDS);
            }
            return Ok((Ending::Finished, session));
        }
        let timeout = session
            .next_deadline()
            .map_or(MAX_WAIT, |d| d.since(now))
            .min(MAX_WAIT);
        let input = wait.next(Some(timeout));
        let now = clock.now();
        let command = match input {
            None | Some(Input::Closed) if out.closed() => Err(Ending::OutputClosed),
            None | Some(Input::Closed) => continue,
            Some(Input::Signal(signal_hook::consts::SIGHUP)) => {
                // The terminal closed: the session goes on, to be resumed.
                if let Some(note) = state.keep(&session, clock) {
                    say(out, &note)?;
                }
                return Ok((Ending::HungUp, session));
            }
            Some(Input::Signal(sig)) => Err(Ending::Signal(sig)),
            Some(Input::Line(line)) => match line.trim() {
                "q" | "quit" | "stop" => Err(Ending::Stopped),
                "p" | "pause" => Ok(Command::TogglePause),
                "n" | "next" => Ok(Command::Next),
                "+" | "=" => Ok(Command::AddMinute),
                "-" => Ok(Command::RemoveMinute),
                "" => continue,
                other => {
                    say(out, &format!("Unknown key '{other}'. {KEYS}"))?;
                    continue;
                }
            },
        };
        let command = match command {
            Ok(command) => command,
            Err(ending) => {
                say(
                    out,
                    &format!(
                        "[{}] Stopped: {}. Take the pack off.",
                        time_of(now),
                        crate::core::words::pack_applied(&session, now)
                    ),
                )?;
                state.clear();
                return Ok((ending, session));
            }
        };
        let cues = session.apply(command, now);
        reporter.report(&session, &cues, now, out)?;
        if let Some(note) = state.keep(&session, clock) {
            say(out, &note)?;
        }
    }
}

/// Prints each cue as a line, with the bell and a notification at each switch.
struct Reporter<'a> {
    time_of: &'a dyn Fn(Moment) -> String,
    bell: bool,
    sounds: Option<crate::shell::sound::Sounds>,
    hooks: crate::shell::hooks::Hooks,
    notifier: Notifier,
    voice: Option<crate::shell::alerts::Voice>,
}

impl Reporter<'_> {
    fn report(
        &mut self,
        session: &Session,
        cues: &[Cue],
        now: Moment,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let time_of = self.time_of;
        let bell = self.bell;
        let notifier = &mut self.notifier;
        let mut alerted = false;
        for cue in cues {
            // What the cue announces, and the line printed for it.
            let (announced, line) = match *cue {
                Cue::Switched { index, at, late } => {
                    let Some(phase) = session.phases().get(index) else {
                        continue;
                    };
                    let until = time_of(at.plus(phase.duration));
                    let Some(a) = announce::pack_switch(session, index, late, Some(&until)) else {
                        continue;
                    };
                    let away = if late >= pack::AWAY_AFTER {
                        format!(" (noticed at {}: you were away)", time_of(now))
                    } else {
                        String::new()
                    };
                    let cycle = format!("cycle {}/{}", phase.cycle, session.plan().cycles);
                    let line = format!(
                        "[{}] {} ({cycle}): {}.{away}",
                        time_of(at),
                        phase.kind.label(),
                        a.body
                    );
                    (Some(a), line)
                }
                Cue::Finished { at, .. } => {
                    let line = format!(
                        "[{}] {}: {}. Take the pack off.",
                        time_of(at),
                        announce::pack_end_title(session),
                        crate::core::words::pack_applied(session, at)
                    );
                    (Some(announce::pack_end(session)), line)
                }
                Cue::Paused => (
                    None,
                    format!(
                        "[{}] {} Type p and Enter to go on.",
                        time_of(now),
                        crate::core::words::PACK_PAUSED
                    ),
                ),
                Cue::AtLimit { pack, limit } => (
                    None,
                    format!(
                        "[{}] {}.",
                        time_of(now),
                        crate::core::words::at_limit(pack, limit)
                    ),
                ),
                Cue::Resumed => (None, format!("[{}] Resumed.", time_of(now))),
                Cue::Adjusted { planned } => (
                    None,
                    format!(
                        "[{}] This phase now lasts {}.",
                        time_of(now),
                        duration::human(planned)
                    ),
                ),
            };
            let Some(a) = announced else {
                say(out, &line)?;
                continue;
            };
            if let Some(hook) = &a.hook {
                self.hooks.run(hook);
            }
            if let Some(sound) = a.sound
                && !alerted
            {
                let mut rang = false;
                match &mut self.sounds {
                    Some(sounds) => sounds.play(sound, || rang = bell),
                    None => rang = bell,
                }
                if rang {
                    write!(out, "\x07")?;
                }
                if let Some(problem) = self
                    .sounds
                    .as_mut()
                    .and_then(|s| s.problem())
                    .or_else(|| self.hooks.problem())
                {
                    say(out, &format!("Note: {problem}."))?;
                }
                alerted = true;
            }
            if a.notify {
                notifier.send(&a.title, &a.body);
            }
            if let Some(voice) = &mut self.voice
                && let Some(line) = &a.voice
            {
                voice.say(line);
            }
            say(out, &line)?;
        }
        Ok(())
    }
}

/// The session's state file, kept while it runs so that it can be resumed if
/// the terminal closes, and removed when it ends.
struct State {
    dir: Option<PathBuf>,
    slot: Option<Slot>,
    /// Why it could not be kept, said once.
    failed: Option<String>,
}

impl State {
    /// Keeps the state; the first failure is returned once, to be said.
    fn keep(&mut self, session: &Session, clock: &dyn Clock) -> Option<String> {
        let before = self.failed.is_some();
        self.save(session, clock);
        match &self.failed {
            Some(why) if !before => Some(format!(
                "Note: the timer's state cannot be kept for resuming ({why}); it runs on."
            )),
            _ => None,
        }
    }

    fn save(&mut self, session: &Session, clock: &dyn Clock) {
        let (Some(dir), Some(wall)) = (&self.dir, clock.wall()) else {
            return;
        };
        let Some(saved) = crate::core::resume::Saved::of(session, clock.now(), wall) else {
            return;
        };
        if self.slot.is_none() {
            match Slot::new(dir) {
                Ok(slot) => self.slot = Some(slot),
                Err(e) => {
                    self.failed.get_or_insert(e.to_string());
                    return;
                }
            }
        }
        if let Some(slot) = &self.slot
            && let Err(e) = slot.save(&saved)
        {
            self.failed.get_or_insert(e.to_string());
        }
    }

    fn clear(&mut self) {
        if let Some(slot) = self.slot.take() {
            slot.clear();
        }
    }
}
