//! `nlkit chunk`: chunk tagged sentences with a grammar (NLTK's
//! RegexpParser) or a trained model (default: the embedded perceptron).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::common::{push_json_str, stdout, write_line, InputArgs};
use crate::chunk::{
    default_chunker, load_chunker, tree2conlltags, ChunkSpans, Chunker, RegexpParser,
};
use crate::io::{input_name, open_input};
use crate::tree::{Child, Tree};
use crate::{Error, Result};

/// Output format of `nlkit chunk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ChunkFormat {
    /// NLTK's one-line bracketed tree: `(S (NP the/DT cat/NN) sat/VBD)`.
    #[default]
    Bracket,
    /// `word TAG IOB` lines, a blank line after each sentence.
    Iob,
    /// One JSON object per sentence: the tree and its top-level chunks.
    Jsonl,
}

/// Input layout of `nlkit chunk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ChunkInput {
    /// `tagged` when every token of the first non-blank line has a `/`, else `iob`.
    #[default]
    Auto,
    /// One sentence per line of `word/TAG` tokens (split at the last `/`).
    Tagged,
    /// CoNLL-2000 layout: `word TAG [IOB]` lines, a blank line between sentences.
    Iob,
}

/// Which chunker `nlkit chunk` and `nlkit eval-chunker` use.
#[derive(Debug, Clone, Args)]
pub struct ChunkerArgs {
    /// An NLTK RegexpParser grammar file (`NP: {<DT>?<JJ>*<NN>}` ...).
    #[arg(long, value_name = "FILE", conflicts_with = "model")]
    pub grammar: Option<PathBuf>,
    /// `perceptron` (the embedded CoNLL-2000 model), a chunker model file
    /// (`nlkit train-chunker`), or a neural model folder (`nlkit
    /// train-neural --task chunk`).
    #[arg(long, value_name = "M")]
    pub model: Option<String>,
    /// Grammar only: passes over the stages (NLTK's `loop`).
    #[arg(long = "loop", default_value_t = 1, value_name = "N")]
    pub loop_count: usize,
    /// Grammar only: the root label (NLTK's `root_label`).
    #[arg(long, default_value = "S")]
    pub root: String,
}

impl ChunkerArgs {
    /// Builds the chunker the flags name.
    ///
    /// # Errors
    /// An unreadable or malformed grammar or model.
    pub fn build(&self) -> Result<Box<dyn Chunker>> {
        if self.grammar.is_some() {
            return Ok(Box::new(self.build_regexp()?));
        }
        match self.model.as_deref() {
            None | Some("perceptron") | Some("default") => {
                Ok(Box::new(default_chunker()?) as Box<dyn Chunker>)
            }
            Some(path) if std::path::Path::new(path).is_dir() => Ok(Box::new(
                crate::chunk::NeuralChunker::load(std::path::Path::new(path))?,
            )),
            Some(path) => Ok(Box::new(load_chunker(std::path::Path::new(path))?)),
        }
    }
}

impl ChunkerArgs {
    /// The grammar's parser (`--grammar`, `--loop`, `--root`).
    ///
    /// # Errors
    /// No `--grammar`, an unreadable or malformed grammar.
    pub fn build_regexp(&self) -> Result<RegexpParser> {
        let Some(g) = &self.grammar else {
            return Err(Error::InvalidInput("no --grammar given".into()));
        };
        let text = std::fs::read_to_string(g).map_err(|e| Error::io(g, e))?;
        RegexpParser::with_options(&text, &self.root, self.loop_count)
            .map_err(|e| Error::InvalidInput(format!("{}: {e}", g.display())))
    }
}

/// Arguments of `nlkit chunk`.
#[derive(Debug, Args)]
pub struct ChunkArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    chunker: ChunkerArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: ChunkFormat,
    /// Input layout.
    #[arg(long, value_enum, default_value_t)]
    input_format: ChunkInput,
}

fn write_tree(out: &mut impl Write, t: &Tree, format: ChunkFormat) -> Result<()> {
    match format {
        ChunkFormat::Bracket => write_line(out, &t.pformat(usize::MAX)),
        ChunkFormat::Iob => {
            for (w, p, c) in tree2conlltags(t)? {
                write_line(out, &format!("{w} {p} {c}"))?;
            }
            write_line(out, "")
        }
        ChunkFormat::Jsonl => {
            let mut buf = Vec::with_capacity(256);
            buf.extend_from_slice(b"{\"tree\":");
            push_json_str(&mut buf, &t.pformat(usize::MAX));
            buf.extend_from_slice(b",\"chunks\":[");
            let mut pos = 0;
            let mut first = true;
            for c in t.children() {
                match c {
                    Child::Tree(ch) => {
                        let n = ch.leaves().len();
                        if !first {
                            buf.push(b',');
                        }
                        first = false;
                        buf.extend_from_slice(b"{\"label\":");
                        push_json_str(&mut buf, ch.label());
                        buf.extend_from_slice(
                            format!(",\"start\":{pos},\"end\":{}}}", pos + n).as_bytes(),
                        );
                        pos += n;
                    }
                    Child::Leaf(_) => pos += 1,
                }
            }
            buf.extend_from_slice(b"]}\n");
            out.write_all(&buf)?;
            Ok(())
        }
    }
}

/// Parses a CoNLL row `word TAG [more columns]`.
fn iob_row(line: &str, file: &str, line_no: usize) -> Result<(String, String)> {
    let mut it = line
        .split(crate::tokenize::is_py_whitespace)
        .filter(|s| !s.is_empty());
    match (it.next(), it.next()) {
        (Some(w), Some(t)) => Ok((w.to_string(), t.to_string())),
        _ => Err(Error::format(
            file,
            line_no,
            format!("expected `word TAG [IOB]` columns, found `{line}`"),
        )),
    }
}

/// [`crate::tag::split_word_tag_line`] in one pass for an ASCII line of
/// well-formed `word/TAG` tokens; false (with `out` partly filled) for
/// anything else, which that function then reads (and reports).
fn split_ascii_tagged<'a>(line: &'a str, out: &mut Vec<(&'a str, &'a str)>) -> bool {
    let b = line.as_bytes();
    // Nearly every line: printable ASCII tokens between spaces. One
    // vectorised pass checks that, then only spaces and slashes are looked at.
    let plain = b.iter().fold(0u8, |bad, &c| {
        bad | u8::from((c != b' ') & !(0x21..=0x7f).contains(&c))
    }) == 0;
    if !plain {
        return split_ascii_tagged_ws(line, out);
    }
    let mut sp = Splitter {
        line,
        out,
        start: 0,
        slash: usize::MAX,
    };
    // Eight bytes at a time: masks of the spaces and slashes among them,
    // visited in order.
    let mut words = b.chunks_exact(8);
    let mut base = 0;
    for w in &mut words {
        let x = <[u8; 8]>::try_from(w).map_or(0, u64::from_le_bytes);
        let slashes = byte_eq_mask(x, b'/');
        let mut m = byte_eq_mask(x, b' ') | slashes;
        while m != 0 {
            let bit = m & m.wrapping_neg();
            let i = base + (bit.trailing_zeros() / 8) as usize;
            if slashes & bit != 0 {
                sp.slash = i;
            } else if !sp.space(i) {
                return false;
            }
            m ^= bit;
        }
        base += 8;
    }
    for (k, &c) in words.remainder().iter().enumerate() {
        if c == b'/' {
            sp.slash = base + k;
        } else if c == b' ' && !sp.space(base + k) {
            return false;
        }
    }
    sp.start >= b.len() || sp.token(b.len())
}

/// The state of [`split_ascii_tagged`]'s pass: where the current token
/// starts, its last slash so far (`usize::MAX`: none).
struct Splitter<'a, 'o> {
    line: &'a str,
    out: &'o mut Vec<(&'a str, &'a str)>,
    start: usize,
    slash: usize,
}

impl Splitter<'_, '_> {
    /// A space at `i`: ends the current token, if any. False for a token
    /// that is not `word/TAG` with both parts non-empty.
    #[inline(always)]
    fn space(&mut self, i: usize) -> bool {
        let ok = i <= self.start || self.token(i);
        self.start = i + 1;
        self.slash = usize::MAX;
        ok
    }

    /// Pushes the token ending at `end`, split at its last slash.
    #[inline(always)]
    fn token(&mut self, end: usize) -> bool {
        let k = self.slash;
        if k == usize::MAX || k <= self.start || k + 1 >= end {
            return false;
        }
        match (self.line.get(self.start..k), self.line.get(k + 1..end)) {
            (Some(w), Some(t)) => {
                self.out.push((w, t));
                true
            }
            _ => false,
        }
    }
}

/// The high bit of each byte of `x` (little-endian) that equals `c`, and
/// no other bit.
fn byte_eq_mask(x: u64, c: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let t = x ^ (u64::from(c) * 0x0101_0101_0101_0101);
    // a byte's high bit: set when its low seven bits or its own high bit are set
    !(((t & LOW7) + LOW7) | t | LOW7)
}

/// [`split_ascii_tagged`] for ASCII lines with other whitespace than spaces
/// (Python's: `\t \n \v \f \r`, `\x1c`-`\x1f`).
fn split_ascii_tagged_ws<'a>(line: &'a str, out: &mut Vec<(&'a str, &'a str)>) -> bool {
    // Python's ASCII whitespace: \t \n \v \f \r, \x1c-\x1f and space.
    let ws = |c: u8| matches!(c, b'\t'..=b'\r' | 0x1c..=0x20);
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if ws(c) {
            i += 1;
            continue;
        }
        let start = i;
        let mut slash = None;
        while i < b.len() {
            let c = b[i];
            if c >= 0x80 {
                return false;
            }
            if ws(c) {
                break;
            }
            if c == b'/' {
                slash = Some(i);
            }
            i += 1;
        }
        // ASCII up to `i`: every offset is a char boundary
        match slash.and_then(|k| Some((line.get(start..k)?, line.get(k + 1..i)?))) {
            Some((w, t)) if !w.is_empty() && !t.is_empty() => out.push((w, t)),
            _ => return false,
        }
    }
    true
}

/// An emptied `v` with its allocation, for slices of another lifetime (the
/// standard library collects a vector's `into_iter` in place when the
/// element layouts agree).
fn recycle<'b>(mut v: Vec<(&str, &str)>) -> Vec<(&'b str, &'b str)> {
    v.clear();
    v.into_iter().map(|_| ("", "")).collect()
}

/// The chunker of a run: a grammar runs on the flat path (no tree per
/// sentence, reused buffers), a model through [`Chunker`].
enum Engine {
    Grammar(Box<RegexpParser>, Box<ChunkSpans>),
    Model(Box<dyn Chunker>),
}

/// Chunks and writes the CoNLL rows gathered for one sentence (if any),
/// then empties them.
fn emit_rows(
    engine: &mut Engine,
    sent: &mut Vec<(String, String)>,
    format: ChunkFormat,
    text: &mut String,
    out: &mut impl Write,
) -> Result<()> {
    if sent.is_empty() {
        return Ok(());
    }
    let pairs: Vec<(&str, &str)> = sent.iter().map(|(w, t)| (w.as_str(), t.as_str())).collect();
    emit(engine, &pairs, None, format, text, out)?;
    sent.clear();
    Ok(())
}

/// Chunks one sentence (`line`: the input line its tokens are slices of,
/// if any) and writes it in `format`; `text` is a reused buffer.
fn emit(
    engine: &mut Engine,
    sent: &[(&str, &str)],
    line: Option<&str>,
    format: ChunkFormat,
    text: &mut String,
    out: &mut impl Write,
) -> Result<()> {
    let (parser, spans) = match engine {
        Engine::Model(c) => return write_tree(out, &c.parse(sent)?, format),
        Engine::Grammar(p, spans) => (&**p, spans),
    };
    let c = parser.parse_flat(sent, spans)?;
    text.clear();
    match (format, line) {
        (ChunkFormat::Bracket, Some(l)) => c.write_bracket_from(l, text),
        (ChunkFormat::Bracket, None) => c.write_bracket(text),
        (ChunkFormat::Iob, _) => c.write_conll(text)?,
        (ChunkFormat::Jsonl, _) => c.write_jsonl(line, text),
    }
    text.push('\n');
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// `nlkit chunk ARGS` parsed by a parser of that subcommand alone, or
/// `None` (another subcommand, help, an error: the full parser answers).
pub(super) fn parse_alone(args: &[std::ffi::OsString]) -> Option<super::Command> {
    super::parse_subcommand_alone::<ChunkArgs>(args, "chunk").map(super::Command::Chunk)
}

/// Runs `nlkit chunk`.
pub fn run(a: ChunkArgs) -> Result<()> {
    let mut engine = match &a.chunker.grammar {
        Some(_) => Engine::Grammar(Box::new(a.chunker.build_regexp()?), Box::default()),
        None => Engine::Model(a.chunker.build()?),
    };
    let mut out = stdout();
    let mut mode = a.input_format;
    let format = a.format;
    let mut sent: Vec<(String, String)> = Vec::new();
    let mut text = String::new();
    // the token buffer, kept from line to line
    let mut spare: Vec<(&str, &str)> = Vec::new();
    for path in a.input.paths() {
        let name = input_name(&path);
        let mut reader = open_input(&path)?;
        let mut line_no = 0;
        crate::io::for_each_line(&mut *reader, &path, a.input.utf8_mode(), |line| {
            line_no += 1;
            let blank = line
                .trim_matches(crate::tokenize::is_py_whitespace)
                .is_empty();
            if mode == ChunkInput::Auto && !blank {
                let all_slash = line
                    .split(crate::tokenize::is_py_whitespace)
                    .filter(|s| !s.is_empty())
                    .all(|t| t.contains('/'));
                mode = if all_slash {
                    ChunkInput::Tagged
                } else {
                    ChunkInput::Iob
                };
            }
            match mode {
                ChunkInput::Iob => {
                    if blank {
                        emit_rows(&mut engine, &mut sent, format, &mut text, &mut out)?;
                    } else {
                        sent.push(iob_row(line, &name, line_no)?);
                    }
                }
                // Blank lines before the layout is known.
                ChunkInput::Auto => {}
                ChunkInput::Tagged => {
                    let mut toks = recycle(std::mem::take(&mut spare));
                    if !split_ascii_tagged(line, &mut toks) {
                        toks.clear();
                        crate::tag::split_word_tag_line(line, &name, line_no, &mut toks)?;
                    }
                    emit(&mut engine, &toks, Some(line), format, &mut text, &mut out)?;
                    spare = recycle(toks);
                }
            }
            Ok(())
        })?;
        emit_rows(&mut engine, &mut sent, format, &mut text, &mut out)?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The one-pass splitter gives `split_word_tag_line`'s tokens, and
    /// refuses what that function must read or report.
    #[test]
    fn ascii_splitter_equals_split_word_tag_line() {
        let good = [
            "the/DT cat/NN",
            "  a/b/C\td/E \x0b f/G ",
            "1/2/CD x//SYM",
            "",
            "   ",
            "(/( )/)",
            "a/DT  b/NN ",
            " a\x7f/DT",
            "\x01a/DT b/NN",
            "a/b/c/D",
            "The/DT quick/JJ brown/JJ fox/NN jumps/VBZ over/IN the/DT lazy/JJ dog/NN ./.",
            "abcdefg/H abcdefg/HI  ab/C/DE/FGHIJKLMNOP/Q ",
        ];
        for line in good {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            assert!(split_ascii_tagged(line, &mut a), "{line:?}");
            crate::tag::split_word_tag_line(line, "f", 1, &mut b).unwrap();
            assert_eq!(a, b, "{line:?}");
        }
        for line in [
            "a/DT bad",
            "/DT",
            "a/",
            "é/DT",
            "a/DT \u{a0}b/NN",
            "x/é",
            "a/DT  /NN",
            " a/DT b/",
            "a/DT\tb",
            "The/DT quick/JJ brown/JJ fox/NN jumps/VBZ over lazy/JJ",
            "The/DT quick/JJ brown/JJ fox/NN jumps/VBZ over/IN/ x/Y",
        ] {
            let mut a = Vec::new();
            assert!(!split_ascii_tagged(line, &mut a), "{line:?}");
        }
    }

    /// `recycle` keeps the allocation.
    #[test]
    fn recycle_keeps_the_buffer() {
        let line = String::from("a/DT");
        let mut v: Vec<(&str, &str)> = Vec::with_capacity(40);
        v.push((&line[..1], &line[2..]));
        let w: Vec<(&'static str, &'static str)> = recycle(v);
        assert!(w.is_empty());
        assert_eq!(w.capacity(), 40);
    }

    /// The chunk-only parser gives the full parser's arguments, and leaves
    /// help, errors and other subcommands to it.
    #[test]
    fn parse_alone_equals_the_full_parser() {
        let ok: [&[&str]; 6] = [
            &["nlkit", "chunk"],
            &[
                "nlkit",
                "chunk",
                "--grammar",
                "g.txt",
                "--loop",
                "2",
                "a",
                "b",
            ],
            &[
                "nlkit",
                "chunk",
                "--format",
                "iob",
                "--input-format",
                "tagged",
                "-",
            ],
            &["nlkit", "chunk", "--model", "perceptron", "--lossy"],
            &[
                "nlkit",
                "chunk",
                "--grammar=g",
                "--root",
                "ROOT",
                "--format=jsonl",
            ],
            &["nlkit", "chunk", "--", "--grammar"],
        ];
        for args in ok {
            let os: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            let fast = parse_alone(&os).expect("parsed");
            let full = super::super::Cli::try_parse_from(args).unwrap().command;
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{args:?}");
        }
        let refused: [&[&str]; 6] = [
            &["nlkit", "chunk", "--help"],
            &["nlkit", "chunk", "--loop", "x"],
            &["nlkit", "chunk", "--grammar", "g", "--model", "m"],
            &["nlkit", "chunk", "--nope"],
            &["nlkit", "tag", "x"],
            &["nlkit"],
        ];
        for args in refused {
            let os: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            assert!(parse_alone(&os).is_none(), "{args:?}");
        }
    }
}
