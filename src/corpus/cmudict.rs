//! NLTK's `CMUDictCorpusReader`: `entries()` gives `(word, phones)` with the
//! word lower-cased and the variant number (second field) skipped.

use super::{py_split, splitlines_keepends, CorpusRoot, Items};

/// The CMU pronouncing dictionary.
#[derive(Debug)]
pub struct CmuDictCorpusReader {
    root: CorpusRoot,
}

/// One entry: a word and its phones.
pub type CmuEntry = (String, Vec<String>);

impl CmuDictCorpusReader {
    /// A reader over `root` (file id `cmudict`).
    pub fn new(root: CorpusRoot) -> Self {
        CmuDictCorpusReader { root }
    }

    /// The corpus files.
    pub fn root(&self) -> &CorpusRoot {
        &self.root
    }

    /// Parses the dictionary text (NLTK's `read_cmudict_block`).
    ///
    /// # Example
    /// ```
    /// use nlkit::corpus::CmuDictCorpusReader;
    /// let e = CmuDictCorpusReader::parse("A 1 AH0\nA(2) 2 EY1\n\n");
    /// assert_eq!(e[1], ("a(2)".to_string(), vec!["EY1".to_string()]));
    /// ```
    pub fn parse(text: &str) -> Vec<CmuEntry> {
        splitlines_keepends(text)
            .into_iter()
            .filter_map(|line| {
                let mut it = py_split(line);
                let word = it.next()?.to_lowercase();
                let _variant = it.next();
                Some((word, it.map(str::to_string).collect()))
            })
            .collect()
    }

    /// All entries.
    pub fn entries(&self) -> Items<'_, CmuEntry> {
        self.root.items(None, |_, text| Ok(Self::parse(&text)))
    }

    /// All words (NLTK's `words()`).
    pub fn words(&self) -> Items<'_, String> {
        Box::new(self.entries().map(|r| r.map(|(w, _)| w)))
    }
}
