//! Plain-text pose drawings, embedded from `assets/poses/NAME.txt`.
//!
//! A drawing has one or more frames separated by a line holding only `---`; an
//! exercise with phases shows frame `i` during phase `i` (wrapping around). Every
//! frame is at most [`MAX_LINES`] lines tall.

/// The tallest frame allowed.
pub const MAX_LINES: usize = 12;

const POSES: &[(&str, &str)] = &[
    ("cat-cow", include_str!("../assets/poses/cat-cow.txt")),
    (
        "childs-pose",
        include_str!("../assets/poses/childs-pose.txt"),
    ),
    (
        "pelvic-tilt",
        include_str!("../assets/poses/pelvic-tilt.txt"),
    ),
    (
        "knee-to-chest",
        include_str!("../assets/poses/knee-to-chest.txt"),
    ),
    (
        "double-knee-to-chest",
        include_str!("../assets/poses/double-knee-to-chest.txt"),
    ),
    (
        "glute-bridge",
        include_str!("../assets/poses/glute-bridge.txt"),
    ),
    ("plank", include_str!("../assets/poses/plank.txt")),
    ("neck-tilt", include_str!("../assets/poses/neck-tilt.txt")),
    (
        "shoulder-roll",
        include_str!("../assets/poses/shoulder-roll.txt"),
    ),
    (
        "seated-twist",
        include_str!("../assets/poses/seated-twist.txt"),
    ),
    (
        "overhead-reach",
        include_str!("../assets/poses/overhead-reach.txt"),
    ),
    (
        "chest-opener",
        include_str!("../assets/poses/chest-opener.txt"),
    ),
    ("walk", include_str!("../assets/poses/walk.txt")),
    ("breathing", include_str!("../assets/poses/breathing.txt")),
];

/// A pose drawing split into frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pose {
    pub name: &'static str,
    text: &'static str,
}

impl Pose {
    /// The frames, each a list of lines without trailing blank lines.
    pub fn frames(&self) -> Vec<Vec<&'static str>> {
        self.text
            .split("\n---\n")
            .map(|frame| {
                let mut lines: Vec<&str> = frame.lines().collect();
                while lines.last().is_some_and(|l| l.trim().is_empty()) {
                    lines.pop();
                }
                lines
            })
            .collect()
    }

    /// The frame to show during phase `phase` (0-based), wrapping around.
    pub fn frame(&self, phase: usize) -> Vec<&'static str> {
        let mut frames = self.frames();
        let n = frames.len().max(1);
        frames.swap_remove(phase % n)
    }
}

/// The drawing called `name`, if there is one.
pub fn get(name: &str) -> Option<Pose> {
    POSES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(name, text)| Pose { name, text })
}

/// Every drawing's name, in a stable order.
pub fn names() -> impl Iterator<Item = &'static str> {
    POSES.iter().map(|(n, _)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::find_forbidden;

    #[test]
    fn every_drawing_is_small_clean_and_nonempty() {
        for name in names() {
            let pose = get(name).unwrap();
            for frame in pose.frames() {
                assert!(!frame.is_empty(), "{name} has an empty frame");
                assert!(frame.len() <= MAX_LINES, "{name} is {} lines", frame.len());
                for line in frame {
                    assert!(find_forbidden(line).is_none(), "{name}: {line:?}");
                    assert!(line.chars().count() <= 40, "{name} is too wide: {line:?}");
                }
            }
        }
    }

    #[test]
    fn cat_cow_has_a_frame_per_phase() {
        let pose = get("cat-cow").unwrap();
        assert_eq!(pose.frames().len(), 2);
        assert_ne!(pose.frame(0), pose.frame(1));
        assert_eq!(pose.frame(2), pose.frame(0));
    }
}
