//! The text pipeline behind `nlkit pipeline`: sentence splitting, word
//! tokenization, then an ordered list of annotation [`Stage`]s (taggers,
//! lemmatizer, a caller's own), producing one [`SentenceRecord`] per
//! sentence.
//!
//! A pipeline is built in code with [`Pipeline::builder`] or from a
//! declarative JSON file ([`PipelineConfig`], `nlkit pipeline --config`),
//! like spaCy's `Language` pipeline or HF tokenizers' `Sequence`. Each
//! stage writes a named per-token column of the record and owns its caches.
//!
//! # Example
//! ```
//! use nlkit::pipeline::Pipeline;
//! let p = Pipeline::default_english().unwrap();
//! let recs = p.process("doc1", 0, "Hello world. Bye now.").unwrap();
//! assert_eq!(recs.len(), 2);
//! assert_eq!(recs[0].tokens, ["Hello", "world", "."]);
//! assert_eq!(recs[0].tags.as_deref().unwrap(), ["UH", "NN", "."]);
//! assert_eq!(recs[1].spans[0], (13, 16));
//! ```

mod chunk_stage;
mod config;
mod direct;
#[cfg(feature = "neural")]
mod neural_stage;
mod record;
mod stage;

pub use chunk_stage::{ChunkStage, ChunkerRef};
pub use config::{PipelineConfig, SentencesConfig, StageConfig, CONFIG_FORMAT, CONFIG_VERSION};
#[cfg(feature = "neural")]
pub use neural_stage::NeuralStage;
pub use record::{write_conllu, write_conllu_with, SentenceRecord};
pub use stage::{LemmaStage, PerceptronRef, StackedTagStage, Stage, TagStage};

use crate::sentence::SentenceTokenizer;
use crate::tokenize::Tokenizer;
use crate::wordnet::WordNetLemmatizer;
use crate::{Error, Result};

/// The configured stages of the pipeline.
pub struct Pipeline {
    splitter: Box<dyn SentenceTokenizer>,
    tokenizer: Box<dyn Tokenizer>,
    stages: Vec<Box<dyn Stage>>,
    /// UD sentences and tokens from one tokenizer pass ([`PipelineBuilder::ud_text`])
    ud: bool,
    /// Set when the pipeline is nlkit's default English one, which
    /// [`Pipeline::write_jsonl`] writes without building records.
    english: Option<direct::EnglishTaggers>,
}

/// Builds a [`Pipeline`] stage by stage ([`Pipeline::builder`]).
///
/// # Example
/// ```
/// use nlkit::pipeline::Pipeline;
/// use nlkit::sentence::LineSentenceTokenizer;
/// use nlkit::tokenize::WhitespaceTokenizer;
/// let p = Pipeline::builder()
///     .sentences(Box::new(LineSentenceTokenizer))
///     .tokens(Box::new(WhitespaceTokenizer))
///     .tag("xpos", Box::new(nlkit::tag::default_english_xpos().unwrap()))
///     .build()
///     .unwrap();
/// let recs = p.process("d", 0, "Dogs bark .\nCats sleep .").unwrap();
/// assert_eq!(recs[1].column("xpos").unwrap(), ["NNS", "VBP", "."]);
/// ```
pub struct PipelineBuilder {
    splitter: Option<Box<dyn SentenceTokenizer>>,
    tokenizer: Option<Box<dyn Tokenizer>>,
    stages: Vec<Box<dyn Stage>>,
    ud: bool,
}

impl PipelineBuilder {
    /// The sentence splitter (default: nlkit's embedded English Punkt
    /// model, as `nltk.sent_tokenize`).
    pub fn sentences(mut self, splitter: Box<dyn SentenceTokenizer>) -> Self {
        self.splitter = Some(splitter);
        self.ud = false;
        self
    }

    /// The word tokenizer applied to each sentence (default: NLTK's
    /// improved Treebank tokenizer, as `nltk.word_tokenize`).
    pub fn tokens(mut self, tokenizer: Box<dyn Tokenizer>) -> Self {
        self.tokenizer = Some(tokenizer);
        self.ud = false;
        self
    }

    /// Sentences by [`crate::sentence::UdSentenceTokenizer`] and tokens by
    /// [`crate::tokenize::UdTokenizer`], from one tokenizer pass (the same
    /// output as `.sentences(..)` and `.tokens(..)` with those two, faster).
    ///
    /// # Example
    /// ```
    /// let p = nlkit::pipeline::Pipeline::builder().ud_text().build().unwrap();
    /// let recs = p.process("d", 0, "I can't. OK").unwrap();
    /// assert_eq!(recs[0].tokens, ["I", "ca", "n't", "."]);
    /// ```
    pub fn ud_text(mut self) -> Self {
        self.splitter = Some(Box::new(
            crate::sentence::UdSentenceTokenizer::default_english(),
        ));
        self.tokenizer = Some(Box::new(crate::tokenize::UdTokenizer::new()));
        self.ud = true;
        self
    }

    /// Adds a tagger writing `column` (`tags` and `upos` are the record's
    /// own fields; other names go to [`SentenceRecord::columns`]).
    pub fn tag(self, column: &str, tagger: Box<dyn crate::tag::TryTagger>) -> Self {
        self.stage(Box::new(TagStage::new(column, tagger)))
    }

    /// Adds WordNet lemmas ([`LemmaStage`]; reads the `tags` column when an
    /// earlier stage wrote it).
    pub fn lemmas(self, lemmatizer: WordNetLemmatizer) -> Self {
        self.stage(Box::new(LemmaStage::new(lemmatizer)))
    }

    /// Adds IOB chunk tags (column `chunks`, [`ChunkStage`]; reads the
    /// `tags` column, which an earlier stage must write).
    pub fn chunks(self, chunker: ChunkerRef) -> Self {
        self.stage(Box::new(ChunkStage::new(chunker)))
    }

    /// Adds any stage, including one written outside nlkit.
    pub fn stage(mut self, stage: Box<dyn Stage>) -> Self {
        self.stages.push(stage);
        self
    }

    /// nlkit's English taggers after this builder's splitter and
    /// tokenizer, then the pipeline: the embedded Penn Treebank perceptron
    /// (column `tags`) and the stacked UPOS perceptron reading its tags
    /// (column `upos`), as [`Pipeline::default_english`] has them.
    ///
    /// # Errors
    /// As [`PipelineBuilder::build`].
    ///
    /// # Example
    /// ```
    /// let p = nlkit::pipeline::Pipeline::builder().ud_text().english_taggers().unwrap();
    /// assert_eq!(p.stage_names(), ["tags", "upos"]);
    /// ```
    pub fn english_taggers(self) -> Result<Pipeline> {
        let plain = self.ud && self.stages.is_empty();
        let (xpos, upos) = (
            crate::tag::default_english_xpos()?,
            crate::tag::default_english_upos()?,
        );
        let mut p = self
            .tag("tags", Box::new(xpos))
            .stage(Box::new(StackedTagStage::new(
                "upos",
                PerceptronRef::Static(upos),
                "tags",
            )?))
            .build()?;
        if plain {
            p.english = Some(direct::EnglishTaggers { xpos, upos });
        }
        Ok(p)
    }

    /// As [`PipelineBuilder::english_taggers`], with neural models: a
    /// model of task `xpos` replaces the Penn Treebank perceptron (and the
    /// UPOS perceptron then reads its tags), one of task `upos` replaces
    /// the UPOS perceptron, and the others (`ner`, `chunk`) follow the
    /// taggers in the given order.
    ///
    /// # Errors
    /// As [`PipelineBuilder::build`] (two models of one column, a model
    /// reading a column no earlier stage writes).
    ///
    /// # Example
    /// ```
    /// use nlkit::pipeline::{NeuralStage, Pipeline};
    /// let ner = NeuralStage::embedded_ner("nl").unwrap();
    /// let p = Pipeline::builder().ud_text().english_taggers_with(vec![ner]).unwrap();
    /// assert_eq!(p.stage_names(), ["tags", "upos", "ner"]);
    /// ```
    #[cfg(feature = "neural")]
    pub fn english_taggers_with(self, neural: Vec<NeuralStage>) -> Result<Pipeline> {
        let (mut tags, mut upos, mut rest) = (None, None, Vec::new());
        for n in neural {
            match n.column() {
                "tags" if tags.is_none() => tags = Some(n),
                "upos" if upos.is_none() => upos = Some(n),
                _ => rest.push(n),
            }
        }
        let mut b = match tags {
            Some(n) => self.stage(Box::new(n)),
            None => self.tag("tags", Box::new(crate::tag::default_english_xpos()?)),
        };
        b = match upos {
            Some(n) => b.stage(Box::new(n)),
            None => b.stage(Box::new(StackedTagStage::new(
                "upos",
                PerceptronRef::Static(crate::tag::default_english_upos()?),
                "tags",
            )?)),
        };
        for n in rest {
            b = b.stage(Box::new(n));
        }
        b.build()
    }

    /// The pipeline.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when a stage reads a column no earlier stage
    /// writes, or two stages write the same column.
    pub fn build(self) -> Result<Pipeline> {
        let splitter = self.splitter.unwrap_or_else(|| {
            Box::new(crate::sentence::punkt::PunktSentenceTokenizer::default_english())
        });
        let tokenizer = self
            .tokenizer
            .unwrap_or_else(|| Box::new(crate::tokenize::NLTKWordTokenizer::new()));
        let mut written: Vec<&str> = Vec::new();
        for st in &self.stages {
            for r in st.reads() {
                if !written.contains(&r.as_str()) {
                    return Err(Error::InvalidInput(format!(
                        "pipeline stage `{}` reads column `{r}`, which no earlier stage writes",
                        st.name()
                    )));
                }
            }
            if written.contains(&st.name()) {
                return Err(Error::InvalidInput(format!(
                    "two pipeline stages write column `{}`",
                    st.name()
                )));
            }
            written.push(st.name());
        }
        Ok(Pipeline {
            splitter,
            tokenizer,
            stages: self.stages,
            ud: self.ud,
            english: None,
        })
    }
}

impl Pipeline {
    /// A builder with nlkit's default sentence splitter and tokenizer and
    /// no stages.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder {
            splitter: None,
            tokenizer: None,
            stages: Vec::new(),
            ud: false,
        }
    }

    /// A pipeline from explicit sentence splitter and tokenizer, no stages.
    pub fn new(splitter: Box<dyn SentenceTokenizer>, tokenizer: Box<dyn Tokenizer>) -> Self {
        Pipeline {
            splitter,
            tokenizer,
            stages: Vec::new(),
            ud: false,
            english: None,
        }
    }

    /// Appends a stage (as [`PipelineBuilder::stage`]).
    ///
    /// # Errors
    /// As [`PipelineBuilder::build`].
    pub fn with_stage(self, stage: Box<dyn Stage>) -> Result<Self> {
        let mut b = PipelineBuilder {
            splitter: Some(self.splitter),
            tokenizer: Some(self.tokenizer),
            stages: self.stages,
            ud: self.ud,
        };
        b = b.stage(stage);
        b.build()
    }

    /// Appends WordNet lemmas ([`LemmaStage`]).
    ///
    /// # Errors
    /// As [`PipelineBuilder::build`].
    pub fn with_lemmatizer(self, lemmatizer: WordNetLemmatizer) -> Result<Self> {
        self.with_stage(Box::new(LemmaStage::new(lemmatizer)))
    }

    /// The names of the stages, in order (their columns).
    pub fn stage_names(&self) -> Vec<&str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// The default English pipeline (UD sentences and tokens) with nlkit's
    /// contextual taggers
    /// ([`crate::tag::ContextTagger`], Penn Treebank and UPOS) on `encoder`
    /// instead of the perceptrons: more accurate, much slower. The two
    /// taggers share one encoder pass per sentence.
    ///
    /// # Errors
    /// As [`crate::tag::ContextTagger::english`].
    ///
    /// # Example
    /// ```no_run
    /// use std::sync::Arc;
    /// let enc = Arc::new(nlkit::neural::Encoder::load(std::path::Path::new(".encoder")).unwrap());
    /// let p = nlkit::pipeline::Pipeline::contextual_english(enc).unwrap();
    /// let recs = p.process("doc", 0, "They bark.").unwrap();
    /// assert_eq!(recs[0].tags.as_deref().unwrap(), ["PRP", "VBP", "."]);
    /// ```
    #[cfg(feature = "neural")]
    pub fn contextual_english(encoder: std::sync::Arc<crate::neural::Encoder>) -> Result<Self> {
        use crate::tag::ContextTagger;
        Pipeline::builder()
            .ud_text()
            .tag(
                "tags",
                Box::new(ContextTagger::english(encoder.clone(), false)?),
            )
            .tag("upos", Box::new(ContextTagger::english(encoder, true)?))
            .build()
    }

    /// The default English pipeline, using the models compiled into nlkit:
    /// sentences by [`crate::sentence::UdSentenceTokenizer`] and tokens by
    /// [`crate::tokenize::UdTokenizer`] (UD English-EWT's conventions, which
    /// the taggers were trained on), then the embedded Penn Treebank tagger
    /// (column `tags`) and the stacked UPOS tagger reading its tags (column
    /// `upos`). [`Pipeline::nltk_english`] splits and tokenizes as NLTK.
    ///
    /// # Errors
    /// When an embedded model fails to load (a build defect).
    pub fn default_english() -> Result<Self> {
        Pipeline::builder().ud_text().english_taggers()
    }

    /// The English pipeline with NLTK's sentence splitting and word
    /// tokenization (Punkt with nlkit's embedded model, then the improved
    /// Treebank tokenizer, as `nltk.word_tokenize`), then the embedded
    /// taggers: nlkit's default before the UD tokenizer and splitter.
    ///
    /// # Errors
    /// When an embedded model fails to load (a build defect).
    ///
    /// # Example
    /// ```
    /// let p = nlkit::pipeline::Pipeline::nltk_english().unwrap();
    /// let toks = &p.process("d", 0, "He said \"hi\".").unwrap()[0].tokens;
    /// assert_eq!(toks, &["He", "said", "``", "hi", "''", "."]);
    /// ```
    pub fn nltk_english() -> Result<Self> {
        Self::english_with(
            Box::new(crate::sentence::punkt::PunktSentenceTokenizer::default_english()),
            Box::new(crate::tokenize::NLTKWordTokenizer::new()),
        )
    }

    /// The default English taggers (as [`Pipeline::default_english`]) after
    /// the given sentence splitter and tokenizer.
    ///
    /// # Errors
    /// When an embedded model fails to load (a build defect).
    ///
    /// # Example
    /// ```
    /// use nlkit::pipeline::Pipeline;
    /// use nlkit::sentence::LineSentenceTokenizer;
    /// use nlkit::tokenize::UdTokenizer;
    /// let p = Pipeline::english_with(Box::new(LineSentenceTokenizer), Box::new(UdTokenizer::new())).unwrap();
    /// assert_eq!(p.process("d", 0, "I don't know").unwrap()[0].tokens, ["I", "do", "n't", "know"]);
    /// ```
    pub fn english_with(
        splitter: Box<dyn SentenceTokenizer>,
        tokenizer: Box<dyn Tokenizer>,
    ) -> Result<Self> {
        Pipeline::builder()
            .sentences(splitter)
            .tokens(tokenizer)
            .english_taggers()
    }

    /// Runs the pipeline on one block of text (a paragraph) of document
    /// `doc` that starts at byte `offset` of that document. Sentence numbers
    /// start at 0; callers renumber across blocks. All stages see all the
    /// block's sentences at once (a contextual tagger encodes them together).
    ///
    /// # Errors
    /// [`Error::Stage`] naming the stage that failed, or
    /// [`Error::Misaligned`] (with the document and offset) when the
    /// tokenizer cannot give a token's span.
    pub fn process(&self, doc: &str, offset: u64, text: &str) -> Result<Vec<SentenceRecord>> {
        let mut recs = Vec::new();
        if self.ud {
            let abs = |a: usize| offset + a as u64;
            let sents =
                crate::sentence::UdSentenceTokenizer::default_english().sentences_with_tokens(text);
            for (i, (s, toks)) in sents.into_iter().enumerate() {
                let mut r = SentenceRecord::new(doc, i, s.slice(text), (abs(s.start), abs(s.end)));
                r.tokens = toks.iter().map(|t| t.slice(text).to_string()).collect();
                r.spans = toks.iter().map(|t| (abs(t.start), abs(t.end))).collect();
                recs.push(r);
            }
        }
        let split = if self.ud {
            Vec::new()
        } else {
            self.splitter.span_tokenize(text)
        };
        for (i, s) in split.into_iter().enumerate() {
            let sent_text = s.slice(text);
            let abs = |a: usize| offset + a as u64;
            let toks = self
                .tokenizer
                .tokens_with_spans(sent_text)
                .map_err(|e| Error::Stage {
                    stage: format!("tokens ({doc}, sentence at byte {})", abs(s.start)),
                    source: Box::new(e),
                })?;
            let mut r = SentenceRecord::new(doc, i, sent_text, (abs(s.start), abs(s.end)));
            r.tokens.reserve(toks.len());
            r.spans.reserve(toks.len());
            for (t, sp) in toks {
                r.tokens.push(t.into_owned());
                r.spans
                    .push((abs(s.start + sp.start), abs(s.start + sp.end)));
            }
            recs.push(r);
        }
        for st in &self.stages {
            st.process(&mut recs).map_err(|e| Error::Stage {
                stage: st.name().to_string(),
                source: Box::new(e),
            })?;
        }
        Ok(recs)
    }
}
