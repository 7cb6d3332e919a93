//! `nlkit tree`: read bracketed trees, print or transform them.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::common::{push_json_str, stdout, InputArgs};
use crate::io::{input_name, open_input, LineReader};
use crate::tree::{
    BracketBlocks, CnfOptions, Factor, PformatOptions, ReadOptions, TextOptions, TreePrettyPrinter,
    UnCnfOptions,
};
use crate::{Error, Result};

/// `--factor` of `--cnf`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FactorArg {
    Right,
    Left,
}

/// Arguments of `nlkit tree`.
#[derive(Debug, Args)]
pub struct TreeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Draw each tree as NLTK's `pretty_print()` (ASCII).
    #[arg(long, group = "out")]
    pretty: bool,
    /// Draw each tree as `pretty_print(unicodelines=True)`.
    #[arg(long, group = "out")]
    unicode: bool,
    /// Print each tree as a standalone SVG document.
    #[arg(long, group = "out")]
    svg: bool,
    /// Print with NLTK's `pformat(margin=N)` (default: one line per tree).
    #[arg(long, value_name = "N")]
    margin: Option<usize>,
    /// Chomsky normal form (NLTK's `chomsky_normal_form`) before printing.
    #[arg(long, group = "transform")]
    cnf: bool,
    /// `--cnf` only: binarise to the right (default) or left.
    #[arg(long, value_enum, default_value = "right", requires = "cnf")]
    factor: FactorArg,
    /// `--cnf` only: horizontal Markov order (default: unlimited).
    #[arg(long, value_name = "N", requires = "cnf")]
    horz_markov: Option<usize>,
    /// `--cnf` only: vertical Markov order (parent annotation; default 0).
    #[arg(long, value_name = "N", default_value_t = 0, requires = "cnf")]
    vert_markov: usize,
    /// Undo CNF and collapsed unaries (NLTK's `un_chomsky_normal_form`).
    #[arg(long, group = "transform")]
    un_cnf: bool,
    /// Collapse unary chains (NLTK's `collapse_unary`).
    #[arg(long, group = "transform")]
    collapse_unary: bool,
    /// `--collapse-unary` only: also collapse part-of-speech nodes.
    #[arg(long, requires = "collapse_unary")]
    collapse_pos: bool,
    /// `--collapse-unary` only: also collapse a unary root.
    #[arg(long, requires = "collapse_unary")]
    collapse_root: bool,
    /// Drop an empty top bracket `( (S ...) )`, as the treebank reader does.
    #[arg(long)]
    remove_empty_top: bool,
    /// Nesting limit (NLTK's MAX_TREE_DEPTH, 500); 0 for none.
    #[arg(long, value_name = "N", default_value_t = crate::tree::MAX_TREE_DEPTH)]
    max_depth: usize,
    /// One JSON string per tree instead of raw text.
    #[arg(long)]
    jsonl: bool,
}

/// Runs `nlkit tree`.
pub fn run(a: TreeArgs) -> Result<()> {
    let reader = ReadOptions::new()
        .remove_empty_top_bracketing(a.remove_empty_top)
        .max_depth((a.max_depth > 0).then_some(a.max_depth));
    let cnf = CnfOptions {
        factor: match a.factor {
            FactorArg::Right => Factor::Right,
            FactorArg::Left => Factor::Left,
        },
        horz_markov: a.horz_markov,
        vert_markov: a.vert_markov,
        ..Default::default()
    };
    let mode = a.input.utf8_mode();
    let mut out = stdout();
    let mut buf = Vec::new();
    for path in a.input.paths() {
        let name = input_name(&path);
        let lines = LineReader::new(open_input(&path)?, name.clone(), mode);
        for block in BracketBlocks::new(lines) {
            let (line, text) = block?;
            let mut t = reader
                .read(&text)
                .map_err(|e| Error::InvalidInput(format!("{name}:{line}: {e}")))?;
            if a.cnf {
                t.chomsky_normal_form(&cnf);
            } else if a.un_cnf {
                t.un_chomsky_normal_form(&UnCnfOptions::default());
            } else if a.collapse_unary {
                t.collapse_unary(a.collapse_pos, a.collapse_root, "+");
            }
            let s = if a.pretty || a.unicode || a.svg {
                let p = TreePrettyPrinter::new(&t)
                    .map_err(|e| Error::InvalidInput(format!("{name}:{line}: {e}")))?;
                if a.svg {
                    p.svg()
                } else {
                    p.text(&TextOptions {
                        unicodelines: a.unicode,
                        ..Default::default()
                    })
                }
            } else {
                t.pformat_with(&PformatOptions {
                    margin: a.margin.unwrap_or(usize::MAX),
                    ..Default::default()
                })
            };
            buf.clear();
            if a.jsonl {
                push_json_str(&mut buf, &s);
            } else {
                buf.extend_from_slice(s.as_bytes());
            }
            if a.jsonl || !s.ends_with('\n') || a.pretty || a.unicode {
                // one line per tree; a drawing is followed by a blank line,
                // as `pretty_print()` prints it
                buf.push(b'\n');
            }
            out.write_all(&buf)?;
        }
    }
    out.flush()?;
    Ok(())
}
