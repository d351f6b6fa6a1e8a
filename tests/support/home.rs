//! A clean home for one run of the real binary: `TestHome::new()` makes a fresh
//! folder under `target/`, and `.run(args)` runs supple there with nothing of the
//! person's own home, time zone or `SUPPLE_*` settings leaking in.
//!
//! The folder is `XDG_CONFIG_HOME` (and `HOME`): the config is `supple/config.toml`,
//! routines `supple/routines/`, plans `supple/plans/`; `data/`, `state/` and `cache/`
//! beneath it are `XDG_DATA_HOME`, `XDG_STATE_HOME` and `XDG_CACHE_HOME`.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{Read, Write};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The built binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_supple");

/// The pain question has tests of its own; elsewhere it would wait for an answer.
pub const QUIET_CONFIG: &str = "[player]\npain = false\n";

/// A run that takes longer than this is a hang (a FIFO opened for reading, a
/// question nobody answers): the test fails, naming the command.
const DEADLINE: Duration = Duration::from_secs(60);

/// A fresh folder with the XDG folders of one test.
#[derive(Clone)]
pub struct TestHome {
    root: PathBuf,
    env: Vec<(OsString, Option<OsString>)>,
}

impl TestHome {
    /// A fresh home named after the running test (`target/tmp/homes/TEST/N`, `N`
    /// counting the homes this test made), with an empty routines folder and a
    /// config that turns the pain question off.
    pub fn new() -> TestHome {
        let root = fresh_folder();
        fs::create_dir_all(root.join("supple/routines")).unwrap();
        fs::write(root.join("supple/config.toml"), QUIET_CONFIG).unwrap();
        TestHome {
            root,
            env: Vec::new(),
        }
    }

    /// The folder itself (`XDG_CONFIG_HOME` and `HOME`).
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// supple's own config folder: `config.toml`, `routines/`, `plans/`.
    pub fn supple_config(&self) -> PathBuf {
        self.root.join("supple")
    }

    pub fn config_file(&self) -> PathBuf {
        self.root.join("supple/config.toml")
    }

    pub fn routines(&self) -> PathBuf {
        self.root.join("supple/routines")
    }

    /// supple's data folder (the log, progress resets, episodes).
    pub fn data(&self) -> PathBuf {
        self.root.join("data/supple")
    }

    pub fn log_file(&self) -> PathBuf {
        self.root.join("data/supple/history.jsonl")
    }

    /// supple's state folder (pack timers).
    pub fn state(&self) -> PathBuf {
        self.root.join("state/supple")
    }

    /// Replaces the config file with `text`.
    pub fn config(self, text: &str) -> TestHome {
        fs::write(self.config_file(), text).unwrap();
        self
    }

    /// No config file at all: supple's defaults (the pain question asked).
    pub fn without_config(self) -> TestHome {
        fs::remove_file(self.config_file()).unwrap();
        self
    }

    /// `supple/routines/NAME.toml` holding `text`.
    pub fn routine(self, name: &str, text: &str) -> TestHome {
        fs::write(self.routines().join(format!("{name}.toml")), text).unwrap();
        self
    }

    /// The history log holding `records`, one JSON line each.
    pub fn log<T: serde::Serialize>(self, records: &[T]) -> TestHome {
        let mut text = String::new();
        for record in records {
            text.push_str(&serde_json::to_string(record).unwrap());
            text.push('\n');
        }
        self.log_text(&text)
    }

    /// The history log holding `text` as it is (damaged lines included).
    pub fn log_text(self, text: &str) -> TestHome {
        self.file("data/supple/history.jsonl", text)
    }

    /// A file at `relative` (under the home) holding `text`, its folders made.
    pub fn file(self, relative: &str, text: &str) -> TestHome {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// An environment variable set for every run in this home.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> TestHome {
        self.env
            .push((key.as_ref().into(), Some(value.as_ref().into())));
        self
    }

    /// Every run in this home in a fixed-offset time zone (a POSIX `TZ` rule,
    /// which needs no zoneinfo files) where the clock now reads `hour` o'clock
    /// and some minutes. For a test that logs sessions minutes before the real
    /// clock's now and counts what was done today: in UTC it fails when it runs
    /// just after midnight, where those minutes fall on yesterday; at midday
    /// they never do.
    pub fn at_local_hour(self, hour: i64) -> TestHome {
        assert!((0..24).contains(&hour), "an hour of the day: {hour}");
        let utc_hour = jiff::Timestamp::now()
            .as_second()
            .div_euclid(3600)
            .rem_euclid(24);
        let mut offset = hour - utc_hour;
        if offset < -12 {
            offset += 24;
        } else if offset > 14 {
            offset -= 24;
        }
        // POSIX counts west of Greenwich as positive: UTC+5 is "<+05>-5".
        self.env("TZ", format!("<{offset:+03}>{}", -offset))
    }

    /// An environment variable removed for every run in this home.
    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> TestHome {
        self.env.push((key.as_ref().into(), None));
        self
    }

    /// `supple args` in this home, to be given more before it runs.
    pub fn supple<S: AsRef<OsStr>>(&self, args: &[S]) -> Invocation<'_> {
        Invocation {
            home: self,
            args: args.iter().map(|a| a.as_ref().to_owned()).collect(),
            env: Vec::new(),
            stdin: None,
            unprivileged: false,
            through: Vec::new(),
            current_dir: None,
        }
    }

    /// `supple args` in this home with nothing on standard input, to its end.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Ran {
        self.supple(args).run()
    }

    /// `supple args` with `input` typed on standard input, to its end.
    pub fn run_typed<S: AsRef<OsStr>>(&self, args: &[S], input: &[u8]) -> Ran {
        self.supple(args).stdin(input).run()
    }
}

impl Deref for TestHome {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.root
    }
}

impl AsRef<Path> for TestHome {
    fn as_ref(&self) -> &Path {
        &self.root
    }
}

/// One run of supple being set up: its arguments, environment and input.
pub struct Invocation<'h> {
    home: &'h TestHome,
    args: Vec<OsString>,
    env: Vec<(OsString, Option<OsString>)>,
    stdin: Option<Vec<u8>>,
    unprivileged: bool,
    through: Vec<OsString>,
    current_dir: Option<PathBuf>,
}

impl Invocation<'_> {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().into());
        self
    }

    pub fn args<S: AsRef<OsStr>>(mut self, args: &[S]) -> Self {
        self.args.extend(args.iter().map(|a| a.as_ref().to_owned()));
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.env
            .push((key.as_ref().into(), Some(value.as_ref().into())));
        self
    }

    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Self {
        self.env.push((key.as_ref().into(), None));
        self
    }

    /// Typed on standard input (else it is empty: `/dev/null`).
    pub fn stdin(mut self, input: impl AsRef<[u8]>) -> Self {
        self.stdin = Some(input.as_ref().to_vec());
        self
    }

    /// Run in `dir` (else in the repository's root), for a path given relative.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.current_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// Run as `nobody` (through `setpriv`) when the tests run as root, so that file
    /// permissions apply.
    pub fn unprivileged(mut self) -> Self {
        self.unprivileged = true;
        self
    }

    /// Run by `program` (with its arguments before supple's path), such as
    /// `["sh", "-c", "ulimit -v 400000; exec \"$@\"", "sh"]`.
    pub fn through<S: AsRef<OsStr>>(mut self, program: &[S]) -> Self {
        self.through = program.iter().map(|a| a.as_ref().to_owned()).collect();
        self
    }

    /// The command, ready to spawn (standard input `/dev/null`, output inherited):
    /// for a test that watches supple while it runs.
    pub fn command(&self) -> Command {
        let mut chain: Vec<OsString> = self.through.clone();
        if self.unprivileged && is_root() {
            chain.extend(
                [
                    "setpriv",
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    "--",
                ]
                .map(OsString::from),
            );
        }
        chain.push(BIN.into());
        let mut c = Command::new(&chain[0]);
        c.args(&chain[1..]);
        let root = &self.home.root;
        c.args(&self.args)
            .env("HOME", root)
            .env("XDG_CONFIG_HOME", root)
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_STATE_HOME", root.join("state"))
            .env("XDG_CACHE_HOME", root.join("cache"))
            .env("TZ", "UTC")
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .current_dir(
                self.current_dir
                    .as_deref()
                    .unwrap_or(Path::new(env!("CARGO_MANIFEST_DIR"))),
            )
            .stdin(Stdio::null());
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("SUPPLE_") {
                c.env_remove(key);
            }
        }
        for (key, value) in self.home.env.iter().chain(&self.env) {
            match value {
                Some(value) => c.env(key, value),
                None => c.env_remove(key),
            };
        }
        c
    }

    /// Runs to the end, failing the test if that takes more than a minute.
    pub fn run(self) -> Ran {
        let mut command = self.command();
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        if self.stdin.is_some() {
            command.stdin(Stdio::piped());
        }
        let mut child = command.spawn().unwrap();
        let stdin = child.stdin.take();
        let input = self.stdin.unwrap_or_default();
        let writer = std::thread::spawn(move || {
            if let Some(mut stdin) = stdin {
                // supple may exit without reading everything: a broken pipe is fine.
                let _ = stdin.write_all(&input);
            }
        });
        let stdout = reader(child.stdout.take());
        let stderr = reader(child.stderr.take());
        let status = wait(&mut child, &command);
        writer.join().unwrap();
        let output = Output {
            status,
            stdout: stdout.join().unwrap(),
            stderr: stderr.join().unwrap(),
        };
        Ran {
            status,
            stdout: utf8(&output.stdout, "stdout", &command),
            stderr: utf8(&output.stderr, "stderr", &command),
            output,
        }
    }
}

/// What a run of supple did.
#[derive(Debug)]
pub struct Ran {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    /// The same, as bytes.
    pub output: Output,
}

impl Ran {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn success(&self) -> bool {
        self.status.success()
    }
}

/// A test cannot run its subject here (a program or a privilege is missing): under
/// `CI=true` that fails the test, elsewhere it says `skipped: TEST: WHY` and the
/// caller returns. CI (`.ci/run`) installs what the tests need.
///
/// The line goes to the process's standard error itself, not through `eprintln!`,
/// which the test harness captures and shows only for a failing test: a skip is
/// seen in every `cargo test` run (`cargo test 2>&1 | grep skipped:` counts them).
pub fn skip(why: &str) {
    let test = std::thread::current().name().unwrap_or("?").to_owned();
    assert!(
        std::env::var_os("CI").is_none_or(|v| v != "true"),
        "{test}: not skipped under CI=true: {why}"
    );
    let _ = writeln!(std::io::stderr(), "skipped: {test}: {why}");
}

pub fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

fn reader(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            pipe.read_to_end(&mut bytes).unwrap();
        }
        bytes
    })
}

fn wait(child: &mut Child, command: &Command) -> ExitStatus {
    let deadline = Instant::now() + DEADLINE;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("supple hung for {DEADLINE:?}: {command:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn utf8(bytes: &[u8], stream: &str, command: &Command) -> String {
    match String::from_utf8(bytes.to_vec()) {
        Ok(text) => text,
        Err(e) => panic!(
            "{command:?} wrote {stream} that is not UTF-8 at byte {}: {:?}",
            e.utf8_error().valid_up_to(),
            String::from_utf8_lossy(bytes)
        ),
    }
}

/// `target/tmp/homes/TEST/N`, emptied: TEST is the running test's name (its
/// thread's), N counts the homes this test made in this run.
fn fresh_folder() -> PathBuf {
    static MADE: Mutex<Option<HashMap<String, usize>>> = Mutex::new(None);
    let thread = std::thread::current();
    let test = match thread.name() {
        Some(name) if name != "main" => name.replace("::", "/"),
        _ => format!("process-{}", std::process::id()),
    };
    let n = {
        let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
        let count = made
            .get_or_insert_with(HashMap::new)
            .entry(test.clone())
            .or_insert(0);
        *count += 1;
        *count - 1
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("homes")
        .join(test)
        .join(n.to_string());
    if dir.exists() {
        // A folder left unreadable by an earlier run must be opened up to be removed.
        let _ = Command::new("chmod")
            .args(["-R", "u+rwx"])
            .arg(&dir)
            .status();
        fs::remove_dir_all(&dir).unwrap();
    }
    fs::create_dir_all(&dir).unwrap();
    dir
}
