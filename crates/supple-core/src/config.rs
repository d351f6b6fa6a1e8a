//! The config file's format, `$XDG_CONFIG_HOME/supple/config.toml` (read by
//! `store::config`). Optional; every key has a
//! default, and an unknown or wrong key is an error with its line and column, like
//! a routine. A file with errors never silently changes behaviour: every valid
//! setting in it is kept, and the errors are shown as a warning (on standard
//! error, and on the home screen). Documented in docs/config.md.
//!
//! ```toml
//! [pack]
//! on = "20m"
//! off = "20m"
//! cycles = 3
//! ```

use std::time::Duration;

use toml::de::{DeTable, DeValue};

use crate::duration;
use crate::hook::Trigger;
use crate::pack::{HEAT_MAX_LIMIT, MAX_CYCLES, MAX_PHASE};
use crate::toml_check::{self, Diagnostic, whole};

/// What the config file sets; `None` where it is silent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// `[player] pain`: ask for pain before and after a routine.
    pub pain: Option<bool>,
    pub pack_on: Option<Duration>,
    pub pack_off: Option<Duration>,
    pub pack_cycles: Option<u32>,
    /// `[pack] heat_max`: the longest a heat application may last.
    pub pack_heat_max: Option<Duration>,
    /// `[sound] chime`: play the chimes through the system's player (else the bell).
    pub chime: Option<bool>,
    /// `[sound] volume`: the chimes' loudness, 0 to 100 (percent).
    pub volume: Option<u8>,
    /// `[hooks]`: a command (program and arguments, no shell) for each event.
    pub hooks: Vec<(Trigger, Vec<String>)>,
    /// `[report] name`: whose report it is, for its header.
    pub report_name: Option<String>,
}

/// The longest `[report] name`, in characters.
pub const MAX_REPORT_NAME: usize = 80;

/// The most arguments in one hook's command.
pub const MAX_HOOK_ARGS: usize = 64;
/// The longest argument.
pub const MAX_HOOK_ARG: usize = 4096;

/// The chimes' loudness when the config file does not say.
pub const DEFAULT_VOLUME: u8 = 80;

/// Parses config text: every valid setting, and a diagnostic for each mistake.
pub fn parse(text: &str) -> (Config, Vec<Diagnostic>) {
    let doc = match DeTable::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let diag = toml_check::not_toml(
                &e,
                "check quotes and brackets on this line; see docs/config.md",
            );
            return (Config::default(), vec![diag]);
        }
    };
    let mut diags = Vec::new();
    let mut config = Config::default();
    for (key, value) in doc.get_ref().iter() {
        let k: &str = key.get_ref();
        match (k, value.get_ref()) {
            ("pack", DeValue::Table(table)) => pack(table, &mut config, &mut diags),
            ("player", DeValue::Table(table)) => {
                for (key, value) in table.iter() {
                    let k: &str = key.get_ref();
                    match (k, value.get_ref().as_bool()) {
                        ("pain", Some(b)) => config.pain = Some(b),
                        ("pain", None) => diags.push(
                            Diagnostic::new(value.span(), "'player.pain' must be true or false")
                                .with_help("write pain = false to stop the pain question"),
                        ),
                        _ => diags.push(unknown(key.span(), k, &["pain"], "in [player]")),
                    }
                }
            }
            ("sound", DeValue::Table(table)) => sound(table, &mut config, &mut diags),
            ("hooks", DeValue::Table(table)) => hooks(table, &mut config, &mut diags),
            ("report", DeValue::Table(table)) => {
                for (key, value) in table.iter() {
                    let k: &str = key.get_ref();
                    match (k, value.get_ref().as_str()) {
                        ("name", Some(n))
                            if !n.trim().is_empty() && n.chars().count() <= MAX_REPORT_NAME =>
                        {
                            config.report_name = Some(n.trim().to_owned())
                        }
                        ("name", _) => diags.push(
                            Diagnostic::new(
                                value.span(),
                                format!("'report.name' must be a name of 1 to {MAX_REPORT_NAME} characters, in quotes"),
                            )
                            .with_help("for example: name = \"Sam Taylor\""),
                        ),
                        _ => diags.push(unknown(key.span(), k, &["name"], "in [report]")),
                    }
                }
            }
            ("pack" | "player" | "sound" | "hooks" | "report", _) => diags.push(
                Diagnostic::new(value.span(), format!("'{k}' must be a table")).with_help(format!(
                    "write its keys under a [{k}] header; see docs/config.md"
                )),
            ),
            _ => diags.push(unknown(
                key.span(),
                k,
                &["pack", "player", "sound", "hooks", "report"],
                "at the top of the config file",
            )),
        }
    }
    diags.sort_by_key(|d| d.span.start);
    (config, diags)
}

fn pack(table: &DeTable<'_>, config: &mut Config, diags: &mut Vec<Diagnostic>) {
    const KEYS: &[&str] = &["on", "off", "cycles", "heat_max"];
    for (key, value) in table.iter() {
        let k: &str = key.get_ref();
        let span = value.span();
        match k {
            "on" | "off" => {
                let Some(s) = value.get_ref().as_str() else {
                    diags.push(
                        Diagnostic::new(span, format!("'pack.{k}' must be a duration string"))
                            .with_help("write it with quotes and a unit, for example \"20m\""),
                    );
                    continue;
                };
                match duration::parse(s, MAX_PHASE) {
                    Ok(d) if k == "on" && d.is_zero() => diags.push(
                        Diagnostic::new(span, "'pack.on' must be longer than 0s")
                            .with_help("the usual application is \"20m\""),
                    ),
                    Ok(d) if k == "on" => config.pack_on = Some(d),
                    Ok(d) => config.pack_off = Some(d),
                    Err(e) => diags.push(
                        Diagnostic::new(span, format!("'pack.{k}' {e}")).with_help(e.help(s)),
                    ),
                }
            }
            "heat_max" => {
                let parsed = value
                    .get_ref()
                    .as_str()
                    .map(|s| (s, duration::parse(s, HEAT_MAX_LIMIT)));
                match parsed {
                    Some((_, Ok(d))) if d >= Duration::from_secs(60) => {
                        config.pack_heat_max = Some(d)
                    }
                    Some((s, Err(e))) => diags.push(
                        Diagnostic::new(span, format!("'pack.heat_max' {e}")).with_help(e.help(s)),
                    ),
                    _ => diags.push(
                        Diagnostic::new(span, "'pack.heat_max' must be a duration from 1m to 1h")
                            .with_help("for example: heat_max = \"30m\" (the default)"),
                    ),
                }
            }
            "cycles" => {
                let n = whole(value.get_ref())
                    .and_then(|n| u32::try_from(n).ok())
                    .filter(|n| (1..=MAX_CYCLES).contains(n));
                match n {
                    Some(n) => config.pack_cycles = Some(n),
                    None => diags.push(
                        Diagnostic::new(
                            span,
                            format!("'pack.cycles' must be a whole number from 1 to {MAX_CYCLES}"),
                        )
                        .with_help("for example: cycles = 3"),
                    ),
                }
            }
            _ => diags.push(unknown(key.span(), k, KEYS, "in [pack]")),
        }
    }
}

fn sound(table: &DeTable<'_>, config: &mut Config, diags: &mut Vec<Diagnostic>) {
    for (key, value) in table.iter() {
        let k: &str = key.get_ref();
        let span = value.span();
        match k {
            "chime" => match value.get_ref().as_bool() {
                Some(b) => config.chime = Some(b),
                None => diags.push(
                    Diagnostic::new(span, "'sound.chime' must be true or false")
                        .with_help("chime = false rings the terminal bell instead"),
                ),
            },
            "volume" => {
                let n = whole(value.get_ref())
                    .and_then(|n| u8::try_from(n).ok())
                    .filter(|n| *n <= 100);
                match n {
                    Some(n) => config.volume = Some(n),
                    None => diags.push(
                        Diagnostic::new(
                            span,
                            "'sound.volume' must be a whole number from 0 to 100",
                        )
                        .with_help(format!(
                            "a percentage, for example volume = {DEFAULT_VOLUME} (the default)"
                        )),
                    ),
                }
            }
            _ => diags.push(unknown(key.span(), k, &["chime", "volume"], "in [sound]")),
        }
    }
}

fn hooks(table: &DeTable<'_>, config: &mut Config, diags: &mut Vec<Diagnostic>) {
    let keys: Vec<&str> = Trigger::ALL.iter().map(|e| e.key()).collect();
    for (key, value) in table.iter() {
        let k: &str = key.get_ref();
        let Some(event) = Trigger::ALL.into_iter().find(|e| e.key() == k) else {
            diags.push(unknown(key.span(), k, &keys, "in [hooks]"));
            continue;
        };
        let span = value.span();
        let words: Option<Vec<String>> = match value.get_ref() {
            DeValue::String(s) => Some(vec![s.to_string()]),
            DeValue::Array(items) => items
                .iter()
                .map(|i| i.get_ref().as_str().map(str::to_owned))
                .collect(),
            _ => None,
        };
        let help = format!(
            "write the program and its arguments as a list, for example {k} = [\"notify-send\", \"supple\"]; it runs without a shell"
        );
        match words {
            Some(w)
                if w.first().is_some_and(|p| !p.trim().is_empty())
                    && w.len() <= MAX_HOOK_ARGS
                    && w.iter()
                        .all(|a| a.len() <= MAX_HOOK_ARG && !a.contains('\0')) =>
            {
                config.hooks.retain(|(e, _)| *e != event);
                config.hooks.push((event, w));
            }
            Some(w) if w.len() > MAX_HOOK_ARGS => diags.push(
                Diagnostic::new(
                    span,
                    format!("'hooks.{k}' has {} words; at most {MAX_HOOK_ARGS}", w.len()),
                )
                .with_help(help),
            ),
            Some(_) => diags.push(
                Diagnostic::new(span, format!("'hooks.{k}' needs a program first")).with_help(help),
            ),
            None => diags.push(
                Diagnostic::new(span, format!("'hooks.{k}' must be a list of strings"))
                    .with_help(help),
            ),
        }
    }
}

fn unknown(span: std::ops::Range<usize>, key: &str, allowed: &[&str], scope: &str) -> Diagnostic {
    toml_check::unknown_key(
        span,
        key,
        allowed,
        scope,
        format!("unknown key '{key}' in the config file"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_pack_table() {
        let (c, errs) = parse("[pack]\non = \"15m\"\noff = \"25m\"\ncycles = 4\n");
        assert!(errs.is_empty());
        assert_eq!(c.pack_on, Some(Duration::from_secs(900)));
        assert_eq!(c.pack_off, Some(Duration::from_secs(1500)));
        assert_eq!(c.pack_cycles, Some(4));
        assert_eq!(parse(""), (Config::default(), Vec::new()));
    }

    #[test]
    fn reports_every_mistake_with_a_place() {
        let (_, errs) = parse("colour = 1\n[pack]\nonn = \"5m\"\noff = \"1M\"\ncycles = 40\n");
        let msgs: Vec<&str> = errs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(
            errs[1]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("did you mean 'on'")
        );
    }

    #[test]
    fn an_error_keeps_every_valid_setting() {
        let (c, errs) = parse("[player]\npain = false\n[pack]\ncolour = 1\non = \"15m\"\n");
        assert_eq!(errs.len(), 1);
        assert_eq!(
            c.pain,
            Some(false),
            "one unknown key must not turn the pain question on"
        );
        assert_eq!(c.pack_on, Some(Duration::from_secs(900)));
    }

    #[test]
    fn reads_the_sound_table() {
        let (c, errs) = parse("[sound]\nchime = false\nvolume = 40\n");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!((c.chime, c.volume), (Some(false), Some(40)));
        let (c, errs) = parse("[sound]\nchime = \"yes\"\nvolume = 140\nloud = 1\n");
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert_eq!((c.chime, c.volume), (None, None));
    }

    #[test]
    fn reads_the_hooks_table() {
        let (c, errs) =
            parse("[hooks]\nswitch = [\"logger\", \"-t\", \"supple\"]\nfinished = \"/bin/done\"\n");
        assert!(errs.is_empty(), "{errs:?}");
        let mut hooks = c.hooks.clone();
        hooks.sort();
        assert_eq!(
            hooks,
            vec![
                (
                    Trigger::Switch,
                    vec!["logger".into(), "-t".into(), "supple".into()]
                ),
                (Trigger::Finished, vec!["/bin/done".into()]),
            ]
        );
        let (c, errs) = parse("[hooks]\nswich = [\"x\"]\nstep = []\nstopped = 3\nreminder = [1]\n");
        let msgs: Vec<&str> = errs.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(
            errs[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("did you mean 'switch'")
        );
        assert!(msgs[1].contains("needs a program first"));
        assert!(c.hooks.is_empty());
    }

    #[test]
    fn a_key_of_the_wrong_type_says_so() {
        let (_, errs) = parse("player = 1\n");
        assert_eq!(errs[0].message, "'player' must be a table");
        assert!(
            !errs[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("did you mean")
        );
    }
}
