//! The text pipeline behind `nlkit pipeline`: sentence splitting, word
//! tokenization and the later stages, producing one [`SentenceRecord`] per
//! sentence.
//!
//! # Example
//! ```
//! use nlkit::pipeline::Pipeline;
//! let p = Pipeline::default_english().unwrap();
//! let recs = p.process("doc1", 0, "Hello world. Bye now.").unwrap();
//! assert!(!recs.is_empty());
//! assert_eq!(recs[0].doc, "doc1");
//! for r in &recs {
//!     for (tok, span) in r.tokens.iter().zip(&r.spans) {
//!         assert!(!tok.is_empty());
//!         assert!(span.0 <= span.1);
//!     }
//! }
//! ```

use serde::Serialize;

std::thread_local! {
    static LEMMA_CACHE: std::cell::RefCell<crate::wordnet::LemmaCache> =
        std::cell::RefCell::new(crate::wordnet::LemmaCache::new());
}

use crate::sentence::SentenceTokenizer;
use crate::tag::Tagger;
use crate::tokenize::Tokenizer;
use crate::wordnet::{penn_to_wordnet, WordNetLemmatizer};
use crate::Result;

/// One sentence of pipeline output. Optional fields are absent (not
/// `null`) when the stage that fills them did not run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SentenceRecord {
    /// Document name (input file name, or `<stdin>`).
    pub doc: String,
    /// 0-based sentence number within the document.
    pub sent: usize,
    /// The sentence text, exactly as in the input.
    pub text: String,
    /// Byte span of the sentence in the document.
    pub span: (u64, u64),
    /// The tokens.
    pub tokens: Vec<String>,
    /// Byte span of each token in the document.
    pub spans: Vec<(u64, u64)>,
    /// One Penn Treebank tag per token, when a tagger ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// One Universal POS tag per token, when a UPOS tagger ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upos: Option<Vec<String>>,
    /// One lemma per token, when a lemmatizer ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lemmas: Option<Vec<String>>,
}

/// The configured stages of the pipeline.
pub struct Pipeline {
    splitter: Box<dyn SentenceTokenizer>,
    tokenizer: Box<dyn Tokenizer>,
    tagger: Option<Box<dyn Tagger>>,
    upos_tagger: Option<Box<dyn Tagger>>,
    lemmatizer: Option<WordNetLemmatizer>,
}

impl Pipeline {
    /// A pipeline from explicit stages.
    pub fn new(splitter: Box<dyn SentenceTokenizer>, tokenizer: Box<dyn Tokenizer>) -> Self {
        Pipeline {
            splitter,
            tokenizer,
            tagger: None,
            upos_tagger: None,
            lemmatizer: None,
        }
    }

    /// Adds WordNet lemmas ([`SentenceRecord::lemmas`]). Each token is
    /// lemmatized lower-cased, with the WordNet part of speech its Penn tag
    /// maps to ([`penn_to_wordnet`]); proper nouns (`NNP`, `NNPS`) keep their
    /// form. Needs a tagger ([`Pipeline::with_tagger`]); without one every
    /// token is lemmatized as a noun.
    pub fn with_lemmatizer(mut self, lemmatizer: WordNetLemmatizer) -> Self {
        self.lemmatizer = Some(lemmatizer);
        self
    }

    /// Adds a tagger whose tags fill [`SentenceRecord::tags`] (Penn Treebank).
    pub fn with_tagger(mut self, tagger: Box<dyn Tagger>) -> Self {
        self.tagger = Some(tagger);
        self
    }

    /// Adds a tagger whose tags fill [`SentenceRecord::upos`].
    pub fn with_upos_tagger(mut self, tagger: Box<dyn Tagger>) -> Self {
        self.upos_tagger = Some(tagger);
        self
    }

    /// The default English pipeline with nlkit's contextual taggers
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
    pub fn contextual_english(encoder: std::sync::Arc<crate::neural::Encoder>) -> Result<Self> {
        use crate::tag::ContextTagger;
        Ok(Self::default_english()?
            .with_tagger(Box::new(ContextTagger::english(encoder.clone(), false)?))
            .with_upos_tagger(Box::new(ContextTagger::english(encoder, true)?)))
    }

    /// The default English pipeline, using the models compiled into nlkit:
    /// Punkt sentences (our embedded English model), then NLTK's improved
    /// Treebank word tokenizer on each sentence (what `nltk.word_tokenize`
    /// does).
    ///
    /// # Errors
    /// When an embedded model fails to load (a build defect).
    pub fn default_english() -> Result<Self> {
        Ok(Pipeline::new(
            Box::new(crate::sentence::punkt::PunktSentenceTokenizer::default_english()),
            Box::new(crate::tokenize::NLTKWordTokenizer::new()),
        )
        .with_tagger(Box::new(crate::tag::default_english_xpos()?))
        .with_upos_tagger(Box::new(crate::tag::default_english_upos()?)))
    }

    /// The UPOS tagger, when it is a stacked model whose first stage is the
    /// pipeline's tagger (nlkit's default models are): it then reads the
    /// tags that tagger gave rather than computing them again.
    fn upos_reads_tags(&self) -> Option<&crate::tag::PerceptronTagger> {
        let tagger = self.tagger.as_ref()?.as_perceptron()?;
        let upos = self.upos_tagger.as_ref()?.as_perceptron()?;
        std::ptr::eq(upos.first_stage()?, tagger).then_some(upos)
    }

    /// Runs the pipeline on one block of text (a paragraph) of document
    /// `doc` that starts at byte `offset` of that document. Sentence numbers
    /// start at 0; callers renumber across blocks.
    ///
    /// # Errors
    /// Only from the lemmatizer, when WordNet's files cannot be read.
    pub fn process(&self, doc: &str, offset: u64, text: &str) -> Result<Vec<SentenceRecord>> {
        // tokens of every sentence first, so that the taggers see all the
        // block's sentences at once (a contextual tagger encodes them
        // together)
        let mut sents = Vec::new();
        let mut all_tokens = Vec::new();
        for s in self.splitter.span_tokenize(text) {
            let sent_text = s.slice(text);
            let tokens = self.tokenizer.tokenize(sent_text);
            // Tokenizers that cannot align their tokens give no spans; the
            // record then carries the sentence span for each token.
            let spans: Vec<(u64, u64)> = match self.tokenizer.span_tokenize(sent_text) {
                Ok(sp) if sp.len() == tokens.len() => sp
                    .iter()
                    .map(|t| {
                        let t = t.shift(s.start);
                        (offset + t.start as u64, offset + t.end as u64)
                    })
                    .collect(),
                _ => vec![(offset + s.start as u64, offset + s.end as u64); tokens.len()],
            };
            sents.push((s, sent_text, spans));
            all_tokens.push(tokens);
        }
        let words: Vec<Vec<&str>> = all_tokens
            .iter()
            .map(|tokens| tokens.iter().map(|t| t.as_ref()).collect())
            .collect();
        let run = |t: &Option<Box<dyn Tagger>>| -> Vec<Option<Vec<String>>> {
            match t {
                Some(t) => t
                    .tag_sents(&words)
                    .into_iter()
                    .map(|tags| Some(tags.into_iter().map(str::to_string).collect()))
                    .collect(),
                None => vec![None; words.len()],
            }
        };
        let all_tags = run(&self.tagger);
        let all_upos = match self.upos_reads_tags() {
            Some(u) if self.tagger.is_some() => words
                .iter()
                .zip(&all_tags)
                .map(|(w, tags)| {
                    let t: Vec<&str> = tags.iter().flatten().map(String::as_str).collect();
                    let u = u.tag_with_first_stage(w, &t);
                    Some(u.into_iter().map(str::to_string).collect())
                })
                .collect(),
            _ => run(&self.upos_tagger),
        };
        let mut out = Vec::with_capacity(sents.len());
        let parts = sents.into_iter().zip(&words).zip(all_tags).zip(all_upos);
        for (i, ((((s, sent_text, spans), words), tags), upos)) in parts.enumerate() {
            let lemmas = match &self.lemmatizer {
                None => None,
                Some(lem) => {
                    let mut out = Vec::with_capacity(words.len());
                    for (i, w) in words.iter().enumerate() {
                        let tag = tags
                            .as_ref()
                            .and_then(|t| t.get(i))
                            .map_or("NN", |t| t.as_str());
                        if tag == "NNP" || tag == "NNPS" {
                            out.push(w.to_string());
                        } else {
                            let lower = w.to_lowercase();
                            let pos = penn_to_wordnet(tag);
                            // a cache per worker thread (text repeats its words)
                            let lemma = LEMMA_CACHE.with(|c| match c.try_borrow_mut() {
                                Ok(mut c) => lem
                                    .lemmatize_cached(&mut c, &lower, pos)
                                    .map(str::to_string),
                                Err(_) => lem.lemmatize(&lower, pos).map(|l| l.to_string()),
                            })?;
                            out.push(lemma);
                        }
                    }
                    Some(out)
                }
            };
            out.push(SentenceRecord {
                doc: doc.to_string(),
                sent: i,
                text: sent_text.to_string(),
                span: (offset + s.start as u64, offset + s.end as u64),
                tokens: words.iter().map(|t| t.to_string()).collect(),
                spans,
                tags,
                upos,
                lemmas,
            });
        }
        Ok(out)
    }
}

/// Writes records as CoNLL-U: `# sent_id`, `# text`, then one line per
/// token with the columns nlkit filled (`_` elsewhere).
///
/// # Errors
/// The write error.
pub fn write_conllu(out: &mut impl std::io::Write, r: &SentenceRecord) -> Result<()> {
    writeln!(out, "# sent_id = {}-{}", r.doc, r.sent + 1)?;
    writeln!(out, "# text = {}", r.text.replace('\n', " "))?;
    for (i, tok) in r.tokens.iter().enumerate() {
        let lemma = r
            .lemmas
            .as_ref()
            .and_then(|l| l.get(i))
            .map_or("_", |s| s.as_str());
        let upos = r
            .upos
            .as_ref()
            .and_then(|t| t.get(i))
            .map_or("_", |s| s.as_str());
        let xpos = r
            .tags
            .as_ref()
            .and_then(|t| t.get(i))
            .map_or("_", |s| s.as_str());
        let (s, e) = r.spans[i];
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t_\t_\t_\tTokenRange={}:{}",
            i + 1,
            tok,
            lemma,
            upos,
            xpos,
            s,
            e
        )?;
    }
    writeln!(out)?;
    Ok(())
}
