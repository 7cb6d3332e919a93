//! Progress reporting for long work (training, index building), without any
//! user interface in the library.
//!
//! Library code that runs for a long time takes an optional
//! [`ProgressHandle`] and reports phases, positions and messages through the
//! [`Progress`] trait; it never draws bars or prints. The `nlkit` command
//! line renders these reports with indicatif on a terminal and stays quiet
//! when stderr is piped. A library caller may log them, forward them to its
//! own UI, or pass nothing.
//!
//! # Example
//! ```
//! use std::sync::{Arc, Mutex};
//! use nlkit::progress::{Progress, ProgressHandle};
//!
//! #[derive(Default)]
//! struct Log(Mutex<Vec<String>>);
//! impl Progress for Log {
//!     fn start(&self, message: &str, _total: Option<u64>) {
//!         self.0.lock().unwrap().push(format!("start {message}"));
//!     }
//!     fn finish(&self, message: &str) {
//!         self.0.lock().unwrap().push(format!("done {message}"));
//!     }
//! }
//!
//! let log = Arc::new(Log::default());
//! let handle: ProgressHandle = log.clone();
//! handle.start("iteration 1/1", Some(10));
//! handle.set_position(5);
//! handle.finish("iteration 1/1: 97.00% on training data");
//! assert_eq!(log.0.lock().unwrap().len(), 2);
//! ```

use std::sync::Arc;

/// Receives progress reports from long-running library calls.
///
/// Every method has an empty default, so an implementation overrides only
/// what it shows. Implementations must be cheap: calls come from hot loops
/// (though never more often than every few hundred items).
pub trait Progress: Send + Sync {
    /// A new phase begins; `total` is its number of steps when known.
    fn start(&self, message: &str, total: Option<u64>) {
        let _ = (message, total);
    }
    /// Steps done so far in the current phase.
    fn set_position(&self, position: u64) {
        let _ = position;
    }
    /// A new status message for the current phase (or a one-off note).
    fn message(&self, message: &str) {
        let _ = message;
    }
    /// The current phase ended; `message` summarises it (may be empty).
    fn finish(&self, message: &str) {
        let _ = message;
    }
}

/// A shared progress receiver, as library options hold it.
pub type ProgressHandle = Arc<dyn Progress>;

/// Reports nothing (the default for every library call).
///
/// # Example
/// ```
/// use nlkit::progress::{NoProgress, Progress};
/// NoProgress.start("quiet", None);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// Calls `f` with the handle when there is one (a small helper for optional
/// progress fields).
pub(crate) fn report(p: &Option<ProgressHandle>, f: impl FnOnce(&dyn Progress)) {
    if let Some(p) = p {
        f(p.as_ref());
    }
}

impl std::fmt::Debug for dyn Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<progress>")
    }
}
