//! Numbers as the kept files write them (the home screen's kept sessions,
//! `brief/kept.rs`, and the history screen's kept figures, `stats/kept.rs`): each
//! in base 32, lowest digits first, one character a digit from the base64
//! alphabet (`A`-`Z`, `a`-`z`, `0`-`9`, `+`, `/`). The low five bits of a
//! character's value are the digit and the sixth says another digit follows, so
//! a text of numbers needs no separators and no escaping in JSON, and reading a
//! number is a table lookup and a shift a character. A start reads a thousand
//! numbers and more this way.
//!
//! A character outside the alphabet, a text that ends inside a number, or a
//! number past 64 bits is an error, never a guess.

/// The characters, by value.
pub(crate) const ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Each byte's value in [`ALPHABET`]; `NOT` for the others.
const VALUE: [u8; 256] = {
    let mut t = [NOT; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};
const NOT: u8 = 0xff;
const MORE: u8 = 0b10_0000;

/// FNV-1a's offset basis: where [`fnv_words`] starts.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// `h` carried over `bytes` by FNV-1a's step, eight bytes (a little-endian
/// word) a step and the rest a byte at a time: each step changes the hash one
/// to one, so a change of any one word always shows. The kept files' checksums
/// (of the log's ends, and of a kept text) are this; a word a step takes a
/// quarter of the time of a byte a step.
pub fn fnv_words(mut h: u64, bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        h = (h ^ word).wrapping_mul(PRIME);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    h
}

/// Appends `n` to `out`.
pub(crate) fn write(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let digit = (n & 0b1_1111) as u8;
        n >>= 5;
        if n == 0 {
            out.push(ALPHABET[usize::from(digit)]);
            return;
        }
        out.push(ALPHABET[usize::from(digit | MORE)]);
    }
}

/// Appends `n` as a number that may not be there: 0 none, else the value plus 1
/// (the largest value saturates).
pub(crate) fn write_opt(out: &mut Vec<u8>, n: Option<u64>) {
    write(out, n.map_or(0, |n| n.saturating_add(1)));
}

/// Reads the numbers of a text in order, in one pass.
pub(crate) struct Numbers<'a> {
    text: &'a [u8],
    at: usize,
}

impl<'a> Numbers<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Numbers<'a> {
        Numbers { text, at: 0 }
    }

    /// Where the next number begins, in bytes.
    pub(crate) fn at(&self) -> usize {
        self.at
    }

    /// How many characters are left: the most numbers the text still holds.
    pub(crate) fn left(&self) -> usize {
        self.text.len() - self.at
    }

    /// The next number; `None` past the text, at a character outside the
    /// alphabet, or past 64 bits.
    #[inline(always)]
    pub(crate) fn next(&mut self) -> Option<u64> {
        let v = VALUE[usize::from(*self.text.get(self.at)?)];
        self.at += 1;
        // Most numbers are one character (a pain score, a kind, a step of one).
        if v < MORE {
            return Some(u64::from(v));
        }
        self.wide(v)
    }

    /// The next number as a `T`; `None` when it does not fit.
    #[inline(always)]
    pub(crate) fn small<T: TryFrom<u64>>(&mut self) -> Option<T> {
        T::try_from(self.next()?).ok()
    }

    /// The next number as [`write_opt`] wrote it: `Some(None)` for 0, else the
    /// value less 1 as a `T`; `None` when it does not fit.
    #[inline(always)]
    pub(crate) fn opt<T: TryFrom<u64>>(&mut self) -> Option<Option<T>> {
        match self.next()? {
            0 => Some(None),
            v => T::try_from(v - 1).ok().map(Some),
        }
    }

    /// [`Numbers::next`] past its first character, `first`.
    fn wide(&mut self, first: u8) -> Option<u64> {
        if first == NOT {
            return None;
        }
        let mut n = u64::from(first & 0b1_1111);
        let mut shift = 5u32;
        loop {
            let v = VALUE[usize::from(*self.text.get(self.at)?)];
            self.at += 1;
            if v == NOT {
                return None;
            }
            let digit = u64::from(v & 0b1_1111);
            // The last digit a u64 has room for holds its top 4 bits.
            if shift == 60 && digit > 0b1111 {
                return None;
            }
            n |= digit << shift;
            if v & MORE == 0 {
                return Some(n);
            }
            shift += 5;
            if shift > 60 {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<Vec<u64>> {
        let mut numbers = Numbers::new(text.as_bytes());
        let mut out = Vec::new();
        while numbers.left() > 0 {
            out.push(numbers.next()?);
        }
        Some(out)
    }

    #[test]
    fn the_widest_numbers_and_one_past_them() {
        let mut out = Vec::new();
        for n in [0, 31, 32, u64::from(u32::MAX), u64::MAX] {
            write(&mut out, n);
        }
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            read(&text),
            Some(vec![0, 31, 32, u64::from(u32::MAX), u64::MAX])
        );
        // u64::MAX is twelve full digits and a last of four bits: "P" (15) fits,
        // "Q" (16) is past 64 bits, and a thirteenth digit more is too.
        assert_eq!(read(&format!("{}P", "/".repeat(12))), Some(vec![u64::MAX]));
        assert_eq!(read(&format!("{}Q", "/".repeat(12))), None);
        assert_eq!(read(&format!("{}/B", "/".repeat(12))), None);
        // Cut inside a number, or a character outside the alphabet.
        assert_eq!(read("g"), None);
        for bad in ["=", " ", "-", "é", ";", "\""] {
            assert_eq!(read(&format!("A{bad}")), None, "{bad}");
            assert_eq!(read(&format!("g{bad}B")), None, "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_numbers_read_back_as_written(numbers in proptest::collection::vec(proptest::num::u64::ANY, 0..50)) {
            let mut out = Vec::new();
            for &n in &numbers {
                write(&mut out, n);
            }
            proptest::prop_assert!(out.iter().all(|b| ALPHABET.contains(b)));
            let text = String::from_utf8(out).unwrap();
            proptest::prop_assert_eq!(read(&text), Some(numbers));
        }
    }
}
