//! Streaming text input: lines and paragraphs from files or stdin, validated
//! as UTF-8 with the byte offset of the first bad byte, or decoded lossily.
//!
//! Memory use is bounded by the longest line (or paragraph), never by the
//! size of the input.
//!
//! # Example
//! ```
//! use nlkit::io::{LineReader, Utf8Mode};
//! let data = b"one\ntwo\r\nthree";
//! let lines: Vec<String> = LineReader::new(&data[..], "<mem>", Utf8Mode::Strict)
//!     .collect::<Result<_, _>>()
//!     .unwrap();
//! assert_eq!(lines, ["one", "two", "three"]);
//! ```

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// How to treat bytes that are not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Utf8Mode {
    /// Stop with [`Error::InvalidUtf8`] naming the byte offset.
    #[default]
    Strict,
    /// Replace invalid sequences with U+FFFD.
    Lossy,
}

/// Opens `path` for buffered reading; `-` means stdin.
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened.
///
/// # Example
/// ```
/// let r = nlkit::io::open_input(std::path::Path::new("-"));
/// assert!(r.is_ok());
/// ```
pub fn open_input(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    if path == Path::new("-") {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            std::io::stdin(),
        )))
    } else {
        let f = File::open(path).map_err(|e| Error::io(path, e))?;
        Ok(Box::new(BufReader::with_capacity(1 << 16, f)))
    }
}

/// Human-readable name of an input path (`<stdin>` for `-`).
pub fn input_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

fn decode(buf: Vec<u8>, name: &str, offset: u64, mode: Utf8Mode) -> Result<String> {
    match String::from_utf8(buf) {
        Ok(s) => Ok(s),
        Err(e) => match mode {
            Utf8Mode::Lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
            Utf8Mode::Strict => Err(Error::InvalidUtf8 {
                source_name: name.to_string(),
                offset: offset + e.utf8_error().valid_up_to() as u64,
            }),
        },
    }
}

/// Iterator over the lines of a reader, without their `\n` / `\r\n` endings.
pub struct LineReader<R> {
    reader: R,
    name: String,
    mode: Utf8Mode,
    offset: u64,
    done: bool,
}

impl<R: BufRead> LineReader<R> {
    /// Byte offset (in the whole input) where the next line starts.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Reads lines from `reader`; `name` is used in error messages.
    pub fn new(reader: R, name: impl Into<String>, mode: Utf8Mode) -> Self {
        LineReader {
            reader,
            name: name.into(),
            mode,
            offset: 0,
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for LineReader<R> {
    type Item = Result<String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut buf = Vec::new();
        match self.reader.read_until(b'\n', &mut buf) {
            Ok(0) => {
                self.done = true;
                None
            }
            Ok(n) => {
                let start = self.offset;
                self.offset += n as u64;
                if buf.last() == Some(&b'\n') {
                    buf.pop();
                    if buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                }
                let r = decode(buf, &self.name, start, self.mode);
                if r.is_err() {
                    self.done = true;
                }
                Some(r)
            }
            Err(e) => {
                self.done = true;
                Some(Err(Error::io(PathBuf::from(&self.name), e)))
            }
        }
    }
}

/// Iterator over blank-line separated paragraphs. Each item is the
/// paragraph's text with its internal newlines kept and no trailing newline.
pub struct ParagraphReader<R> {
    lines: LineReader<R>,
}

impl<R: BufRead> ParagraphReader<R> {
    /// Reads paragraphs from `reader`; `name` is used in error messages.
    ///
    /// # Example
    /// ```
    /// use nlkit::io::{ParagraphReader, Utf8Mode};
    /// let data = b"a b\nc\n\n\nd\n";
    /// let paras: Vec<String> = ParagraphReader::new(&data[..], "m", Utf8Mode::Strict)
    ///     .collect::<Result<_, _>>().unwrap();
    /// assert_eq!(paras, ["a b\nc", "d"]);
    /// ```
    pub fn new(reader: R, name: impl Into<String>, mode: Utf8Mode) -> Self {
        ParagraphReader {
            lines: LineReader::new(reader, name, mode),
        }
    }
}

impl<R: BufRead> ParagraphReader<R> {
    /// The next paragraph and the byte offset of its first line in the input.
    pub fn next_with_offset(&mut self) -> Option<Result<(u64, String)>> {
        let mut para = String::new();
        let mut start = self.lines.offset();
        loop {
            let line_start = self.lines.offset();
            match self.lines.next() {
                None => {
                    return if para.is_empty() {
                        None
                    } else {
                        Some(Ok((start, para)))
                    }
                }
                Some(Err(e)) => return Some(Err(e)),
                Some(Ok(line)) => {
                    if line.trim().is_empty() {
                        if !para.is_empty() {
                            return Some(Ok((start, para)));
                        }
                    } else {
                        if para.is_empty() {
                            start = line_start;
                        } else {
                            para.push('\n');
                        }
                        para.push_str(&line);
                    }
                }
            }
        }
    }
}

impl<R: BufRead> Iterator for ParagraphReader<R> {
    type Item = Result<String>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_with_offset().map(|r| r.map(|(_, t)| t))
    }
}

/// Reads a whole (small) file as UTF-8 text, with a clear error on bad bytes.
///
/// # Errors
/// [`Error::Io`] or [`Error::InvalidUtf8`].
///
/// # Example
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("x.txt");
/// std::fs::write(&p, "hi").unwrap();
/// assert_eq!(nlkit::io::read_to_string(&p).unwrap(), "hi");
/// ```
pub fn read_to_string(path: &Path) -> Result<String> {
    let mut buf = Vec::new();
    open_input(path)?
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(path, e))?;
    decode(buf, &input_name(path), 0, Utf8Mode::Strict)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_reports_absolute_offset() {
        let data = b"ok\nbad \xff here\n";
        let mut it = LineReader::new(&data[..], "f", Utf8Mode::Strict);
        assert_eq!(it.next().unwrap().unwrap(), "ok");
        match it.next().unwrap() {
            Err(Error::InvalidUtf8 { offset, .. }) => assert_eq!(offset, 7),
            other => panic!("unexpected {other:?}"),
        }
        assert!(it.next().is_none());
    }

    #[test]
    fn lossy_replaces() {
        let data = b"a\xffb";
        let v: Vec<_> = LineReader::new(&data[..], "f", Utf8Mode::Lossy)
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(v, ["a\u{fffd}b"]);
    }

    #[test]
    fn empty_input_has_no_lines() {
        assert_eq!(LineReader::new(&b""[..], "f", Utf8Mode::Strict).count(), 0);
    }
}
