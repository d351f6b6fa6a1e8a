//! The home screen: the routines (bundled and the person's own) and the three
//! pack timers, with a filter.

use super::{Action, Go, Reply};
use crate::core::pack;
use crate::core::timeline::Timeline;
use crate::store::library::Entry;

/// The longest filter on the home screen, in characters: longer would match
/// nothing, and a flood of keys must not grow it without end.
pub const FILTER_MAX: usize = 40;

/// One line of the home list.
#[derive(Debug, Clone)]
pub enum HomeItem {
    Routine(Box<Entry>),
    Timer(pack::Treatment),
}

/// The list. It stays while another screen is open, so leaving that screen comes
/// back to the same place in it.
#[derive(Debug, Clone)]
pub struct Home {
    items: Vec<HomeItem>,
    filter: String,
    filtering: bool,
    /// Index into [`Home::visible`].
    selected: usize,
    /// Problems with the routines folder, the config file or the log.
    warnings: Vec<String>,
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
            filter: String::new(),
            filtering: false,
            selected: 0,
            warnings,
        }
    }

    pub fn items(&self) -> &[HomeItem] {
        &self.items
    }

    pub fn filter(&self) -> &str {
        &self.filter
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
        let needle = self.filter.trim().to_lowercase();
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
            Action::FilterChar(c) if self.filter.chars().count() < FILTER_MAX => {
                self.filter.push(c);
                self.selected = 0;
            }
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
            Some(HomeItem::Routine(entry)) => match &entry.routine {
                Ok(r) => Reply::go(Go::Play {
                    timeline: Box::new(Timeline::new(r.clone())),
                    id: Some(entry.name.clone()),
                    hash: entry
                        .text
                        .as_deref()
                        .map(crate::core::history::content_hash),
                }),
                Err(_) => Reply::notice(&format!(
                    "This routine has errors (on the right): supple edit {} opens it",
                    entry.name
                )),
            },
            Some(HomeItem::Timer(mode)) => Reply::go(Go::Pack(pack::Plan {
                mode: *mode,
                ..base
            })),
        }
    }
}

fn matches(item: &HomeItem, needle: &str) -> bool {
    match item {
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
