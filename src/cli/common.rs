//! Flags and helpers shared by several subcommands.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::io::{input_name, open_input, LineReader, ParagraphReader, Utf8Mode};
use crate::Result;

/// Input files (stdin when none) and how to decode them.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Input files; `-` or none means standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of stopping with an error.
    #[arg(long)]
    pub lossy: bool,
}

impl InputArgs {
    /// The UTF-8 mode the flags ask for.
    pub fn utf8_mode(&self) -> Utf8Mode {
        if self.lossy {
            Utf8Mode::Lossy
        } else {
            Utf8Mode::Strict
        }
    }

    /// The input paths, `-` when none were given.
    pub fn paths(&self) -> Vec<PathBuf> {
        if self.files.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            self.files.clone()
        }
    }

    /// All lines of all inputs, in order, streamed.
    pub fn lines(&self) -> impl Iterator<Item = Result<String>> {
        let mode = self.utf8_mode();
        self.paths().into_iter().flat_map(move |p| {
            let it: Box<dyn Iterator<Item = Result<String>>> = match open_input(&p) {
                Ok(r) => Box::new(LineReader::new(r, input_name(&p), mode)),
                Err(e) => Box::new(std::iter::once(Err(e))),
            };
            it
        })
    }

    /// Calls `f` with every line of all inputs, in order, borrowed from the
    /// read buffer (no `String` per line; see [`crate::io::for_each_line`]).
    /// For single-threaded hot loops; `lines` feeds `--jobs N`.
    ///
    /// # Errors
    /// As [`crate::io::for_each_line`], and a file that cannot be opened.
    pub fn for_each_line(&self, mut f: impl FnMut(&str) -> Result<()>) -> Result<()> {
        let mode = self.utf8_mode();
        for path in self.paths() {
            let mut reader = open_input(&path)?;
            crate::io::for_each_line(&mut *reader, &path, mode, &mut f)?;
        }
        Ok(())
    }

    /// All blank-line separated paragraphs of all inputs, each with the name
    /// of its input, streamed.
    pub fn paragraphs(&self) -> impl Iterator<Item = Result<(String, String)>> {
        let mode = self.utf8_mode();
        self.paths().into_iter().flat_map(move |p| {
            let name = input_name(&p);
            let it: Box<dyn Iterator<Item = Result<(String, String)>>> = match open_input(&p) {
                Ok(r) => {
                    let n = name.clone();
                    Box::new(
                        ParagraphReader::new(r, name, mode).map(move |r| r.map(|t| (n.clone(), t))),
                    )
                }
                Err(e) => Box::new(std::iter::once(Err(e))),
            };
            it
        })
    }
}

/// `--format text|jsonl` for commands with one output line per input line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LineFormat {
    /// Tokens joined by one space.
    #[default]
    Text,
    /// One JSON array per line.
    Jsonl,
}

/// Buffered standard output.
pub fn stdout() -> BufWriter<std::io::StdoutLock<'static>> {
    BufWriter::with_capacity(1 << 16, std::io::stdout().lock())
}

/// Writes one line (adds `\n`).
///
/// # Errors
/// The write error (a closed pipe is handled by `main`).
pub fn write_line(out: &mut impl Write, line: &str) -> Result<()> {
    out.write_all(line.as_bytes())?;
    out.write_all(b"\n")?;
    Ok(())
}

pub use crate::io::push_json_str;

/// Serialises `value` as one JSON line.
///
/// # Errors
/// The write error.
pub fn write_json_line<T: serde::Serialize>(out: &mut impl Write, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| crate::Error::Json {
        context: "writing output".into(),
        source: e,
    })?;
    out.write_all(b"\n")?;
    Ok(())
}
