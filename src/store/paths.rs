//! Where supple keeps the user's files, following the XDG base directory rules.

use std::env;
use std::path::PathBuf;

/// `$XDG_CONFIG_HOME/supple`, or `~/.config/supple`. `None` when neither variable
/// gives an absolute path.
pub fn config_dir() -> Option<PathBuf> {
    base("XDG_CONFIG_HOME", ".config").map(|d| d.join("supple"))
}

/// The folder of user routines: `$XDG_CONFIG_HOME/supple/routines`.
pub fn routines_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("routines"))
}

/// The folder of user plans: `$XDG_CONFIG_HOME/supple/plans`.
pub fn plans_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("plans"))
}

/// An XDG base directory: the variable if it holds an absolute path (the spec says
/// relative ones are ignored), else `$HOME/<fallback>`.
fn base(var: &str, fallback: &str) -> Option<PathBuf> {
    let from_var = env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    from_var.or_else(|| {
        env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .map(|home| home.join(fallback))
    })
}

/// `$XDG_DATA_HOME/supple`, or `~/.local/share/supple`.
pub fn data_dir() -> Option<PathBuf> {
    base("XDG_DATA_HOME", ".local/share").map(|d| d.join("supple"))
}

/// `$XDG_STATE_HOME/supple`, or `~/.local/state/supple`.
pub fn state_dir() -> Option<PathBuf> {
    base("XDG_STATE_HOME", ".local/state").map(|d| d.join("supple"))
}

/// Where user units go: `$XDG_CONFIG_HOME/systemd/user`, or `~/.config/systemd/user`.
pub fn systemd_user_dir() -> Option<PathBuf> {
    base("XDG_CONFIG_HOME", ".config").map(|d| d.join("systemd").join("user"))
}

/// `$XDG_CACHE_HOME/supple`, or `~/.cache/supple`: files supple can make again.
pub fn cache_dir() -> Option<PathBuf> {
    base("XDG_CACHE_HOME", ".cache").map(|d| d.join("supple"))
}
