//! Training: NLTK's averaged perceptron algorithm (`PerceptronTagger.train`).

use super::*;

/// How to train a [`PerceptronTagger`].
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training data (NLTK: 5).
    pub iterations: usize,
    /// Seed of the shuffling between passes.
    pub seed: u64,
    /// Feature templates.
    pub feature_set: FeatureSet,
    /// Word clusters, needed by [`FeatureSet::Clusters`].
    pub clusters: Option<std::sync::Arc<WordClusters>>,
    /// Tag-dictionary frequency threshold (NLTK: 20).
    pub tagdict_min_count: usize,
    /// Tag-dictionary ambiguity threshold (NLTK: 0.97).
    pub tagdict_min_ratio: f64,
    /// Drop averaged weights whose absolute value is below this (0 keeps
    /// every non-zero weight, as NLTK does).
    pub prune_below: f64,
    /// Where to report progress (one phase per iteration); `None` is quiet.
    pub progress: Option<crate::progress::ProgressHandle>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            iterations: 5,
            seed: 0,
            feature_set: FeatureSet::Nltk,
            clusters: None,
            tagdict_min_count: 20,
            tagdict_min_ratio: 0.97,
            prune_below: 0.0,
            progress: None,
        }
    }
}

/// One weight during training (NLTK's `weights[f][c]`, `_totals[(f, c)]`,
/// `_tstamps[(f, c)]`).
#[derive(Clone, Copy)]
pub(super) struct Param {
    pub(super) class: u16,
    pub(super) weight: f64,
    pub(super) total: f64,
    pub(super) stamp: u64,
}

/// NLTK's training algorithm; a stacked model's `first` stage comes with
/// its tags of each sentence. `label` starts the progress messages.
pub(super) fn train(
    sentences: &[Vec<(String, String)>],
    cfg: &TrainConfig,
    first: Option<(&[Vec<String>], PerceptronTagger)>,
    label: &str,
) -> Result<PerceptronTagger> {
    let (guesses, first) = match first {
        Some((g, f)) => (g, Some(f)),
        None => (&[][..], None),
    };
    check_parts(cfg.feature_set, cfg.clusters.as_deref(), first.as_ref()).map_err(|e| match e {
        Error::Model(m) => Error::InvalidInput(m),
        e => e,
    })?;
    let mut clus: Vec<ClusterIds> = Vec::new();
    // Tag dictionary and classes, as NLTK's _make_tagdict.
    let mut counts: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
    let mut class_set: std::collections::BTreeSet<&str> = Default::default();
    let mut n_tokens = 0usize;
    for s in sentences {
        for (w, t) in s {
            if t.is_empty() {
                return Err(Error::InvalidInput(format!(
                    "training data gives the word `{w}` an empty tag"
                )));
            }
            class_set.insert(t);
            let e = counts.entry(w).or_default();
            match e.iter_mut().find(|(tt, _)| tt == t) {
                Some(x) => x.1 += 1,
                None => e.push((t, 1)),
            }
            n_tokens += 1;
        }
    }
    if n_tokens == 0 {
        return Err(Error::InvalidInput("no tagged tokens to train on".into()));
    }
    if class_set.len() > Entry::MAX_CLASSES {
        return Err(Error::InvalidInput("too many distinct tags".into()));
    }
    let classes: Vec<&str> = class_set.into_iter().collect();
    let class_id: HashMap<&str, u16> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (*c, i as u16))
        .collect();
    let mut tagdict: FxMap<Box<str>, u16> = FxMap::default();
    for (w, freqs) in &counts {
        // max() keeps the first of equal counts, in insertion order
        let mut best = freqs[0];
        for &f in &freqs[1..] {
            if f.1 > best.1 {
                best = f;
            }
        }
        let n: usize = freqs.iter().map(|f| f.1).sum();
        if n >= cfg.tagdict_min_count && (best.1 as f64 / n as f64) >= cfg.tagdict_min_ratio {
            tagdict.insert((*w).into(), class_id[best.0]);
        }
    }
    drop(counts);

    let n_classes = classes.len();
    let mut feat_ids: FxMap<Box<str>, u32> = FxMap::default();
    let mut params: Vec<Vec<Param>> = Vec::new();
    let mut stamp: u64 = 0;
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(cfg.seed);
    let mut scores = vec![0f64; n_classes];
    let mut buf = String::new();
    let mut feats: Vec<u32> = Vec::with_capacity(64);
    let gold: Vec<Vec<u16>> = sentences
        .iter()
        .map(|s| s.iter().map(|(_, t)| class_id[t.as_str()]).collect())
        .collect();
    for iter in 0..cfg.iterations {
        crate::progress::report(&cfg.progress, |p| {
            p.start(
                &format!("{label}iteration {}/{}", iter + 1, cfg.iterations),
                Some(order.len() as u64),
            )
        });
        let (mut correct, mut total) = (0usize, 0usize);
        for (k, &si) in order.iter().enumerate() {
            let sent = &sentences[si];
            let words: Vec<&str> = sent.iter().map(|(w, _)| w.as_str()).collect();
            let context = make_context(&words);
            cluster_context(cfg.clusters.as_deref(), &words, &mut clus);
            let first_tags = match guesses.get(si) {
                Some(g) => pad_tags(g.iter().map(String::as_str)),
                None => Vec::new(),
            };
            let ctx = Context {
                words: &context,
                clusters: &clus,
                first: &first_tags,
            };
            let (mut prev, mut prev2) = (START[0], START[1]);
            for (i, &word) in words.iter().enumerate() {
                let truth = gold[si][i];
                let guess = match tagdict.get(word) {
                    Some(&t) => t,
                    None => {
                        feats.clear();
                        for_each_feature(
                            cfg.feature_set,
                            i,
                            word,
                            ctx,
                            prev,
                            prev2,
                            &mut buf,
                            |f| {
                                let id = match feat_ids.get(f) {
                                    Some(&id) => id,
                                    None => {
                                        let id = params.len() as u32;
                                        feat_ids.insert(f.into(), id);
                                        params.push(Vec::new());
                                        id
                                    }
                                };
                                feats.push(id);
                            },
                        );
                        scores.iter_mut().for_each(|s| *s = 0.0);
                        for &f in &feats {
                            for p in &params[f as usize] {
                                scores[p.class as usize] += p.weight;
                            }
                        }
                        let guess = argmax(&scores);
                        stamp += 1;
                        if guess != truth {
                            for &f in &feats {
                                let row = &mut params[f as usize];
                                upd(row, truth, 1.0, stamp);
                                upd(row, guess, -1.0, stamp);
                            }
                        }
                        guess
                    }
                };
                prev2 = prev;
                prev = classes[guess as usize];
                correct += usize::from(guess == truth);
                total += 1;
            }
            if k % 256 == 0 {
                crate::progress::report(&cfg.progress, |p| p.set_position(k as u64));
            }
        }
        crate::progress::report(&cfg.progress, |p| {
            p.finish(&format!(
                "{label}iteration {}/{}: {:.2}% on training data",
                iter + 1,
                cfg.iterations,
                100.0 * correct as f64 / total.max(1) as f64
            ))
        });
        order.shuffle(&mut rng);
    }

    // Average (NLTK: round(total / i, 3), kept when non-zero).
    let n = stamp.max(1) as f64;
    let mut names: Vec<(&str, u32)> = feat_ids.iter().map(|(k, &v)| (&**k, v)).collect();
    names.sort_unstable();
    let mut tb = TableBuilder::default();
    for (name, id) in names {
        let row = &params[id as usize];
        let mut r: Vec<(u16, f64)> = row
            .iter()
            .filter_map(|p| {
                let t = p.total + (stamp - p.stamp) as f64 * p.weight;
                let avg = ((t / n) * 1000.0).round() / 1000.0;
                (avg != 0.0 && avg.abs() >= cfg.prune_below).then_some((p.class, avg))
            })
            .collect();
        r.sort_by_key(|e| e.0);
        tb.push_row(name, r);
    }
    let mut t = PerceptronTagger::from_table(
        classes.iter().map(|c| Box::from(*c)).collect(),
        tagdict,
        tb,
        cfg.feature_set,
        cfg.clusters.clone(),
        first.map(std::sync::Arc::new),
    )?;
    t.meta = ModelMeta {
        iterations: cfg.iterations as u32,
        seed: cfg.seed,
        train_tokens: n_tokens as u64,
        ..ModelMeta::default()
    };
    Ok(t)
}

/// NLTK's `upd_feat`: bring the running total up to date, then change the
/// weight.
pub(super) fn upd(row: &mut Vec<Param>, class: u16, delta: f64, stamp: u64) {
    // NLTK increments `i` before updating, so updates see the new count.
    let p = match row.iter_mut().position(|p| p.class == class) {
        Some(k) => &mut row[k],
        None => {
            row.push(Param {
                class,
                weight: 0.0,
                total: 0.0,
                stamp: 0,
            });
            let k = row.len() - 1;
            &mut row[k]
        }
    };
    p.total += (stamp - p.stamp) as f64 * p.weight;
    p.stamp = stamp;
    p.weight += delta;
}

impl PerceptronTagger {
    /// Trains a tagger on tagged sentences with NLTK's algorithm.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when there is nothing to train on or a tag is
    /// empty.
    pub fn train(sentences: &[Vec<(String, String)>], cfg: &TrainConfig) -> Result<Self> {
        if cfg.feature_set == FeatureSet::Stacked {
            return Err(Error::InvalidInput(
                "the `stacked` feature set is trained with a first stage \
                 (PerceptronTagger::train_stacked; `train-tagger --first-column`)"
                    .into(),
            ));
        }
        train(sentences, cfg, None, "")
    }

    /// Trains a stacked tagger ([`FeatureSet::Stacked`]): a first-stage
    /// tagger on `first_sentences` (with `first_cfg`), and on `sentences`
    /// (the same words, other tags) a second one whose features also read
    /// the first stage's tags of each token and its right neighbours. The
    /// second stage learns from first-stage tags as good as those it will
    /// see on new text: the training sentences are split into `folds`
    /// parts (sentence `i` in part `i % folds`), and each part is tagged by
    /// a first stage trained on the others (jackknifing). The model keeps
    /// the first stage trained on all sentences.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `cfg` is not [`FeatureSet::Stacked`],
    /// `first_cfg` is, the two lists do not have the same words, `folds` is
    /// below 2 or above the number of sentences, or as
    /// [`PerceptronTagger::train`].
    ///
    /// # Example
    /// ```
    /// use std::sync::Arc;
    /// use nlkit::tag::{FeatureSet, PerceptronTagger, Tagger, TrainConfig, WordClusters};
    /// let s = |v: &[(&str, &str)]| v.iter().map(|(w, t)| (w.to_string(), t.to_string())).collect::<Vec<_>>();
    /// let xpos = vec![s(&[("the", "DT"), ("dog", "NN"), ("runs", "VBZ")]); 4];
    /// let upos = vec![s(&[("the", "DET"), ("dog", "NOUN"), ("runs", "VERB")]); 4];
    /// let clusters = Arc::new(WordClusters::from_tsv("dog\t1\t2\t3\n").unwrap());
    /// let first = TrainConfig {
    ///     feature_set: FeatureSet::Clusters,
    ///     clusters: Some(clusters.clone()),
    ///     ..TrainConfig::default()
    /// };
    /// let cfg = TrainConfig { feature_set: FeatureSet::Stacked, ..first.clone() };
    /// let t = PerceptronTagger::train_stacked(&xpos, &upos, &first, &cfg, 2).unwrap();
    /// assert_eq!(t.tag(&["the", "dog", "runs"]), ["DET", "NOUN", "VERB"]);
    /// assert_eq!(t.first_stage().unwrap().tag(&["the", "dog"]), ["DT", "NN"]);
    /// ```
    pub fn train_stacked(
        first_sentences: &[Vec<(String, String)>],
        sentences: &[Vec<(String, String)>],
        first_cfg: &TrainConfig,
        cfg: &TrainConfig,
        folds: usize,
    ) -> Result<Self> {
        if cfg.feature_set != FeatureSet::Stacked || first_cfg.feature_set == FeatureSet::Stacked {
            return Err(Error::InvalidInput(
                "a stacked tagger has the `stacked` feature set and a first stage of another"
                    .into(),
            ));
        }
        if first_sentences.len() != sentences.len()
            || first_sentences
                .iter()
                .zip(sentences)
                .any(|(a, b)| a.len() != b.len() || a.iter().zip(b).any(|(x, y)| x.0 != y.0))
        {
            return Err(Error::InvalidInput(
                "the first stage's training sentences must have the same words as the second's"
                    .into(),
            ));
        }
        if folds < 2 || folds > sentences.len() {
            return Err(Error::InvalidInput(format!(
                "{folds} folds for {} training sentences: need 2 or more, at most one per sentence",
                sentences.len()
            )));
        }
        let guesses = Self::jackknife(first_sentences, first_cfg, folds)?;
        let first = train(first_sentences, first_cfg, None, "first stage: ")?;
        train(sentences, cfg, Some((&guesses, first)), "second stage: ")
    }

    /// Tags every training sentence with a tagger that has not seen it:
    /// the sentences are split into `folds` parts (sentence `i` in part
    /// `i % folds`), and each part is tagged by a tagger trained with `cfg`
    /// on the other parts (jackknifing). A later stage that reads these
    /// tags learns from tags as noisy as on new text.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `folds` is below 2 or above the number
    /// of sentences, or as [`PerceptronTagger::train`].
    ///
    /// # Example
    /// ```
    /// use nlkit::tag::{PerceptronTagger, TrainConfig};
    /// let s = |v: &[(&str, &str)]| v.iter().map(|(w, t)| (w.to_string(), t.to_string())).collect::<Vec<_>>();
    /// let train = vec![s(&[("the", "DT"), ("dog", "NN")]), s(&[("a", "DT"), ("cat", "NN")])];
    /// let tags = PerceptronTagger::jackknife(&train, &TrainConfig::default(), 2).unwrap();
    /// assert_eq!(tags.len(), 2);
    /// assert_eq!(tags[0].len(), 2);
    /// ```
    pub fn jackknife(
        sentences: &[Vec<(String, String)>],
        cfg: &TrainConfig,
        folds: usize,
    ) -> Result<Vec<Vec<String>>> {
        if folds < 2 || folds > sentences.len() {
            return Err(Error::InvalidInput(format!(
                "{folds} folds for {} training sentences: need 2 or more, at most one per sentence",
                sentences.len()
            )));
        }
        let mut guesses: Vec<Vec<String>> = vec![Vec::new(); sentences.len()];
        for k in 0..folds {
            let rest: Vec<Vec<(String, String)>> = sentences
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != k)
                .map(|(_, s)| s.clone())
                .collect();
            let label = format!("first stage, fold {}/{folds}: ", k + 1);
            let t = train(&rest, cfg, None, &label)?;
            for (i, s) in sentences.iter().enumerate().skip(k).step_by(folds) {
                let words: Vec<&str> = s.iter().map(|(w, _)| w.as_str()).collect();
                guesses[i] = t.tag(&words).into_iter().map(str::to_string).collect();
            }
        }
        Ok(guesses)
    }
}
