//! `nlkit sentences`: Punkt sentence splitting (or nlkit's UD splitter).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::common::{stdout, write_json_line, write_line, InputArgs, LineFormat};
use crate::sentence::PunktSentenceTokenizer;
use crate::{Result, Span};

/// What one text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Unit {
    /// A blank-line separated block of lines (its lines joined by `\n`).
    #[default]
    Paragraph,
    /// One input line.
    Line,
}

/// Which sentence splitter `nlkit sentences` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SentenceModel {
    /// Punkt, as NLTK's sent_tokenize (nlkit's embedded English model, or --punkt DIR).
    #[default]
    Punkt,
    /// nlkit's splitter trained on UD English-EWT raw text (web text, no
    /// final punctuation needed); what `nlkit pipeline` uses by default.
    Ud,
}

/// Arguments of `nlkit sentences`.
#[derive(Debug, Args)]
#[command(after_long_help = "\
OUTPUT
  --unit paragraph (default), --format text: one sentence per line; newlines
      inside a sentence are printed as spaces.
  --unit line, --format text: exactly one output line per input line, its
      sentences joined by a TAB (TABs inside a sentence are printed as spaces);
      an empty input line gives an empty output line.
  --format jsonl: one JSON array of sentence strings per unit (paragraph or line).
  --spans: offsets instead of sentence text: UTF-8 byte offsets [start, end)
      relative to the start of the unit (a paragraph is its lines joined by
      `\\n`), as NLTK's span_tokenize (which counts characters). jsonl prints
      [[start,end],...] per unit; text prints `START<TAB>END<TAB>SENTENCE` per
      sentence (paragraph) or `START:END` pairs joined by TAB (line).

The model is nlkit's embedded English Punkt model unless --punkt names an
NLTK punkt_tab language folder (e.g. nltk_data/tokenizers/punkt_tab/english).
--model ud uses nlkit's splitter trained on UD English-EWT instead (what
`nlkit pipeline` uses by default; --no-realign does not apply to it).")]
pub struct SentencesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// A punkt_tab language folder to use instead of the embedded English model.
    #[arg(long, value_name = "DIR", conflicts_with = "model")]
    punkt: Option<PathBuf>,
    /// The splitter: punkt (NLTK's) or ud (trained on UD English-EWT).
    #[arg(long, value_enum)]
    model: Option<SentenceModel>,
    /// What one text is: a blank-line separated paragraph, or one line.
    #[arg(long, value_enum, default_value_t)]
    unit: Unit,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: LineFormat,
    /// Print byte offsets of the sentences (see OUTPUT in --help).
    #[arg(long)]
    spans: bool,
    /// Do not move closing quotes/brackets after a period onto the sentence
    /// they close (NLTK's realign_boundaries=False).
    #[arg(long)]
    no_realign: bool,
    /// Worker threads (units are split in parallel; output keeps input order).
    #[arg(long, short = 'j', default_value_t = 1)]
    jobs: usize,
}

/// Runs `nlkit sentences`.
pub fn run(a: SentencesArgs) -> Result<()> {
    let owned;
    let punkt: &PunktSentenceTokenizer = match &a.punkt {
        Some(dir) => {
            owned = PunktSentenceTokenizer::from_dir(dir)?;
            &owned
        }
        None => PunktSentenceTokenizer::default_english(),
    };
    let ud = crate::sentence::UdSentenceTokenizer::default_english();
    let realign = !a.no_realign;
    let mut out = stdout();
    let units: Box<dyn Iterator<Item = Result<String>>> = match a.unit {
        Unit::Line => Box::new(a.input.lines()),
        Unit::Paragraph => Box::new(a.input.paragraphs().map(|r| r.map(|(_, t)| t))),
    };
    crate::par::map_ordered(
        units,
        a.jobs,
        |text| {
            let spans = match a.model {
                Some(SentenceModel::Ud) => {
                    crate::sentence::SentenceTokenizer::span_tokenize(ud, &text)
                }
                _ => punkt.span_tokenize_with(&text, realign),
            };
            Ok((text, spans))
        },
        |(text, spans): (String, Vec<Span>)| write_unit(&mut out, &a, &text, &spans),
    )?;
    std::io::Write::flush(&mut out)?;
    Ok(())
}

fn write_unit(
    out: &mut impl std::io::Write,
    a: &SentencesArgs,
    text: &str,
    spans: &[Span],
) -> Result<()> {
    match (a.format, a.spans) {
        (LineFormat::Jsonl, false) => {
            let v: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
            write_json_line(out, &v)
        }
        (LineFormat::Jsonl, true) => {
            let v: Vec<[usize; 2]> = spans.iter().map(|s| [s.start, s.end]).collect();
            write_json_line(out, &v)
        }
        (LineFormat::Text, spans_only) => match a.unit {
            Unit::Paragraph => {
                for s in spans {
                    let sent = s.slice(text).replace('\n', " ");
                    if spans_only {
                        write_line(out, &format!("{}\t{}\t{sent}", s.start, s.end))?;
                    } else {
                        write_line(out, &sent)?;
                    }
                }
                Ok(())
            }
            Unit::Line => {
                let parts: Vec<String> = spans
                    .iter()
                    .map(|s| {
                        if spans_only {
                            format!("{}:{}", s.start, s.end)
                        } else {
                            s.slice(text).replace('\t', " ")
                        }
                    })
                    .collect();
                write_line(out, &parts.join("\t"))
            }
        },
    }
}
