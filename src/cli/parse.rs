//! `nlkit parse`: parse each input line (tokens split on whitespace) with a
//! grammar in NLTK's text format (feature grammars: NLTK's
//! `FeatureChartParser`, trees labelled with feature structures).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::common::{push_json_str, stdout, InputArgs};
use crate::grammar::{looks_like_feature_grammar, DependencyGrammar, FeatureGrammar, CFG, PCFG};
use crate::parse::{
    BottomUpProbabilisticChartParser, BracketEscape, ChartParser, FeatureChartParser,
    FeatureStrategy, Forest, ParserKind, ProjectiveDependencyParser, QueueOrder,
    RecursiveDescentParser, ShiftReduceParser, ViterbiParser, PARSER_NAMES,
};
use crate::tree::Tree;
use crate::{Error, Result};

/// Output formats of `nlkit parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ParseFormat {
    /// Each tree on one line (NLTK's `pformat(margin=10**9)`), a blank line after each sentence.
    #[default]
    Bracket,
    /// Each tree as NLTK's `pformat()` (margin 70, indented), a blank line after each sentence.
    Pretty,
    /// One JSON object per input line: `{"count": N, "trees": [...]}`.
    Jsonl,
}

/// Arguments of `nlkit parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Grammar file in NLTK's format (.cfg; .pcfg is read as a PCFG; .fcfg,
    /// or a grammar whose nonterminals carry `[features]`, as a feature grammar).
    #[arg(long, short = 'g', value_name = "FILE")]
    grammar: PathBuf,
    /// chart (NLTK's ChartParser), bottom-up, top-down, left-corner, earley, shift-reduce, recursive-descent, viterbi or inside (PCFG: the best parse, or all
    /// parses most probable first), longest, random or unsorted (NLTK's
    /// other probabilistic chart parsers), or projective-dependency (a
    /// dependency grammar: `'head' -> 'modifier' | ...` lines).
    #[arg(long, short = 'p', default_value = "chart")]
    parser: String,
    /// Print only the number of parses (counted in the forest, not enumerated).
    #[arg(long)]
    count: bool,
    /// Print at most N trees per sentence.
    #[arg(long, value_name = "N")]
    max_trees: Option<u128>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t)]
    format: ParseFormat,
    /// NLTK's `beam_size` for inside, longest, random and unsorted: keep at
    /// most N edges in the queue (0 = no beam).
    #[arg(long, value_name = "N", default_value_t = 0)]
    beam: usize,
    /// Seed of Python's `random` for `--parser random` (as `random.seed(N)`).
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
}

enum Loaded {
    Chart(ChartParser),
    ShiftReduce(ShiftReduceParser),
    RecursiveDescent(RecursiveDescentParser),
    Dependency(ProjectiveDependencyParser),
    Viterbi(ViterbiParser),
    Agenda(BottomUpProbabilisticChartParser),
    /// The grammar lives as long as the process, so the parser (and its
    /// per-production precomputations) is made once for all sentences.
    Feature(FeatureChartParser<'static>),
}

/// A feature grammar: a `.fcfg` file, or text whose nonterminals carry features.
fn is_feature_grammar(path: &Path) -> bool {
    if path.extension().is_some_and(|e| e == "fcfg") {
        return true;
    }
    if path.extension().is_some_and(|e| e == "pcfg") {
        return false;
    }
    std::fs::read(path)
        .map(|b| looks_like_feature_grammar(&String::from_utf8_lossy(&b)))
        .unwrap_or(false)
}

fn load(path: &Path, kind: ParserKind, beam: usize, seed: u64) -> Result<Loaded> {
    let is_pcfg = path.extension().is_some_and(|e| e == "pcfg");
    let cfg = || -> Result<CFG> {
        Ok(if is_pcfg {
            PCFG::from_file(path)?.cfg().clone()
        } else {
            CFG::from_file(path)?
        })
    };
    if kind != ParserKind::ProjectiveDependency && is_feature_grammar(path) {
        let strategy = match kind {
            ParserKind::Chart | ParserKind::LeftCorner => FeatureStrategy::BottomUpLeftCorner,
            ParserKind::BottomUp => FeatureStrategy::BottomUp,
            ParserKind::TopDown => FeatureStrategy::TopDown,
            ParserKind::Earley => FeatureStrategy::Earley,
            _ => {
                return Err(Error::InvalidInput(
                    "a feature grammar takes the chart, bottom-up, top-down, left-corner or earley parser".into(),
                ))
            }
        };
        // one grammar per process, needed until it exits: leaked so that
        // the parser (which borrows it) can be built once for all lines
        let grammar: &'static FeatureGrammar =
            Box::leak(Box::new(FeatureGrammar::from_file(path)?));
        return Ok(Loaded::Feature(FeatureChartParser::with_strategy(
            grammar, strategy,
        )));
    }
    Ok(if kind == ParserKind::ProjectiveDependency {
        Loaded::Dependency(ProjectiveDependencyParser::new(
            &DependencyGrammar::from_file(path)?,
        ))
    } else if kind == ParserKind::ShiftReduce {
        Loaded::ShiftReduce(ShiftReduceParser::new(&cfg()?))
    } else if kind == ParserKind::RecursiveDescent {
        Loaded::RecursiveDescent(RecursiveDescentParser::new(&cfg()?))
    } else if let Some(order) = match kind {
        ParserKind::Inside => Some(QueueOrder::Inside),
        ParserKind::Longest => Some(QueueOrder::Longest),
        ParserKind::Random => Some(QueueOrder::Random(seed)),
        ParserKind::Unsorted => Some(QueueOrder::Unsorted),
        _ => None,
    } {
        Loaded::Agenda(BottomUpProbabilisticChartParser::new(
            &PCFG::from_file(path)?,
            order,
            beam,
        ))
    } else if kind.is_probabilistic() {
        Loaded::Viterbi(ViterbiParser::new(&PCFG::from_file(path)?))
    } else if is_pcfg {
        Loaded::Chart(ChartParser::new(PCFG::from_file(path)?.cfg()))
    } else {
        Loaded::Chart(ChartParser::new(&CFG::from_file(path)?))
    })
}

/// One sentence's result: trees (at most the limit), the count, and
/// probabilities for Viterbi.
struct Answer {
    count: Option<u128>,
    trees: Vec<Tree>,
    probs: Vec<f64>,
    /// A chart parser's forest, when its trees are to be written as one-line
    /// strings straight from it (instead of `trees`).
    forest: Option<Forest>,
}

fn answer(
    parser: &Loaded,
    tokens: &[&str],
    limit: u128,
    count_only: bool,
    flat: bool,
) -> Result<Answer> {
    match parser {
        Loaded::Feature(p) => {
            let trees = p.parse(tokens)?;
            let count = Some(trees.len() as u128);
            let keep = if count_only {
                0
            } else {
                usize::try_from(limit).unwrap_or(usize::MAX)
            };
            Ok(Answer {
                count,
                trees: trees.into_iter().take(keep).collect(),
                probs: Vec::new(),
                forest: None,
            })
        }
        Loaded::Chart(p) => {
            let f = p.forest(tokens)?;
            let count = f.count();
            if flat && !count_only {
                return Ok(Answer {
                    count,
                    trees: Vec::new(),
                    probs: Vec::new(),
                    forest: Some(f),
                });
            }
            let trees = if count_only {
                Vec::new()
            } else {
                let total = count.unwrap_or(u128::MAX).min(limit);
                (0..total).map_while(|k| f.tree(k)).collect()
            };
            Ok(Answer {
                count,
                trees,
                probs: Vec::new(),
                forest: None,
            })
        }
        Loaded::ShiftReduce(p) => {
            let t = p.parse(tokens)?;
            let count = Some(u128::from(t.is_some()));
            let trees = if count_only || limit == 0 {
                Vec::new()
            } else {
                t.into_iter().collect()
            };
            Ok(Answer {
                count,
                trees,
                probs: Vec::new(),
                forest: None,
            })
        }
        Loaded::RecursiveDescent(p) => {
            // NLTK's search has no packed form: counting enumerates, and
            // a search stopped at --max-trees knows no count (null)
            let mut count = 0u128;
            let mut trees = Vec::new();
            let mut stopped = false;
            for t in p.parse(tokens)? {
                let t = t?;
                if !count_only && count == limit {
                    stopped = true;
                    break;
                }
                if !count_only {
                    trees.push(t);
                }
                count += 1;
            }
            Ok(Answer {
                count: (!stopped).then_some(count),
                trees,
                probs: Vec::new(),
                forest: None,
            })
        }
        Loaded::Dependency(p) => {
            let trees = p.parse(tokens)?;
            let count = Some(trees.len() as u128);
            let keep = if count_only {
                0
            } else {
                usize::try_from(limit).unwrap_or(usize::MAX)
            };
            Ok(Answer {
                count,
                trees: trees.into_iter().take(keep).collect(),
                probs: Vec::new(),
                forest: None,
            })
        }
        Loaded::Agenda(p) => {
            let parses = p.parse(tokens)?;
            let count = Some(parses.len() as u128);
            let keep = if count_only {
                0
            } else {
                usize::try_from(limit).unwrap_or(usize::MAX)
            };
            let (trees, probs) = parses
                .into_iter()
                .take(keep)
                .map(|v| (v.tree, v.prob))
                .unzip();
            Ok(Answer {
                count,
                trees,
                probs,
                forest: None,
            })
        }
        Loaded::Viterbi(p) => {
            let best = p.parse(tokens)?;
            let count = Some(u128::from(best.is_some()));
            let (trees, probs) = match best {
                Some(b) if limit > 0 && !count_only => (vec![b.tree], vec![b.prob]),
                _ => (Vec::new(), Vec::new()),
            };
            Ok(Answer {
                count,
                trees,
                probs,
                forest: None,
            })
        }
    }
}

/// Output buffered beyond this many bytes is written out (a sentence can
/// have millions of trees).
const FLUSH_AT: usize = 1 << 20;

fn json_f64(v: f64) -> String {
    serde_json::to_string(&v).unwrap_or_else(|_| "null".into())
}

/// `nlkit parse ARGS` parsed by a parser of that subcommand alone, or
/// `None` (another subcommand, help, an error: the full parser answers).
pub(super) fn parse_alone(args: &[std::ffi::OsString]) -> Option<super::Command> {
    super::parse_subcommand_alone::<ParseArgs>(args, "parse").map(super::Command::Parse)
}

/// Runs `nlkit parse`.
pub fn run(a: ParseArgs) -> Result<()> {
    let kind = ParserKind::from_name(&a.parser).map_err(|e| match e {
        Error::UnknownName { .. } => e,
        other => Error::InvalidInput(format!("{other} ({PARSER_NAMES})")),
    })?;
    let agenda = matches!(
        kind,
        ParserKind::Inside | ParserKind::Longest | ParserKind::Random | ParserKind::Unsorted
    );
    if a.beam > 0 && !agenda {
        return Err(Error::InvalidInput(
            "--beam applies only to --parser inside, longest, random or unsorted".into(),
        ));
    }
    if a.seed != 0 && kind != ParserKind::Random {
        return Err(Error::InvalidInput(
            "--seed applies only to --parser random".into(),
        ));
    }
    let parser = load(&a.grammar, kind, a.beam, a.seed)?;
    let limit = a.max_trees.unwrap_or(u128::MAX);
    let mut out = stdout();
    let mut failed = 0usize;
    let mut lineno = 0usize;
    let mut buf: Vec<u8> = Vec::new();
    a.input.for_each_line(|line| {
        lineno += 1;
        let tokens: Vec<&str> = line
            .split(crate::tokenize::is_py_whitespace)
            .filter(|t| !t.is_empty())
            .collect();
        buf.clear();
        let res = answer(
            &parser,
            &tokens,
            limit,
            a.count,
            a.format != ParseFormat::Pretty,
        );
        match (a.format, res) {
            (ParseFormat::Jsonl, Ok(ans)) => {
                buf.extend_from_slice(b"{\"count\": ");
                match ans.count {
                    Some(c) => buf.extend_from_slice(c.to_string().as_bytes()),
                    None => buf.extend_from_slice(b"null"),
                }
                if !a.count {
                    buf.extend_from_slice(b", \"trees\": [");
                    if let Some(f) = &ans.forest {
                        let mut strings = f.bracket_strings(BracketEscape::Json);
                        let mut k = 0u128;
                        while k < limit {
                            let Some(s) = strings.next_tree() else { break };
                            if k > 0 {
                                buf.extend_from_slice(b", ");
                            }
                            buf.push(b'"');
                            buf.extend_from_slice(s.as_bytes());
                            buf.push(b'"');
                            k += 1;
                            if buf.len() >= FLUSH_AT {
                                out.write_all(&buf)?;
                                buf.clear();
                            }
                        }
                    }
                    for (k, t) in ans.trees.iter().enumerate() {
                        if k > 0 {
                            buf.extend_from_slice(b", ");
                        }
                        push_json_str(&mut buf, &t.to_string());
                    }
                    buf.push(b']');
                    if matches!(parser, Loaded::Viterbi(_) | Loaded::Agenda(_)) {
                        buf.extend_from_slice(b", \"probs\": [");
                        let ps: Vec<String> = ans.probs.iter().map(|&p| json_f64(p)).collect();
                        buf.extend_from_slice(ps.join(", ").as_bytes());
                        buf.push(b']');
                    }
                }
                buf.extend_from_slice(b"}\n");
            }
            (ParseFormat::Jsonl, Err(e)) => {
                buf.extend_from_slice(b"{\"error\": ");
                push_json_str(&mut buf, &e.to_string());
                buf.extend_from_slice(b"}\n");
            }
            (_, Ok(ans)) if a.count => match ans.count {
                Some(c) => buf.extend_from_slice(format!("{c}\n").as_bytes()),
                None => {
                    failed += 1;
                    eprintln!("nlkit: line {lineno}: more than {} parses", u128::MAX - 1);
                    buf.push(b'\n');
                }
            },
            (fmt, Ok(ans)) => {
                if let Some(f) = &ans.forest {
                    let mut strings = f.bracket_strings(BracketEscape::Plain);
                    let mut k = 0u128;
                    while k < limit {
                        let Some(s) = strings.next_tree() else { break };
                        buf.extend_from_slice(s.as_bytes());
                        buf.push(b'\n');
                        k += 1;
                        if buf.len() >= FLUSH_AT {
                            out.write_all(&buf)?;
                            buf.clear();
                        }
                    }
                }
                for (k, t) in ans.trees.iter().enumerate() {
                    let s = if fmt == ParseFormat::Pretty {
                        t.pformat(70)
                    } else {
                        t.to_string()
                    };
                    buf.extend_from_slice(s.as_bytes());
                    if let Some(p) = ans.probs.get(k) {
                        buf.extend_from_slice(
                            format!(" (p={})", crate::grammar::py_float_repr(*p)).as_bytes(),
                        );
                    }
                    buf.push(b'\n');
                }
                buf.push(b'\n');
            }
            (_, Err(e)) => {
                failed += 1;
                eprintln!("nlkit: line {lineno}: {e}");
                buf.push(b'\n');
            }
        }
        out.write_all(&buf)?;
        Ok(())
    })?;
    out.flush()?;
    if failed > 0 {
        return Err(Error::InvalidInput(format!(
            "{failed} sentence(s) could not be parsed (see the messages above)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The parse-only parser gives the full parser's arguments, and leaves
    /// help, errors and other subcommands to it.
    #[test]
    fn parse_alone_equals_the_full_parser() {
        let ok: [&[&str]; 6] = [
            &["nlkit", "parse", "--grammar", "g.fcfg"],
            &[
                "nlkit", "parse", "-g", "g.cfg", "--format", "pretty", "a.txt", "b.txt",
            ],
            &[
                "nlkit",
                "parse",
                "--grammar=g",
                "--parser",
                "earley",
                "--count",
            ],
            &[
                "nlkit",
                "parse",
                "-g",
                "g.pcfg",
                "-p",
                "random",
                "--seed",
                "3",
                "--beam",
                "2",
                "--max-trees",
                "5",
                "-f",
                "jsonl",
                "--lossy",
            ],
            &["nlkit", "parse", "-g", "g", "--", "--count"],
            &["nlkit", "parse", "-g", "g", "-"],
        ];
        for args in ok {
            let os: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            let fast = parse_alone(&os).expect("parsed");
            let full = super::super::Cli::try_parse_from(args).unwrap().command;
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{args:?}");
        }
        let refused: [&[&str]; 7] = [
            &["nlkit", "parse", "--help"],
            &["nlkit", "parse"],
            &["nlkit", "parse", "-g", "g", "--format", "tree"],
            &["nlkit", "parse", "-g", "g", "--beam", "x"],
            &["nlkit", "parse", "--nope"],
            &["nlkit", "chunk", "x"],
            &["nlkit"],
        ];
        for args in refused {
            let os: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            assert!(parse_alone(&os).is_none(), "{args:?}");
        }
    }
}
