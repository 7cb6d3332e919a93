//! The n-gram language models of `nltk.lm.models`: one [`LanguageModel`]
//! type with an [`Estimator`] for NLTK's `MLE`, `Lidstone`, `Laplace`,
//! `KneserNeyInterpolated`, `WittenBellInterpolated` and
//! `AbsoluteDiscountingInterpolated`.

use super::counter::{ContextStats, NgramCounter};
use super::pymath::{fsum, PyRandom};
use super::vocabulary::Vocabulary;
use crate::{Error, Result};

/// How a [`LanguageModel`] turns counts into probabilities (NLTK's model
/// classes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Estimator {
    /// `MLE`: relative frequency of the word after the whole context.
    Mle,
    /// `Lidstone(gamma)`: `(count + gamma) / (N + |V| * gamma)`.
    Lidstone {
        /// The added count.
        gamma: f64,
    },
    /// `Laplace`: Lidstone with gamma 1.
    Laplace,
    /// `KneserNeyInterpolated(discount=0.1)`.
    KneserNeyInterpolated {
        /// The discount, in [0, 1].
        discount: f64,
    },
    /// `WittenBellInterpolated`.
    WittenBellInterpolated,
    /// `AbsoluteDiscountingInterpolated(discount=0.75)`.
    AbsoluteDiscountingInterpolated {
        /// The discount.
        discount: f64,
    },
}

impl Estimator {
    /// NLTK's class name.
    pub fn name(&self) -> &'static str {
        match self {
            Estimator::Mle => "MLE",
            Estimator::Lidstone { .. } => "Lidstone",
            Estimator::Laplace => "Laplace",
            Estimator::KneserNeyInterpolated { .. } => "KneserNeyInterpolated",
            Estimator::WittenBellInterpolated => "WittenBellInterpolated",
            Estimator::AbsoluteDiscountingInterpolated { .. } => "AbsoluteDiscountingInterpolated",
        }
    }
}

/// Kneser-Ney continuation counts, fixed after each fit.
#[derive(Debug, Clone, Default, PartialEq)]
struct Continuation {
    /// cont[d - 1][node]: distinct words seen before the d-gram.
    cont: Vec<Vec<u32>>,
    /// total[d - 1][node]: distinct (word before, word after) pairs around
    /// the d-gram as a context.
    total: Vec<Vec<u64>>,
    /// The same for the empty context (the number of distinct bigrams).
    root_total: u64,
}

/// An n-gram language model: NLTK's `LanguageModel` subclasses, chosen by
/// [`Estimator`], with NLTK's `fit`, `score`, `logscore`, `entropy`,
/// `perplexity` and `generate`, computed with the same floating-point
/// operations (scores match NLTK 3.10.4 to the last bit in the parity
/// tests).
///
/// As in NLTK, `MLE` and `Lidstone` use the whole context given (a context
/// longer than the model's order scores as unseen), the interpolated
/// models the last `order - 1` words of it.
///
/// # Example
/// ```
/// use nlkit::lm::{padded_everygram_pipeline, LanguageModel};
/// let text = [vec!["a", "b", "c"], vec!["a", "c", "d", "c", "e", "f"]];
/// let (train, vocab) = padded_everygram_pipeline(2, &text);
/// let mut lm = LanguageModel::mle(2).unwrap();
/// lm.fit(train, Some(vocab)).unwrap();
/// assert_eq!(lm.score("a", &[] as &[&str]).unwrap(), 0.15384615384615385);
/// assert_eq!(lm.score("b", &["a"]).unwrap(), 0.5);
/// assert_eq!(lm.perplexity(&[["a", "b"], ["c", "d"]]).unwrap(), 2.449489742783178);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageModel {
    order: usize,
    estimator: Estimator,
    pub(crate) vocab: Vocabulary,
    pub(crate) counts: NgramCounter,
    kn: Continuation,
}

impl LanguageModel {
    /// A model of the given order and estimator with an empty vocabulary
    /// (NLTK's `MLE(order)` etc.).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for order 0, a Kneser-Ney discount outside
    /// [0, 1] (as NLTK), or a non-finite gamma or discount.
    pub fn new(order: usize, estimator: Estimator) -> Result<Self> {
        Self::with_vocabulary(order, estimator, Vocabulary::default())
    }

    /// A model that uses (and does not rebuild) a given vocabulary, as
    /// NLTK's `vocabulary=` argument.
    ///
    /// # Errors
    /// As [`LanguageModel::new`].
    ///
    /// # Example
    /// ```
    /// use nlkit::lm::{Estimator, LanguageModel, Vocabulary};
    /// let v = Vocabulary::new(["a", "b", "c", ""], 1).unwrap();
    /// let mut lm = LanguageModel::with_vocabulary(2, Estimator::Lidstone { gamma: 0.2 }, v).unwrap();
    /// let seq: Vec<String> = "aaaababaaccbacb".chars().map(String::from).collect();
    /// let grams: Vec<Vec<String>> = nlkit::util::ngrams::everygrams(seq, 1, Some(2), None, None).collect();
    /// lm.fit_counts([grams]).unwrap();
    /// assert_eq!(lm.score("a", &["b"]).unwrap(), 0.8);
    /// ```
    pub fn with_vocabulary(order: usize, estimator: Estimator, vocab: Vocabulary) -> Result<Self> {
        if order == 0 {
            return Err(Error::InvalidInput(
                "a language model's order must be at least 1".into(),
            ));
        }
        match estimator {
            Estimator::KneserNeyInterpolated { discount } if !(0.0..=1.0).contains(&discount) => {
                return Err(Error::InvalidInput(
                    "Discount must be between 0 and 1 for probabilities to sum to unity.".into(),
                ))
            }
            Estimator::Lidstone { gamma: x }
            | Estimator::AbsoluteDiscountingInterpolated { discount: x }
                if !x.is_finite() =>
            {
                return Err(Error::InvalidInput(format!(
                    "{}: parameter must be a finite number, got {x}",
                    estimator.name()
                )))
            }
            _ => {}
        }
        Ok(LanguageModel {
            order,
            estimator,
            vocab,
            counts: NgramCounter::default(),
            kn: Continuation::default(),
        })
    }

    /// NLTK's `MLE(order)`.
    ///
    /// # Errors
    /// As [`LanguageModel::new`].
    pub fn mle(order: usize) -> Result<Self> {
        Self::new(order, Estimator::Mle)
    }

    /// NLTK's `Lidstone(gamma, order)`.
    ///
    /// # Errors
    /// As [`LanguageModel::new`].
    pub fn lidstone(gamma: f64, order: usize) -> Result<Self> {
        Self::new(order, Estimator::Lidstone { gamma })
    }

    /// NLTK's `Laplace(order)`.
    ///
    /// # Errors
    /// As [`LanguageModel::new`].
    pub fn laplace(order: usize) -> Result<Self> {
        Self::new(order, Estimator::Laplace)
    }

    /// NLTK's `KneserNeyInterpolated(order, discount)` (NLTK's default
    /// discount is 0.1).
    ///
    /// # Errors
    /// As [`LanguageModel::new`].
    pub fn kneser_ney_interpolated(order: usize, discount: f64) -> Result<Self> {
        Self::new(order, Estimator::KneserNeyInterpolated { discount })
    }

    /// NLTK's `WittenBellInterpolated(order)`.
    ///
    /// # Errors
    /// As [`LanguageModel::new`].
    pub fn witten_bell_interpolated(order: usize) -> Result<Self> {
        Self::new(order, Estimator::WittenBellInterpolated)
    }

    /// NLTK's `AbsoluteDiscountingInterpolated(order, discount)` (NLTK's
    /// default discount is 0.75).
    ///
    /// # Errors
    /// As [`LanguageModel::new`].
    pub fn absolute_discounting_interpolated(order: usize, discount: f64) -> Result<Self> {
        Self::new(
            order,
            Estimator::AbsoluteDiscountingInterpolated { discount },
        )
    }

    /// The highest order.
    pub fn order(&self) -> usize {
        self.order
    }

    /// The estimator.
    pub fn estimator(&self) -> Estimator {
        self.estimator
    }

    /// The vocabulary.
    pub fn vocab(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The n-gram counts (over vocabulary ids).
    pub fn counts(&self) -> &NgramCounter {
        &self.counts
    }

    /// The count of an n-gram of words, each looked up in the vocabulary
    /// (NLTK's `counts[ctx][word]`, `counts['a']`).
    pub fn count<S: AsRef<str>>(&self, ngram: &[S]) -> u64 {
        self.counts.count(&self.ids(ngram))
    }

    /// NLTK's `context_counts(context)`: `N()` and the number of distinct
    /// words after the (looked-up) context.
    pub fn context_counts<S: AsRef<str>>(&self, context: &[S]) -> ContextStats {
        self.counts.context(&self.ids(context))
    }

    /// NLTK's `fit(text, vocabulary_text)`: when the vocabulary is empty it
    /// is first built from `vocabulary_text`; then every n-gram of every
    /// sentence of `text` is looked up in it and counted.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when the vocabulary is empty and no
    /// vocabulary text is given (NLTK's ValueError).
    pub fn fit<T, Sent, G, S, V, W>(&mut self, text: T, vocabulary_text: Option<V>) -> Result<()>
    where
        T: IntoIterator<Item = Sent>,
        Sent: IntoIterator<Item = G>,
        G: AsRef<[S]>,
        S: AsRef<str>,
        V: IntoIterator<Item = W>,
        W: AsRef<str>,
    {
        if self.vocab.is_empty() {
            match vocabulary_text {
                Some(v) => self.vocab.update(v),
                None => {
                    return Err(Error::InvalidInput(
                        "Cannot fit without a vocabulary or text to create it from.".into(),
                    ))
                }
            }
        }
        let mut ids = Vec::new();
        for sent in text {
            for g in sent {
                if g.as_ref().is_empty() {
                    return Err(Error::InvalidInput(
                        "fit: an empty n-gram (NLTK raises IndexError)".into(),
                    ));
                }
                ids.clear();
                ids.extend(g.as_ref().iter().map(|w| self.vocab.lookup_id(w.as_ref())));
                self.counts.add(&ids, 1);
            }
        }
        self.after_fit();
        Ok(())
    }

    /// [`LanguageModel::fit`] with no vocabulary text (the vocabulary must
    /// have been given to [`LanguageModel::with_vocabulary`]).
    ///
    /// # Errors
    /// As [`LanguageModel::fit`].
    pub fn fit_counts<T, Sent, G, S>(&mut self, text: T) -> Result<()>
    where
        T: IntoIterator<Item = Sent>,
        Sent: IntoIterator<Item = G>,
        G: AsRef<[S]>,
        S: AsRef<str>,
    {
        self.fit(text, None::<[&str; 0]>)
    }

    /// `fit(*padded_everygram_pipeline(order, sents))` in one pass over the
    /// sentences: each is padded with `order - 1` `<s>` and `</s>`, the
    /// vocabulary (when empty) is built from the padded words, and all
    /// 1- to order-grams are counted.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when there is nothing to train on (no
    /// sentences and an empty vocabulary).
    ///
    /// # Example
    /// ```
    /// use nlkit::lm::LanguageModel;
    /// let mut lm = LanguageModel::kneser_ney_interpolated(3, 0.1).unwrap();
    /// lm.fit_text([["the", "cat", "sat"], ["the", "dog", "sat"]]).unwrap();
    /// let p = lm.score("sat", &["the", "cat"]).unwrap();
    /// assert!(p > 0.5 && p < 1.0);
    /// ```
    pub fn fit_text<T, Sent, S>(&mut self, sents: T) -> Result<()>
    where
        T: IntoIterator<Item = Sent>,
        Sent: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let build = self.vocab.is_empty();
        let pad = self.order - 1;
        let bos = self.vocab.intern_if(build, "<s>");
        let eos = self.vocab.intern_if(build, "</s>");
        let mut flat: Vec<u32> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        for sent in sents {
            flat.extend(std::iter::repeat_n(bos, pad));
            for w in sent {
                let id = if build {
                    self.vocab.intern(w.as_ref())
                } else {
                    self.vocab.lookup_id(w.as_ref())
                };
                flat.push(id);
            }
            flat.extend(std::iter::repeat_n(eos, pad));
            ends.push(flat.len());
        }
        if build {
            if flat.is_empty() {
                return Err(Error::InvalidInput(
                    "Cannot fit without a vocabulary or text to create it from (no words in the training text).".into(),
                ));
            }
            for &id in &flat {
                self.vocab.add_id(id, 1);
            }
            self.vocab.recount();
        }
        for id in flat.iter_mut() {
            *id = self.vocab.lookup_known(*id);
        }
        let mut start = 0;
        for &end in &ends {
            self.counts.add_everygrams(&flat[start..end], self.order);
            start = end;
        }
        self.after_fit();
        Ok(())
    }

    pub(crate) fn after_fit(&mut self) {
        if matches!(self.estimator, Estimator::KneserNeyInterpolated { .. }) {
            self.kn = continuation(&mut self.counts);
        }
    }

    /// Looks words up (NLTK's `vocab.lookup`), as ids.
    fn ids<S: AsRef<str>>(&self, words: &[S]) -> Vec<u32> {
        words
            .iter()
            .map(|w| self.vocab.lookup_id(w.as_ref()))
            .collect()
    }

    /// NLTK's `score(word, context)`: the probability of `word` after
    /// `context`, both looked up in the vocabulary first.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] where NLTK divides by zero (Kneser-Ney
    /// without the higher-order counts a continuation count needs, e.g. an
    /// order-1 Kneser-Ney model).
    pub fn score<S: AsRef<str>>(&self, word: &str, context: &[S]) -> Result<f64> {
        let w = self.vocab.lookup_id(word);
        let ctx = self.ids(context);
        self.unmasked_score(w, &ctx)
    }

    /// NLTK's `logscore`: `log(score, 2)` as Python computes it
    /// (`ln(score) / ln(2)`), `-inf` for a zero score.
    ///
    /// # Errors
    /// As [`LanguageModel::score`].
    pub fn logscore<S: AsRef<str>>(&self, word: &str, context: &[S]) -> Result<f64> {
        Ok(log_base2(self.score(word, context)?))
    }

    /// NLTK's `unmasked_score` over looked-up ids.
    ///
    /// # Errors
    /// As [`LanguageModel::score`].
    pub fn unmasked_score(&self, word: u32, context: &[u32]) -> Result<f64> {
        let c = &self.counts;
        match self.estimator {
            Estimator::Mle => {
                let st = c.context(context);
                Ok(freq(c, st, context, word))
            }
            Estimator::Lidstone { gamma } => Ok(self.lidstone_score(gamma, word, context)),
            Estimator::Laplace => Ok(self.lidstone_score(1.0, word, context)),
            _ => self.interpolated(word, context),
        }
    }

    fn lidstone_score(&self, gamma: f64, word: u32, context: &[u32]) -> f64 {
        let st = self.counts.context(context);
        let wc = count_after(&self.counts, context, word);
        (wc as f64 + gamma) / (st.n as f64 + self.vocab.len() as f64 * gamma)
    }

    fn interpolated(&self, word: u32, context: &[u32]) -> Result<f64> {
        let max_ctx = self.order - 1;
        let ctx = if context.len() > max_ctx {
            &context[context.len() - max_ctx..]
        } else {
            context
        };
        let mut s = self.unigram_score(word)?;
        for j in (0..ctx.len()).rev() {
            let c = &ctx[j..];
            let st = self.counts.context(c);
            if st.distinct == 0 {
                continue; // alpha 0, gamma 1
            }
            let (alpha, gamma) = self.alpha_gamma(word, c, st)?;
            s = alpha + gamma * s;
        }
        Ok(s)
    }

    fn unigram_score(&self, word: u32) -> Result<f64> {
        let c = &self.counts;
        match self.estimator {
            Estimator::KneserNeyInterpolated { .. } => {
                let cc = c
                    .node(&[word])
                    .and_then(|n| self.kn.cont.first()?.get(n as usize).copied())
                    .unwrap_or(0);
                if self.kn.root_total == 0 {
                    return Err(zero_division(
                        "no bigram counts for the unigram continuation",
                    ));
                }
                Ok(cc as f64 / self.kn.root_total as f64)
            }
            _ => Ok(freq(c, c.context(&[]), &[], word)),
        }
    }

    fn alpha_gamma(&self, word: u32, ctx: &[u32], st: ContextStats) -> Result<(f64, f64)> {
        let c = &self.counts;
        match self.estimator {
            Estimator::WittenBellInterpolated => {
                let alpha = freq(c, st, ctx, word);
                let gamma = st.distinct as f64 / (st.distinct as u64).saturating_add(st.n) as f64;
                Ok(((1.0 - gamma) * alpha, gamma))
            }
            Estimator::AbsoluteDiscountingInterpolated { discount } => {
                let wc = count_after(c, ctx, word) as f64 - discount;
                let alpha = py_max0(wc) / st.n as f64;
                let gamma = (discount * st.distinct as f64) / st.n as f64;
                Ok((alpha, gamma))
            }
            Estimator::KneserNeyInterpolated { discount } => {
                let (wc, total) = if ctx.len() + 1 == self.order {
                    (count_after(c, ctx, word), st.n)
                } else {
                    let d = ctx.len();
                    let node = c.node(ctx);
                    let total = node
                        .and_then(|n| self.kn.total.get(d - 1)?.get(n as usize).copied())
                        .unwrap_or(0);
                    let mut full = ctx.to_vec();
                    full.push(word);
                    let cc = c
                        .node(&full)
                        .and_then(|n| self.kn.cont.get(d)?.get(n as usize).copied())
                        .unwrap_or(0);
                    (cc as u64, total)
                };
                if total == 0 {
                    return Err(zero_division(
                        "no higher-order counts for a Kneser-Ney continuation count",
                    ));
                }
                let alpha = py_max0(wc as f64 - discount) / total as f64;
                let gamma = discount * st.distinct as f64 / total as f64;
                Ok((alpha, gamma))
            }
            _ => Ok((0.0, 1.0)),
        }
    }

    /// NLTK's `entropy(text_ngrams)`: minus the mean (`math.fsum` / count)
    /// of the log-scores of each n-gram's last word after the others.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for no n-grams or an empty n-gram (NLTK's
    /// ZeroDivisionError / IndexError), and as [`LanguageModel::score`].
    pub fn entropy<I, G, S>(&self, text_ngrams: I) -> Result<f64>
    where
        I: IntoIterator<Item = G>,
        G: AsRef<[S]>,
        S: AsRef<str>,
    {
        let mut logs = Vec::new();
        let mut ids = Vec::new();
        for g in text_ngrams {
            let g = g.as_ref();
            let Some((last, ctx)) = g.split_last() else {
                return Err(Error::InvalidInput(
                    "entropy: an empty n-gram has no word to score".into(),
                ));
            };
            ids.clear();
            ids.extend(ctx.iter().map(|w| self.vocab.lookup_id(w.as_ref())));
            let w = self.vocab.lookup_id(last.as_ref());
            logs.push(log_base2(self.unmasked_score(w, &ids)?));
        }
        mean_neg(&logs)
    }

    /// NLTK's `perplexity(text_ngrams)`: `pow(2.0, entropy)`.
    ///
    /// # Errors
    /// As [`LanguageModel::entropy`].
    pub fn perplexity<I, G, S>(&self, text_ngrams: I) -> Result<f64>
    where
        I: IntoIterator<Item = G>,
        G: AsRef<[S]>,
        S: AsRef<str>,
    {
        Ok(super::pymath::py_pow2(self.entropy(text_ngrams)?))
    }

    /// NLTK's `generate(num_words, text_seed, random_seed)` with the random
    /// generator given (NLTK's `random.Random(seed)` is [`PyRandom::new`]):
    /// each word is drawn from the words seen after the last `order - 1`
    /// words (backing off to shorter contexts when none were seen), with
    /// the model's scores as weights.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when there is nothing to draw from (an
    /// unfitted model), and as [`LanguageModel::score`].
    ///
    /// # Example
    /// ```
    /// use nlkit::lm::{padded_everygram_pipeline, LanguageModel, PyRandom};
    /// let text = [vec!["a", "b", "c"], vec!["a", "c", "d", "c", "e", "f"]];
    /// let (train, vocab) = padded_everygram_pipeline(2, &text);
    /// let mut lm = LanguageModel::mle(2).unwrap();
    /// lm.fit(train, Some(vocab)).unwrap();
    /// let words = lm.generate(5, &[] as &[&str], &mut PyRandom::new(3)).unwrap();
    /// assert_eq!(words, ["<s>", "a", "b", "c", "d"]);
    /// ```
    pub fn generate<S: AsRef<str>>(
        &self,
        num_words: usize,
        text_seed: &[S],
        rng: &mut PyRandom,
    ) -> Result<Vec<String>> {
        let mut seed: Vec<String> = text_seed.iter().map(|s| s.as_ref().to_string()).collect();
        let mut out = Vec::with_capacity(num_words);
        for _ in 0..num_words {
            let w = self.generate_one(&seed, rng)?;
            seed.push(w.clone());
            out.push(w);
        }
        Ok(out)
    }

    /// NLTK's `generate(1, text_seed, random_seed)`: one word.
    ///
    /// # Errors
    /// As [`LanguageModel::generate`].
    pub fn generate_one<S: AsRef<str>>(
        &self,
        text_seed: &[S],
        rng: &mut PyRandom,
    ) -> Result<String> {
        let n = text_seed.len();
        // NLTK: text_seed[-order + 1:] if len(text_seed) >= order else text_seed
        // (for order 1, `[-0:]` is the whole seed).
        let mut context: Vec<u32> = if n >= self.order && self.order > 1 {
            self.ids(&text_seed[n - (self.order - 1)..])
        } else {
            self.ids(text_seed)
        };
        let mut samples = self.counts.followers(&context);
        while !context.is_empty() && samples.is_empty() {
            context.remove(0);
            samples = self.counts.followers(&context);
        }
        let mut words: Vec<(&str, u32)> = samples
            .iter()
            .map(|&id| (self.vocab.word(id).unwrap_or(""), id))
            .collect();
        words.sort_unstable();
        if words.is_empty() {
            return Err(Error::InvalidInput(
                "Can't choose from empty population (the model has no counts)".into(),
            ));
        }
        let weights = words
            .iter()
            .map(|&(_, id)| self.unmasked_score(self.vocab.lookup_known(id), &context))
            .collect::<Result<Vec<f64>>>()?;
        let mut cum = Vec::with_capacity(weights.len());
        let mut acc = 0.0;
        for (i, &w) in weights.iter().enumerate() {
            acc = if i == 0 { w } else { acc + w };
            cum.push(acc);
        }
        let total = fsum(weights.iter().copied())?;
        let x = total * rng.random();
        let idx = cum.partition_point(|&c| c <= x);
        words.get(idx).map(|&(w, _)| w.to_string()).ok_or_else(|| {
            Error::InvalidInput(
                "generate: the weighted draw fell past the last word (NLTK raises IndexError)"
                    .into(),
            )
        })
    }

    /// Parts for the model file.
    pub(crate) fn parts(&self) -> (&Vocabulary, &NgramCounter) {
        (&self.vocab, &self.counts)
    }

    /// Rebuilds a model from saved parts.
    pub(crate) fn from_parts(
        order: usize,
        estimator: Estimator,
        vocab: Vocabulary,
        counts: NgramCounter,
    ) -> Result<Self> {
        let mut m = Self::with_vocabulary(order, estimator, vocab)?;
        m.counts = counts;
        m.after_fit();
        Ok(m)
    }
}

fn zero_division(what: &str) -> Error {
    Error::InvalidInput(format!(
        "cannot score: {what} (NLTK raises ZeroDivisionError here)"
    ))
}

/// Python's `max(x, 0)`: `x` unless 0 is greater.
fn py_max0(x: f64) -> f64 {
    if 0.0 > x {
        0.0
    } else {
        x
    }
}

fn count_after(c: &NgramCounter, ctx: &[u32], word: u32) -> u64 {
    if ctx.is_empty() {
        return c.count(&[word]);
    }
    match c.node(ctx) {
        Some(_) => {
            let mut full = Vec::with_capacity(ctx.len() + 1);
            full.extend_from_slice(ctx);
            full.push(word);
            c.count(&full)
        }
        None => 0,
    }
}

/// NLTK's `FreqDist.freq`: count / N, 0 when N is 0.
fn freq(c: &NgramCounter, st: ContextStats, ctx: &[u32], word: u32) -> f64 {
    if st.n == 0 {
        return 0.0;
    }
    count_after(c, ctx, word) as f64 / st.n as f64
}

/// NLTK's `log_base2`: `-inf` for 0, else Python's `math.log(x, 2)`.
///
/// # Example
/// ```
/// assert_eq!(nlkit::lm::log_base2(0.0), f64::NEG_INFINITY);
/// assert_eq!(nlkit::lm::log_base2(0.15384615384615385), -2.700439718141092);
/// ```
pub fn log_base2(score: f64) -> f64 {
    if score == 0.0 {
        return f64::NEG_INFINITY;
    }
    score.ln() / 2f64.ln()
}

/// `-1 * (fsum(logs) / len(logs))`.
pub(crate) fn mean_neg(logs: &[f64]) -> Result<f64> {
    if logs.is_empty() {
        return Err(Error::InvalidInput(
            "entropy of no n-grams (NLTK raises ZeroDivisionError)".into(),
        ));
    }
    Ok(-(fsum(logs.iter().copied())? / logs.len() as f64))
}

/// Kneser-Ney continuation counts from the trie; adds the suffix nodes it
/// needs (with count 0).
fn continuation(counts: &mut NgramCounter) -> Continuation {
    let depths = counts.levels.len();
    let mut pairs: Vec<(usize, u32)> = Vec::new();
    let mut buf = Vec::new();
    for d in 2..=depths {
        for node in 0..counts.levels[d - 1].len() {
            if counts.levels[d - 1].counts[node] == 0 {
                continue;
            }
            counts.path(d, node as u32, &mut buf);
            let s = counts.ensure_node(&buf[1..]);
            pairs.push((d - 1, s));
        }
    }
    let mut k = Continuation {
        cont: counts.levels.iter().map(|l| vec![0; l.len()]).collect(),
        total: counts.levels.iter().map(|l| vec![0; l.len()]).collect(),
        root_total: 0,
    };
    for (sd, s) in pairs {
        k.cont[sd - 1][s as usize] += 1;
        let parent = (counts.levels[sd - 1].keys[s as usize] >> 32) as usize;
        if sd == 1 {
            k.root_total += 1;
        } else {
            k.total[sd - 2][parent] += 1;
        }
    }
    k
}
