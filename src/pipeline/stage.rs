//! Pipeline stages after tokenization: each reads the records of one block
//! of text (a paragraph's sentences) and fills a named per-token column.

use std::cell::RefCell;
use std::sync::Arc;

use super::SentenceRecord;
use crate::tag::{PerceptronTagger, TryTagger};
use crate::wordnet::{penn_to_wordnet, LemmaCache, WordNetLemmatizer};
use crate::{Error, Result};

/// One annotation stage of a [`super::Pipeline`] (spaCy's pipeline
/// component): it reads the tokens and earlier columns of a block's
/// sentences and writes its own column.
///
/// A stage owns whatever caches it uses. Stages run in the order they were
/// added; a stage's error stops the run ([`crate::Error::Stage`] names it).
///
/// # Example
/// A stage written outside nlkit that marks capitalised tokens:
/// ```
/// use nlkit::pipeline::{Pipeline, SentenceRecord, Stage};
///
/// struct Caps;
/// impl Stage for Caps {
///     fn name(&self) -> &str { "caps" }
///     fn process(&self, sents: &mut [SentenceRecord]) -> nlkit::Result<()> {
///         for s in sents {
///             let v = s.tokens.iter()
///                 .map(|t| t.starts_with(char::is_uppercase).to_string())
///                 .collect();
///             s.set_column("caps", v);
///         }
///         Ok(())
///     }
/// }
///
/// let p = Pipeline::builder().stage(Box::new(Caps)).build().unwrap();
/// let recs = p.process("d", 0, "Hello world.").unwrap();
/// assert_eq!(recs[0].column("caps").unwrap(), ["true", "false", "false"]);
/// ```
pub trait Stage: Send + Sync {
    /// The stage's name: the column it writes (used in errors).
    fn name(&self) -> &str;

    /// Annotates the sentences of one block in place.
    ///
    /// # Errors
    /// Whatever the stage's model reports.
    fn process(&self, sentences: &mut [SentenceRecord]) -> Result<()>;

    /// Columns this stage reads, which earlier stages must write (checked
    /// when the pipeline is built).
    fn reads(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A part-of-speech tagger writing one column (`tags`, `upos`, or any
/// name). Sentences of a block are tagged together
/// ([`TryTagger::try_tag_sents`]), so a neural tagger encodes them in one
/// batch; its errors are returned, never turned into tags.
pub struct TagStage {
    column: String,
    tagger: Box<dyn TryTagger>,
}

impl TagStage {
    /// A stage writing `column` with `tagger`.
    ///
    /// # Example
    /// ```
    /// use nlkit::pipeline::{Pipeline, TagStage};
    /// let t = nlkit::tag::default_english_xpos().unwrap();
    /// let p = Pipeline::builder().stage(Box::new(TagStage::new("xpos", Box::new(t)))).build().unwrap();
    /// assert_eq!(p.process("d", 0, "Cats sleep.").unwrap()[0].column("xpos").unwrap(), ["NNS", "VBP", "."]);
    /// ```
    pub fn new(column: &str, tagger: Box<dyn TryTagger>) -> Self {
        TagStage {
            column: column.to_string(),
            tagger,
        }
    }
}

impl Stage for TagStage {
    fn name(&self) -> &str {
        &self.column
    }

    fn process(&self, sentences: &mut [SentenceRecord]) -> Result<()> {
        let tagged: Vec<Vec<String>> = {
            let words: Vec<Vec<&str>> = sentences.iter().map(SentenceRecord::words).collect();
            let tags = self.tagger.try_tag_sents(&words)?;
            if tags.len() != words.len() || tags.iter().zip(&words).any(|(t, w)| t.len() != w.len())
            {
                return Err(Error::Model(format!(
                    "tagger for column `{}` returned a wrong number of tags",
                    self.column
                )));
            }
            tags.into_iter()
                .map(|t| t.into_iter().map(str::to_string).collect())
                .collect()
        };
        for (s, t) in sentences.iter_mut().zip(tagged) {
            s.set_column(&self.column, t);
        }
        Ok(())
    }
}

/// An averaged perceptron held by a stage: nlkit's embedded models are
/// `'static`; loaded ones are shared.
#[derive(Clone)]
pub enum PerceptronRef {
    /// An embedded model.
    Static(&'static PerceptronTagger),
    /// A loaded model.
    Shared(Arc<PerceptronTagger>),
}

impl std::ops::Deref for PerceptronRef {
    type Target = PerceptronTagger;
    fn deref(&self) -> &PerceptronTagger {
        match self {
            PerceptronRef::Static(t) => t,
            PerceptronRef::Shared(t) => t,
        }
    }
}

/// A stacked perceptron ([`crate::tag::FeatureSet::Stacked`], such as
/// nlkit's embedded UPOS model) that reads its first stage's tags from an
/// earlier column instead of computing them again: the same tags as
/// running it alone, when that column holds its first stage's tags.
pub struct StackedTagStage {
    column: String,
    first_column: String,
    tagger: PerceptronRef,
}

impl StackedTagStage {
    /// A stage writing `column` with the stacked `tagger`, whose first-stage
    /// tags are read from `first_column`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when `tagger` is not a stacked model.
    ///
    /// # Example
    /// ```
    /// use nlkit::pipeline::{PerceptronRef, Pipeline, StackedTagStage, TagStage};
    /// use nlkit::tag::{default_english_upos, default_english_xpos};
    /// let p = Pipeline::builder()
    ///     .stage(Box::new(TagStage::new("tags", Box::new(default_english_xpos().unwrap()))))
    ///     .stage(Box::new(StackedTagStage::new(
    ///         "upos", PerceptronRef::Static(default_english_upos().unwrap()), "tags").unwrap()))
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(p.process("d", 0, "Cats sleep.").unwrap()[0].upos.as_deref().unwrap(), ["NOUN", "VERB", "PUNCT"]);
    /// ```
    pub fn new(column: &str, tagger: PerceptronRef, first_column: &str) -> Result<Self> {
        if tagger.first_stage().is_none() {
            return Err(Error::InvalidInput(format!(
                "the tagger for column `{column}` is not a stacked model; use a TagStage"
            )));
        }
        Ok(StackedTagStage {
            column: column.to_string(),
            first_column: first_column.to_string(),
            tagger,
        })
    }
}

impl Stage for StackedTagStage {
    fn name(&self) -> &str {
        &self.column
    }

    fn reads(&self) -> Vec<String> {
        vec![self.first_column.clone()]
    }

    fn process(&self, sentences: &mut [SentenceRecord]) -> Result<()> {
        for s in sentences.iter_mut() {
            let tags: Vec<String> = {
                let words = s.words();
                let first: Vec<&str> = s
                    .column(&self.first_column)
                    .unwrap_or_default()
                    .iter()
                    .map(String::as_str)
                    .collect();
                self.tagger
                    .tag_with_first_stage(&words, &first)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            };
            s.set_column(&self.column, tags);
        }
        Ok(())
    }
}

/// WordNet lemmas (column `lemmas`): each token is lemmatized lower-cased,
/// with the WordNet part of speech its Penn tag (column `tags`) maps to
/// ([`penn_to_wordnet`]); proper nouns (`NNP`, `NNPS`) keep their form.
/// Without a `tags` column every token is lemmatized as a noun. The stage
/// keeps a lemma cache per worker thread (text repeats its words).
pub struct LemmaStage {
    lemmatizer: WordNetLemmatizer,
    caches: thread_local::ThreadLocal<RefCell<LemmaCache>>,
}

impl LemmaStage {
    /// A lemma stage over `lemmatizer`.
    ///
    /// # Example
    /// ```no_run
    /// use nlkit::pipeline::{LemmaStage, Pipeline};
    /// use nlkit::wordnet::{WordNet, WordNetLemmatizer};
    /// let lem = WordNetLemmatizer::new(WordNet::load(None).unwrap());
    /// let p = Pipeline::default_english().unwrap().with_stage(Box::new(LemmaStage::new(lem))).unwrap();
    /// assert_eq!(p.process("d", 0, "Dogs barked.").unwrap()[0].lemmas.as_deref().unwrap(), ["dog", "bark", "."]);
    /// ```
    pub fn new(lemmatizer: WordNetLemmatizer) -> Self {
        LemmaStage {
            lemmatizer,
            caches: thread_local::ThreadLocal::new(),
        }
    }
}

impl Stage for LemmaStage {
    fn name(&self) -> &str {
        "lemmas"
    }

    fn process(&self, sentences: &mut [SentenceRecord]) -> Result<()> {
        let cell = self.caches.get_or(|| RefCell::new(LemmaCache::new()));
        let mut fresh = None;
        let mut cache = match cell.try_borrow_mut() {
            Ok(c) => c,
            // only if this stage re-entered itself on one thread
            Err(_) => fresh.insert(RefCell::new(LemmaCache::new())).borrow_mut(),
        };
        for s in sentences.iter_mut() {
            let mut out = Vec::with_capacity(s.tokens.len());
            for (i, w) in s.tokens.iter().enumerate() {
                let tag = s
                    .tags
                    .as_ref()
                    .and_then(|t| t.get(i))
                    .map_or("NN", |t| t.as_str());
                if tag == "NNP" || tag == "NNPS" {
                    out.push(w.to_string());
                } else {
                    let lower = w.to_lowercase();
                    let lemma = self.lemmatizer.lemmatize_cached(
                        &mut cache,
                        &lower,
                        penn_to_wordnet(tag),
                    )?;
                    out.push(lemma.to_string());
                }
            }
            s.lemmas = Some(out);
        }
        Ok(())
    }
}
