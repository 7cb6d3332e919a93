//! `nlkit sentiment`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::common::{stdout, InputArgs, LineFormat};
use crate::sentiment::{SentimentIntensityAnalyzer, VaderLexicon};
use crate::Result;

/// Arguments of `nlkit sentiment`.
#[derive(Debug, Args)]
pub struct SentimentArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The VADER lexicon: a vader_lexicon.txt file, its folder or NLTK's
    /// vader_lexicon.zip (default: sentiment/vader_lexicon on NLTK's search path).
    #[arg(long, value_name = "PATH")]
    lexicon: Option<PathBuf>,
    /// NLTK data folder to find the lexicon in (default: NLTK's search path).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// text: `neg=… neu=… pos=… compound=…`; jsonl: NLTK's dict as JSON.
    #[arg(long, value_enum, default_value_t = LineFormat::Text)]
    format: LineFormat,
}

/// Runs `nlkit sentiment`: one line of VADER scores per input line.
pub fn run(a: SentimentArgs) -> Result<()> {
    let lexicon = match &a.lexicon {
        Some(p) => VaderLexicon::from_path(p)?,
        None => VaderLexicon::load(a.data.as_deref())?,
    };
    let vader = SentimentIntensityAnalyzer::new(lexicon);
    let mut out = stdout();
    let mut line_out = String::new();
    a.input.for_each_line(|line| {
        let s = vader.polarity_scores(line);
        line_out.clear();
        match a.format {
            LineFormat::Text => s.write_text(&mut line_out),
            LineFormat::Jsonl => s.write_json(&mut line_out),
        }
        line_out.push('\n');
        out.write_all(line_out.as_bytes())?;
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}
