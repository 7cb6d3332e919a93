//! Trains one of NLTK's classic taggers on a CoNLL-U (or word/TAG) file and
//! prints its accuracy on another, as one JSON line. Used by
//! `scripts/parity/tag_classic.py` (which runs NLTK on the same split).
//!
//! ```text
//! cargo run --release --example tag_classic -- TRAIN TEST ALGORITHM [--limit N] [--column xpos|upos] [--max-rules N] [--min-score N] [--tags FILE]
//! ```
//! ALGORITHM: default, regexp, unigram, unigram_cutoff2, bigram, trigram,
//! affix, hmm, hmm_mle, brill.

use std::path::Path;
use std::time::Instant;

use nlkit::corpus::conllu::{self, Column};
use nlkit::tag::classic::{
    fntbl37, AffixTagger, BrillTaggerTrainer, DefaultTagger, HiddenMarkovModelTagger, HmmEstimator,
    NgramTagger, RegexpTagger,
};
use nlkit::tag::Tagger;

type Sents = Vec<Vec<(String, String)>>;

fn read(path: &Path, column: Column) -> nlkit::Result<Sents> {
    Ok(conllu::read_file(path)?
        .into_iter()
        .filter(|s| !s.words.is_empty())
        .map(|s| s.tagged(column))
        .collect())
}

fn nn() -> Box<DefaultTagger> {
    Box::new(DefaultTagger::new("NN"))
}

fn main() {
    if let Err(e) = run() {
        eprintln!("tag_classic: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut pos, mut limit, mut column, mut max_rules, mut min_score, mut tags_out) =
        (Vec::new(), usize::MAX, Column::Xpos, 100usize, 3i64, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--limit" => limit = val()?.parse()?,
            "--column" => column = val()?.parse()?,
            "--max-rules" => max_rules = val()?.parse()?,
            "--min-score" => min_score = val()?.parse()?,
            "--tags" => tags_out = Some(val()?),
            _ => pos.push(a.clone()),
        }
    }
    let [train, test, algo] = pos.as_slice() else {
        return Err("usage: tag_classic TRAIN TEST ALGORITHM [options]".into());
    };
    let mut train = read(Path::new(train), column)?;
    train.truncate(limit);
    let test = read(Path::new(test), column)?;
    let t0 = Instant::now();
    let tagger: Box<dyn Tagger> = match algo.as_str() {
        "default" => nn(),
        "regexp" => Box::new(RegexpTagger::new(RegexpTagger::nltk_demo_patterns(), None)?),
        "unigram" => Box::new(NgramTagger::unigram(&train, 0, Some(nn()))),
        "unigram_cutoff2" => Box::new(NgramTagger::unigram(&train, 2, Some(nn()))),
        "bigram" => {
            let u = NgramTagger::unigram(&train, 0, Some(nn()));
            Box::new(NgramTagger::bigram(&train, 0, Some(Box::new(u))))
        }
        "trigram" => {
            let u = NgramTagger::unigram(&train, 0, Some(nn()));
            let b = NgramTagger::bigram(&train, 0, Some(Box::new(u)));
            Box::new(NgramTagger::trigram(&train, 0, Some(Box::new(b))))
        }
        "affix" => Box::new(AffixTagger::train(&train, -3, 2, 0, Some(nn()))),
        "hmm" => Box::new(HiddenMarkovModelTagger::train(
            &train,
            HmmEstimator::Lidstone(0.1),
        )),
        "hmm_mle" => Box::new(HiddenMarkovModelTagger::train(&train, HmmEstimator::Mle)),
        "brill" => {
            let re = RegexpTagger::new(RegexpTagger::nltk_demo_patterns(), None)?;
            let initial = NgramTagger::unigram(&train, 0, Some(Box::new(re)));
            let trainer = BrillTaggerTrainer::new(Box::new(initial), fntbl37());
            Box::new(trainer.train(&train, max_rules, min_score))
        }
        other => return Err(format!("unknown algorithm {other}").into()),
    };
    let train_s = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let mut all_tags = Vec::new();
    let (mut n, mut ok) = (0u64, 0u64);
    for sent in &test {
        let words: Vec<&str> = sent.iter().map(|(w, _)| w.as_str()).collect();
        let tags = tagger.tag(&words);
        for ((_, g), p) in sent.iter().zip(&tags) {
            n += 1;
            ok += u64::from(g == p);
        }
        if tags_out.is_some() {
            all_tags.push(tags.iter().map(|t| t.to_string()).collect::<Vec<_>>());
        }
    }
    let tag_s = t1.elapsed().as_secs_f64();
    if let Some(p) = tags_out {
        let body: Vec<String> = all_tags
            .iter()
            .map(|t| serde_json::to_string(t).unwrap_or_default())
            .collect();
        std::fs::write(p, body.join("\n") + "\n")?;
    }
    println!(
        "{}",
        serde_json::json!({
            "algorithm": algo,
            "accuracy": 100.0 * ok as f64 / n.max(1) as f64,
            "tokens": n,
            "train_s": train_s,
            "tag_s": tag_s,
        })
    );
    Ok(())
}
