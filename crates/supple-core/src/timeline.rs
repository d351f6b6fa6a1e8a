//! How a routine unfolds in time: the one place that knows the order of lead-in,
//! sides, sets, reps, phases and rests.
//!
//! ```text
//! lead_in
//! for each exercise (a rest of the previous exercise's `rest` before all but the first):
//!   for each side (a `switch` before all but the first):
//!     for each set (a `set_rest` before all but the first):
//!       for each rep (a `rep_rest` before all but the first):
//!         one hold | the phases in order | one self-paced step
//! ```
//! Segments of zero duration are left out. The total is the sum of the timed
//! segments; self-paced segments have no duration and are counted apart.

use std::time::Duration;

use serde::Serialize;

use crate::routine::{Routine, SIDE, Work};

/// What a segment asks of the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Get ready before the first exercise.
    LeadIn,
    /// A timed hold.
    Hold,
    /// One timed phase of a rep (an inhale, an exhale...).
    Phase,
    /// A rep at the person's own pace, confirmed by a key press.
    SelfPaced,
    /// The pause between two reps.
    RepRest,
    /// The rest between two sets.
    SetRest,
    /// The pause to change sides.
    Switch,
    /// The rest between two exercises.
    Rest,
}

impl Segment {
    /// The set and the rep under way, worth showing beside the step ("set 1/2",
    /// "rep 3/10"): a rest's upcoming set or rep is left to its own words ("Relax.
    /// Next: rep 2 of 5"), so it is not also shown as the one under way.
    pub fn under_way(&self) -> (Option<Counter>, Option<Counter>) {
        let many = |c: Option<Counter>| c.filter(|c| c.of > 1);
        match self.kind {
            Kind::RepRest => (many(self.set), None),
            Kind::SetRest => (None, None),
            _ => (many(self.set), many(self.rep)),
        }
    }
}

impl Kind {
    /// True for the segments where the person does the exercise.
    pub fn is_work(self) -> bool {
        matches!(self, Kind::Hold | Kind::Phase | Kind::SelfPaced)
    }

    /// The label shown to people and used in `plan`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::LeadIn => "get ready",
            Kind::Hold => "hold",
            Kind::Phase => "move",
            Kind::SelfPaced => "reps",
            Kind::RepRest => "relax",
            Kind::SetRest => "set rest",
            Kind::Switch => "switch",
            Kind::Rest => "rest",
        }
    }
}

/// "3 of 10".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counter {
    pub n: u32,
    pub of: u32,
}

impl Counter {
    fn new(n: usize, of: usize) -> Counter {
        let clamp = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        Counter {
            n: clamp(n),
            of: clamp(of),
        }
    }
}

/// One step of a routine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: Kind,
    /// The exercise this segment belongs to; for the lead-in and for rests between
    /// exercises, the exercise that comes next.
    pub exercise: usize,
    /// The side, when the exercise is done per side (the upcoming side for a switch).
    pub side: Option<Counter>,
    /// The set (the upcoming set for a set rest).
    pub set: Option<Counter>,
    /// The rep (the upcoming rep for a rep rest).
    pub rep: Option<Counter>,
    /// The phase within the rep, for phase segments.
    pub phase: Option<Counter>,
    /// What to do now, in a few words.
    pub cue: String,
    /// `None` for a self-paced rep.
    pub duration: Option<Duration>,
    /// The timed time before this segment starts (self-paced steps count as zero).
    pub start: Duration,
}

/// A routine laid out as segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub routine: Routine,
    segments: Vec<Segment>,
    /// `after[i]`: timed time of the segments after segment `i`.
    after: Vec<Duration>,
    /// `paced_from[i]`: self-paced steps from segment `i` on.
    paced_from: Vec<u32>,
    /// Index of the first segment of each exercise (its first work or switch step).
    exercise_start: Vec<usize>,
    total: Duration,
    self_paced: usize,
}

impl Timeline {
    /// Lays out a routine.
    pub fn new(routine: Routine) -> Timeline {
        let mut b = Builder::default();
        b.push(Kind::LeadIn, 0, Some(routine.lead_in), |_| {
            format!("Get ready: {}", first_name(&routine))
        });
        let mut exercise_start = Vec::with_capacity(routine.exercises.len());
        for (ei, ex) in routine.exercises.iter().enumerate() {
            if ei > 0 {
                let rest = routine.exercises[ei - 1].rest;
                b.push(Kind::Rest, ei, Some(rest), |_| {
                    format!("Rest. Next: {}", ex.name)
                });
            }
            exercise_start.push(b.segments.len());
            let sides = ex.sides.len().max(1);
            for si in 0..sides {
                b.side = (!ex.sides.is_empty()).then(|| Counter::new(si + 1, sides));
                b.set = None;
                b.rep = None;
                if si > 0 {
                    b.push(Kind::Switch, ei, Some(ex.switch), |_| {
                        format!("Switch to the {} side", ex.sides[si])
                    });
                }
                let sets = ex.sets as usize;
                for set in 1..=sets {
                    b.set = Some(Counter::new(set, sets));
                    b.rep = None;
                    if set > 1 {
                        b.push(Kind::SetRest, ei, Some(ex.set_rest), |_| {
                            format!("Rest before set {set} of {sets}")
                        });
                    }
                    let reps = ex.reps as usize;
                    for rep in 1..=reps {
                        b.rep = Some(Counter::new(rep, reps));
                        if rep > 1 {
                            b.push(Kind::RepRest, ei, Some(ex.rep_rest), |_| {
                                format!("Relax. Next: rep {rep} of {reps}")
                            });
                        }
                        match &ex.work {
                            Work::Hold(d) => b.push(Kind::Hold, ei, Some(*d), |_| {
                                if ex.is_walk() { "Walk" } else { "Hold" }.into()
                            }),
                            Work::Phases(phases) => {
                                for (pi, p) in phases.iter().enumerate() {
                                    b.phase = Some(Counter::new(pi + 1, phases.len()));
                                    b.push(Kind::Phase, ei, Some(p.time), |_| p.cue.clone());
                                }
                                b.phase = None;
                            }
                            Work::SelfPaced => b.push(Kind::SelfPaced, ei, None, |_| {
                                "At your own pace; press Enter when the rep is done".into()
                            }),
                        }
                    }
                }
            }
            b.side = None;
            b.set = None;
            b.rep = None;
        }
        let mut after = vec![Duration::ZERO; b.segments.len()];
        let mut paced_from = vec![0; b.segments.len()];
        let mut acc = Duration::ZERO;
        let mut paced = 0u32;
        for (i, seg) in b.segments.iter().enumerate().rev() {
            after[i] = acc;
            acc = acc.saturating_add(seg.duration.unwrap_or_default());
            paced = paced.saturating_add(u32::from(seg.duration.is_none()));
            paced_from[i] = paced;
        }
        Timeline {
            routine,
            after,
            paced_from,
            exercise_start,
            total: b.elapsed,
            self_paced: b.self_paced,
            segments: b.segments,
        }
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    pub fn get(&self, index: usize) -> Option<&Segment> {
        self.segments.get(index)
    }

    pub fn len(&self) -> usize {
        self.segments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// The sum of every timed segment.
    pub fn total(&self) -> Duration {
        self.total
    }

    /// How many self-paced steps there are.
    pub fn self_paced(&self) -> usize {
        self.self_paced
    }

    /// Timed time of all segments after `index`.
    pub fn remaining_after(&self, index: usize) -> Duration {
        self.after.get(index).copied().unwrap_or_default()
    }

    /// Self-paced steps from segment `index` on (the current one included).
    pub fn self_paced_from(&self, index: usize) -> u32 {
        self.paced_from.get(index).copied().unwrap_or(0)
    }

    /// The index of the first segment of exercise `exercise` (clamped to the last
    /// segment, for an exercise that has no segment of its own).
    pub fn exercise_start(&self, exercise: usize) -> usize {
        let last = self.segments.len().saturating_sub(1);
        self.exercise_start
            .get(exercise)
            .copied()
            .unwrap_or(0)
            .min(last)
    }

    /// The side's name for a segment, if the exercise is done per side.
    pub fn side_name(&self, seg: &Segment) -> Option<&str> {
        let side = seg.side?;
        let ex = self.routine.exercises.get(seg.exercise)?;
        ex.sides.get(side.n as usize - 1).map(String::as_str)
    }

    /// The cues of the exercise a segment belongs to, with `{side}` written as the
    /// side it is on ("draw your left knee in").
    pub fn cues(&self, seg: &Segment) -> Vec<String> {
        let Some(ex) = self.routine.exercises.get(seg.exercise) else {
            return Vec::new();
        };
        let side = self
            .side_name(seg)
            .or_else(|| ex.sides.first().map(String::as_str));
        ex.cues
            .iter()
            .map(|c| match side {
                Some(side) => c.replace(SIDE, side),
                None => c.clone(),
            })
            .collect()
    }

    /// True for a timed step spent walking (an exercise drawn as a walk): it
    /// is said as walking, not holding.
    pub fn is_walk(&self, seg: &Segment) -> bool {
        seg.kind == Kind::Hold
            && self
                .routine
                .exercises
                .get(seg.exercise)
                .is_some_and(|e| e.is_walk())
    }

    /// What a step asks, in a word: "walk" for a walk step, else its kind's label.
    pub fn step_word(&self, seg: &Segment) -> &'static str {
        if self.is_walk(seg) {
            "walk"
        } else {
            seg.kind.label()
        }
    }

    /// The name of the exercise a segment belongs to.
    pub fn exercise_name(&self, seg: &Segment) -> &str {
        self.routine
            .exercises
            .get(seg.exercise)
            .map_or("", |e| e.name.as_str())
    }
}

fn first_name(routine: &Routine) -> &str {
    routine.exercises.first().map_or("", |e| e.name.as_str())
}

#[derive(Default)]
struct Builder {
    segments: Vec<Segment>,
    elapsed: Duration,
    self_paced: usize,
    side: Option<Counter>,
    set: Option<Counter>,
    rep: Option<Counter>,
    phase: Option<Counter>,
}

impl Builder {
    fn push(
        &mut self,
        kind: Kind,
        exercise: usize,
        duration: Option<Duration>,
        cue: impl FnOnce(&Self) -> String,
    ) {
        if duration.is_some_and(|d| d.is_zero()) {
            return;
        }
        let within = !matches!(kind, Kind::LeadIn | Kind::Rest);
        let seg = Segment {
            kind,
            exercise,
            side: self.side.filter(|_| within),
            set: self.set.filter(|_| within && kind != Kind::Switch),
            rep: self
                .rep
                .filter(|_| within && !matches!(kind, Kind::Switch | Kind::SetRest)),
            phase: self.phase,
            cue: cue(self),
            duration,
            start: self.elapsed,
        };
        match duration {
            Some(d) => self.elapsed = self.elapsed.saturating_add(d),
            None => self.self_paced += 1,
        }
        self.segments.push(seg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routine::{Totals, parse};

    fn timeline(src: &str) -> Timeline {
        Timeline::new(parse(src).unwrap())
    }

    fn kinds(t: &Timeline) -> Vec<Kind> {
        t.segments().iter().map(|s| s.kind).collect()
    }

    const ONE: &str = "name = \"t\"\nlead_in = \"5s\"\nrest = \"10s\"\nswitch = \"5s\"\n";

    #[test]
    fn lead_in_then_exercises_with_rests_between_but_not_after() {
        let t = timeline(&format!(
            "{ONE}[[exercise]]\nname = \"a\"\nhold = \"30s\"\n[[exercise]]\nname = \"b\"\nhold = \"45s\"\nrest = \"20s\"\n"
        ));
        assert_eq!(
            kinds(&t),
            [Kind::LeadIn, Kind::Hold, Kind::Rest, Kind::Hold]
        );
        assert_eq!(t.total(), Duration::from_secs(5 + 30 + 10 + 45));
        assert_eq!(t.segments()[2].cue, "Rest. Next: b");
        assert_eq!(t.segments()[2].exercise, 1);
    }

    #[test]
    fn the_rest_comes_from_the_earlier_exercise() {
        let t = timeline(&format!(
            "{ONE}[[exercise]]\nname = \"a\"\nhold = \"1s\"\nrest = \"20s\"\n[[exercise]]\nname = \"b\"\nhold = \"1s\"\nrest = \"99s\"\n"
        ));
        assert_eq!(t.segments()[2].duration, Some(Duration::from_secs(20)));
        assert_eq!(t.total(), Duration::from_secs(5 + 1 + 20 + 1));
    }

    #[test]
    fn sides_sets_reps_nest_with_their_rests() {
        // 2 sides x 2 sets x 3 reps of 10s, rep_rest 3s, set_rest 30s, switch 5s.
        let t = timeline(&format!(
            "{ONE}[[exercise]]\nname = \"k\"\nsides = [\"left\", \"right\"]\nsets = 2\nreps = 3\nhold = \"10s\"\nrep_rest = \"3s\"\nset_rest = \"30s\"\n"
        ));
        let per_set = 3 * 10 + 2 * 3;
        let per_side = 2 * per_set + 30;
        assert_eq!(t.total(), Duration::from_secs(5 + 2 * per_side + 5));
        let sw = t
            .segments()
            .iter()
            .find(|s| s.kind == Kind::Switch)
            .unwrap();
        assert_eq!(sw.cue, "Switch to the right side");
        assert_eq!(sw.side, Some(Counter { n: 2, of: 2 }));
        assert_eq!(t.side_name(sw), Some("right"));
        let holds = t.segments().iter().filter(|s| s.kind == Kind::Hold).count();
        assert_eq!(holds, 12);
        let last = t.segments().last().unwrap();
        assert_eq!(last.set, Some(Counter { n: 2, of: 2 }));
        assert_eq!(last.rep, Some(Counter { n: 3, of: 3 }));
    }

    #[test]
    fn phases_walk_in_order_within_each_rep() {
        let t = timeline(&format!(
            "{ONE}[[exercise]]\nname = \"cc\"\nreps = 2\nphases = [{{ cue = \"in\", time = \"4s\" }}, {{ cue = \"out\", time = \"6s\" }}]\n"
        ));
        let cues: Vec<&str> = t.segments().iter().map(|s| s.cue.as_str()).collect();
        assert_eq!(cues, ["Get ready: cc", "in", "out", "in", "out"]);
        assert_eq!(t.segments()[2].phase, Some(Counter { n: 2, of: 2 }));
        assert_eq!(t.total(), Duration::from_secs(5 + 20));
    }

    #[test]
    fn self_paced_reps_count_apart() {
        let t = timeline(&format!("{ONE}[[exercise]]\nname = \"p\"\nreps = 10\n"));
        assert_eq!(t.self_paced(), 10);
        assert_eq!(t.total(), Duration::from_secs(5));
        assert!(t.segments()[1..].iter().all(|s| s.duration.is_none()));
    }

    #[test]
    fn zero_length_segments_are_left_out() {
        let t = timeline(
            "name = \"z\"\nlead_in = \"0s\"\nrest = \"0s\"\n[[exercise]]\nname = \"a\"\nhold = \"2s\"\nreps = 2\n[[exercise]]\nname = \"b\"\nhold = \"2s\"\n",
        );
        assert_eq!(kinds(&t), [Kind::Hold, Kind::Hold, Kind::Hold]);
        assert_eq!(t.exercise_start(1), 2);
    }

    #[test]
    fn starts_and_remaining_add_up() {
        let t = timeline(&format!(
            "{ONE}[[exercise]]\nname = \"a\"\nreps = 3\nhold = \"7s\"\nrep_rest = \"2s\"\n"
        ));
        for (i, s) in t.segments().iter().enumerate() {
            let d = s.duration.unwrap_or_default();
            assert_eq!(s.start + d + t.remaining_after(i), t.total());
        }
    }

    #[test]
    fn totals_match_the_layout() {
        let t = timeline(&format!(
            "{ONE}[[exercise]]\nname = \"k\"\nsides = [\"l\", \"r\", \"c\"]\nsets = 3\nreps = 4\nphases = [{{ cue = \"a\", time = \"1s\" }}, {{ cue = \"b\", time = \"2s\" }}]\nrep_rest = \"1s\"\n[[exercise]]\nname = \"p\"\nreps = 5\nsets = 2\n"
        ));
        let totals = Totals::of(&t.routine).unwrap();
        assert_eq!(totals.timed, t.total());
        assert_eq!(totals.self_paced, t.self_paced() as u64);
        assert_eq!(totals.steps, t.len() as u64);
    }
}
