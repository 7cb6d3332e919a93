//! NLTK's `WordListCorpusReader` (words, names, gazetteers) and
//! `StopwordsCorpusReader` (stopwords, including NLTK 3.10.4's virtual
//! `english-extended` file id): one word per line, blank lines dropped
//! (NLTK's `line_tokenize`), lines not stripped.

use super::{splitlines_keepends, CorpusRoot, Items};

/// Words added to `english` to form NLTK's virtual `english-extended` list.
const ENGLISH_EXTENDED_ADDITIONS: &[&str] = &[
    "could", "would", "ought", "cannot", "can't", "let's", "that's", "there's", "here's", "who's",
    "what's", "where's", "when's", "why's", "how's", "could've", "would've", "might've", "must've",
    "daren't", "oughtn't", "mayn't", "never", "without",
];

/// The virtual file id of NLTK's extended English stopword list.
pub const ENGLISH_EXTENDED: &str = "english-extended";

/// A word-list corpus.
#[derive(Debug)]
pub struct WordListCorpusReader {
    root: CorpusRoot,
    stopwords: bool,
}

impl WordListCorpusReader {
    /// A plain word list.
    pub fn new(root: CorpusRoot) -> Self {
        WordListCorpusReader {
            root,
            stopwords: false,
        }
    }

    /// NLTK's `StopwordsCorpusReader`: adds the virtual `english-extended`
    /// file id when `english` is present.
    pub fn stopwords(root: CorpusRoot) -> Self {
        WordListCorpusReader {
            root,
            stopwords: true,
        }
    }

    /// The corpus files.
    pub fn root(&self) -> &CorpusRoot {
        &self.root
    }

    /// File ids (with `english-extended` for stopwords, sorted as NLTK).
    pub fn fileids(&self) -> Vec<String> {
        let mut ids = self.root.fileids().to_vec();
        if self.stopwords && ids.iter().any(|f| f == "english") {
            ids.push(ENGLISH_EXTENDED.to_string());
            ids.sort();
        }
        ids
    }

    /// NLTK's `line_tokenize`: non-blank lines, unstripped.
    pub fn lines_of(text: &str) -> Vec<String> {
        splitlines_keepends(text)
            .into_iter()
            .map(|l| {
                l.trim_end_matches([
                    '\n', '\r', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\u{85}', '\u{2028}',
                    '\u{2029}',
                ])
            })
            .filter(|l| {
                !l.trim_end_matches(crate::tokenize::is_py_whitespace)
                    .is_empty()
            })
            .map(str::to_string)
            .collect()
    }

    fn extended(&self) -> crate::Result<Vec<String>> {
        let mut words = Self::lines_of(&self.root.read_text("english")?);
        let mut add: Vec<&str> = ENGLISH_EXTENDED_ADDITIONS
            .iter()
            .copied()
            .filter(|a| !words.iter().any(|w| w == a))
            .collect();
        add.sort_unstable();
        words.extend(add.into_iter().map(str::to_string));
        let mut curly: Vec<String> = words
            .iter()
            .filter(|w| w.contains('\''))
            .map(|w| w.replace('\'', "\u{2019}"))
            .filter(|c| !words.contains(c))
            .collect();
        curly.sort();
        curly.dedup();
        words.extend(curly);
        Ok(words)
    }

    /// Words of the selected files (all when `None`), in file order.
    pub fn words<'a>(&'a self, fileids: Option<&[String]>) -> Items<'a, String> {
        if self.stopwords {
            if let Some(sel) = fileids {
                if sel.iter().any(|f| f == ENGLISH_EXTENDED) {
                    if sel.len() == 1 {
                        return match self.extended() {
                            Ok(v) => Box::new(v.into_iter().map(Ok)),
                            Err(e) => Box::new(std::iter::once(Err(e))),
                        };
                    }
                    return Box::new(std::iter::once(Err(crate::Error::InvalidInput(format!(
                        "`{ENGLISH_EXTENDED}` is a virtual list; select it on its own"
                    )))));
                }
            }
        }
        // NLTK tokenizes the concatenated raw text of all selected files, so
        // a file without a final newline joins its last line to the next file's first.
        let files = match self.root.select(fileids) {
            Ok(f) => f,
            Err(e) => return Box::new(std::iter::once(Err(e))),
        };
        let mut raw = String::new();
        for f in &files {
            match self.root.read_text(f) {
                Ok(t) => raw.push_str(&t),
                Err(e) => return Box::new(std::iter::once(Err(e))),
            }
        }
        Box::new(Self::lines_of(&raw).into_iter().map(Ok))
    }
}
