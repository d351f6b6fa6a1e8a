//! The system's time zone, read from the one file that names it (`TZ`, or the
//! link /etc/localtime) instead of through jiff's database, which indexes every
//! file under the zoneinfo folder the first time it is used: about 40 folder
//! reads and a millisecond at every start, a fifth of what a start costs. What
//! this does not understand (a POSIX rule in `TZ`, an /etc/localtime that is a
//! copy, not a link, a missing file) is left to jiff, as before.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

/// A zone file is a few kilobytes; a larger one is not read.
const ZONE_FILE: crate::store::file::Kind = crate::store::file::Kind {
    noun: "time zone file",
    max: 1024 * 1024,
};

/// The system's time zone.
pub fn system() -> TimeZone {
    let dir = std::env::var_os("TZDIR")
        .map(PathBuf::from)
        .filter(|d| d.is_absolute())
        .unwrap_or_else(|| PathBuf::from("/usr/share/zoneinfo"));
    let tz = std::env::var("TZ").ok();
    read(tz.as_deref(), Path::new("/etc/localtime"), &dir).unwrap_or_else(TimeZone::system)
}

/// The zone `TZ` (its value, if set) names, else the one `localtime` links
/// to, with zone files in `dir`; `None` when jiff should decide.
pub fn read(tz: Option<&str>, localtime: &Path, dir: &Path) -> Option<TimeZone> {
    let Some(tz) = tz else {
        // A link into a zoneinfo folder: the zone's name is the rest of it.
        let target = std::fs::read_link(localtime).ok()?;
        let target = target.to_str()?;
        let (_, name) = target.rsplit_once("zoneinfo/")?;
        return tzif(name, localtime);
    };
    let tz = tz.strip_prefix(':').unwrap_or(tz);
    if tz.starts_with('/') {
        let (_, name) = tz.rsplit_once("zoneinfo/")?;
        return tzif(name, Path::new(tz));
    }
    if !is_name(tz) {
        return None;
    }
    tzif(tz, &dir.join(tz))
}

/// An IANA zone name as a file under the zoneinfo folder: "Europe/Berlin",
/// "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5"; never "..", an empty
/// part or a POSIX rule ("EST5EDT,M3.2.0,M11.1.0" has a comma).
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() < 256
        && s.split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'_' | b'-' | b'+'))
}

fn tzif(name: &str, path: &Path) -> Option<TimeZone> {
    if !is_name(name) {
        return None;
    }
    let bytes = crate::store::file::read(path, ZONE_FILE).ok()?;
    TimeZone::tzif(name, &bytes).ok()
}
