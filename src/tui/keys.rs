//! Keys to actions. Only key presses count: releases and auto-repeats are ignored,
//! so a held key does not skip through a routine.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, Keymap};

/// The action a key asks for in `mode`, if any.
pub fn map(key: KeyEvent, mode: Keymap) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c') if ctrl => return Some(Action::ForceQuit),
        KeyCode::Char('z') if ctrl => return Some(Action::Suspend),
        KeyCode::Char('u') if ctrl && matches!(mode, Keymap::HomeFilter | Keymap::Text) => {
            return Some(Action::FilterClear);
        }
        _ if ctrl => return None,
        _ => {}
    }
    match mode {
        Keymap::HomeFilter | Keymap::Text => match key.code {
            KeyCode::Esc => Some(Action::FilterCancel),
            KeyCode::Enter => Some(Action::FilterDone),
            KeyCode::Backspace => Some(Action::FilterBackspace),
            KeyCode::Up => Some(Action::Up),
            KeyCode::Down => Some(Action::Down),
            KeyCode::Char(c) => Some(Action::FilterChar(c)),
            _ => None,
        },
        Keymap::Home => match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::Top),
            KeyCode::End | KeyCode::Char('G') => Some(Action::Bottom),
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Char('/') => Some(Action::StartFilter),
            KeyCode::Char('e') => Some(Action::StartEpisode),
            KeyCode::Char('c') => Some(Action::Checked),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        // `p` pauses and `b` goes back, as in the line mode (`supple play --plain`).
        Keymap::Player => match key.code {
            KeyCode::Char(' ') | KeyCode::Char('p') => Some(Action::TogglePause),
            KeyCode::Right | KeyCode::Char('n') => Some(Action::Next),
            KeyCode::Left | KeyCode::Char('b') => Some(Action::Back),
            KeyCode::Enter => Some(Action::CompleteRep),
            KeyCode::Char('r') => Some(Action::RestartExercise),
            KeyCode::Char('m') => Some(Action::ToggleMute),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Keymap::Finished => match key.code {
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Char('h') | KeyCode::Backspace => Some(Action::GoHome),
            KeyCode::Char('n') => Some(Action::Note),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Keymap::PackReady => match key.code {
            KeyCode::Enter | KeyCode::Char(' ') => Some(Action::Select),
            // A window too short for the notes scrolls them.
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::Top),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Keymap::Pack => match key.code {
            KeyCode::Char(' ') | KeyCode::Char('p') => Some(Action::TogglePause),
            KeyCode::Right | KeyCode::Char('n') => Some(Action::Next),
            KeyCode::Char('+') | KeyCode::Char('=') => Some(Action::AddMinute),
            KeyCode::Char('-') | KeyCode::Char('_') => Some(Action::RemoveMinute),
            KeyCode::Char('m') => Some(Action::ToggleMute),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Keymap::PackFinished => match key.code {
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Char('h') | KeyCode::Backspace => Some(Action::GoHome),
            KeyCode::Char('n') => Some(Action::Note),
            KeyCode::Char('?') => Some(Action::Help),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Keymap::Pain => match key.code {
            KeyCode::Char(c @ '0'..='9') => Some(Action::Pain(
                c.to_digit(10).and_then(|d| u8::try_from(d).ok()),
            )),
            KeyCode::Char('t') | KeyCode::Char('T') => Some(Action::Pain(Some(10))),
            KeyCode::Enter => Some(Action::Pain(None)),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Keymap::History => match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::Top),
            KeyCode::End | KeyCode::Char('G') => Some(Action::Bottom),
            KeyCode::Char('q') | KeyCode::Esc => Some(Action::Quit),
            _ => None,
        },
        Keymap::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('?') | KeyCode::Enter => {
                Some(Action::CloseModal)
            }
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Char(' ') => Some(Action::Down),
            KeyCode::Home | KeyCode::Char('g') => Some(Action::Top),
            _ => None,
        },
        Keymap::Episode => match key.code {
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::Confirm),
            KeyCode::Char('n') | KeyCode::Char('N') => Some(Action::Cancel),
            KeyCode::Esc | KeyCode::Char('q') => Some(Action::CloseModal),
            _ => None,
        },
        Keymap::ConfirmQuit => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Char('q') => Some(Action::Confirm),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
    }
}

/// What a paste (bracketed, so one event) does in `mode`: typed into the line
/// being typed, as [`crate::app::pasted`] keeps it (the filter takes its first
/// line; a note takes the lines joined, up to its longest line), ignored everywhere
/// else, so that pasted text never acts as keys.
pub fn paste(text: &str, mode: Keymap) -> Vec<Action> {
    let (max, first_line) = match mode {
        Keymap::HomeFilter => (crate::app::FILTER_MAX, true),
        Keymap::Text => (crate::app::NOTE_LINE, false),
        _ => return Vec::new(),
    };
    crate::app::pasted(text, max, first_line)
        .map(Action::FilterChar)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    /// The key presses a help line names: "Space or p", "↑ ↓ or j k", "Ctrl-U".
    fn named(keys: &str) -> Vec<KeyEvent> {
        keys.split_whitespace()
            .filter(|w| *w != "or")
            .map(|w| match w {
                "Space" => press(KeyCode::Char(' ')),
                "Enter" => press(KeyCode::Enter),
                "Esc" => press(KeyCode::Esc),
                "↑" => press(KeyCode::Up),
                "↓" => press(KeyCode::Down),
                "←" => press(KeyCode::Left),
                "→" => press(KeyCode::Right),
                w if w.starts_with("Ctrl-") => {
                    let c = w.trim_start_matches("Ctrl-").to_lowercase();
                    KeyEvent::new(
                        KeyCode::Char(c.chars().next().unwrap_or('?')),
                        KeyModifiers::CONTROL,
                    )
                }
                w if w.chars().count() == 1 => {
                    press(KeyCode::Char(w.chars().next().unwrap_or('?')))
                }
                // A key this test cannot read fails below, naming the line.
                _ => press(KeyCode::Null),
            })
            .collect()
    }

    #[test]
    fn every_key_the_help_and_the_manual_name_does_something_there() {
        use crate::app::help;
        for (list, modes) in [
            (help::HOME, &[Keymap::Home, Keymap::HomeFilter][..]),
            (help::PLAYER, &[Keymap::Player]),
            (help::PACK, &[Keymap::Pack]),
            (help::FINISHED, &[Keymap::Finished, Keymap::PackFinished]),
        ] {
            for k in list {
                for key in named(k.keys) {
                    assert!(
                        modes.iter().any(|m| map(key, *m).is_some()),
                        "'{}' ({}) does nothing in {modes:?}",
                        k.keys,
                        k.what
                    );
                }
            }
        }
    }

    fn with_kind(code: KeyCode, kind: KeyEventKind) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn player_keys() {
        let cases = [
            (KeyCode::Char(' '), Action::TogglePause),
            (KeyCode::Right, Action::Next),
            (KeyCode::Char('n'), Action::Next),
            (KeyCode::Left, Action::Back),
            (KeyCode::Char('b'), Action::Back),
            (KeyCode::Char('p'), Action::TogglePause),
            (KeyCode::Enter, Action::CompleteRep),
            (KeyCode::Char('r'), Action::RestartExercise),
            (KeyCode::Char('m'), Action::ToggleMute),
            (KeyCode::Char('?'), Action::Help),
            (KeyCode::Char('q'), Action::Quit),
            (KeyCode::Esc, Action::Quit),
        ];
        for (code, action) in cases {
            assert_eq!(map(press(code), Keymap::Player), Some(action), "{code:?}");
        }
        assert_eq!(map(press(KeyCode::Char('x')), Keymap::Player), None);
    }

    #[test]
    fn home_keys() {
        let cases = [
            (KeyCode::Char('j'), Action::Down),
            (KeyCode::Down, Action::Down),
            (KeyCode::Char('k'), Action::Up),
            (KeyCode::Up, Action::Up),
            (KeyCode::Enter, Action::Select),
            (KeyCode::Char('/'), Action::StartFilter),
            (KeyCode::Char('?'), Action::Help),
            (KeyCode::Char('q'), Action::Quit),
        ];
        for (code, action) in cases {
            assert_eq!(map(press(code), Keymap::Home), Some(action), "{code:?}");
        }
    }

    #[test]
    fn typing_a_filter_takes_letters_literally() {
        assert_eq!(
            map(press(KeyCode::Char('q')), Keymap::HomeFilter),
            Some(Action::FilterChar('q'))
        );
        assert_eq!(
            map(press(KeyCode::Char('j')), Keymap::HomeFilter),
            Some(Action::FilterChar('j'))
        );
        assert_eq!(
            map(press(KeyCode::Esc), Keymap::HomeFilter),
            Some(Action::FilterCancel)
        );
        assert_eq!(
            map(press(KeyCode::Enter), Keymap::HomeFilter),
            Some(Action::FilterDone)
        );
    }

    #[test]
    fn releases_and_repeats_are_ignored() {
        for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
            assert_eq!(
                map(with_kind(KeyCode::Char('n'), kind), Keymap::Player),
                None
            );
            assert_eq!(
                map(with_kind(KeyCode::Char(' '), kind), Keymap::Player),
                None
            );
        }
        assert_eq!(
            map(
                with_kind(KeyCode::Char('n'), KeyEventKind::Press),
                Keymap::Player
            ),
            Some(Action::Next)
        );
    }

    #[test]
    fn ctrl_c_and_ctrl_z_work_everywhere() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        for mode in [
            Keymap::Home,
            Keymap::HomeFilter,
            Keymap::Player,
            Keymap::Finished,
            Keymap::Help,
            Keymap::ConfirmQuit,
        ] {
            assert_eq!(map(ctrl('c'), mode), Some(Action::ForceQuit));
            assert_eq!(map(ctrl('z'), mode), Some(Action::Suspend));
            assert_eq!(map(ctrl('n'), mode), None, "Ctrl-N is not n");
            let clear = (mode == Keymap::HomeFilter).then_some(Action::FilterClear);
            assert_eq!(map(ctrl('u'), mode), clear, "Ctrl-U clears only a filter");
        }
    }

    #[test]
    fn confirmation_keys() {
        assert_eq!(
            map(press(KeyCode::Char('y')), Keymap::ConfirmQuit),
            Some(Action::Confirm)
        );
        assert_eq!(
            map(press(KeyCode::Char('n')), Keymap::ConfirmQuit),
            Some(Action::Cancel)
        );
        assert_eq!(
            map(press(KeyCode::Esc), Keymap::ConfirmQuit),
            Some(Action::Cancel)
        );
        assert_eq!(map(press(KeyCode::Char(' ')), Keymap::ConfirmQuit), None);
    }

    #[test]
    fn a_paste_is_filter_text_or_nothing() {
        assert!(paste("n q y", Keymap::Player).is_empty());
        assert!(paste("n", Keymap::Pack).is_empty());
        let typed = paste("cat\u{1b}[31m\rsecond line", Keymap::HomeFilter);
        let text: String = typed
            .iter()
            .map(|a| match a {
                Action::FilterChar(c) => *c,
                _ => '?',
            })
            .collect();
        assert_eq!(text, "cat[31m");
        let long = "x".repeat(100_000);
        assert_eq!(
            paste(&long, Keymap::HomeFilter).len(),
            crate::app::FILTER_MAX
        );
        // A note takes every line, joined, and no more than its line holds.
        let note = paste("sore\r\nafter\u{7}lifting", Keymap::Text);
        let text: String = note
            .iter()
            .map(|a| match a {
                Action::FilterChar(c) => *c,
                _ => '?',
            })
            .collect();
        assert_eq!(text, "sore afterlifting");
        assert_eq!(
            paste(&"y\n".repeat(4000), Keymap::Text).len(),
            crate::app::NOTE_LINE
        );
    }
}
