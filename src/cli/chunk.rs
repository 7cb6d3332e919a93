//! `nlkit chunk`: chunk tagged sentences with a grammar (NLTK's
//! RegexpParser) or a trained model (default: the embedded perceptron).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::common::{push_json_str, stdout, write_line, InputArgs};
use crate::chunk::{default_chunker, load_chunker, tree2conlltags, Chunker, RegexpParser};
use crate::io::{input_name, open_input, LineReader};
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
    /// `perceptron` (the embedded CoNLL-2000 model) or a chunker model file.
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
        if let Some(g) = &self.grammar {
            let text = std::fs::read_to_string(g).map_err(|e| Error::io(g, e))?;
            let p = RegexpParser::with_options(&text, &self.root, self.loop_count)
                .map_err(|e| Error::InvalidInput(format!("{}: {e}", g.display())))?;
            return Ok(Box::new(p));
        }
        match self.model.as_deref() {
            None | Some("perceptron") | Some("default") => {
                Ok(Box::new(default_chunker()?) as Box<dyn Chunker>)
            }
            Some(path) => Ok(Box::new(load_chunker(std::path::Path::new(path))?)),
        }
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

/// Runs `nlkit chunk`.
pub fn run(a: ChunkArgs) -> Result<()> {
    let chunker = a.chunker.build()?;
    let mut out = stdout();
    let mut mode = a.input_format;
    let mut sent: Vec<(String, String)> = Vec::new();
    let emit = |sent: &[(String, String)], out: &mut dyn Write| -> Result<()> {
        let pairs: Vec<(&str, &str)> = sent.iter().map(|(w, t)| (w.as_str(), t.as_str())).collect();
        let t = chunker.parse(&pairs)?;
        let mut w = out;
        write_tree(&mut w, &t, a.format)
    };
    for path in a.input.paths() {
        let name = input_name(&path);
        let reader = LineReader::new(open_input(&path)?, name.clone(), a.input.utf8_mode());
        for (k, line) in reader.enumerate() {
            let line = line?;
            let line_no = k + 1;
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
                        if !sent.is_empty() {
                            emit(&sent, &mut out)?;
                            sent.clear();
                        }
                    } else {
                        sent.push(iob_row(&line, &name, line_no)?);
                    }
                }
                // Blank lines before the layout is known.
                ChunkInput::Auto => {}
                ChunkInput::Tagged => {
                    let s = crate::tag::parse_word_tag_line(&line, &name, line_no)?;
                    emit(&s, &mut out)?;
                }
            }
        }
        if !sent.is_empty() {
            emit(&sent, &mut out)?;
            sent.clear();
        }
    }
    out.flush()?;
    Ok(())
}
