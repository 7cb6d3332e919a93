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

mod atomic;
pub use atomic::write_atomic;

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

/// Calls `f` with every line of `reader` (without its `\n` / `\r\n`), as
/// [`crate::io::LineReader`] yields them, but borrowed from the reader's
/// buffer instead of copied into a new `String`: only a line that spans two
/// buffer fills (or needs lossy decoding) is copied.
///
/// Use it on hot paths where a `String` per line would cost more than the
/// work done on the line.
///
/// # Example
/// ```
/// use std::path::Path;
/// use nlkit::io::{for_each_line, Utf8Mode};
/// let mut input: &[u8] = b"one\r\ntwo\nthree";
/// let mut lines = Vec::new();
/// for_each_line(&mut input, Path::new("-"), Utf8Mode::Strict, |l| {
///     lines.push(l.to_string());
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!(lines, ["one", "two", "three"]);
/// ```
///
/// # Errors
/// An I/O error, [`Error::InvalidUtf8`] with the absolute byte offset in
/// strict mode, or the first error of `f`.
pub fn for_each_line(
    reader: &mut dyn BufRead,
    path: &Path,
    mode: Utf8Mode,
    mut f: impl FnMut(&str) -> Result<()>,
) -> Result<()> {
    let mut emit = |bytes: &[u8], start: u64| -> Result<()> {
        match std::str::from_utf8(bytes) {
            Ok(s) => f(s),
            Err(e) => match mode {
                Utf8Mode::Lossy => f(&String::from_utf8_lossy(bytes)),
                Utf8Mode::Strict => Err(Error::InvalidUtf8 {
                    source_name: input_name(path),
                    offset: start + e.valid_up_to() as u64,
                }),
            },
        }
    };
    // `partial`: the start of a line whose end is not in the buffer yet;
    // `line_start`: the offset of the current line in the whole input.
    let mut partial: Vec<u8> = Vec::new();
    let mut line_start = 0u64;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(input_name(path), e)),
        };
        if buf.is_empty() {
            break;
        }
        let len = buf.len();
        let mut pos = 0;
        while let Some(i) = memchr::memchr(b'\n', &buf[pos..]) {
            let end = pos + i;
            let consumed = (end + 1 - pos + partial.len()) as u64;
            let line = if partial.is_empty() {
                &buf[pos..end]
            } else {
                partial.extend_from_slice(&buf[pos..end]);
                &partial[..]
            };
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            emit(line, line_start)?;
            partial.clear();
            line_start += consumed;
            pos = end + 1;
        }
        partial.extend_from_slice(&buf[pos..]);
        reader.consume(len);
    }
    if !partial.is_empty() {
        emit(&partial, line_start)?;
    }
    Ok(())
}

/// Appends `s` to `out` as a JSON string. Strings that need no escaping
/// (no `"`, `\\` or control character: nearly every token) are copied as
/// they are; the rest go through serde_json. Per-token output is a hot path
/// of `nlkit tag`, where serde_json's per-call set-up showed in profiles.
///
/// # Example
/// ```
/// let mut out = Vec::new();
/// nlkit::io::push_json_str(&mut out, "say \"hi\"");
/// assert_eq!(out, br#""say \"hi\"""#);
/// ```
pub fn push_json_str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        // writing to a Vec cannot fail
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `for_each_line` gives what `LineReader` gives, whatever the buffer
    /// size (lines spanning buffer fills), and the same error offsets.
    #[test]
    fn for_each_line_matches_line_reader() {
        let data: &[u8] = b"ab\r\n\nlonger line here\r\nx\rtail\r";
        let want: Vec<String> = LineReader::new(data, "f", Utf8Mode::Strict)
            .collect::<Result<_>>()
            .unwrap();
        for cap in [1, 2, 3, 7, 64] {
            let mut r = BufReader::with_capacity(cap, data);
            let mut got = Vec::new();
            for_each_line(&mut r, Path::new("f"), Utf8Mode::Strict, |l| {
                got.push(l.to_string());
                Ok(())
            })
            .unwrap();
            assert_eq!(got, want, "capacity {cap}");
        }
        let bad: &[u8] = b"ok\nbad \xff here\n";
        for cap in [1, 5, 64] {
            let mut r = BufReader::with_capacity(cap, bad);
            let e = for_each_line(&mut r, Path::new("f"), Utf8Mode::Strict, |_| Ok(()));
            match e {
                Err(Error::InvalidUtf8 { offset, .. }) => assert_eq!(offset, 7),
                other => panic!("unexpected {other:?}"),
            }
        }
    }

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
