//! `nlkit detokenize`: one line of space-separated tokens in, one line of
//! text out (NLTK's `TreebankWordDetokenizer`).

use clap::Args;

use super::common::{stdout, write_line, InputArgs};
use crate::tokenize::{is_py_whitespace, TreebankWordDetokenizer};
use crate::Result;

/// Arguments of `nlkit detokenize`.
#[derive(Debug, Args)]
pub struct DetokenizeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Turn PTB bracket symbols back into brackets (`-LRB-` → `(`).
    #[arg(long)]
    convert_parentheses: bool,
}

/// Runs `nlkit detokenize`.
pub fn run(a: DetokenizeArgs) -> Result<()> {
    let d = TreebankWordDetokenizer {
        convert_parentheses: a.convert_parentheses,
    };
    let mut out = stdout();
    for line in a.input.lines() {
        let line = line?;
        let tokens: Vec<&str> = line
            .split(is_py_whitespace)
            .filter(|t| !t.is_empty())
            .collect();
        write_line(&mut out, &d.detokenize(&tokens))?;
    }
    std::io::Write::flush(&mut out)?;
    Ok(())
}
