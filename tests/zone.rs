#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The system's time zone read from the file that names it (`store::zone`),
//! without jiff's database: the same zone jiff finds, for every way `TZ` and
//! /etc/localtime name one; what it does not understand is left to jiff.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use supple::store::zone::read;

const DIR: &str = "/usr/share/zoneinfo";

/// The zone's offsets over two years, and its name.
fn looks(tz: &TimeZone) -> (Option<String>, Vec<i32>) {
    let start = jiff::Timestamp::constant(1_767_225_600, 0);
    let offsets = (0..730)
        .map(|d| {
            let t = start + jiff::SignedDuration::from_hours(24 * d);
            tz.to_offset(t).seconds()
        })
        .collect();
    (tz.iana_name().map(str::to_owned), offsets)
}

fn folder(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("zone-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_named_zone_is_the_one_jiff_finds() {
    let nowhere = Path::new("/nonexistent/localtime");
    for name in [
        "UTC",
        "Europe/Berlin",
        "America/New_York",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "Etc/GMT+5",
    ] {
        let ours = read(Some(name), nowhere, Path::new(DIR));
        match TimeZone::get(name) {
            Ok(jiffs) => {
                let ours = ours.unwrap_or_else(|| panic!("{name}: not read"));
                assert_eq!(looks(&ours), looks(&jiffs), "{name}");
                let colon = read(Some(&format!(":{name}")), nowhere, Path::new(DIR)).unwrap();
                assert_eq!(looks(&colon), looks(&jiffs), ":{name}");
                let path = format!("{DIR}/{name}");
                let by_path = read(Some(&path), nowhere, Path::new(DIR)).unwrap();
                assert_eq!(looks(&by_path), looks(&jiffs), "{path}");
            }
            // No zone files here (a minimal system): neither finds it.
            Err(_) => assert!(ours.is_none(), "{name}"),
        }
    }
}

#[test]
fn what_is_not_a_zone_name_is_left_to_jiff() {
    let nowhere = Path::new("/nonexistent/localtime");
    for tz in [
        "EST5EDT,M3.2.0,M11.1.0",
        "../../etc/passwd",
        "Europe/../../../etc/passwd",
        "",
        "No/Such_Zone",
        "Europe//Berlin",
        "/etc/passwd",
    ] {
        assert!(read(Some(tz), nowhere, Path::new(DIR)).is_none(), "{tz:?}");
    }
}

#[test]
fn localtime_as_a_link_names_its_zone_and_a_copy_is_left_to_jiff() {
    let Ok(jiffs) = TimeZone::get("Europe/Berlin") else {
        // No zone files here: nothing to link to; the link's reading is
        // then that there is no zone.
        let dir = folder("none");
        let link = dir.join("localtime");
        std::os::unix::fs::symlink(format!("{DIR}/Europe/Berlin"), &link).unwrap();
        assert!(read(None, &link, Path::new(DIR)).is_none());
        return;
    };
    let dir = folder("link");
    let link = dir.join("localtime");
    std::os::unix::fs::symlink(format!("{DIR}/Europe/Berlin"), &link).unwrap();
    let ours = read(None, &link, Path::new(DIR)).unwrap();
    assert_eq!(looks(&ours), looks(&jiffs));
    assert_eq!(ours.iana_name(), Some("Europe/Berlin"));
    // A copy says no name: jiff decides.
    let copy = dir.join("copy");
    std::fs::copy(format!("{DIR}/Europe/Berlin"), &copy).unwrap();
    assert!(read(None, &copy, Path::new(DIR)).is_none());
    // A link to a FIFO is never waited on.
    let fifo = dir.join("zoneinfo/Bad");
    std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let bad = dir.join("bad");
        std::os::unix::fs::symlink(&fifo, &bad).unwrap();
        assert!(read(None, &bad, Path::new(DIR)).is_none());
    }
}
