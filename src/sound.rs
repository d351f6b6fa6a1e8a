//! Spoken cues through a speech program, when one is installed. Speaking never
//! blocks: the program runs in the background, and a new line cuts off an old one
//! still speaking, so announcements never pile up behind the timer.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::text::sanitize;

/// The speech programs supple knows, in order of preference, with their arguments.
const PROGRAMS: &[(&str, &[&str])] = &[("espeak-ng", &[]), ("spd-say", &[]), ("say", &[])];

#[derive(Debug)]
pub struct Voice {
    program: PathBuf,
    args: &'static [&'static str],
    speaking: Option<Child>,
}

impl Voice {
    /// The first speech program found on `PATH`, if any.
    pub fn find() -> Option<Voice> {
        let path = env::var_os("PATH")?;
        for (name, args) in PROGRAMS {
            for dir in env::split_paths(&path) {
                let candidate = dir.join(name);
                if is_executable(&candidate) {
                    return Some(Voice {
                        program: candidate,
                        args,
                        speaking: None,
                    });
                }
            }
        }
        None
    }

    /// The names supple looks for, for messages.
    pub fn known() -> String {
        PROGRAMS
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Says `text` in the background, cutting off whatever is still being said.
    pub fn say(&mut self, text: &str) {
        self.stop();
        let clean = sanitize(text);
        self.speaking = Command::new(&self.program)
            .args(self.args)
            .arg(clean.as_ref())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok();
    }

    /// Stops speaking and reaps the process.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.speaking.take() {
            if matches!(child.try_wait(), Ok(None)) {
                let _ = child.kill();
            }
            let _ = child.wait();
        }
    }
}

impl Drop for Voice {
    fn drop(&mut self) {
        self.stop();
    }
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}
