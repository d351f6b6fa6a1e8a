//! The home screen: the routines (bundled and the person's own) and the three
//! pack timers, with a filter.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{Action, Go, Reply, TextLine, TodayPanel};
use crate::core::history::Record;
use crate::core::library::Entry;
use crate::core::pack;
use crate::core::plan::Activity;
use crate::core::timeline::Timeline;

/// The longest filter on the home screen, in characters: longer would match
/// nothing, and a flood of keys must not grow it without end.
pub const FILTER_MAX: usize = 40;

/// One line of the home list.
#[derive(Debug, Clone)]
pub enum HomeItem {
    /// Row `n` of the Today panel (an item of the plan's current stage).
    Task(usize),
    Routine(Box<Entry>),
    Timer(pack::Treatment),
}

/// The list. It stays while another screen is open, so leaving that screen comes
/// back to the same place in it.
#[derive(Debug, Clone)]
pub struct Home {
    items: Vec<HomeItem>,
    filter: TextLine,
    filtering: bool,
    /// Index into [`Home::visible`].
    selected: usize,
    /// Problems with the routines folder, the config file or the log.
    warnings: Vec<String>,
    /// While an episode is open: what to do today, at the top of the list.
    today: Option<TodayPanel>,
    /// Sessions running in other terminals now (the first of the warnings).
    elsewhere: Vec<String>,
}

impl Home {
    pub fn new(entries: Vec<Entry>, warnings: Vec<String>) -> Home {
        let mut items: Vec<HomeItem> = entries
            .into_iter()
            .map(|e| HomeItem::Routine(Box::new(e)))
            .collect();
        items.extend(
            [
                pack::Treatment::Ice,
                pack::Treatment::Heat,
                pack::Treatment::Contrast,
            ]
            .into_iter()
            .map(HomeItem::Timer),
        );
        Home {
            items,
            filter: TextLine::new(FILTER_MAX),
            filtering: false,
            selected: 0,
            warnings,
            today: None,
            elsewhere: Vec::new(),
        }
    }

    /// The routines as they are now on disk (one was added, removed or edited),
    /// in place of the ones listed: the same line stays chosen when it is still
    /// there, and the timers and Today's rows stay as they are.
    pub(super) fn set_routines(&mut self, entries: Vec<Entry>) {
        let chosen = self.selected_item().and_then(|item| match item {
            HomeItem::Routine(e) => Some(e.name.clone()),
            HomeItem::Timer(_) | HomeItem::Task(_) => None,
        });
        let at = self
            .items
            .iter()
            .position(|i| matches!(i, HomeItem::Routine(_) | HomeItem::Timer(_)))
            .unwrap_or(self.items.len());
        self.items.retain(|i| !matches!(i, HomeItem::Routine(_)));
        for (k, e) in entries.into_iter().enumerate() {
            self.items.insert(at + k, HomeItem::Routine(Box::new(e)));
        }
        if let Some(name) = chosen {
            let visible = self.visible();
            if let Some(line) = visible
                .iter()
                .position(|&i| matches!(&self.items[i], HomeItem::Routine(e) if e.name == name))
            {
                self.selected = line;
            }
        }
        self.clamp();
    }

    /// The sessions running in other terminals, as the shell found them just now:
    /// they replace the ones found before, ahead of the other warnings.
    pub fn set_elsewhere(&mut self, notes: Vec<String>) {
        let old = std::mem::take(&mut self.elsewhere);
        self.warnings.retain(|w| !old.contains(w));
        self.warnings.splice(0..0, notes.iter().cloned());
        self.elsewhere = notes;
    }

    /// The sessions running in other terminals.
    pub fn elsewhere(&self) -> &[String] {
        &self.elsewhere
    }

    /// The Today panel, while an episode is open.
    pub fn today(&self) -> Option<&TodayPanel> {
        self.today.as_ref()
    }

    /// Puts the Today panel at the top of the list, worked out for `now`, with the
    /// suggested next step selected.
    pub(super) fn set_today(&mut self, mut panel: TodayPanel, now: Timestamp, tz: &TimeZone) {
        panel.refresh(now, tz);
        self.today = Some(panel);
        self.rebuild_tasks();
        self.selected = self.next_task().unwrap_or(0);
    }

    /// A session just logged counts at once.
    pub(super) fn saw(&mut self, record: &Record, now: Timestamp, tz: &TimeZone) {
        if let Some(panel) = &mut self.today {
            panel.add(record);
        }
        self.refresh_today(now, tz);
    }

    /// Records a round of red-flag answers or a check on the open episode.
    pub(super) fn with_episode(
        &mut self,
        now: Timestamp,
        tz: &TimeZone,
        change: impl FnOnce(&mut crate::core::episode::Screening),
    ) {
        if let Some(panel) = &mut self.today {
            change(panel.screening_mut());
        }
        self.refresh_today(now, tz);
    }

    /// Works the panel out again (the day, a min_gap or the stage turned over).
    pub(super) fn refresh_today(&mut self, now: Timestamp, tz: &TimeZone) {
        let Some(panel) = &mut self.today else {
            return;
        };
        let before = panel.rows().len();
        panel.refresh(now, tz);
        if panel.rows().len() != before {
            self.rebuild_tasks();
            self.clamp();
        }
    }

    fn rebuild_tasks(&mut self) {
        self.items.retain(|i| !matches!(i, HomeItem::Task(_)));
        let n = self.today.as_ref().map_or(0, |p| p.rows().len());
        for i in (0..n).rev() {
            self.items.insert(0, HomeItem::Task(i));
        }
    }

    /// The visible line of the suggested next step.
    fn next_task(&self) -> Option<usize> {
        let panel = self.today.as_ref()?;
        let row = panel.rows().iter().position(|r| r.next)?;
        self.visible()
            .iter()
            .position(|&i| matches!(self.items[i], HomeItem::Task(n) if n == row))
    }

    pub fn items(&self) -> &[HomeItem] {
        &self.items
    }

    pub fn filter(&self) -> &str {
        self.filter.as_str()
    }

    /// Typing a filter (`/`), rather than moving in the list.
    pub fn filtering(&self) -> bool {
        self.filtering
    }

    /// The selected line, as an index into [`Home::visible`].
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn add_warnings(&mut self, more: impl IntoIterator<Item = String>) {
        self.warnings.extend(more);
    }

    /// The items that match the filter (by name, title, tag or exercise name), as
    /// indexes.
    pub fn visible(&self) -> Vec<usize> {
        let needle = self.filter.as_str().trim().to_lowercase();
        self.items
            .iter()
            .enumerate()
            .filter(|(_, item)| needle.is_empty() || matches(item, &needle))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn selected_item(&self) -> Option<&HomeItem> {
        let visible = self.visible();
        visible.get(self.selected).and_then(|&i| self.items.get(i))
    }

    fn clamp(&mut self) {
        let n = self.visible().len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }

    /// Handles a key on the list; `base` is the plan the timers start with.
    pub(super) fn update(&mut self, action: Action, base: pack::Plan) -> Reply {
        let n = self.visible().len();
        match action {
            Action::Select => return self.open_selected(base),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = n.saturating_sub(1),
            Action::StartFilter => self.filtering = true,
            Action::FilterChar(c) if self.filter.push(c) => self.selected = 0,
            Action::FilterBackspace => {
                self.filter.pop();
                self.clamp();
            }
            Action::FilterDone => self.filtering = false,
            Action::FilterClear => {
                self.filter.clear();
                self.clamp();
            }
            Action::FilterCancel => {
                self.filtering = false;
                self.filter.clear();
                self.clamp();
            }
            Action::Help => return Reply::go(Go::Help),
            Action::StartEpisode => return Reply::go(Go::Episode),
            Action::Checked => return Reply::go(Go::Checked),
            Action::Quit => {
                if self.filter.is_empty() {
                    return Reply::go(Go::Quit);
                }
                self.filter.clear();
                self.clamp();
            }
            _ => {}
        }
        Reply::default()
    }

    /// Enter: plays the selected routine or opens the timer, or says why not.
    fn open_selected(&self, base: pack::Plan) -> Reply {
        match self.selected_item() {
            None => Reply::default(),
            Some(HomeItem::Task(row)) => self.open_task(*row, base),
            Some(HomeItem::Routine(entry)) => play(entry, None),
            Some(HomeItem::Timer(mode)) => Reply::go(Go::Pack(pack::Plan {
                mode: *mode,
                ..base
            })),
        }
    }
}

impl Home {
    /// Starts the plan's item behind Today row `row`: its routine, a walk of its
    /// length, or the pack timer with its settings.
    fn open_task(&self, row: usize, base: pack::Plan) -> Reply {
        let Some(panel) = &self.today else {
            return Reply::default();
        };
        let Some(item) = panel.task_item(row) else {
            return Reply::default();
        };
        let routine = |name: &str| {
            self.items.iter().find_map(|i| match i {
                HomeItem::Routine(e) if e.name == name => Some(e),
                _ => None,
            })
        };
        match &item.activity {
            Activity::Routine(name) => match routine(name) {
                Some(entry) => play(entry, None),
                None => Reply::notice(&format!(
                    "The plan names '{name}', which is not in the list: {}",
                    crate::app::today_command(item, panel.pack_choice())
                )),
            },
            Activity::Walk(d) => match routine(crate::core::today::WALK) {
                Some(entry) => play(entry, (*d != super::WALK_LENGTH).then_some(*d)),
                None => Reply::notice("The walk routine is missing from this build"),
            },
            Activity::Pack(p) => {
                let plan = pack::Plan {
                    mode: if p.either {
                        panel.pack_choice()
                    } else {
                        p.treatment
                    },
                    on: p.on.unwrap_or(base.on),
                    off: p.off.unwrap_or(base.off),
                    cycles: p.cycles,
                    ..base
                };
                Reply::go(Go::Pack(plan))
            }
        }
    }
}

/// Plays a routine from the list, its holds stretched to `holds` if given (a
/// walk of another length); a routine with errors says where to fix it.
fn play(entry: &Entry, holds: Option<std::time::Duration>) -> Reply {
    match &entry.routine {
        Ok(r) => {
            let r = match holds {
                Some(d) => r.clone().stretched(d),
                None => r.clone(),
            };
            Reply::go(Go::Play {
                timeline: Box::new(Timeline::new(r)),
                id: Some(entry.name.clone()),
                hash: entry
                    .text
                    .as_deref()
                    .map(crate::core::history::content_hash),
            })
        }
        Err(_) => Reply::notice(&format!(
            "This routine has errors (on the right): supple edit {} opens it",
            entry.name
        )),
    }
}

fn matches(item: &HomeItem, needle: &str) -> bool {
    match item {
        HomeItem::Task(_) => false,
        HomeItem::Timer(kind) => kind.name().contains(needle) || "timer".contains(needle),
        HomeItem::Routine(entry) => {
            entry.name.to_lowercase().contains(needle)
                || entry.routine.as_ref().is_ok_and(|r| {
                    r.name.to_lowercase().contains(needle)
                        || r.tags.iter().any(|t| t.to_lowercase().contains(needle))
                        || r.exercises
                            .iter()
                            .any(|e| e.name.to_lowercase().contains(needle))
                })
        }
    }
}
