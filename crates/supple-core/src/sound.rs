//! The sounds supple makes, as values: the app says which one, the shell plays it
//! (through the system's player, or as the terminal bell).

/// One sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sound {
    /// A new step of a routine: a short bell-like chime.
    Step,
    /// Each of the last three seconds of a hold: a quiet click, unlike the chime.
    Tick,
    /// An ice/heat pack switch, or the end: two notes, longer than a step's chime.
    Switch,
}

impl Sound {
    pub const ALL: [Sound; 3] = [Sound::Step, Sound::Tick, Sound::Switch];

    /// The file's name, with a version: a changed sound gets a new cache file.
    pub fn file_name(self) -> &'static str {
        match self {
            Sound::Step => "step-1",
            Sound::Tick => "tick-1",
            Sound::Switch => "switch-1",
        }
    }
}

/// `wav` (16-bit PCM with a 44-byte header, as supple's own sounds are) with each
/// sample scaled to `volume` percent. Other files come back unchanged.
pub fn at_volume(wav: &[u8], volume: u8) -> Vec<u8> {
    let mut out = wav.to_vec();
    let pcm16 = wav.len() > 44
        && wav.starts_with(b"RIFF")
        && wav.get(8..12) == Some(b"WAVE")
        && wav.get(34..36) == Some(&[16, 0])
        && wav.get(36..40) == Some(b"data");
    if !pcm16 || volume >= 100 {
        return out;
    }
    let scale = i32::from(volume);
    for pair in out[44..].chunks_exact_mut(2) {
        let sample = i32::from(i16::from_le_bytes([pair[0], pair[1]]));
        let scaled = i16::try_from(sample * scale / 100).unwrap_or(0);
        pair.copy_from_slice(&scaled.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volume_scales_samples_and_keeps_the_header() {
        let mut wav = b"RIFF\0\0\0\0WAVEfmt ".to_vec();
        wav.resize(34, 0);
        wav.extend_from_slice(&[16, 0]);
        wav.extend_from_slice(b"data\0\0\0\0");
        wav.extend_from_slice(&1000i16.to_le_bytes());
        wav.extend_from_slice(&(-2000i16).to_le_bytes());
        let half = at_volume(&wav, 50);
        assert_eq!(half[..44], wav[..44]);
        assert_eq!(
            half[44..],
            [500i16.to_le_bytes(), (-1000i16).to_le_bytes()].concat()
        );
        assert_eq!(at_volume(&wav, 100), wav);
        assert_eq!(at_volume(&wav, 0)[44..], [0; 4]);
        assert_eq!(
            at_volume(b"not a wav file at all", 10),
            b"not a wav file at all"
        );
    }
}
