//! The NLTK corpora nlkit can read, opened with the settings of NLTK's
//! `nltk.corpus` loaders (root folder, file-id pattern, encodings,
//! categories), and [`Corpus`], one uniform view over every reader.

use std::path::Path;
use std::sync::Arc;

use super::{
    BracketParseCorpusReader, Categories, CmuDictCorpusReader, ConllChunkCorpusReader, CorpusRoot,
    DependencyCorpusReader, Encoding, FileIdSpec, IEERCorpusReader, Items,
    PPAttachmentCorpusReader, PlaintextCorpusReader, SinicaTreebankCorpusReader,
    TaggedCorpusReader, WordListCorpusReader,
};
use crate::data::Resource;
use crate::sentence::SentenceTokenizer;
use crate::tree::Tree;
use crate::{Error, Result};

/// The reader family of a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusKind {
    /// Plain text (`PlaintextCorpusReader`).
    Plaintext,
    /// Tagged text (`TaggedCorpusReader`).
    Tagged,
    /// Bracketed parse trees (`BracketParseCorpusReader`).
    Bracket,
    /// CoNLL chunking columns (`ConllChunkCorpusReader`).
    Conll,
    /// Word lists (`WordListCorpusReader`).
    WordList,
    /// The CMU pronouncing dictionary.
    CmuDict,
    /// Dependency treebanks (`DependencyCorpusReader`).
    Dependency,
    /// PP-attachment records (`PPAttachmentCorpusReader`).
    PPAttach,
    /// The Sinica treebank (`SinicaTreebankCorpusReader`).
    Sinica,
    /// IEER named-entity documents (`IEERCorpusReader`).
    Ieer,
}

/// NLTK corpus ids with a reader in nlkit, and their reader family.
pub const KNOWN_CORPORA: &[(&str, CorpusKind)] = &[
    ("abc", CorpusKind::Plaintext),
    ("brown", CorpusKind::Tagged),
    ("cmudict", CorpusKind::CmuDict),
    ("conll2000", CorpusKind::Conll),
    ("conll2002", CorpusKind::Conll),
    ("dependency_treebank", CorpusKind::Dependency),
    ("gazetteers", CorpusKind::WordList),
    ("genesis", CorpusKind::Plaintext),
    ("ieer", CorpusKind::Ieer),
    ("inaugural", CorpusKind::Plaintext),
    ("movie_reviews", CorpusKind::Plaintext),
    ("names", CorpusKind::WordList),
    ("ppattach", CorpusKind::PPAttach),
    ("sinica_treebank", CorpusKind::Sinica),
    ("state_union", CorpusKind::Plaintext),
    ("stopwords", CorpusKind::WordList),
    ("treebank", CorpusKind::Bracket),
    ("udhr", CorpusKind::Plaintext),
    ("udhr2", CorpusKind::Plaintext),
    ("webtext", CorpusKind::Plaintext),
    ("words", CorpusKind::WordList),
];

/// Any corpus nlkit can read, with NLTK's view methods. Views a corpus
/// does not have return [`Error::InvalidInput`].
#[derive(Debug)]
pub enum Corpus {
    /// A plain-text corpus.
    Plaintext(PlaintextCorpusReader),
    /// A tagged corpus.
    Tagged(TaggedCorpusReader),
    /// A treebank.
    Bracket(BracketParseCorpusReader),
    /// A CoNLL chunking corpus.
    Conll(ConllChunkCorpusReader),
    /// A word list.
    WordList(WordListCorpusReader),
    /// The CMU pronouncing dictionary.
    CmuDict(CmuDictCorpusReader),
    /// A dependency treebank.
    Dependency(DependencyCorpusReader),
    /// The PP-attachment corpus.
    PPAttach(PPAttachmentCorpusReader),
    /// The Sinica treebank.
    Sinica(SinicaTreebankCorpusReader),
    /// The IEER corpus.
    Ieer(IEERCorpusReader),
    /// A CoNLL-U file (read with [`crate::corpus::conllu`]; tags from XPOS).
    Conllu(std::path::PathBuf),
}

/// The Punkt English model from the NLTK data path (NLTK's `PunktTokenizer()`),
/// when the sentence splitter can load it.
fn punkt_english(data_dir: Option<&Path>) -> Option<Arc<dyn SentenceTokenizer>> {
    use crate::sentence::{PunktParameters, PunktSentenceTokenizer};
    let res = Resource::find("tokenizers/punkt_tab/english", data_dir).ok()?;
    let names = [
        "abbrev_types.txt",
        "collocations.tab",
        "sent_starters.txt",
        "ortho_context.tab",
    ];
    let mut texts = Vec::with_capacity(4);
    for n in names {
        texts.push((res.location().join(n), res.read_to_string(n).ok()?));
    }
    let params = PunktParameters::from_strs([
        (&texts[0].0, &texts[0].1),
        (&texts[1].0, &texts[1].1),
        (&texts[2].0, &texts[2].1),
        (&texts[3].0, &texts[3].1),
    ])
    .ok()?;
    Some(Arc::new(PunktSentenceTokenizer::new(params)))
}

/// Opens NLTK corpus `id` (e.g. `brown`) from `data_dir`, or from NLTK's
/// search path when `None`, with NLTK's settings for that corpus.
///
/// # Errors
/// [`Error::UnknownName`] for a corpus nlkit has no reader for;
/// [`Error::MissingResource`] (with the `nlkit download` command) when it is
/// not installed; [`Error::Format`] for a corrupt zip or category file.
///
/// # Example
/// ```no_run
/// let brown = nlkit::corpus::open_corpus("brown", None).unwrap();
/// assert_eq!(brown.fileids()[0], "ca01");
/// ```
pub fn open_corpus(id: &str, data_dir: Option<&Path>) -> Result<Corpus> {
    use Encoding::*;
    let find = |name: &str| Resource::find(name, data_dir);
    let pat = FileIdSpec::Pattern;
    let plaintext = |root: CorpusRoot| -> Result<Corpus> {
        let mut r = PlaintextCorpusReader::from_root(root)?;
        if let Some(st) = punkt_english(data_dir) {
            r = r.with_sent_tokenizer(st);
        }
        Ok(Corpus::Plaintext(r))
    };
    match id {
        "abc" => plaintext(CorpusRoot::with_encodings(
            find("corpora/abc")?,
            pat(r"(?!\.).*\.txt"),
            &[("science", Latin1), ("rural", Utf8)],
        )?),
        "genesis" => plaintext(CorpusRoot::with_encodings(
            find("corpora/genesis")?,
            pat(r"(?!\.).*\.txt"),
            &[
                ("finnish|french|german", Latin1),
                ("swedish", Cp865),
                (".*", Utf8Raw),
            ],
        )?),
        "inaugural" => plaintext(CorpusRoot::new(
            find("corpora/inaugural")?,
            pat(r"(?!\.).*\.txt"),
            Latin1,
        )?),
        "state_union" => plaintext(CorpusRoot::new(
            find("corpora/state_union")?,
            pat(r"(?!\.).*\.txt"),
            Latin2,
        )?),
        "webtext" => plaintext(CorpusRoot::new(
            find("corpora/webtext")?,
            pat(r"(?!README|\.).*\.txt"),
            Latin2,
        )?),
        "udhr" => plaintext(super::udhr_root(find("corpora/udhr")?)?),
        "udhr2" => plaintext(CorpusRoot::new(
            find("corpora/udhr2")?,
            pat(r".*\.txt"),
            Utf8,
        )?),
        "movie_reviews" => {
            let root =
                CorpusRoot::new(find("corpora/movie_reviews")?, pat(r"(?!\.).*\.txt"), Ascii)?;
            let cats = Categories::from_pattern(root.fileids(), r"(neg|pos)/.*")?;
            match plaintext(root)? {
                Corpus::Plaintext(r) => Ok(Corpus::Plaintext(r.with_categories(cats))),
                other => Ok(other),
            }
        }
        "brown" => {
            let root = CorpusRoot::new(find("corpora/brown")?, pat(r"c[a-z]\d\d"), Ascii)?;
            let cats = Categories::from_file(&root, "cats.txt")?;
            Ok(Corpus::Tagged(
                TaggedCorpusReader::new(root, "/").with_categories(cats),
            ))
        }
        "treebank" => Ok(Corpus::Bracket(BracketParseCorpusReader::new(
            CorpusRoot::new(
                find("corpora/treebank/combined")?,
                pat(r"wsj_.*\.mrg"),
                Ascii,
            )?,
        ))),
        "conll2000" => Ok(Corpus::Conll(ConllChunkCorpusReader::new(
            CorpusRoot::new(
                find("corpora/conll2000")?,
                FileIdSpec::List(&["train.txt", "test.txt"]),
                Ascii,
            )?,
            &["NP", "VP", "PP"],
        ))),
        "conll2002" => Ok(Corpus::Conll(ConllChunkCorpusReader::new(
            CorpusRoot::new(find("corpora/conll2002")?, pat(r".*\.(test|train).*"), Utf8)?,
            &["LOC", "PER", "ORG", "MISC"],
        ))),
        "dependency_treebank" => Ok(Corpus::Dependency(DependencyCorpusReader::new(
            CorpusRoot::new(find("corpora/dependency_treebank")?, pat(r".*\.dp"), Ascii)?,
        ))),
        "ppattach" => Ok(Corpus::PPAttach(PPAttachmentCorpusReader::new(
            CorpusRoot::new(
                find("corpora/ppattach")?,
                FileIdSpec::List(&["training", "test", "devset"]),
                Utf8,
            )?,
        ))),
        "sinica_treebank" => Ok(Corpus::Sinica(SinicaTreebankCorpusReader::new(
            CorpusRoot::new(
                find("corpora/sinica_treebank")?,
                FileIdSpec::List(&["parsed"]),
                Utf8,
            )?,
        ))),
        "ieer" => Ok(Corpus::Ieer(IEERCorpusReader::new(CorpusRoot::new(
            find("corpora/ieer")?,
            pat(r"(?!README|\.).*"),
            Utf8,
        )?))),
        "words" => Ok(Corpus::WordList(WordListCorpusReader::new(
            CorpusRoot::new(find("corpora/words")?, pat(r"(?!README|\.).*"), Ascii)?,
        ))),
        "names" => Ok(Corpus::WordList(WordListCorpusReader::new(
            CorpusRoot::new(find("corpora/names")?, pat(r"(?!\.).*\.txt"), Ascii)?,
        ))),
        "gazetteers" => Ok(Corpus::WordList(WordListCorpusReader::new(
            CorpusRoot::new(
                find("corpora/gazetteers")?,
                pat(r"(?!LICENSE|\.).*\.txt"),
                Latin2,
            )?,
        ))),
        "stopwords" => Ok(Corpus::WordList(WordListCorpusReader::stopwords(
            CorpusRoot::new(find("corpora/stopwords")?, pat(r"(?!README|\.).*"), Utf8)?,
        ))),
        "cmudict" => Ok(Corpus::CmuDict(CmuDictCorpusReader::new(CorpusRoot::new(
            find("corpora/cmudict")?,
            FileIdSpec::List(&["cmudict"]),
            Utf8,
        )?))),
        _ => Err(Error::UnknownName {
            kind: "corpus",
            name: id.to_string(),
            expected: KNOWN_CORPORA
                .iter()
                .map(|c| c.0)
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Opens a folder (or `.zip`) of UTF-8 text files as a plain-text corpus:
/// every file whose path has no component starting with `.`.
///
/// # Errors
/// I/O errors; a missing path.
pub fn open_path(path: &Path) -> Result<Corpus> {
    if path.is_file() && path.extension().is_some_and(|e| e == "conllu") {
        return Ok(Corpus::Conllu(path.to_path_buf()));
    }
    let res = Resource::open(path)?;
    let root = CorpusRoot::new(
        res,
        FileIdSpec::Pattern(r"(?!\.)(?!.*/\.).*"),
        Encoding::Utf8,
    )?;
    Ok(Corpus::Plaintext(PlaintextCorpusReader::from_root(root)?))
}

fn no_view<'a, T: 'a>(corpus: &str, view: &str, available: &str) -> Items<'a, T> {
    Box::new(std::iter::once(Err(Error::InvalidInput(format!(
        "corpus `{corpus}` has no `{view}` view (available: {available})"
    )))))
}

impl Corpus {
    /// The corpus root (files, encodings); `None` for a CoNLL-U file.
    pub fn root(&self) -> Option<&CorpusRoot> {
        Some(match self {
            Corpus::Plaintext(r) => r.root(),
            Corpus::Tagged(r) => r.root(),
            Corpus::Bracket(r) => r.root(),
            Corpus::Conll(r) => r.root(),
            Corpus::WordList(r) => r.root(),
            Corpus::CmuDict(r) => r.root(),
            Corpus::Dependency(r) => r.root(),
            Corpus::PPAttach(r) => r.root(),
            Corpus::Sinica(r) => r.root(),
            Corpus::Ieer(r) => r.root(),
            Corpus::Conllu(_) => return None,
        })
    }

    fn name(&self) -> String {
        match (self, self.root()) {
            (Corpus::Conllu(p), _) => p.display().to_string(),
            (_, Some(r)) => r.resource().name().to_string(),
            (_, None) => String::new(),
        }
    }

    fn conllu<'a, T: 'a>(
        path: &Path,
        f: impl Fn(crate::corpus::conllu::Sentence) -> Vec<T> + 'a,
    ) -> Items<'a, T> {
        match crate::corpus::conllu::open(path) {
            Err(e) => Box::new(std::iter::once(Err(e))),
            Ok(r) => Box::new(r.flat_map(move |s| -> Vec<Result<T>> {
                match s {
                    Ok(s) => f(s).into_iter().map(Ok).collect(),
                    Err(e) => vec![Err(e)],
                }
            })),
        }
    }

    /// The views this corpus has, for messages and `--help`.
    pub fn views(&self) -> &'static str {
        match self {
            Corpus::Plaintext(r) if r.categories().is_some() => "words, sents, categories, fileids",
            Corpus::Plaintext(_) => "words, sents, fileids",
            Corpus::Tagged(_) => "words, sents, tagged, categories, fileids",
            Corpus::Bracket(_) => "words, sents, tagged, parsed, fileids",
            Corpus::Conll(_) => "words, sents, tagged, iob, fileids",
            Corpus::WordList(_) => "words, fileids",
            Corpus::CmuDict(_) => "words, entries, fileids",
            Corpus::Dependency(_) => "words, sents, tagged, parsed, fileids",
            Corpus::PPAttach(_) => "entries, fileids",
            Corpus::Sinica(_) => "words, sents, tagged, parsed, fileids",
            Corpus::Ieer(_) => "words, parsed, entries, fileids",
            Corpus::Conllu(_) => "words, sents, tagged, fileids",
        }
    }

    /// File ids, as NLTK's `fileids()`.
    pub fn fileids(&self) -> Vec<String> {
        match self {
            Corpus::WordList(r) => r.fileids(),
            Corpus::Conllu(p) => vec![p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()],
            other => other
                .root()
                .map(|r| r.fileids().to_vec())
                .unwrap_or_default(),
        }
    }

    fn cats(&self) -> Result<&Categories> {
        let c = match self {
            Corpus::Plaintext(r) => r.categories(),
            Corpus::Tagged(r) => r.categories(),
            _ => None,
        };
        c.ok_or_else(|| Error::InvalidInput(format!("corpus `{}` has no categories", self.name())))
    }

    /// Categories of the corpus or of the given files (NLTK's `categories()`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for an uncategorized corpus.
    pub fn categories(&self, fileids: Option<&[String]>) -> Result<Vec<String>> {
        self.cats()?.categories(fileids)
    }

    /// File ids in the given categories (NLTK's `fileids(categories=...)`).
    ///
    /// # Errors
    /// An uncategorized corpus, an unknown category.
    pub fn fileids_in(&self, categories: &[String]) -> Result<Vec<String>> {
        self.cats()?.fileids(categories)
    }

    /// Resolves `--fileids` / `--categories` into a file selection (NLTK's
    /// `_resolve`): at most one of them may be given.
    ///
    /// # Errors
    /// Both given; unknown categories.
    pub fn resolve(
        &self,
        fileids: &[String],
        categories: &[String],
    ) -> Result<Option<Vec<String>>> {
        match (fileids.is_empty(), categories.is_empty()) {
            (true, true) => Ok(None),
            (false, true) => Ok(Some(fileids.to_vec())),
            (true, false) => Ok(Some(self.fileids_in(categories)?)),
            (false, false) => Err(Error::InvalidInput(
                "Specify fileids or categories, not both".into(),
            )),
        }
    }

    /// Words (NLTK's `words()`).
    pub fn words<'a>(&'a self, sel: Option<&[String]>) -> Items<'a, String> {
        match self {
            Corpus::Plaintext(r) => r.words(sel),
            Corpus::Tagged(r) => r.words(sel),
            Corpus::Bracket(r) => r.words(sel),
            Corpus::Conll(r) => r.words(sel),
            Corpus::WordList(r) => r.words(sel),
            Corpus::CmuDict(r) => r.words(),
            Corpus::Dependency(r) => r.words(sel),
            Corpus::Sinica(r) => r.words(sel),
            Corpus::Ieer(r) => r.words(sel),
            Corpus::PPAttach(_) => no_view(&self.name(), "words", self.views()),
            Corpus::Conllu(p) => {
                Self::conllu(p, |s| s.forms().into_iter().map(str::to_string).collect())
            }
        }
    }

    /// Sentences (NLTK's `sents()`).
    pub fn sents<'a>(&'a self, sel: Option<&[String]>) -> Items<'a, Vec<String>> {
        match self {
            Corpus::Plaintext(r) => r.sents(sel),
            Corpus::Tagged(r) => r.sents(sel),
            Corpus::Bracket(r) => r.sents(sel),
            Corpus::Conll(r) => r.sents(sel),
            Corpus::Dependency(r) => r.sents(sel),
            Corpus::Sinica(r) => r.sents(sel),
            Corpus::Conllu(p) => Self::conllu(p, |s| {
                vec![s.forms().into_iter().map(str::to_string).collect()]
            }),
            _ => no_view(&self.name(), "sents", self.views()),
        }
    }

    /// Tagged words (NLTK's `tagged_words()`); a missing tag is `""`.
    pub fn tagged_words<'a>(&'a self, sel: Option<&[String]>) -> Items<'a, (String, String)> {
        match self {
            Corpus::Tagged(r) => Box::new(
                r.tagged_words(sel)
                    .map(|x| x.map(|(w, t)| (w, t.unwrap_or_default()))),
            ),
            Corpus::Bracket(r) => r.tagged_words(sel),
            Corpus::Conll(r) => r.tagged_words(sel),
            Corpus::Dependency(r) => r.tagged_words(sel),
            Corpus::Sinica(r) => r.tagged_words(sel),
            Corpus::Conllu(p) => Self::conllu(p, |s| s.tagged(crate::corpus::conllu::Column::Xpos)),
            _ => no_view(&self.name(), "tagged", self.views()),
        }
    }

    /// Parse trees (NLTK's `parsed_sents()`).
    pub fn parsed_sents<'a>(&'a self, sel: Option<&[String]>) -> Items<'a, Tree> {
        match self {
            Corpus::Bracket(r) => r.parsed_sents(sel),
            Corpus::Dependency(r) => r.parsed_sents(sel),
            Corpus::Sinica(r) => r.parsed_sents(sel),
            Corpus::Ieer(r) => Box::new(r.parsed_docs(sel).map(|d| d.map(|d| d.text))),
            _ => no_view(&self.name(), "parsed", self.views()),
        }
    }

    /// `(word, pos, iob)` rows (NLTK's `iob_words()`).
    pub fn iob_words<'a>(&'a self, sel: Option<&[String]>) -> Items<'a, (String, String, String)> {
        match self {
            Corpus::Conll(r) => r.iob_words(sel),
            _ => no_view(&self.name(), "iob", self.views()),
        }
    }

    /// CMU dictionary entries; for ppattach, each record as
    /// `(sent, [verb, noun1, prep, noun2, attachment])`; for ieer, each
    /// document's docno and headline words.
    pub fn entries(&self) -> Items<'_, (String, Vec<String>)> {
        match self {
            Corpus::Ieer(r) => Box::new(r.parsed_docs(None).map(|d| {
                d.map(|d| {
                    let head = d.headline.map_or_else(Vec::new, |h| {
                        h.leaves().into_iter().map(str::to_string).collect()
                    });
                    (d.docno.unwrap_or_default(), head)
                })
            })),
            Corpus::CmuDict(r) => r.entries(),
            Corpus::PPAttach(r) => Box::new(r.attachments(None).map(|a| {
                a.map(|a| (a.sent, vec![a.verb, a.noun1, a.prep, a.noun2, a.attachment]))
            })),
            _ => no_view(&self.name(), "entries", self.views()),
        }
    }
}
