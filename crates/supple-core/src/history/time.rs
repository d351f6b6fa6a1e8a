//! The times a record holds, read: the form supple writes them in
//! (`2026-12-07T04:35:11+01:00`, or with `Z`) told from its bytes, anything
//! else by jiff. Every record read is checked through its two times, and jiff's
//! parser (which knows every RFC 3339 and ISO 8601 form, fractions, time zone
//! annotations) cost about 500 instructions a time; this about a tenth of it.

use jiff::Timestamp;

/// `text` as an instant: what `text.parse::<Timestamp>()` gives, the same value
/// or the same error (a test holds the shortcut to it over random and edge
/// times).
pub fn parse_time(text: &str) -> Result<Timestamp, jiff::Error> {
    match plain(text.as_bytes()) {
        Some(t) => Ok(t),
        None => text.parse(),
    }
}

/// `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `+HH:MM`/`-HH:MM`, each value in
/// its everyday range (no leap second, an offset under a day); `None` for
/// anything else, which jiff then reads.
fn plain(b: &[u8]) -> Option<Timestamp> {
    let (stamp, zone) = b.split_at_checked(19)?;
    let offset = match zone {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (two(*h1, *h2)?, two(*m1, *m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let secs = hours * 3600 + minutes * 60;
            if *sign == b'-' { -secs } else { secs }
        }
        _ => return None,
    };
    let &[
        y1,
        y2,
        y3,
        y4,
        b'-',
        mo1,
        mo2,
        b'-',
        d1,
        d2,
        b'T',
        h1,
        h2,
        b':',
        mi1,
        mi2,
        b':',
        s1,
        s2,
    ] = stamp
    else {
        return None;
    };
    let year = two(y1, y2)? * 100 + two(y3, y4)?;
    let (month, day) = (two(mo1, mo2)?, two(d1, d2)?);
    let (hour, minute, second) = (two(h1, h2)?, two(mi1, mi2)?, two(s1, s2)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let secs =
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    Timestamp::from_second(secs).ok()
}

/// Two ASCII digits as a number.
fn two(tens: u8, ones: u8) -> Option<i64> {
    if tens.is_ascii_digit() && ones.is_ascii_digit() {
        Some(i64::from(tens - b'0') * 10 + i64::from(ones - b'0'))
    } else {
        None
    }
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard
/// Hinnant's `days_from_civil`, for years 0 to 9999).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The shortcut gives what jiff gives: the same instant, or an error.
    fn agrees(text: &str) -> Result<(), TestCaseError> {
        let full = text.parse::<Timestamp>();
        let quick = parse_time(text);
        prop_assert_eq!(quick.as_ref().ok(), full.as_ref().ok(), "{:?}", text);
        prop_assert_eq!(quick.is_err(), full.is_err(), "{:?}", text);
        Ok(())
    }

    /// Two digits, mostly in range, sometimes at or past an edge, now and then
    /// not digits at all.
    fn digits(
        usual: std::ops::RangeInclusive<u32>,
        edges: &'static [&'static str],
    ) -> impl Strategy<Value = String> {
        prop_oneof![
            6 => usual.prop_map(|n| format!("{n:02}")),
            2 => proptest::sample::select(edges).prop_map(str::to_owned),
            1 => "[0-9 a+:/-]{2}",
        ]
    }

    fn time() -> impl Strategy<Value = String> {
        let year = prop_oneof![
            6 => (1999u32..=2201).prop_map(|y| format!("{y:04}")),
            2 => proptest::sample::select(vec![
                "0000", "0001", "0399", "0400", "1600", "1700", "1900", "1970", "1969", "2000",
                "2100", "2400", "9999", "-2026", "+2026", "202", "20266", "2O26",
            ])
            .prop_map(str::to_owned),
            1 => (0u32..=9999).prop_map(|y| format!("{y:04}")),
        ];
        let sep = |usual: &'static str, others: &'static [&'static str]| prop_oneof![8 => Just(usual.to_owned()), 1 => proptest::sample::select(others).prop_map(str::to_owned)];
        let zone = prop_oneof![
            2 => Just("+00:00".to_owned()),
            1 => Just("Z".to_owned()),
            4 => (any::<bool>(), digits(0..=14, &["23", "24", "25", "26", "99"]), digits(0..=59, &["30", "45", "59", "60", "99"]))
                .prop_map(|(neg, h, m)| format!("{}{h}:{m}", if neg { '-' } else { '+' })),
            1 => proptest::sample::select(vec![
                "", "z", "+0100", "+01", "-00:00", "+01:00:00", "+01:00[Europe/Paris]",
                "Z[UTC]", "+1:00", " +01:00", "+01:00 ", "UTC", "+01:0",
            ])
            .prop_map(str::to_owned),
        ];
        let date = (
            year,
            sep("-", &["/", "", "_"]),
            digits(1..=12, &["00", "02", "13", "99"]),
            sep("-", &["/", ""]),
            digits(1..=28, &["00", "29", "30", "31", "32"]),
        )
            .prop_map(|(y, s1, mo, s2, d)| format!("{y}{s1}{mo}{s2}{d}"));
        let clock = (
            digits(0..=23, &["24", "25", "99"]),
            sep(":", &["", "."]),
            digits(0..=59, &["60", "61", "99"]),
            sep(":", &["", "."]),
            digits(0..=59, &["60", "61", "99"]),
            prop_oneof![8 => Just(String::new()), 1 => "\\.[0-9]{1,10}", 1 => Just(",5".to_owned())],
        )
            .prop_map(|(h, c1, mi, c2, s, frac)| format!("{h}{c1}{mi}{c2}{s}{frac}"));
        (date, sep("T", &["t", " ", "_", "TT"]), clock, zone)
            .prop_map(|(date, t, clock, zone)| format!("{date}{t}{clock}{zone}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Times near the form supple writes, at and past each edge.
        #[test]
        fn times_are_read_as_jiff_reads_them(text in time()) {
            agrees(&text)?;
        }

        /// Any instant of jiff's range, as supple writes it, in any offset.
        #[test]
        fn every_instant_written_is_read_back(
            secs in Timestamp::MIN.as_second()..=Timestamp::MAX.as_second(),
            offset in -(23 * 3600 + 59 * 60)..=(23 * 3600 + 59 * 60),
            round in any::<bool>(),
        ) {
            let offset = if round { offset / 900 * 900 } else { offset / 60 * 60 };
            let t = Timestamp::from_second(secs).unwrap();
            let offset = jiff::tz::Offset::from_seconds(offset).unwrap();
            let text = t.display_with_offset(offset).to_string();
            agrees(&text)?;
            if text.len() == 25 {
                prop_assert_eq!(plain(text.as_bytes()), Some(t), "{}", text);
            }
        }

        /// Any text at all.
        #[test]
        fn any_text_is_read_as_jiff_reads_it(text in "[0-9T:+Z-]{0,26}") {
            agrees(&text)?;
        }
    }

    #[test]
    fn the_edges_are_read_as_jiff_reads_them() {
        for text in [
            // Leap days: every fourth year, not every hundredth, every 400th.
            "2024-02-29T12:00:00+00:00",
            "2023-02-29T12:00:00+00:00",
            "1900-02-29T12:00:00+00:00",
            "2000-02-29T12:00:00+00:00",
            "2100-02-29T12:00:00+00:00",
            "2400-02-29T12:00:00+00:00",
            "1600-02-29T12:00:00Z",
            "2026-04-31T12:00:00Z",
            "2026-12-31T23:59:59-23:59",
            // The ends of jiff's range, and past them.
            "9999-12-30T22:00:00Z",
            "9999-12-30T22:00:01Z",
            "9999-12-31T23:59:59+00:00",
            "9999-12-31T23:59:59+23:59",
            "9999-12-31T23:59:59-23:59",
            "0000-01-01T00:00:00Z",
            "0000-01-01T00:00:00+23:59",
            "0000-01-01T00:00:00-23:59",
            "0000-01-01T00:00:00-00:00",
        ] {
            agrees(text).unwrap();
        }
    }

    #[test]
    fn the_form_supple_writes_takes_the_shortcut() {
        for text in [
            "2000-02-29T12:00:00+00:00",
            "2026-12-07T04:35:11+00:00",
            "2026-12-07T04:35:11Z",
            "2024-02-29T23:59:59-05:30",
            "2000-01-01T00:00:00+14:00",
            "2199-12-31T23:59:59-12:00",
        ] {
            assert_eq!(
                plain(text.as_bytes()),
                Some(text.parse().unwrap()),
                "{text}"
            );
        }
        for text in [
            "2026-02-29T04:35:11+00:00",
            "2026-12-07T04:35:60+00:00",
            "2026-12-07T04:35:11.5+00:00",
            "2026-12-07 04:35:11+00:00",
            "2026-12-07T04:35:11+24:00",
        ] {
            assert_eq!(plain(text.as_bytes()), None, "{text}");
        }
    }
}
