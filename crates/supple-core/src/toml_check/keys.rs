//! Unknown keys: every format (routines, plans, the config file) names the
//! closest allowed key and lists the keys allowed where the typo is.

use std::ops::Range;

use toml::de::DeTable;

use super::Diagnostic;

/// A diagnostic for each key of `table` not in `allowed`: `message` says what
/// is wrong ("unknown key 'hodl' in exercise 'Cat'"), the help names the
/// closest allowed key and the keys allowed in `scope` ("in an exercise").
pub fn unknown_keys(
    table: &DeTable<'_>,
    allowed: &[&str],
    scope: &str,
    message: impl Fn(&str) -> String,
) -> Vec<Diagnostic> {
    table
        .iter()
        .filter(|(key, _)| !allowed.contains(&key.get_ref().as_ref()))
        .map(|(key, _)| {
            unknown_key(
                key.span(),
                key.get_ref(),
                allowed,
                scope,
                message(key.get_ref()),
            )
        })
        .collect()
}

/// The diagnostic for one unknown `key` at `span` (see [`unknown_keys`]).
pub fn unknown_key(
    span: Range<usize>,
    key: &str,
    allowed: &[&str],
    scope: &str,
    message: String,
) -> Diagnostic {
    Diagnostic::new(span, message).with_help(unknown_key_help(key, allowed, scope))
}

/// How to fix an unknown key: the closest allowed one, and the keys allowed in
/// `scope` ("in an exercise"). Routines, plans and the config file say it alike.
pub fn unknown_key_help(key: &str, allowed: &[&str], scope: &str) -> String {
    match closest(key, allowed) {
        Some(best) => format!(
            "did you mean '{best}'? Keys allowed {scope}: {}",
            allowed.join(", ")
        ),
        None => format!("keys allowed {scope}: {}", allowed.join(", ")),
    }
}

/// The allowed key closest to a typo, if any is close enough.
pub fn closest<'a>(typo: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|k| (edit_distance(&typo.to_lowercase(), k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, counting an adjacent swap as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}
