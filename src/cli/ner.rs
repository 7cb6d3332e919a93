//! `nlkit ner`: named entities (BIO tags) of each input line with a neural
//! labeller: an embedded model (`--lang es|nl`) or one from `nlkit
//! train-neural --task ner` (`--model DIR`).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::common::{push_json_str, stdout, InputArgs};
use crate::neural::labeller::embedded_ner;
use crate::neural::AnyLabeller;
use crate::Result;

/// Output format of `nlkit ner`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum NerFormat {
    /// `word/TAG` tokens joined by one space.
    #[default]
    Text,
    /// `[["word","B-PER"],...]` per input line.
    Jsonl,
    /// `word TAG` rows, a blank line after each input line (CoNLL-2002 style).
    Conll,
}

/// Arguments of `nlkit ner`.
#[derive(Debug, Args)]
pub struct NerArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    model: NerModelArgs,
    /// Device: cpu, cuda or cuda:N.
    #[arg(long, default_value = "cpu")]
    device: String,
    /// Lines are already tokenized: tokens are the whitespace-separated fields.
    #[arg(long)]
    pretokenized: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: NerFormat,
}

/// Which NER model to use: an embedded one by language, or a folder.
#[derive(Debug, Args)]
pub struct NerModelArgs {
    /// An embedded model: `es` (CoNLL-2002 Spanish) or `nl` (Dutch).
    #[arg(
        long,
        value_name = "LANG",
        conflicts_with = "model",
        required_unless_present = "model"
    )]
    lang: Option<String>,
    /// A model folder (from `nlkit train-neural --task ner|chunk`, with or
    /// without `--encoder`).
    #[arg(long, value_name = "DIR")]
    model: Option<PathBuf>,
}

impl NerModelArgs {
    /// Loads the model the flags name onto `device`.
    ///
    /// # Errors
    /// An unknown language, or a missing or bad model folder.
    pub fn load(&self, device: &candle_core::Device) -> Result<AnyLabeller> {
        match (&self.lang, &self.model) {
            (Some(lang), _) => Ok(AnyLabeller::Labeller(Box::new(embedded_ner(lang, device)?))),
            (None, Some(dir)) => AnyLabeller::load(dir, device),
            (None, None) => Err(crate::Error::InvalidInput(
                "give --lang es|nl or --model DIR".into(),
            )),
        }
    }
}

/// Lines labelled together (the network is much faster on groups).
const GROUP: usize = 64;

/// Runs `nlkit ner`.
pub fn run(a: NerArgs) -> Result<()> {
    let device = crate::neural::parse_device(&a.device)?;
    let model = a.model.load(&device)?;
    let tokenizer: Box<dyn crate::tokenize::Tokenizer> = if a.pretokenized {
        Box::new(crate::tokenize::WhitespaceTokenizer)
    } else {
        crate::tokenize::by_name("word", &crate::tokenize::TokenizerConfig::default())?
    };
    let mut out = stdout();
    let mut lines = a.input.lines().peekable();
    while lines.peek().is_some() {
        let group: Vec<String> = lines.by_ref().take(GROUP).collect::<Result<_>>()?;
        let toks: Vec<_> = group.iter().map(|l| tokenizer.tokenize(l)).collect();
        let words: Vec<Vec<&str>> = toks
            .iter()
            .map(|t| t.iter().map(|w| w.as_ref()).collect())
            .collect();
        let tags = model.label_sents(&words)?;
        for (w, t) in words.iter().zip(&tags) {
            render(&mut out, a.format, w, t)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn render(out: &mut impl Write, format: NerFormat, words: &[&str], tags: &[&str]) -> Result<()> {
    match format {
        NerFormat::Text => {
            let s: Vec<String> = words
                .iter()
                .zip(tags)
                .map(|(w, t)| format!("{w}/{t}"))
                .collect();
            writeln!(out, "{}", s.join(" "))?;
        }
        NerFormat::Jsonl => {
            let mut v = vec![b'['];
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
            v.extend_from_slice(b"]\n");
            out.write_all(&v)?;
        }
        NerFormat::Conll => {
            for (w, t) in words.iter().zip(tags) {
                writeln!(out, "{w} {t}")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}
