//! Readings of the log that keep nothing of it: each record handed over as it
//! is read (`supple history --json`, `supple report --format csv`), with where
//! its line is, so a second reading can go back to what the first picked out.

use std::io;

use super::{Bounded, Opened, bounded_line, lines_of};
use crate::core::episode::EpisodeRecord;
use crate::core::history::{Log, Recent, Record, Skips, long_line, parse_line};

impl Opened {
    /// [`Opened::each_session`], with the number of the line each session is on
    /// (from 1, as the skipped lines are numbered).
    pub fn each_numbered_session(&self, mut f: impl FnMut(usize, Record)) -> io::Result<Skips> {
        let mut log = Log::default();
        lines_of(self.reader()?, &mut log, |line, number, log| {
            parse_line(line, number, log);
            for r in log.sessions.drain(..) {
                f(number, r);
            }
            log.episodes.clear();
            log.marks.clear();
        })?;
        Ok(log.skips)
    }

    /// Hands `f` the bytes of each line `wanted` asks for by its number, parsing
    /// none: a second reading that needs a few fields of lines the first one
    /// picked out (a line over [`MAX_LINE`](crate::core::history::MAX_LINE) is never handed over).
    pub fn each_line_numbered(
        &self,
        mut wanted: impl FnMut(usize) -> bool,
        mut f: impl FnMut(usize, &[u8]),
    ) -> io::Result<()> {
        let mut log = Log::default();
        lines_of(self.reader()?, &mut log, |line, number, _| {
            if wanted(number) {
                f(number, line);
            }
        })
    }

    /// The log's first `len` bytes, from the start.
    fn reader(&self) -> io::Result<impl io::Read> {
        self.reader_from(0)
    }

    /// The log's first `len` bytes, from byte `at`.
    fn reader_from(&self, at: u64) -> io::Result<impl io::Read> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = self.file.try_clone()?;
        file.seek(SeekFrom::Start(at.min(self.len)))?;
        Ok(file.take(self.len.saturating_sub(at)))
    }

    /// What [`read_recent`] reads of the log (every episode record, note, pain
    /// score and rating; the sessions that ended at `since` or later), handed to
    /// `f` one at a time as it is read, with where its line begins, and kept
    /// nowhere: `supple report --format csv` writes its rows so. The few
    /// pain-scored sessions from before `since` that Today keeps come last.
    /// Reading begins at `from` (a line's start and number, as an earlier
    /// reading handed them over; [`Place::START`] for the whole log). Returns
    /// the lines skipped.
    pub fn each_recent(
        &self,
        since: jiff::Timestamp,
        from: Place,
        mut f: impl FnMut(Place, Item),
    ) -> io::Result<Skips> {
        let mut reader = io::BufReader::with_capacity(64 * 1024, self.reader_from(from.at)?);
        let mut log = Log::default();
        let mut recent = Recent::new(since);
        let mut hand = |place: Place, log: &mut Log| {
            // One line gives one record at most: the order is the log's.
            log.sessions
                .drain(..)
                .map(Item::Session)
                .chain(log.episodes.drain(..).map(Item::Episode))
                .chain(log.marks.drain(..).map(Item::Mark))
                .for_each(|item| f(place, item));
        };
        let mut line = Vec::new();
        let mut place = from;
        loop {
            let Bounded {
                took,
                ended,
                too_long,
            } = bounded_line(&mut reader, &mut line)?;
            if ended && line.is_empty() {
                break;
            }
            if too_long {
                log.skips.push(long_line(place.number));
            } else {
                recent.line(&line, place.number, &mut log);
                hand(place, &mut log);
            }
            place = Place {
                at: place.at + took,
                number: place.number + 1,
            };
            if ended {
                break;
            }
        }
        recent.finish(&mut log);
        hand(place, &mut log);
        Ok(log.skips)
    }
}

/// Where a line of the log begins: its first byte and its number (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub at: u64,
    pub number: usize,
}

impl Place {
    /// The log's first line.
    pub const START: Place = Place { at: 0, number: 1 };
}

/// A record of the log, as [`Opened::each_recent`] hands them over.
#[derive(Debug)]
pub enum Item {
    Session(Record),
    Episode(EpisodeRecord),
    Mark(crate::core::history::mark::Mark),
}
