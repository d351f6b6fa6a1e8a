//! Sound through the system's own player: `pw-play` (PipeWire), `paplay`
//! (PulseAudio), `aplay` (ALSA) or `afplay` (macOS), the first found on `PATH`.
//! Each sound plays in the background; the loop never waits on a player, and one
//! still playing after [`LIMIT`] is stopped. A player that fails (no sound
//! server) or hangs is noted once and the terminal bell takes over.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::run::{Bounded, Outcome};

use crate::core::sound::Sound;

/// The players supple knows, in order of preference, with their arguments.
pub const PLAYERS: &[(&str, &[&str])] = &[
    ("pw-play", &[]),
    ("paplay", &[]),
    ("aplay", &["-q"]),
    ("afplay", &[]),
];

/// How the person asked to hear supple: `[sound]` in the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoundSetup {
    /// Chimes through the player; `false`: the bell only.
    pub chime: bool,
    pub volume: u8,
}

/// Writes the sounds at a volume and gives their files, in [`Sound::ALL`] order
/// (`store::sounds::files`: the shell does not write files itself).
pub type SoundFiles = fn(u8) -> Result<Vec<PathBuf>, String>;

/// Plays sounds: through the player while it works, else as the terminal bell,
/// which `ring` is given to write.
#[derive(Debug)]
pub struct Sounds {
    setup: SoundSetup,
    files: SoundFiles,
    /// Looked for at the first sound, so a silent run never pays for it.
    player: Option<Result<Player, String>>,
    problem: Option<String>,
}

impl Sounds {
    pub fn new(setup: SoundSetup, files: SoundFiles) -> Sounds {
        Sounds {
            setup,
            files,
            player: None,
            problem: None,
        }
    }

    /// Plays `sound`; `ring` rings the bell when no player can.
    pub fn play(&mut self, sound: Sound, ring: impl FnOnce()) {
        if !self.setup.chime {
            return ring();
        }
        let (volume, files) = (self.setup.volume, self.files);
        let player = self
            .player
            .get_or_insert_with(|| Player::find(files, volume));
        match player {
            Ok(p) => {
                if !p.play(sound) {
                    self.problem = self.problem.take().or_else(|| p.problem());
                    ring();
                }
            }
            Err(why) => {
                // Said once: the reason is taken, and an empty one is never said.
                if !why.is_empty() {
                    self.problem = Some(std::mem::take(why));
                }
                ring();
            }
        }
    }

    /// What went wrong with the player, once.
    pub fn problem(&mut self) -> Option<String> {
        self.problem.take().or_else(|| match &mut self.player {
            Some(Ok(p)) => p.problem(),
            _ => None,
        })
    }
}

/// At most this many sounds at once; a new one stops the oldest.
const AT_ONCE: usize = 3;

/// The longest a chime may play (the longest is under a second).
pub const LIMIT: Duration = Duration::from_secs(5);

/// How long supple's exit lets a chime still playing go on.
pub const AT_EXIT: Duration = Duration::from_millis(800);

#[derive(Debug)]
pub struct Player {
    program: PathBuf,
    args: &'static [&'static str],
    /// Each sound's file, in [`Sound::ALL`] order.
    files: Vec<PathBuf>,
    playing: Vec<Bounded>,
    /// Set when the player failed: the bell takes over, and this is said once.
    problem: Option<String>,
    told: bool,
}

impl Player {
    /// The first player on `PATH`; `files` then gives each sound's file (in
    /// [`Sound::ALL`] order), written where the player can read it. `Err` says why
    /// there is none.
    pub fn find(files: SoundFiles, volume: u8) -> Result<Player, String> {
        Player::find_in(&std::env::var_os("PATH").unwrap_or_default(), || {
            files(volume)
        })
    }

    /// [`Player::find`] in the folders of `path`.
    pub fn find_in(
        path: &std::ffi::OsStr,
        files: impl FnOnce() -> Result<Vec<PathBuf>, String>,
    ) -> Result<Player, String> {
        let (program, args) = PLAYERS
            .iter()
            .find_map(|(name, args)| super::alerts::find_in(name, path).map(|p| (p, *args)))
            .ok_or_else(|| {
                format!(
                    "No sound player ({}): no chimes",
                    PLAYERS
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
        let files = files()?;
        Ok(Player {
            program,
            args,
            files,
            playing: Vec::new(),
            problem: None,
            told: false,
        })
    }

    /// Plays `sound` in the background. `false` when the player has failed, so the
    /// caller rings the bell instead.
    pub fn play(&mut self, sound: Sound) -> bool {
        self.reap();
        if self.problem.is_some() {
            return false;
        }
        if self.playing.len() >= AT_ONCE {
            // Dropped: stopped.
            self.playing.remove(0);
        }
        let index = Sound::ALL.iter().position(|&s| s == sound).unwrap_or(0);
        let Some(file) = self.files.get(index) else {
            return false;
        };
        let mut command = Command::new(&self.program);
        command
            .args(self.args)
            .arg(file)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        match Bounded::spawn(&mut command, LIMIT) {
            Ok(child) => {
                self.playing.push(child);
                true
            }
            Err(e) => {
                self.problem = Some(format!(
                    "{} could not start ({}): no chimes",
                    self.program.display(),
                    super::run::reason(&e)
                ));
                false
            }
        }
    }

    /// Collects finished players; one that failed means there is no sound here.
    fn reap(&mut self) {
        let mut failed = None;
        self.playing.retain(|child| match child.outcome() {
            Outcome::Running => true,
            Outcome::Exited(status) => {
                if !status.success() && status.code().is_some() {
                    failed = failed.or(Some("could not play a sound"));
                }
                false
            }
            Outcome::TimedOut => {
                failed = Some("never finished playing a sound, so it was stopped");
                false
            }
            Outcome::Stopped | Outcome::Lost => false,
        });
        if let Some(why) = failed
            && self.problem.is_none()
        {
            self.problem = Some(format!(
                "{} {why}: no chimes",
                crate::core::text::sanitize(
                    &self
                        .program
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default()
                )
            ));
        }
    }

    /// The problem to report, the first time it is asked for.
    pub fn problem(&mut self) -> Option<String> {
        self.reap();
        if self.told {
            return None;
        }
        self.told = self.problem.is_some();
        self.problem.clone()
    }
}

impl Drop for Player {
    /// A chime still playing at the end is given [`AT_EXIT`] to finish, then
    /// stopped: supple's exit never waits on a player.
    fn drop(&mut self) {
        super::run::settle(&self.playing, AT_EXIT);
    }
}

#[cfg(test)]
mod tests {
    use super::super::alerts::tests::{recorder_in, write_program};
    use super::*;
    use crate::scratch::Scratch;
    use std::fs;

    /// A folder of stand-in players: each named one records its arguments (via
    /// the alerts tests' recorder, to the log `<name>.where` names) and exits
    /// with `exit`. Removed with the value.
    fn players(test: &str, names: &[&str], exit: i32) -> Scratch {
        let dir = Scratch::new(&format!("sound-{test}"));
        for name in names {
            let (program, log) = recorder_in(&dir, &format!("{name}-recorder"));
            let script = format!("#!/bin/sh\n'{}' \"$@\"\nexit {exit}\n", program.display());
            write_program(&dir.join(name), &script);
            fs::write(dir.join(format!("{name}.where")), log.display().to_string()).unwrap();
        }
        dir
    }

    fn args_of(dir: &std::path::Path, name: &str) -> String {
        let log = fs::read_to_string(dir.join(format!("{name}.where"))).unwrap();
        fs::read_to_string(log).unwrap_or_default()
    }

    /// The sound files, as `store::sounds::files` would write them.
    fn files(cache: &std::path::Path, volume: u8) -> Result<Vec<PathBuf>, String> {
        let sounds = cache.join("sounds");
        fs::create_dir_all(&sounds).unwrap();
        Ok(Sound::ALL
            .iter()
            .map(|s| {
                let path = sounds.join(format!("{}-{volume}.wav", s.file_name()));
                let text = format!(
                    "{s:?} at {volume}: {}",
                    "x".repeat(if *s == Sound::Tick { 10 } else { 100 })
                );
                fs::write(&path, text).unwrap();
                path
            })
            .collect())
    }

    fn wait_all(p: &mut Player) {
        super::super::run::settle(&p.playing, Duration::from_secs(10));
    }

    #[test]
    fn the_first_player_in_order_is_used_with_its_arguments() {
        let dir = players("order", &["aplay", "paplay"], 0);
        let cache = dir.join("cache");
        let mut p = Player::find_in(dir.as_os_str(), || files(&cache, 80)).unwrap();
        assert!(p.program.ends_with("paplay"), "paplay comes before aplay");
        assert!(p.play(Sound::Step));
        wait_all(&mut p);
        let step = cache.join("sounds/step-1-80.wav");
        assert_eq!(args_of(&dir, "paplay"), format!("{}\n", step.display()));
        assert!(args_of(&dir, "aplay").is_empty());

        let dir = players("aplay", &["aplay"], 0);
        let mut p = Player::find_in(dir.as_os_str(), || files(&dir.join("cache"), 30)).unwrap();
        assert!(p.play(Sound::Tick));
        wait_all(&mut p);
        let tick = dir.join("cache/sounds/tick-1-30.wav");
        assert_eq!(args_of(&dir, "aplay"), format!("-q\n{}\n", tick.display()));

        let dir = players("pw", &["afplay", "aplay", "pw-play"], 0);
        let p = Player::find_in(dir.as_os_str(), || files(&dir.join("cache"), 80)).unwrap();
        assert!(p.program.ends_with("pw-play"));
    }

    #[test]
    fn the_ticks_are_not_the_step_chime() {
        let dir = players("distinct", &["aplay"], 0);
        let p = Player::find_in(dir.as_os_str(), || files(&dir.join("cache"), 80)).unwrap();
        let bytes: Vec<Vec<u8>> = p.files.iter().map(|f| fs::read(f).unwrap()).collect();
        assert_ne!(bytes[0], bytes[1], "step and tick");
        assert_ne!(bytes[0], bytes[2], "step and switch");
        assert!(bytes[1].len() < bytes[0].len() / 4, "a tick is short");
    }

    #[test]
    fn no_player_says_so_and_a_failing_one_gives_way_to_the_bell() {
        let empty = players("none", &[], 0);
        let e = Player::find_in(empty.as_os_str(), || files(&empty.join("c"), 80)).unwrap_err();
        assert!(
            e.contains("No sound player (pw-play, paplay, aplay, afplay): no chimes"),
            "{e}"
        );

        let dir = players("failing", &["paplay"], 1);
        let mut p = Player::find_in(dir.as_os_str(), || files(&dir.join("cache"), 80)).unwrap();
        assert!(p.play(Sound::Step), "started: its failure is not known yet");
        wait_all(&mut p);
        assert!(!p.play(Sound::Step), "the bell takes over");
        let problem = p.problem().unwrap();
        assert!(
            problem.contains("paplay could not play a sound"),
            "{problem}"
        );
        assert_eq!(p.problem(), None, "said once");
    }

    #[test]
    fn a_slow_player_never_holds_up_the_caller() {
        let dir = Scratch::new("sound-slow");
        write_program(&dir.join("aplay"), "#!/bin/sh\nexec sleep 30\n");
        let mut p = Player::find_in(dir.as_os_str(), || files(&dir.join("cache"), 80)).unwrap();
        for _ in 0..5 {
            assert!(p.play(Sound::Tick));
        }
        // Still playing when play came back; and never more than three at once.
        assert!(p.playing.iter().all(Bounded::running));
        assert_eq!(p.playing.len(), AT_ONCE);
        // Its exit does not wait for them.
        let started = std::time::Instant::now();
        drop(p);
        assert!(started.elapsed() < AT_EXIT + Duration::from_millis(500));
    }

    #[test]
    fn a_player_that_never_ends_is_stopped_at_its_deadline() {
        let dir = Scratch::new("sound-hang");
        // It keeps a child of its own too: the whole group goes.
        write_program(&dir.join("aplay"), "#!/bin/sh\nsleep 60 &\nexec sleep 60\n");
        let mut p = Player::find_in(dir.as_os_str(), || files(&dir.join("cache"), 80)).unwrap();
        let mut command = Command::new(&p.program);
        command.stdin(Stdio::null());
        p.playing
            .push(Bounded::spawn(&mut command, Duration::from_millis(200)).unwrap());
        std::thread::sleep(Duration::from_millis(600));
        assert!(!p.play(Sound::Tick), "the bell takes over");
        assert!(
            p.problem().unwrap().contains("never finished playing"),
            "said why"
        );
    }
}
