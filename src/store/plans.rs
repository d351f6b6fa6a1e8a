//! Finding plans: the bundled one (in the binary), the user's own
//! (`$XDG_CONFIG_HOME/supple/plans/*.toml`) and any `.toml` path, read through the
//! one checked path like routines. A plan is checked against the routines it names,
//! so an unknown routine is an error at its place in the file.

use std::path::{Path, PathBuf};

use crate::core::plan::{self, Activity, Plan};
use crate::core::text::sanitize;
use crate::core::toml_check::{Diagnostic, closest};
use crate::core::toml_check::{LoadError, Problem};
use crate::store::library::{Library, Source, looks_like_path, toml_files};

/// The plans that ship inside the binary: (name, TOML text).
pub const BUNDLED: &[(&str, &str)] = &[("back-spasm", include_str!("../../plans/back-spasm.toml"))];

/// One plan, loaded or not.
#[derive(Debug, Clone)]
pub struct PlanEntry {
    pub name: String,
    pub source: Source,
    pub text: Option<String>,
    pub plan: Result<Plan, LoadError>,
}

/// Where plans are found.
#[derive(Debug, Clone)]
pub struct Plans {
    user_dir: Option<PathBuf>,
}

impl Plans {
    pub fn from_env() -> Plans {
        Plans {
            user_dir: crate::store::paths::plans_dir(),
        }
    }

    pub fn with_user_dir(user_dir: Option<PathBuf>) -> Plans {
        Plans { user_dir }
    }

    /// Every plan: the user's (sorted), then the bundled ones they do not replace.
    /// The second list holds problems with the folder itself.
    pub fn entries(&self, library: &Library) -> (Vec<PlanEntry>, Vec<String>) {
        let (files, warnings) = match &self.user_dir {
            Some(dir) => toml_files(dir, "plans"),
            None => (Vec::new(), Vec::new()),
        };
        let mut out: Vec<PlanEntry> = files
            .into_iter()
            .map(|(name, path)| {
                let mut e = load_path(&path, Source::User(path.clone()), library);
                e.name = sanitize(&name).into_owned();
                e
            })
            .collect();
        for (name, _) in BUNDLED {
            if !out.iter().any(|e| e.name == *name) {
                out.extend(bundled(name, library));
            }
        }
        (out, warnings)
    }

    /// A plan by name (the user's first, then bundled) or `.toml` path; `None` if
    /// there is no such plan.
    pub fn resolve(&self, arg: &str, library: &Library) -> Option<PlanEntry> {
        if looks_like_path(arg) {
            let path = PathBuf::from(arg);
            return Some(load_path(&path, Source::File(path.clone()), library));
        }
        if let Some(dir) = &self.user_dir {
            let path = dir.join(format!("{arg}.toml"));
            if path.exists() {
                let mut e = load_path(&path, Source::User(path.clone()), library);
                e.name = arg.to_owned();
                return Some(e);
            }
        }
        bundled(arg, library)
    }
}

/// The text of a bundled plan.
pub fn bundled_text(name: &str) -> Option<&'static str> {
    BUNDLED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// A bundled plan by name.
pub fn bundled(name: &str, library: &Library) -> Option<PlanEntry> {
    let text = bundled_text(name)?;
    Some(PlanEntry {
        name: name.to_owned(),
        source: Source::Bundled,
        text: Some(text.to_owned()),
        plan: load_str(&format!("{name}.toml (bundled plan)"), text, library),
    })
}

/// Reads and checks a plan file.
pub fn load_path(path: &Path, source: Source, library: &Library) -> PlanEntry {
    let origin = path.display().to_string();
    let name = path.file_stem().map_or_else(
        || sanitize(&origin).into_owned(),
        |s| sanitize(&s.to_string_lossy()).into_owned(),
    );
    let (text, plan) = match crate::store::file::read_text(path, crate::store::file::PLAN)
        .map_err(|e| e.to_string())
    {
        Ok(text) => {
            let plan = load_str(&origin, &text, library);
            (Some(text), plan)
        }
        Err(why) => (None, Err(LoadError::unreadable(origin, why))),
    };
    PlanEntry {
        name,
        source,
        text,
        plan,
    }
}

/// Checks plan text, and that every routine it names can be found in `library`.
pub fn load_str(origin: &str, text: &str, library: &Library) -> Result<Plan, LoadError> {
    let invalid = |diagnostics| LoadError {
        origin: origin.to_owned(),
        problem: Problem::Invalid {
            source: text.to_owned(),
            diagnostics,
        },
    };
    let plan = plan::parse(text).map_err(invalid)?;
    let missing = routines_missing(&plan, library);
    if missing.is_empty() {
        Ok(plan)
    } else {
        Err(invalid(missing))
    }
}

/// An error for each routine the plan names that the library does not have.
fn routines_missing(plan: &Plan, library: &Library) -> Vec<Diagnostic> {
    // The names for the help, read only when a routine is missing.
    let mut names: Option<Vec<String>> = None;
    let mut out = Vec::new();
    for stage in &plan.stages {
        for item in &stage.items {
            let Activity::Routine(name) = &item.activity else {
                continue;
            };
            if library.contains(name) {
                continue;
            }
            let names = names.get_or_insert_with(|| library.names());
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let help = match closest(name, &names) {
                Some(best) => format!("did you mean \"{best}\"? `supple list` shows every routine"),
                None => format!(
                    "routines here: {}; `supple list` shows them",
                    names.join(", ")
                ),
            };
            out.push(
                Diagnostic::new(
                    item.span.clone(),
                    format!(
                        "there is no routine '{}' (in stage '{}')",
                        sanitize(name),
                        stage.name
                    ),
                )
                .with_help(help),
            );
        }
    }
    out
}
