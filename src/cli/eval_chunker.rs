//! `nlkit eval-chunker`: NLTK's ChunkScore (IOB accuracy, precision,
//! recall, F-measure) of a chunker on CoNLL-2000-style gold data.

use std::path::{Path, PathBuf};

use clap::Args;

use super::chunk::ChunkerArgs;
use super::common::{stdout, write_json_line, write_line};
use crate::chunk::{
    chunked_sent_from_iob, ChunkScore, Chunker, TaggerChunker, CONLL2000_CHUNK_TYPES,
};
use crate::corpus::ConllChunkCorpusReader;
use crate::tree::Tree;
use crate::{Error, Result};

/// Arguments of `nlkit eval-chunker`.
#[derive(Debug, Args)]
pub struct EvalChunkerArgs {
    #[command(flatten)]
    chunker: ChunkerArgs,
    /// Train and score the NLTK book's `unigram` or `bigram` chunker (on --train) instead.
    #[arg(long, value_name = "KIND", conflicts_with_all = ["grammar", "model"])]
    ngram: Option<String>,
    /// Gold data in CoNLL-2000 layout (default: NLTK data's conll2000/test.txt).
    #[arg(long, value_name = "FILE")]
    test: Option<PathBuf>,
    /// Training data for --ngram (default: NLTK data's conll2000/train.txt).
    #[arg(long, value_name = "FILE")]
    train: Option<PathBuf>,
    /// Chunk types to keep (comma-separated; others become O), default all CoNLL-2000 types.
    #[arg(long, value_name = "TYPES")]
    chunk_types: Option<String>,
    /// Print one JSON object instead of NLTK's report.
    #[arg(long)]
    json: bool,
}

/// Reads CoNLL-2000-style chunk trees from a file.
///
/// # Errors
/// The read error or a malformed row.
pub fn read_chunked(path: &Path, chunk_types: Option<&[&str]>) -> Result<Vec<Tree>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let sents = ConllChunkCorpusReader::parse_grid(&path.display().to_string(), &text)?;
    sents
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| chunked_sent_from_iob(s, chunk_types))
        .collect()
}

fn conll2000(file: &str) -> Result<PathBuf> {
    let res = crate::data::Resource::find("corpora/conll2000", None)?;
    res.local_path(file).ok_or_else(|| {
        Error::InvalidInput(format!(
            "corpora/conll2000/{file} is not a plain file; pass --test/--train FILE"
        ))
    })
}

/// Runs `nlkit eval-chunker`.
pub fn run(a: EvalChunkerArgs) -> Result<()> {
    let types_owned: Vec<String> = match &a.chunk_types {
        Some(s) => s.split(',').map(|t| t.trim().to_string()).collect(),
        None => CONLL2000_CHUNK_TYPES
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };
    let types: Vec<&str> = types_owned.iter().map(|s| s.as_str()).collect();
    let test_path = match &a.test {
        Some(p) => p.clone(),
        None => conll2000("test.txt")?,
    };
    let gold = read_chunked(&test_path, Some(&types))?;
    let chunker: Box<dyn Chunker> = match a.ngram.as_deref() {
        Some(kind) => {
            let train_path = match &a.train {
                Some(p) => p.clone(),
                None => conll2000("train.txt")?,
            };
            let train = read_chunked(&train_path, Some(&types))?;
            match kind {
                "unigram" => Box::new(TaggerChunker::unigram(&train)?),
                "bigram" => Box::new(TaggerChunker::bigram(&train)?),
                other => {
                    return Err(Error::UnknownName {
                        kind: "n-gram chunker",
                        name: other.to_string(),
                        expected: "unigram, bigram".into(),
                    })
                }
            }
        }
        None => a.chunker.build()?,
    };
    let mut score = ChunkScore::new();
    for g in &gold {
        let leaves = g.leaves();
        let words: Vec<(&str, &str)> = leaves
            .iter()
            .filter_map(|l| crate::chunk::split_leaf(l))
            .collect();
        let guess = chunker.parse(&words)?;
        score.score(g, &guess);
    }
    let mut out = stdout();
    if a.json {
        let v = serde_json::json!({
            "sentences": gold.len(),
            "chunks": score.len(),
            "accuracy": score.accuracy(),
            "precision": score.precision(),
            "recall": score.recall(),
            "f_measure": score.f_measure(),
            "missed": score.missed().len(),
            "incorrect": score.incorrect().len(),
        });
        write_json_line(&mut out, &v)?;
    } else {
        write_line(&mut out, &score.to_string())?;
    }
    Ok(())
}
