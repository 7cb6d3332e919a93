//! More of NLTK's corpus views on [`Corpus`]: `raw`, `paras`,
//! `tagged_sents`, `tagged_paras`, `iob_sents` and `chunked_sents`, each for
//! the corpora whose NLTK reader has it (another corpus gets
//! [`Error::InvalidInput`] naming the views it has). Results equal NLTK's
//! lists; views stay lazy iterators of `Result`, one file read at a time.

use super::{Corpus, Items, TaggedWord};
use crate::tree::Tree;
use crate::{Error, Result};

fn no_view<'a, T: 'a>(name: String, view: &str, available: &str) -> Items<'a, T> {
    Box::new(std::iter::once(Err(Error::InvalidInput(format!(
        "corpus `{name}` has no `{view}` view (available: {available})"
    )))))
}

fn name_of(c: &Corpus) -> String {
    match (c, c.root()) {
        (Corpus::Conllu(p), _) => p.display().to_string(),
        (_, Some(r)) => r.resource().name().to_string(),
        (_, None) => String::new(),
    }
}

/// A missing tag as `""` (NLTK's `None` has no string form in the views).
fn untagged(s: Vec<TaggedWord>) -> Vec<(String, String)> {
    s.into_iter()
        .map(|(w, t)| (w, t.unwrap_or_default()))
        .collect()
}

impl Corpus {
    /// The decoded text of the selected files, concatenated (NLTK's `raw()`).
    ///
    /// # Errors
    /// An unknown file id; I/O and decoding errors.
    ///
    /// # Example
    /// ```
    /// let data = tempfile::tempdir()?;
    /// let dir = data.path().join("corpora/stopwords");
    /// std::fs::create_dir_all(&dir)?;
    /// std::fs::write(dir.join("english"), "i\nme\n")?;
    /// let sw = nlkit::corpus::open_corpus("stopwords", Some(data.path()))?;
    /// assert_eq!(sw.raw(Some(&["english".to_string()]))?, "i\nme\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn raw(&self, sel: Option<&[String]>) -> Result<String> {
        if let Corpus::Conllu(p) = self {
            return std::fs::read_to_string(p).map_err(|e| Error::io(p.clone(), e));
        }
        let root = self
            .root()
            .ok_or_else(|| Error::InvalidInput("corpus has no files".into()))?;
        let mut out = String::new();
        for f in root.select(sel)? {
            out.push_str(&root.read_text(&f)?);
        }
        Ok(out)
    }

    /// Paragraphs as lists of sentences of words (NLTK's `paras()`): plain
    /// text (Punkt sentences of blank-line blocks) and tagged corpora.
    pub fn paras<'a>(&'a self, sel: Option<&[String]>) -> Items<'a, Vec<Vec<String>>> {
        match self {
            Corpus::Plaintext(r) => r.paras(sel),
            Corpus::Tagged(r) => Box::new(r.tagged_paras(sel).map(|p| {
                p.map(|p| {
                    p.into_iter()
                        .map(|s| s.into_iter().map(|(w, _)| w).collect())
                        .collect()
                })
            })),
            _ => no_view(name_of(self), "paras", self.views()),
        }
    }

    /// Tagged sentences (NLTK's `tagged_sents()`); a missing tag is `""`.
    pub fn tagged_sents<'a>(&'a self, sel: Option<&[String]>) -> Items<'a, Vec<(String, String)>> {
        match self {
            Corpus::Tagged(r) => Box::new(r.tagged_sents(sel).map(|s| s.map(untagged))),
            Corpus::Bracket(r) => r.tagged_sents(sel),
            Corpus::Conll(r) => r.tagged_sents(sel),
            Corpus::Dependency(r) => r.tagged_sents(sel),
            Corpus::Sinica(r) => r.tagged_sents(sel),
            _ => no_view(name_of(self), "tagged_sents", self.views()),
        }
    }

    /// Tagged paragraphs (NLTK's `tagged_paras()`): tagged corpora.
    ///
    /// # Example
    /// ```
    /// let data = tempfile::tempdir()?;
    /// let dir = data.path().join("corpora/brown");
    /// std::fs::create_dir_all(&dir)?;
    /// std::fs::write(dir.join("ca01"), "\tThe/at dog/nn\n\tIt/pps ran/vbd\n\n\tBye/uh\n")?;
    /// std::fs::write(dir.join("cats.txt"), "ca01 news\n")?;
    /// let brown = nlkit::corpus::open_corpus("brown", Some(data.path()))?;
    /// let paras = brown.tagged_paras(None).collect::<nlkit::Result<Vec<_>>>()?;
    /// assert_eq!(paras.len(), 2);
    /// assert_eq!(paras[0][1], [("It".to_string(), "PPS".to_string()), ("ran".into(), "VBD".into())]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tagged_paras<'a>(
        &'a self,
        sel: Option<&[String]>,
    ) -> Items<'a, Vec<Vec<(String, String)>>> {
        match self {
            Corpus::Tagged(r) => Box::new(
                r.tagged_paras(sel)
                    .map(|p| p.map(|p| p.into_iter().map(untagged).collect())),
            ),
            _ => no_view(name_of(self), "tagged_paras", self.views()),
        }
    }

    /// Sentences of `(word, pos, iob)` rows (NLTK's `iob_sents()`): CoNLL corpora.
    pub fn iob_sents<'a>(
        &'a self,
        sel: Option<&[String]>,
    ) -> Items<'a, Vec<(String, String, String)>> {
        match self {
            Corpus::Conll(r) => r.iob_sents(sel),
            _ => no_view(name_of(self), "iob_sents", self.views()),
        }
    }

    /// Chunk trees (NLTK's `chunked_sents(chunk_types=...)`): CoNLL corpora.
    /// Chunks of types outside `chunk_types` (default: the corpus's own
    /// types) are left unchunked; leaves are `word/TAG`.
    ///
    /// # Example
    /// ```
    /// let data = tempfile::tempdir()?;
    /// let dir = data.path().join("corpora/conll2000");
    /// std::fs::create_dir_all(&dir)?;
    /// std::fs::write(dir.join("train.txt"), "The DT B-NP\ncat NN I-NP\nsat VBD B-VP\n")?;
    /// std::fs::write(dir.join("test.txt"), "")?;
    /// let conll = nlkit::corpus::open_corpus("conll2000", Some(data.path()))?;
    /// let trees = conll.chunked_sents(None, None).collect::<nlkit::Result<Vec<_>>>()?;
    /// assert_eq!(trees[0].to_string(), "(S (NP The/DT cat/NN) (VP sat/VBD))");
    /// let np = conll.chunked_sents(None, Some(vec!["NP".into()])).collect::<nlkit::Result<Vec<_>>>()?;
    /// assert_eq!(np[0].to_string(), "(S (NP The/DT cat/NN) sat/VBD)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn chunked_sents<'a>(
        &'a self,
        sel: Option<&[String]>,
        chunk_types: Option<Vec<String>>,
    ) -> Items<'a, Tree> {
        match self {
            Corpus::Conll(r) => {
                let types = chunk_types.unwrap_or_else(|| r.chunk_types().to_vec());
                Box::new(r.iob_sents(sel).map(move |s| {
                    let s = s?;
                    let t: Vec<&str> = types.iter().map(String::as_str).collect();
                    crate::chunk::chunked_sent_from_iob(&s, Some(&t))
                }))
            }
            _ => no_view(name_of(self), "chunked_sents", self.views()),
        }
    }
}
