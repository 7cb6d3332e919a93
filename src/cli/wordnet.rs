//! `nlkit wordnet`: look words (or synset names) up in WordNet.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::common::{stdout, write_json_line, write_line};
use super::lemmatize::open_wordnet;
use crate::wordnet::{Pos, Synset, WordNet};
use crate::{Error, Result};

/// Output format of `nlkit wordnet`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum WordnetFormat {
    /// Readable text.
    #[default]
    Text,
    /// One JSON object per word (or per pair with --similarity).
    Json,
}

/// Arguments of `nlkit wordnet`.
#[derive(Debug, Args)]
pub struct WordnetArgs {
    /// Words to look up (as NLTK's `wn.synsets(word, pos)`), or synset names
    /// such as `dog.n.01`; `-` reads one per line from standard input.
    #[arg(value_name = "WORD", required = true)]
    words: Vec<String>,
    /// Only synsets of this part of speech: n, v, a, r or s.
    #[arg(long)]
    pos: Option<String>,
    /// WordNet folder or wordnet.zip (default: `corpora/wordnet` along NLTK's data search path).
    #[arg(long, value_name = "DIR")]
    wordnet: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: WordnetFormat,
    /// Treat the words as pairs of synset names (`-`: lines `NAME1 NAME2`) and print NLTK's path and Wu-Palmer similarity of each pair.
    #[arg(long)]
    similarity: bool,
}

#[derive(Serialize)]
struct SynsetRecord {
    name: String,
    pos: char,
    offset: u32,
    lexname: String,
    definition: String,
    examples: Vec<String>,
    lemma_names: Vec<String>,
    hypernyms: Vec<String>,
    instance_hypernyms: Vec<String>,
}

#[derive(Serialize)]
struct WordRecord<'a> {
    word: &'a str,
    synsets: Vec<SynsetRecord>,
}

#[derive(Serialize)]
struct PairRecord<'a> {
    a: &'a str,
    b: &'a str,
    path: Option<f64>,
    wup: Option<f64>,
}

fn names(v: Vec<Synset>) -> Vec<String> {
    v.iter().map(|s| s.name().to_string()).collect()
}

fn record(s: &Synset) -> Result<SynsetRecord> {
    Ok(SynsetRecord {
        name: s.name().to_string(),
        pos: s.pos().as_char(),
        offset: s.offset(),
        lexname: s.lexname().to_string(),
        definition: s.definition().to_string(),
        examples: s.examples().to_vec(),
        lemma_names: s.lemma_names().iter().map(|x| x.to_string()).collect(),
        hypernyms: names(s.hypernyms()?),
        instance_hypernyms: names(s.instance_hypernyms()?),
    })
}

/// A synset name (`dog.n.01`) rather than a word?
fn is_synset_name(w: &str) -> bool {
    let mut parts = w.rsplitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(num), Some(pos), Some(lemma)) => {
            !lemma.is_empty()
                && Pos::from_char(pos.chars().next().unwrap_or(' ')).is_some()
                && pos.len() == 1
                && !num.is_empty()
                && num.bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    }
}

fn lookup(wn: &WordNet, word: &str, pos: Option<Pos>) -> Result<Vec<Synset>> {
    if is_synset_name(word) {
        Ok(vec![wn.synset(word)?])
    } else {
        wn.synsets(word, pos)
    }
}

fn inputs(words: &[String]) -> Result<Vec<String>> {
    if words.len() == 1 && words[0] == "-" {
        let mut v = Vec::new();
        let args = super::common::InputArgs {
            files: Vec::new(),
            lossy: false,
        };
        for line in args.lines() {
            v.push(line?);
        }
        Ok(v)
    } else {
        Ok(words.to_vec())
    }
}

/// Runs `nlkit wordnet`.
pub fn run(a: WordnetArgs) -> Result<()> {
    let pos = a.pos.as_deref().map(str::parse::<Pos>).transpose()?;
    let wn = open_wordnet(a.wordnet.as_deref())?;
    let items = inputs(&a.words)?;
    let mut out = stdout();
    if a.similarity {
        let mut pairs: Vec<(String, String)> = Vec::new();
        if a.words.len() == 1 && a.words[0] == "-" {
            for (i, line) in items.iter().enumerate() {
                let mut it = line.split_whitespace();
                match (it.next(), it.next(), it.next()) {
                    (Some(x), Some(y), None) => pairs.push((x.into(), y.into())),
                    (None, _, _) => {}
                    _ => {
                        return Err(Error::InvalidInput(format!(
                            "line {}: expected two synset names, e.g. `dog.n.01 cat.n.01`",
                            i + 1
                        )))
                    }
                }
            }
        } else {
            if items.len() % 2 != 0 {
                return Err(Error::InvalidInput(
                    "--similarity takes pairs of synset names, e.g. `dog.n.01 cat.n.01`".into(),
                ));
            }
            for c in items.chunks(2) {
                pairs.push((c[0].clone(), c[1].clone()));
            }
        }
        for (x, y) in &pairs {
            let (s1, s2) = (wn.synset(x)?, wn.synset(y)?);
            let rec = PairRecord {
                a: x,
                b: y,
                path: s1.path_similarity(&s2)?,
                wup: s1.wup_similarity(&s2)?,
            };
            match a.format {
                WordnetFormat::Json => write_json_line(&mut out, &rec)?,
                WordnetFormat::Text => {
                    let f = |v: Option<f64>| v.map_or("None".to_string(), |v| format!("{v:?}"));
                    write_line(
                        &mut out,
                        &format!("{x}\t{y}\tpath={}\twup={}", f(rec.path), f(rec.wup)),
                    )?
                }
            }
        }
        out.flush()?;
        return Ok(());
    }
    for word in &items {
        let synsets = lookup(&wn, word, pos)?;
        match a.format {
            WordnetFormat::Json => {
                let recs = synsets.iter().map(record).collect::<Result<Vec<_>>>()?;
                write_json_line(
                    &mut out,
                    &WordRecord {
                        word,
                        synsets: recs,
                    },
                )?;
            }
            WordnetFormat::Text => {
                if synsets.is_empty() {
                    write_line(&mut out, &format!("{word}: no synsets"))?;
                }
                for s in &synsets {
                    let r = record(s)?;
                    write_line(
                        &mut out,
                        &format!("{} [{}] {}", r.name, r.lexname, r.lemma_names.join(", ")),
                    )?;
                    write_line(&mut out, &format!("  definition: {}", r.definition))?;
                    for e in &r.examples {
                        write_line(&mut out, &format!("  example: {e}"))?;
                    }
                    let mut hyp = r.hypernyms.clone();
                    hyp.extend(
                        r.instance_hypernyms
                            .iter()
                            .map(|h| format!("{h} (instance)")),
                    );
                    if !hyp.is_empty() {
                        write_line(&mut out, &format!("  hypernyms: {}", hyp.join(", ")))?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}
