//! `nlkit tag`: part-of-speech tag each input line.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::common::{push_json_str, stdout, InputArgs};
use crate::tag::{AnyTagger, TaggerSource, TryTagger};
use crate::Result;

/// Output tagset of `nlkit tag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Tagset {
    /// The model's own tags (Penn Treebank for the default model).
    #[default]
    Ptb,
    /// Penn Treebank tags mapped to NLTK's 12 universal tags (`map_tag`).
    Universal,
    /// Universal Dependencies UPOS tags, from nlkit's embedded UPOS model.
    Upos,
}

/// Output format of `nlkit tag`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TagFormat {
    /// `word/TAG` tokens joined by one space.
    #[default]
    Text,
    /// `[["word","TAG"],...]` per line.
    Jsonl,
    /// One CoNLL-U block per line (ID, FORM, UPOS or XPOS).
    Conllu,
}

/// Which model to tag with.
#[derive(Debug, Clone, Args)]
pub struct ModelArgs {
    /// An nlkit tagger model file of any algorithm (from `nlkit
    /// train-tagger`); default: the embedded English model.
    #[arg(long, value_name = "FILE", conflicts_with = "nltk_model")]
    pub model: Option<PathBuf>,
    /// NLTK's `averaged_perceptron_tagger_eng` folder (tags as `nltk.pos_tag`).
    #[arg(long, value_name = "DIR", conflicts_with = "encoder")]
    pub nltk_model: Option<PathBuf>,
    /// Tag with nlkit's contextual English model: the embedded perceptron
    /// and head plus this transformer encoder folder (all-MiniLM-L6-v2:
    /// config.json, tokenizer.json, model.safetensors). More accurate, and
    /// much slower.
    #[arg(long, value_name = "DIR", conflicts_with = "model")]
    pub encoder: Option<PathBuf>,
    /// A tagger by name: `embedded:xpos`, `embedded:upos`, `nltk:DIR`,
    /// `neural:DIR` (a `train-neural` model folder), or a model file.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["model", "nltk_model", "encoder"])]
    pub tagger: Option<String>,
}

impl ModelArgs {
    /// The chosen model; `upos` picks the embedded UPOS model (or the
    /// contextual tagger's UPOS head) when no model file is given.
    pub(crate) fn source(&self, upos: bool) -> TaggerSource {
        if let Some(name) = &self.tagger {
            return TaggerSource::parse(name);
        }
        if let Some(dir) = &self.encoder {
            return TaggerSource::Contextual {
                encoder: dir.clone(),
                upos,
            };
        }
        match (&self.model, &self.nltk_model) {
            (Some(m), _) => TaggerSource::Model(m.clone()),
            (None, Some(d)) => TaggerSource::Nltk(d.clone()),
            (None, None) if upos => TaggerSource::EmbeddedUpos,
            (None, None) => TaggerSource::EmbeddedXpos,
        }
    }

    /// Loads the chosen model ([`ModelArgs::source`]).
    pub(crate) fn load(&self, upos: bool) -> Result<AnyTagger> {
        self.source(upos).load()
    }
}

/// Arguments of `nlkit tag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: ModelArgs,
    /// Output tagset.
    #[arg(long, value_enum, default_value_t)]
    tagset: Tagset,
    /// Lines are already tokenized: tokens are the whitespace-separated fields.
    #[arg(long)]
    pretokenized: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: TagFormat,
    /// Worker threads (output keeps input order).
    #[arg(long, short = 'j', default_value_t = 1)]
    jobs: usize,
}

/// Runs `nlkit tag`.
pub fn run(a: TagArgs) -> Result<()> {
    let tagger = a.model.load(a.tagset == Tagset::Upos)?;
    let tagger = &tagger;
    let tokenizer: Box<dyn crate::tokenize::Tokenizer> = if a.pretokenized {
        Box::new(crate::tokenize::WhitespaceTokenizer)
    } else {
        crate::tokenize::by_name("word", &crate::tokenize::TokenizerConfig::default())?
    };
    let tagset = a.tagset;
    let format = a.format;
    let mut out = stdout();
    let mut line_no = 0usize;
    let finish = |words: &[&str], mut tags: Vec<&str>, text: &mut String| {
        if tagset == Tagset::Universal {
            for t in tags.iter_mut() {
                *t = crate::tag::TagsetMapping::en_ptb_map(t);
            }
        }
        render(format, tagset, words, &tags, text);
    };
    let tag_line = |line: &str, text: &mut String| -> Result<()> {
        let toks = tokenizer.tokenize(line);
        let words: Vec<&str> = toks.iter().map(|t| t.as_ref()).collect();
        finish(&words, tagger.try_tag(&words)?, text);
        Ok(())
    };
    let mut emit = |text: &str, out: &mut dyn Write| -> Result<()> {
        line_no += 1;
        if format == TagFormat::Conllu {
            writeln!(out, "# sent_id = {line_no}")?;
            out.write_all(text.as_bytes())?;
        } else {
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    };
    if tagger.prefers_groups() {
        // the encoder runs much faster on groups of sentences than on one
        crate::par::map_ordered(
            crate::par::chunked(a.input.lines(), CONTEXT_GROUP),
            a.jobs,
            |lines: Vec<String>| {
                let toks: Vec<_> = lines.iter().map(|l| tokenizer.tokenize(l)).collect();
                let words: Vec<Vec<&str>> = toks
                    .iter()
                    .map(|t| t.iter().map(|w| w.as_ref()).collect())
                    .collect();
                let tags = tagger.try_tag_sents(&words)?;
                Ok(words
                    .iter()
                    .zip(tags)
                    .map(|(w, t)| {
                        let mut text = String::new();
                        finish(w, t, &mut text);
                        text
                    })
                    .collect::<Vec<String>>())
            },
            |texts: Vec<String>| texts.iter().try_for_each(|t| emit(t, &mut out)),
        )?;
    } else if a.jobs <= 1 {
        // one thread: lines are tagged straight from the read buffer
        let mut text = String::new();
        a.input.for_each_line(|line| {
            text.clear();
            tag_line(line, &mut text)?;
            emit(&text, &mut out)
        })?;
    } else {
        crate::par::map_ordered(
            a.input.lines(),
            a.jobs,
            |line: String| {
                let mut text = String::new();
                tag_line(&line, &mut text)?;
                Ok(text)
            },
            |text: String| emit(&text, &mut out),
        )?;
    }
    out.flush()?;
    Ok(())
}

/// Lines a contextual tagger encodes together (`nlkit tag --encoder`):
/// about 1.6 times as fast as one by one on a CPU core; more gains little.
const CONTEXT_GROUP: usize = 32;

/// Formats one tagged line into `s` (for CoNLL-U, the token lines and the
/// blank line that ends the block).
fn render(format: TagFormat, tagset: Tagset, words: &[&str], tags: &[&str], s: &mut String) {
    match format {
        TagFormat::Text => {
            for (i, (w, t)) in words.iter().zip(tags).enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(w);
                s.push('/');
                s.push_str(t);
            }
        }
        TagFormat::Jsonl => {
            // written pair by pair, with no intermediate Vec of pairs
            let mut v = std::mem::take(s).into_bytes();
            v.push(b'[');
            for (i, (w, t)) in words.iter().zip(tags).enumerate() {
                if i > 0 {
                    v.push(b',');
                }
                v.push(b'[');
                push_json_str(&mut v, w);
                v.push(b',');
                push_json_str(&mut v, t);
                v.push(b']');
            }
            v.push(b']');
            *s = String::from_utf8(v).unwrap_or_default();
        }
        TagFormat::Conllu => {
            use std::fmt::Write as _;
            for (i, (w, t)) in words.iter().zip(tags).enumerate() {
                let (upos, xpos) = if tagset == Tagset::Ptb {
                    ("_", *t)
                } else {
                    (*t, "_")
                };
                let _ = writeln!(s, "{}\t{w}\t_\t{upos}\t{xpos}\t_\t_\t_\t_\t_", i + 1);
            }
            s.push('\n');
        }
    }
}
