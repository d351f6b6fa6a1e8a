//! The toolkit every TOML format of supple is checked with (routines, plans,
//! the config file, reminders): errors with their place ([`Diagnostic`]),
//! rendered the way rustc renders them ([`LoadError`]), syntax errors, unknown
//! keys with the closest allowed one, and whole numbers in any radix. Each
//! format keeps its own walker and rules; what they say alike is here, once.

pub mod diagnostic;
mod keys;

use toml::de::DeValue;

pub use diagnostic::{Diagnostic, LoadError, Position, Problem, position};
pub use keys::{closest, unknown_key, unknown_key_help, unknown_keys};

/// A value of a TOML document, with its place in the text.
pub type Value<'i> = toml::Spanned<DeValue<'i>>;

/// A file that is not TOML at all: toml's message on one line, at its place,
/// with `help` (which names where the format is described).
pub fn not_toml(err: &toml::de::Error, help: &str) -> Diagnostic {
    let message = err.message().trim().replace('\n', "; ");
    Diagnostic::new(
        err.span().unwrap_or(0..0),
        format!("this is not valid TOML: {message}"),
    )
    .with_help(help)
}

/// A TOML integer's value (written in any radix), if it is one that fits.
pub fn whole(value: &DeValue<'_>) -> Option<i64> {
    value
        .as_integer()
        .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok())
}
