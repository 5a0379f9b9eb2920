//! Terminal key events to the keymap's keys.

use ratatui::crossterm::event::{KeyCode as TermCode, KeyEvent, KeyModifiers};

use crate::keymap::{Key, KeyCode};

/// The key of a terminal key event, or `None` for keys factdesk never binds
/// (media keys, lone modifiers).
pub fn key_of(event: &KeyEvent) -> Option<Key> {
    let code = match event.code {
        TermCode::Char(c) => KeyCode::Char(c),
        TermCode::Enter => KeyCode::Enter,
        TermCode::Esc => KeyCode::Esc,
        TermCode::Tab => KeyCode::Tab,
        TermCode::BackTab => KeyCode::BackTab,
        TermCode::Backspace => KeyCode::Backspace,
        TermCode::Delete => KeyCode::Delete,
        TermCode::Up => KeyCode::Up,
        TermCode::Down => KeyCode::Down,
        TermCode::Left => KeyCode::Left,
        TermCode::Right => KeyCode::Right,
        TermCode::PageUp => KeyCode::PageUp,
        TermCode::PageDown => KeyCode::PageDown,
        TermCode::Home => KeyCode::Home,
        TermCode::End => KeyCode::End,
        TermCode::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_lives_in_the_character_and_ctrl_in_the_flag() {
        let shifted = KeyEvent::new(TermCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(key_of(&shifted), Some("J".parse().unwrap()));
        let redo = KeyEvent::new(TermCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(key_of(&redo), Some("<C-r>".parse().unwrap()));
        let back = KeyEvent::new(TermCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(key_of(&back), Some("<S-Tab>".parse().unwrap()));
        let none = KeyEvent::new(TermCode::CapsLock, KeyModifiers::NONE);
        assert_eq!(key_of(&none), None);
    }
}
