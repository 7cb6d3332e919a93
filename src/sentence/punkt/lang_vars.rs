//! NLTK's `PunktLanguageVars`: which characters end sentences, start and
//! continue words, and the period-context matching built on them.

use super::*;

/// NLTK's `PunktLanguageVars`: the characters and token rules Punkt uses.
///
/// The defaults are NLTK's: sentence-end characters `.` `?` `!`, internal
/// punctuation `,:;`, and NLTK's word-tokenizer, period-context and
/// boundary-realignment patterns (implemented as linear-time scanners).
///
/// # Example
/// ```
/// use nlkit::sentence::punkt::PunktLanguageVars;
/// let lv = PunktLanguageVars::default();
/// assert_eq!(lv.word_tokenize("Hello, (world)... ok."), ["Hello", ",", "(", "world", ")", "...", "ok."]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PunktLanguageVars {
    pub(crate) sent_end_chars: Vec<char>,
    pub(crate) internal_punctuation: Vec<char>,
    /// Per ASCII byte: `ASCII_*` class bits.
    pub(crate) ascii: [u8; 128],
}

pub(super) const ASCII_NON_WORD: u8 = 1;
pub(super) const ASCII_SENT_END: u8 = 2;
pub(super) const ASCII_NOT_WORD_START: u8 = 4;

impl Default for PunktLanguageVars {
    fn default() -> Self {
        Self::new(&['.', '?', '!'], &[',', ':', ';'])
    }
}

/// Closing punctuation moved onto the previous sentence by boundary
/// realignment (NLTK's `re_boundary_realignment` character class).
pub(super) fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{ab}'
            | '\u{bb}'
    )
}

/// NLTK's `_re_non_word_chars` without the sentence-end characters.
pub(super) fn is_non_word_base(c: char) -> bool {
    matches!(
        c,
        ')' | '"'
            | ';'
            | '}'
            | ']'
            | '*'
            | ':'
            | '@'
            | '\''
            | '('
            | '{'
            | '['
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{ab}'
            | '\u{bb}'
    )
}

/// Characters that cannot start a word token (NLTK's `_re_word_start`, negated).
pub(super) fn is_not_word_start(c: char) -> bool {
    matches!(
        c,
        '(' | '"'
            | '`'
            | '{'
            | '['
            | ':'
            | ';'
            | '&'
            | '#'
            | '*'
            | '@'
            | ')'
            | '}'
            | ']'
            | '-'
            | ','
    )
}

/// The char starting at byte `i` of `s` (`None` at the end or inside a char).
#[inline]
pub(super) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

impl PunktLanguageVars {
    /// Language variables with the given sentence-end characters (NLTK's
    /// `sent_end_chars`) and sentence-internal punctuation
    /// (`internal_punctuation`); everything else as NLTK's defaults.
    pub fn new(sent_end_chars: &[char], internal_punctuation: &[char]) -> Self {
        let mut lv = PunktLanguageVars {
            sent_end_chars: sent_end_chars.to_vec(),
            internal_punctuation: internal_punctuation.to_vec(),
            ascii: [0; 128],
        };
        for b in 0u8..128 {
            let c = b as char;
            let mut f = 0;
            if lv.sent_end_chars.contains(&c) {
                f |= ASCII_SENT_END;
            }
            if is_non_word_base(c) || (c != '.' && lv.sent_end_chars.contains(&c)) {
                f |= ASCII_NON_WORD;
            }
            if is_not_word_start(c) {
                f |= ASCII_NOT_WORD_START;
            }
            lv.ascii[b as usize] = f;
        }
        lv
    }

    /// Characters that are candidates for sentence boundaries (`. ? !`).
    pub fn sent_end_chars(&self) -> &[char] {
        &self.sent_end_chars
    }

    /// Sentence-internal punctuation that, after a period-final token,
    /// indicates an abbreviation (`,:;`).
    pub fn internal_punctuation(&self) -> &[char] {
        &self.internal_punctuation
    }

    #[inline]
    pub(crate) fn is_sent_end_char(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(f) => f & ASCII_SENT_END != 0,
            None => self.sent_end_chars.contains(&c),
        }
    }

    /// NLTK's `_re_non_word_chars`: characters that cannot appear within words.
    #[inline]
    pub fn is_non_word_char(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(f) => f & ASCII_NON_WORD != 0,
            None => is_non_word_base(c) || (c != '.' && self.sent_end_chars.contains(&c)),
        }
    }

    #[inline]
    pub(crate) fn not_word_start(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(f) => f & ASCII_NOT_WORD_START != 0,
            None => false,
        }
    }

    /// Length in bytes of NLTK's `_re_multi_char_punct`
    /// (`-{2,}|\.{2,}|(?:\.\s){2,}\.`) matched at byte `i` of `s`.
    pub(crate) fn multi_char_len(&self, s: &str, i: usize) -> Option<usize> {
        let b = s.as_bytes();
        let at = |k: usize| b.get(k).copied();
        match (at(i), at(i + 1)) {
            (Some(b'-'), Some(b'-')) => {
                let n = b[i..].iter().take_while(|&&x| x == b'-').count();
                Some(n)
            }
            (Some(b'.'), Some(b'.')) => {
                let n = b[i..].iter().take_while(|&&x| x == b'.').count();
                Some(n)
            }
            (Some(b'.'), Some(_)) => {
                // (?:\.\s){2,}\.  -- as many repetitions as possible, then a
                // final period; backtrack one repetition if it is missing.
                let (mut prev, mut last, mut reps) = (i, i, 0usize);
                while at(last) == Some(b'.') {
                    match char_at(s, last + 1) {
                        Some(c) if is_space(c) => {
                            prev = last;
                            last += 1 + c.len_utf8();
                            reps += 1;
                        }
                        _ => break,
                    }
                }
                if reps >= 2 && at(last) == Some(b'.') {
                    Some(last + 1 - i)
                } else if reps >= 3 {
                    Some(prev + 1 - i)
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// True when `_re_multi_char_punct` matches at byte `i` of `s`.
    pub(crate) fn multi_char_at(&self, s: &str, i: usize) -> bool {
        let b = s.as_bytes();
        match (b.get(i), b.get(i + 1)) {
            (Some(b'-'), Some(b'-')) | (Some(b'.'), Some(b'.')) => true,
            (Some(b'.'), _) => {
                // \.\s\.\s\.
                let mut j = i;
                for _ in 0..2 {
                    if b.get(j) != Some(&b'.') {
                        return false;
                    }
                    match char_at(s, j + 1) {
                        Some(c) if is_space(c) => j += 1 + c.len_utf8(),
                        _ => return false,
                    }
                }
                b.get(j) == Some(&b'.')
            }
            _ => false,
        }
    }

    /// Byte ranges of NLTK's `PunktLanguageVars.word_tokenize(s)` tokens,
    /// shifted by `base`, appended to `out`.
    pub(crate) fn word_token_spans(&self, s: &str, base: usize, out: &mut Vec<(usize, usize)>) {
        let n = s.len();
        let mut i = 0;
        while i < n {
            let Some(c) = char_at(s, i) else { break };
            if is_space(c) {
                i += c.len_utf8();
                continue;
            }
            let end = if let Some(l) = self.multi_char_len(s, i) {
                i + l
            } else if !self.not_word_start(c) {
                let mut j = i + c.len_utf8();
                while j < n {
                    let Some(d) = char_at(s, j) else { break };
                    if is_space(d) || self.is_non_word_char(d) || self.multi_char_at(s, j) {
                        break;
                    }
                    if d == ',' {
                        let k = j + 1;
                        let ends = match char_at(s, k) {
                            None => true,
                            Some(e) => {
                                is_space(e) || self.is_non_word_char(e) || self.multi_char_at(s, k)
                            }
                        };
                        if ends {
                            break;
                        }
                    }
                    j += d.len_utf8();
                }
                j
            } else {
                i + c.len_utf8()
            };
            out.push((base + i, base + end));
            i = end;
        }
    }

    /// NLTK's `PunktLanguageVars.word_tokenize`: splits punctuation other
    /// than periods from words.
    pub fn word_tokenize<'a>(&self, s: &'a str) -> Vec<&'a str> {
        let mut spans = Vec::new();
        self.word_token_spans(s, 0, &mut spans);
        spans.into_iter().filter_map(|(a, b)| s.get(a..b)).collect()
    }

    /// NLTK's `period_context_re` at byte `p` (a sentence-end character):
    /// the match if the character is followed by a non-word character, or by
    /// whitespace and another token.
    pub(crate) fn period_context_at(&self, text: &str, p: usize, c: char) -> Option<PeriodMatch> {
        let q = p + c.len_utf8();
        let d = char_at(text, q)?;
        if self.is_non_word_char(d) {
            return Some(PeriodMatch {
                start: p,
                end: q,
                after_end: q + d.len_utf8(),
                next_tok: None,
            });
        }
        if !is_space(d) {
            return None;
        }
        let rest = text.get(q..)?;
        let ws = rest.find(|c: char| !is_space(c))?;
        let r = q + ws;
        let tok_len = text.get(r..)?.find(is_space).unwrap_or(text.len() - r);
        Some(PeriodMatch {
            start: p,
            end: q,
            after_end: r + tok_len,
            next_tok: Some(r),
        })
    }
}

/// One match of NLTK's period-context regex.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PeriodMatch {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// End of the `after_tok` group.
    pub(crate) after_end: usize,
    /// Start of the `next_tok` group, if it matched.
    pub(crate) next_tok: Option<usize>,
}

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------
