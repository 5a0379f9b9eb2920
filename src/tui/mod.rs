//! The review screen in a terminal: the only module that imports ratatui
//! and crossterm. Terminal set-up and restore, the event loop, the views.

mod app;
mod help;
mod input;
mod keys;
mod link_view;
mod persist;
mod select;
mod text_search;
mod theme;
mod view;
pub mod wrap;

use std::io::{self, Write, stdout};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
    MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

pub use app::{App, Mode, MouseInput, Options, SaveState, load_article};
pub use help::help_rows;
pub use input::LineInput;
pub use persist::{Position, count_events, read_position};
pub use theme::Theme;
pub use view::{MIN_HEIGHT, MIN_WIDTH};

use crate::desk::Desk;

/// How long the loop sleeps waiting for a key before it looks at the
/// background threads' reports again.
const TICK: Duration = Duration::from_millis(100);

/// Opens `desk` for review in the terminal until the analyst quits. The
/// terminal is restored on quit, on error and on panic.
pub fn run(desk: Desk, options: Options) -> anyhow::Result<()> {
    let mut app = App::open(desk, options)?;
    let mut terminal = init_terminal()?;
    let result = event_loop(&mut terminal, &mut app);
    restore_terminal();
    let failure = app.close();
    result?;
    if let Some(failure) = failure {
        anyhow::bail!("a save failed: {failure}");
    }
    Ok(())
}

/// ratatui's init (raw mode, alternate screen, a panic hook that restores
/// them), plus our own hook that also turns off mouse capture and bracketed
/// paste before the message is printed.
fn init_terminal() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        ratatui_hook(info);
    }));
    Ok(terminal)
}

fn restore_terminal() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// yazi's loop: wait for input, drain every pending event, then draw once.
fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    let mut mouse_captured = false;
    loop {
        if app.mouse_wanted() != mouse_captured {
            mouse_captured = app.mouse_wanted();
            if mouse_captured {
                execute!(stdout(), EnableMouseCapture)?;
            } else {
                execute!(stdout(), DisableMouseCapture)?;
            }
        }
        if app.needs_draw() {
            let mut out = stdout();
            execute!(out, BeginSynchronizedUpdate)?;
            terminal.draw(|frame| app.draw(frame))?;
            execute!(out, EndSynchronizedUpdate)?;
            out.flush()?;
        }
        if app.should_quit() {
            return Ok(());
        }
        if event::poll(TICK)? {
            loop {
                handle_event(app, event::read()?);
                if app.should_quit() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        } else {
            app.idle();
        }
        app.tick();
    }
}

fn handle_event(app: &mut App, event: Event) {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            if let Some(key) = keys::key_of(&key) {
                app.handle_key(key);
            }
        }
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            let input = match mouse.kind {
                MouseEventKind::ScrollDown => Some(MouseInput::WheelDown),
                MouseEventKind::ScrollUp => Some(MouseInput::WheelUp),
                MouseEventKind::Down(MouseButton::Left) => Some(MouseInput::Down { column, row }),
                MouseEventKind::Drag(MouseButton::Left) => Some(MouseInput::Drag { column, row }),
                MouseEventKind::Up(MouseButton::Left) => Some(MouseInput::Up { column, row }),
                _ => None,
            };
            if let Some(input) = input {
                app.handle_mouse(input);
            }
        }
        Event::Resize(..) => app.mark_dirty(),
        _ => {}
    }
}

#[cfg(test)]
pub(crate) mod tests;
