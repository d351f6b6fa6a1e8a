//! supple's sounds, shipped inside the binary and written to the cache folder
//! once (at each volume asked for), for the system's player to read.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::core::sound::{Sound, at_volume};
use crate::store::file;

/// A cached sound: supple's largest is 40 KB.
const SOUND: file::Kind = file::Kind {
    noun: "sound file",
    max: 256 * 1024,
};

fn bytes(sound: Sound) -> &'static [u8] {
    match sound {
        Sound::Step => include_bytes!("../../assets/sounds/step.wav"),
        Sound::Tick => include_bytes!("../../assets/sounds/tick.wav"),
        Sound::Switch => include_bytes!("../../assets/sounds/switch.wav"),
    }
}

/// The file of `sound` at `volume` percent in `cache_dir/sounds`, written there
/// if it is not there already (or is not what supple wrote: it is replaced).
pub fn cached(cache_dir: &Path, sound: Sound, volume: u8) -> io::Result<PathBuf> {
    let volume = volume.min(100);
    let path = cache_dir
        .join("sounds")
        .join(format!("{}-{volume}.wav", sound.file_name()));
    let wanted = at_volume(bytes(sound), volume);
    // A regular file holding exactly the sound: anything else there is replaced
    // (a link is never followed into someone else's file).
    let fine = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
        && file::read(&path, SOUND).is_ok_and(|bytes| bytes == wanted);
    if !fine {
        file::write_atomic(&path, &wanted)?;
    }
    Ok(path)
}

/// Every sound's file at `volume`, in [`Sound::ALL`] order, in the cache folder
/// (for `shell::sound`).
pub fn files(volume: u8) -> Result<Vec<PathBuf>, String> {
    let cache = crate::store::paths::cache_dir()
        .ok_or("No cache folder for the sounds ($HOME is not set): no chimes")?;
    Sound::ALL
        .iter()
        .map(|&s| cached(&cache, s, volume))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            format!(
                "Could not write the sounds into {} ({}): no chimes",
                cache.display(),
                file::io_reason(&e)
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sound_is_written_once_and_replaced_when_damaged() {
        let scratch = crate::scratch::Scratch::new("sounds");
        // Not made yet: the first sound makes it.
        let dir = scratch.join("cache");
        let step = cached(&dir, Sound::Step, 80).unwrap();
        assert!(step.ends_with("sounds/step-1-80.wav"));
        let written = fs::metadata(&step).unwrap().modified().unwrap();
        assert_eq!(cached(&dir, Sound::Step, 80).unwrap(), step);
        assert_eq!(fs::metadata(&step).unwrap().modified().unwrap(), written);
        let mut same_length = fs::read(&step).unwrap();
        same_length[100] ^= 0xff;
        fs::write(&step, &same_length).unwrap();
        cached(&dir, Sound::Step, 80).unwrap();
        assert_eq!(fs::read(&step).unwrap(), at_volume(bytes(Sound::Step), 80));
        fs::write(&step, b"damaged").unwrap();
        cached(&dir, Sound::Step, 80).unwrap();
        assert_eq!(fs::read(&step).unwrap(), at_volume(bytes(Sound::Step), 80));
        for s in Sound::ALL {
            assert!(bytes(s).starts_with(b"RIFF"), "{s:?}");
        }
    }
}
