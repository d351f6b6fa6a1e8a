//! A routine played as lines of text (see the module above for the keys).

use std::io::{self, Write};
use std::sync::mpsc::Receiver;

use super::wait::Waiter;
use super::{Ending, Input, Lines, hanging};
use crate::core::announce::{self, Announcement};
use crate::core::duration;
use crate::core::guidance;
use crate::core::moment::Moment;
use crate::core::session::{Command, Cue, ExerciseState, Session, Status};
use crate::core::text::{count, sanitize};
use crate::core::timeline::{Kind, Segment, Timeline};
use crate::shell::clock::Clock;

const KEYS: &str =
    "Keys (then Enter): Enter = rep done, p = pause/resume, n = skip, b = back, q = stop";

/// How a plain run went.
pub struct Run {
    pub ending: Ending,
    pub session: Session,
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
}

/// The longest the line mode waits, at its end, for the last spoken line.
pub(crate) const LAST_WORDS: std::time::Duration = std::time::Duration::from_secs(5);

/// What a plain run was asked to do besides playing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// Ask "Pain now, 0-10?" on a line before and after.
    pub pain: bool,
    /// Speak the cues, when a speech program exists.
    pub voice: bool,
    /// A chime at each step and a click in the last seconds of a hold, through the
    /// system's player (`None` with --quiet; never the bell: this may be a file).
    pub chime: Option<crate::shell::sound::SoundSetup>,
    /// `[hooks]`: the step hook runs at each step.
    pub hooks: Vec<(crate::core::hook::Trigger, Vec<String>)>,
    /// The terminal's width, to wrap lines at words with a hanging indent;
    /// `None` (a pipe, a file) writes each line whole.
    pub width: Option<usize>,
}

/// Plays `timeline` to `out`, reading `inputs`, with time from `clock`; with
/// `options.pain`, asks "Pain now, 0-10?" on a line before and after (after a stop
/// by `q` too, as the full-screen player does).
pub fn play(
    timeline: Timeline,
    out: &mut dyn Write,
    inputs: &Receiver<Input>,
    clock: &dyn Clock,
    options: Options,
) -> io::Result<Run> {
    let pain = options.pain;
    let mut p = Player {
        session: Session::new(timeline),
        out: Lines::new(out),
        start: clock.now(),
        shown_exercise: None,
        input_closed: false,
        width: options.width,
        voice: None,
        notifier: crate::shell::alerts::Notifier::find(),
        hooks: crate::shell::hooks::Hooks::new(options.hooks),
        sounds: options
            .chime
            .map(|c| crate::shell::sound::Sounds::new(c, crate::store::sounds::files)),
    };
    let mut wait = Waiter::new(inputs);
    p.intro()?;
    if options.voice {
        p.voice = crate::shell::alerts::Voice::find();
        if p.voice.is_none() {
            let note = format!(
                "Note: no speech program found ({}): carrying on without voice.",
                crate::shell::alerts::Voice::known()
            );
            p.say(&note)?;
        }
    }
    let pain_before = if pain {
        p.ask_pain(&mut wait)?
    } else {
        Ok(None)
    };
    let (ending, pain_before) = match pain_before {
        Ok(v) => {
            p.start = clock.now();
            (run(&mut p, &mut wait, clock)?, v)
        }
        Err(stopped) => (stopped, None),
    };
    let started = p.session.status() != Status::Ready;
    let ask_after = matches!(ending, Ending::Finished | Ending::Stopped) && started;
    let pain_after = if pain && ask_after && !p.input_closed {
        p.ask_pain(&mut wait)?.unwrap_or(None)
    } else {
        None
    };
    if let Some(head) = pain_after.and_then(|after| guidance::calm_head(pain_before, after)) {
        p.say(head)?;
        for line in guidance::CALM_ADVICE {
            p.say(line)?;
        }
        for line in crate::core::red_flags::lines() {
            p.say(&line)?;
        }
    }
    // The last words are heard before supple exits.
    if let Some(voice) = &mut p.voice {
        voice.finish(LAST_WORDS);
    }
    let ending = if p.out.closed() && ending != Ending::Finished {
        Ending::OutputClosed
    } else {
        ending
    };
    Ok(Run {
        ending,
        session: p.session,
        pain_before,
        pain_after,
    })
}

fn run(p: &mut Player<'_>, wait: &mut Waiter<'_>, clock: &dyn Clock) -> io::Result<Ending> {
    let start = p.start;
    let cues = p.session.apply(Command::Start, start);
    p.show(&cues, start)?;
    loop {
        let now = clock.now();
        let cues = p.session.tick(now);
        p.show(&cues, now)?;
        if p.out.closed() && p.session.status() != Status::Finished {
            return Ok(Ending::OutputClosed);
        }
        if p.session.status() == Status::Finished {
            p.summary(Ending::Finished, now)?;
            return Ok(Ending::Finished);
        }
        let waiting_for_rep = p
            .session
            .current()
            .is_some_and(|s| s.kind == Kind::SelfPaced);
        if p.input_closed && (waiting_for_rep || p.session.status() == Status::Paused) {
            p.summary(Ending::InputClosed, now)?;
            return Ok(Ending::InputClosed);
        }
        let timeout = p.session.next_deadline().map(|d| d.since(now));
        let input = wait.next(timeout);
        let now = clock.now();
        match input {
            None => {}
            Some(Input::Closed) => p.input_closed = true,
            Some(Input::Signal(sig)) => {
                p.summary(Ending::Signal(sig), now)?;
                return Ok(Ending::Signal(sig));
            }
            Some(Input::Line(line)) if p.line(&line, now)? == Some(Ending::Stopped) => {
                p.summary(Ending::Stopped, now)?;
                return Ok(Ending::Stopped);
            }
            Some(Input::Line(_)) => {}
        }
    }
}

struct Player<'o> {
    session: Session,
    out: Lines<'o>,
    voice: Option<crate::shell::alerts::Voice>,
    /// Long holds and the end are notified, as the full screen notifies them
    /// (a missing notify-send goes unsaid here: the lines say it all).
    notifier: crate::shell::alerts::Notifier,
    sounds: Option<crate::shell::sound::Sounds>,
    hooks: crate::shell::hooks::Hooks,
    start: Moment,
    /// The exercise whose instructions were printed last.
    shown_exercise: Option<usize>,
    input_closed: bool,
    /// See [`Options::width`].
    width: Option<usize>,
}

impl Player<'_> {
    fn say(&mut self, text: &str) -> io::Result<()> {
        let text = sanitize(text);
        if let Some(width) = self.width {
            for row in hanging(&text, width) {
                writeln!(self.out, "{row}")?;
            }
            return self.out.flush();
        }
        writeln!(self.out, "{text}")?;
        self.out.flush()
    }

    fn stamp(&self, now: Moment) -> String {
        format!("[{}]", duration::clock(now.since(self.start)))
    }

    /// Asks "Pain now, 0-10?" and reads a line: `Ok(Ok(score))` (None when skipped
    /// or when input is closed), `Ok(Err(Stopped))` for q or a signal.
    fn ask_pain(&mut self, wait: &mut Waiter<'_>) -> io::Result<Result<Option<u8>, Ending>> {
        if self.input_closed {
            return Ok(Ok(None));
        }
        self.say("Pain now, 0-10? (0 none, 10 the worst you can imagine; Enter to skip)")?;
        loop {
            let text = match wait.line() {
                Ok(line) => line.trim().to_lowercase(),
                Err(Input::Signal(sig)) => return Ok(Err(Ending::Signal(sig))),
                Err(_) => {
                    self.input_closed = true;
                    return Ok(Ok(None));
                }
            };
            match text.as_str() {
                "" => return Ok(Ok(None)),
                "q" | "quit" | "stop" => return Ok(Err(Ending::Stopped)),
                "t" => return Ok(Ok(Some(10))),
                _ => match text.parse::<u8>() {
                    Ok(n) if n <= 10 => return Ok(Ok(Some(n))),
                    _ => self.say("A number from 0 to 10, please (or Enter to skip)")?,
                },
            }
        }
    }

    fn intro(&mut self) -> io::Result<()> {
        let t = self.session.timeline();
        let r = &t.routine;
        let mut total = duration::human(t.total());
        if t.self_paced() > 0 {
            total.push_str(&format!(" plus {} reps at your own pace", t.self_paced()));
        }
        let head = format!(
            "{}: {}, {total}.",
            r.name,
            count(r.exercises.len() as u64, "exercise")
        );
        self.say(&head)?;
        self.say(&format!("Move gently. {}", guidance::STOP_IF))?;
        self.say(KEYS)
    }

    /// Handles one typed line; `Some(Stopped)` if the person asked to stop.
    fn line(&mut self, line: &str, now: Moment) -> io::Result<Option<Ending>> {
        let command = match line.trim().to_lowercase().as_str() {
            "" | " " => Command::CompleteRep,
            "q" | "quit" | "stop" => return Ok(Some(Ending::Stopped)),
            "p" | "pause" => Command::TogglePause,
            "n" | "next" | "skip" => Command::Next,
            "b" | "back" => Command::Back,
            "r" | "restart" => Command::RestartExercise,
            "?" | "h" | "help" => {
                self.say(KEYS)?;
                return Ok(None);
            }
            other => {
                let msg = format!("Unknown key '{other}'. {KEYS}");
                self.say(&msg)?;
                return Ok(None);
            }
        };
        let cues = self.session.apply(command, now);
        self.show(&cues, now)?;
        Ok(None)
    }

    fn show(&mut self, cues: &[Cue], now: Moment) -> io::Result<()> {
        for cue in cues {
            match *cue {
                Cue::Segment { index } => {
                    let Some(seg) = self.session.timeline().get(index).cloned() else {
                        continue;
                    };
                    let Some(a) = announce::step(self.session.timeline(), index) else {
                        continue;
                    };
                    self.segment(&seg, now)?;
                    self.announce(a)?;
                }
                Cue::Finished => {
                    let a = announce::routine_end(self.session.timeline());
                    self.announce(a)?;
                }
                Cue::Paused => {
                    let msg = format!("{} Paused. Type p and Enter to go on.", self.stamp(now));
                    self.say(&msg)?;
                }
                Cue::Resumed => {
                    let msg = format!("{} Resumed.", self.stamp(now));
                    self.say(&msg)?;
                }
                Cue::Countdown { .. } => {
                    if self.session.current().is_some_and(|s| s.kind == Kind::Hold) {
                        self.sound(crate::core::sound::Sound::Tick)?;
                    }
                }
                Cue::ExerciseDone { .. } => {}
            }
        }
        Ok(())
    }

    /// What a cue announces, beside its line: the sound, the hook, the
    /// notification, the spoken line.
    fn announce(&mut self, a: Announcement) -> io::Result<()> {
        if let Some(sound) = a.sound {
            self.sound(sound)?;
        }
        if let Some(hook) = &a.hook {
            self.hooks.run(hook);
        }
        if let Some(problem) = self.hooks.problem() {
            self.say(&format!("Note: {problem}."))?;
        }
        if a.notify {
            self.notifier.send(&a.title, &a.body);
        }
        if let Some(voice) = &mut self.voice
            && let Some(line) = &a.voice
        {
            voice.say(line);
        }
        Ok(())
    }

    /// Plays `sound`, and says once if the player does not work.
    fn sound(&mut self, sound: crate::core::sound::Sound) -> io::Result<()> {
        let Some(sounds) = &mut self.sounds else {
            return Ok(());
        };
        sounds.play(sound, || {});
        match sounds.problem() {
            Some(problem) => self.say(&format!("Note: {problem}.")),
            None => Ok(()),
        }
    }

    fn segment(&mut self, seg: &Segment, now: Moment) -> io::Result<()> {
        let t = self.session.timeline();
        let exercise_count = t.routine.exercises.len();
        let mut lines = Vec::new();
        let entering = seg.kind.is_work() || seg.kind == Kind::Switch;
        if entering && self.shown_exercise != Some(seg.exercise) {
            self.shown_exercise = Some(seg.exercise);
            if let Some(ex) = t.routine.exercises.get(seg.exercise) {
                let mut head = format!(
                    "Exercise {} of {exercise_count}: {}.",
                    seg.exercise + 1,
                    ex.name
                );
                if let Some(d) = &ex.description {
                    head.push(' ');
                    head.push_str(d);
                }
                lines.push(head);
                lines.extend(t.cues(seg).iter().map(|c| format!("  - {c}")));
            }
        }
        let mut line = format!("{} ", self.stamp(now));
        // "Walk out" already says what to do: the cue "Walk" is not said again.
        let said_by_name = starts_with_word(t.exercise_name(seg), &seg.cue);
        if seg.kind.is_work() || matches!(seg.kind, Kind::RepRest | Kind::SetRest) {
            line.push_str(t.exercise_name(seg));
            for part in position(t, seg) {
                line.push_str(", ");
                line.push_str(&part);
            }
            if !said_by_name {
                line.push_str(": ");
            }
        }
        if !said_by_name {
            line.push_str(&seg.cue);
        }
        if let Some(d) = seg.duration {
            line.push_str(&format!(" ({})", duration::human(d)));
        }
        lines.push(line);
        for l in lines {
            self.say(&l)?;
        }
        Ok(())
    }

    fn summary(&mut self, ending: Ending, now: Moment) -> io::Result<()> {
        let t = self.session.timeline();
        let n = t.routine.exercises.len();
        let states: Vec<ExerciseState> = (0..n).map(|i| self.session.exercise_state(i)).collect();
        let completed = states
            .iter()
            .filter(|s| **s == ExerciseState::Completed)
            .count();
        let skipped = states
            .iter()
            .filter(|s| **s == ExerciseState::Skipped)
            .count();
        let active = duration::human(self.session.active_time(now));
        let stamp = self.stamp(now);
        let text = match ending {
            Ending::Finished => format!(
                "{stamp} Done: {}. {completed} of {n} exercises completed, {skipped} skipped, {active} active.",
                t.routine.name
            ),
            _ => {
                let at = self
                    .session
                    .current()
                    .map(|s| {
                        format!(
                            " at {} (exercise {} of {n})",
                            t.exercise_name(s),
                            s.exercise + 1
                        )
                    })
                    .unwrap_or_default();
                format!(
                    "{stamp} Stopped{at} after {active} active: {completed} of {n} exercises completed, {skipped} skipped."
                )
            }
        };
        self.say(&text)
    }
}

/// True when `name` begins with the word `word` ("Walk out" and "Walk").
fn starts_with_word(name: &str, word: &str) -> bool {
    let name = name.to_lowercase();
    let word = word.to_lowercase();
    !word.is_empty()
        && name
            .strip_prefix(&word)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// "left side", "set 1/2", "rep 3/10": the counters worth saying for a segment.
fn position(t: &Timeline, seg: &Segment) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(side) = t.side_name(seg) {
        parts.push(format!("{side} side"));
    }
    let (set, rep) = seg.under_way();
    if let Some(set) = set {
        parts.push(format!("set {}/{}", set.n, set.of));
    }
    if let Some(rep) = rep {
        parts.push(format!("rep {}/{}", rep.n, rep.of));
    }
    parts
}

/// The counters of a segment as one phrase, for other line outputs (`plan`).
pub fn position_text(t: &Timeline, seg: &Segment) -> String {
    position(t, seg).join(", ")
}
