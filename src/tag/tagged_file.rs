//! Reading gold-tagged training and test files (CoNLL-U or `word/TAG`
//! lines), as `nlkit train-tagger` and `nlkit eval-tagger` do.

use std::path::Path;

use crate::corpus::conllu::Column;
use crate::Result;

/// Reads tagged sentences: CoNLL-U when the name ends in `.conllu`,
/// `word/TAG` lines otherwise (one sentence per line, split at each
/// token's last `/`); empty sentences are skipped. `column` picks the
/// CoNLL-U tag column.
///
/// # Errors
/// Read errors, malformed lines (with file and line), invalid UTF-8.
///
/// # Example
/// ```
/// use nlkit::corpus::conllu::Column;
/// let dir = tempfile::tempdir().unwrap();
/// let p = dir.path().join("train.txt");
/// std::fs::write(&p, "The/DT cat/NN\n\nIt/PRP ran/VBD\n").unwrap();
/// let sents = nlkit::tag::read_tagged(&p, Column::Xpos).unwrap();
/// assert_eq!(sents[1][1], ("ran".to_string(), "VBD".to_string()));
/// ```
pub fn read_tagged(path: &Path, column: Column) -> Result<Vec<Vec<(String, String)>>> {
    if path.extension().is_some_and(|e| e == "conllu") {
        let mut out = Vec::new();
        for s in crate::corpus::conllu::open(path)? {
            let s = s?;
            if !s.words.is_empty() {
                out.push(s.tagged(column));
            }
        }
        Ok(out)
    } else {
        let name = crate::io::input_name(path);
        let reader = crate::io::LineReader::new(
            crate::io::open_input(path)?,
            name.clone(),
            crate::io::Utf8Mode::Strict,
        );
        let mut out = Vec::new();
        for (i, line) in reader.enumerate() {
            let s = crate::tag::parse_word_tag_line(&line?, &name, i + 1)?;
            if !s.is_empty() {
                out.push(s);
            }
        }
        Ok(out)
    }
}
