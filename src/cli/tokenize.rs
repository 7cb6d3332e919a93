//! `nlkit tokenize`: one output line per input line.

use std::path::PathBuf;

use clap::Args;

use super::common::{stdout, write_line, InputArgs, LineFormat};
use crate::tokenize::{by_name, TokenizerConfig, TOKENIZER_NAMES};
use crate::{Error, Result, Span};

/// Arguments of `nlkit tokenize`.
#[derive(Debug, Args)]
pub struct TokenizeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Tokenizer name.
    #[arg(long, short = 't', default_value = "word", help = format!("Tokenizer: {TOKENIZER_NAMES}"))]
    tokenizer: String,
    /// `punkt_tab` language folder for the sentence step of `word` (e.g.
    /// nltk_data/tokenizers/punkt_tab/english) instead of the embedded model.
    #[arg(long, value_name = "DIR")]
    punkt: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: LineFormat,
    /// Print byte offsets of the tokens instead of the tokens
    /// (text: `start:end` items; jsonl: `[[start,end],...]`).
    #[arg(long)]
    spans: bool,
    /// `word`: do not split lines into sentences (NLTK's preserve_line=True).
    #[arg(long)]
    preserve_line: bool,
    /// `tweet`: lower-case tokens except emoticons (NLTK's preserve_case=False).
    #[arg(long)]
    lowercase: bool,
    /// `tweet`: shorten runs of 3+ repeated characters to 3 (reduce_len=True).
    #[arg(long)]
    reduce_len: bool,
    /// `tweet`: remove @handles (strip_handles=True).
    #[arg(long)]
    strip_handles: bool,
    /// `tweet`: do not keep phone numbers as one token (match_phone_numbers=False).
    #[arg(long)]
    no_phone_numbers: bool,
    /// `regexp:PATTERN`: the pattern matches separators, not tokens (gaps=True).
    #[arg(long)]
    gaps: bool,
    /// `regexp:PATTERN` with --gaps: keep empty tokens (discard_empty=False).
    #[arg(long)]
    keep_empty: bool,
    /// `mwe`: a multi-word expression, its words separated by spaces
    /// (repeatable), e.g. `--mwe "New York"`.
    #[arg(long, value_name = "WORDS")]
    mwe: Vec<String>,
    /// `mwe`: the string joining the words of a merged expression.
    #[arg(long, value_name = "SEP", default_value = "_")]
    mwe_separator: String,
    /// Worker threads (output keeps input order).
    #[arg(long, short = 'j', default_value_t = 1)]
    jobs: usize,
}

impl TokenizeArgs {
    /// The tokenizer options the flags ask for.
    fn config(&self) -> TokenizerConfig {
        let mut cfg = TokenizerConfig::default();
        cfg.punkt.clone_from(&self.punkt);
        cfg.preserve_line = self.preserve_line;
        cfg.tweet.preserve_case = !self.lowercase;
        cfg.tweet.reduce_len = self.reduce_len;
        cfg.tweet.strip_handles = self.strip_handles;
        cfg.tweet.match_phone_numbers = !self.no_phone_numbers;
        cfg.regexp_gaps = self.gaps;
        cfg.regexp_discard_empty = !self.keep_empty;
        cfg.mwes = self
            .mwe
            .iter()
            .map(|e| e.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .filter(|e| !e.is_empty())
            .collect();
        cfg.mwe_separator.clone_from(&self.mwe_separator);
        cfg
    }
}

/// Runs `nlkit tokenize`.
pub fn run(a: TokenizeArgs) -> Result<()> {
    let tokenizer = by_name(&a.tokenizer, &a.config())?;
    let mut out = stdout();
    let lines = a.input.lines().enumerate().map(|(i, r)| r.map(|l| (i, l)));
    let (spans, format) = (a.spans, a.format);
    // Each worker formats its whole output line.
    crate::par::map_ordered(
        lines,
        a.jobs,
        |(i, line)| {
            if spans {
                let s = tokenizer
                    .span_tokenize(&line)
                    .map_err(|e| Error::InvalidInput(format!("input line {}: {e}", i + 1)))?;
                Ok(format_spans(&s, format))
            } else {
                format_tokens(&tokenizer.tokenize(&line), format)
            }
        },
        |o| write_line(&mut out, &o),
    )?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}

fn format_tokens(toks: &[std::borrow::Cow<'_, str>], format: LineFormat) -> Result<String> {
    match format {
        LineFormat::Text => Ok(toks.join(" ")),
        LineFormat::Jsonl => serde_json::to_string(toks).map_err(|e| Error::Json {
            context: "writing output".into(),
            source: e,
        }),
    }
}

fn format_spans(spans: &[Span], format: LineFormat) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    match format {
        LineFormat::Text => {
            for (i, sp) in spans.iter().enumerate() {
                let sep = if i > 0 { " " } else { "" };
                let _ = write!(s, "{sep}{}:{}", sp.start, sp.end);
            }
        }
        LineFormat::Jsonl => {
            s.push('[');
            for (i, sp) in spans.iter().enumerate() {
                let sep = if i > 0 { "," } else { "" };
                let _ = write!(s, "{sep}[{},{}]", sp.start, sp.end);
            }
            s.push(']');
        }
    }
    s
}
