//! Renders the library's progress reports ([`crate::progress::Progress`])
//! with indicatif on a terminal; nothing when stderr is not a terminal.

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use indicatif::{ProgressBar, ProgressStyle};

use crate::progress::{Progress, ProgressHandle};

/// Bars and spinners on stderr, one per reported phase.
#[derive(Default)]
struct TerminalProgress {
    bar: Mutex<Option<ProgressBar>>,
}

/// A progress receiver for the CLI: indicatif on a terminal, `None` (quiet)
/// when stderr is piped or `quiet` is set.
pub fn terminal(quiet: bool) -> Option<ProgressHandle> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    Some(Arc::new(TerminalProgress::default()))
}

impl TerminalProgress {
    fn with_bar(&self, f: impl FnOnce(&mut Option<ProgressBar>)) {
        // a poisoned lock only means another report panicked; drawing is optional
        if let Ok(mut b) = self.bar.lock() {
            f(&mut b);
        }
    }
}

impl Progress for TerminalProgress {
    fn start(&self, message: &str, total: Option<u64>) {
        self.with_bar(|slot| {
            if let Some(old) = slot.take() {
                old.finish_and_clear();
            }
            let bar = match total {
                Some(n) => {
                    let b = ProgressBar::new(n);
                    b.set_style(
                        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
                            .unwrap_or_else(|_| ProgressStyle::default_bar()),
                    );
                    b
                }
                None => {
                    let b = ProgressBar::new_spinner();
                    b.set_style(
                        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                    );
                    b
                }
            };
            bar.set_message(message.to_string());
            *slot = Some(bar);
        });
    }

    fn set_position(&self, position: u64) {
        self.with_bar(|slot| {
            if let Some(b) = slot {
                b.set_position(position);
            }
        });
    }

    fn message(&self, message: &str) {
        self.with_bar(|slot| match slot {
            Some(b) => {
                b.set_message(message.to_string());
                b.tick();
            }
            None => eprintln!("{message}"),
        });
    }

    fn finish(&self, message: &str) {
        self.with_bar(|slot| {
            if let Some(b) = slot.take() {
                if message.is_empty() {
                    b.finish_and_clear();
                } else {
                    b.finish_with_message(message.to_string());
                }
            } else if !message.is_empty() {
                eprintln!("{message}");
            }
        });
    }
}
