//! NLTK's English Snowball stemmer (`nltk.stem.snowball.EnglishStemmer`).
//!
//! NLTK's Python version tracks the regions R1 and R2 as separate strings
//! that it trims along with the word; after some replacements they no longer
//! match the Snowball definition (e.g. `celtization` → `celtize`, where
//! Snowball gives `celtiz`). This port reproduces NLTK exactly, including its
//! apostrophe handling and special-word table.

use super::snowball::is_in;

/// NLTK's special words (`EnglishStemmer.__special_words`).
fn special(word: &str) -> Option<&'static str> {
    // all of them are 3 to 10 bytes long and end in one of these letters;
    // most words are out after these two tests, not after 40 comparisons
    if !(3..=10).contains(&word.len())
        || !matches!(
            word.as_bytes().last(),
            Some(b's' | b'y' | b'g' | b'e' | b'd')
        )
    {
        return None;
    }
    Some(match word {
        "skis" => "ski",
        "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "idly" => "idl",
        "gently" => "gentl",
        "ugly" => "ugli",
        "early" => "earli",
        "only" => "onli",
        "singly" => "singl",
        "sky" => "sky",
        "news" => "news",
        "howe" => "howe",
        "atlas" => "atlas",
        "cosmos" => "cosmos",
        "bias" => "bias",
        "andes" => "andes",
        "inning" => "inning",
        "innings" => "inning",
        "outing" => "outing",
        "outings" => "outing",
        "canning" => "canning",
        "cannings" => "canning",
        "herring" => "herring",
        "herrings" => "herring",
        "earring" => "earring",
        "earrings" => "earring",
        "proceed" => "proceed",
        "proceeds" => "proceed",
        "proceeded" => "proceed",
        "proceeding" => "proceed",
        "exceed" => "exceed",
        "exceeds" => "exceed",
        "exceeded" => "exceed",
        "exceeding" => "exceed",
        "succeed" => "succeed",
        "succeeds" => "succeed",
        "succeeded" => "succeed",
        "succeeding" => "succeed",
        _ => return None,
    })
}

const STEP1B: &[&str] = &["eedly", "ingly", "edly", "eed", "ing", "ed"];
const STEP2: &[&str] = &[
    "ization", "ational", "fulness", "ousness", "iveness", "tional", "biliti", "lessli", "entli",
    "ation", "alism", "aliti", "ousli", "iviti", "fulli", "enci", "anci", "abli", "izer", "ator",
    "alli", "bli", "ogi", "li",
];
const STEP3: &[&str] = &[
    "ational", "tional", "alize", "icate", "iciti", "ative", "ical", "ness", "ful",
];
const STEP4: &[&str] = &[
    "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous",
    "ive", "ize", "ion", "al", "er", "ic",
];

/// The suffixes of each step grouped by their last letter (order kept), so a
/// step only tries the suffixes that can match the word's last letter. All
/// suffixes are ASCII; a word ending in anything else matches none.
struct Tables {
    step1b: Vec<Vec<&'static str>>,
    step2: Vec<Vec<&'static str>>,
    step3: Vec<Vec<&'static str>>,
    step4: Vec<Vec<&'static str>>,
}

fn group(list: &[&'static str]) -> Vec<Vec<&'static str>> {
    let mut g = vec![Vec::new(); 128];
    for &s in list {
        if let Some(slot) = s.as_bytes().last().and_then(|&b| g.get_mut(usize::from(b))) {
            slot.push(s);
        }
    }
    g
}

fn tables() -> &'static Tables {
    static T: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    T.get_or_init(|| Tables {
        step1b: group(STEP1B),
        step2: group(STEP2),
        step3: group(STEP3),
        step4: group(STEP4),
    })
}

fn candidates<'t>(t: &'t [Vec<&'static str>], w: &[char]) -> &'t [&'static str] {
    match w.last() {
        Some(&c) => t.get(c as usize).map_or(&[], Vec::as_slice),
        None => &[],
    }
}

/// A vowel of Snowball English (`aeiouy`): one shift and mask (this runs
/// for every letter in the region scans).
#[inline]
fn v(c: char) -> bool {
    const VOWELS: u32 = 1 | (1 << 4) | (1 << 8) | (1 << 14) | (1 << 20) | (1 << 24); // a e i o u y
    let d = (c as u32).wrapping_sub('a' as u32);
    d < 26 && (VOWELS >> d) & 1 == 1
}

/// `w` ends with the ASCII string `s`.
#[inline]
fn ends(w: &[char], s: &str) -> bool {
    let b = s.as_bytes();
    let Some(start) = w.len().checked_sub(b.len()) else {
        return false;
    };
    let tail = &w[start..];
    let mut k = b.len();
    // from the end: most candidates differ in their last letters
    while k > 0 {
        k -= 1;
        if u32::from(tail[k]) != u32::from(b[k]) {
            return false;
        }
    }
    true
}

/// Python `w = w[:-n]`.
fn cut(w: &mut Vec<char>, n: usize) {
    w.truncate(w.len().saturating_sub(n));
}

/// Python `w = w[:-n] + new`.
fn repl(w: &mut Vec<char>, n: usize, new: &str) {
    cut(w, n);
    w.extend(new.chars());
}

/// `if len(r) >= n: r = suffix_replace(r, suffix, new) else: r = other`.
fn repl_or(r: &mut Vec<char>, n: usize, new: &str, other: &str) {
    if r.len() >= n {
        repl(r, n, new);
    } else {
        r.clear();
        r.extend(other.chars());
    }
}

/// Python `w[i]` for negative `i` (`from_end` = -i), `None` when out of range.
fn at_end(w: &[char], from_end: usize) -> Option<char> {
    w.len().checked_sub(from_end).map(|i| w[i])
}

/// Fills `r1` and `r2` with NLTK's regions of `word`.
fn r1r2(word: &[char], r1: &mut Vec<char>, r2: &mut Vec<char>) {
    let region = |w: &[char], out: &mut Vec<char>| {
        out.clear();
        for i in 1..w.len() {
            if !v(w[i]) && v(w[i - 1]) {
                out.extend_from_slice(&w[i + 1..]);
                return;
            }
        }
    };
    let starts = |p: &str| {
        word.len() >= p.len()
            && word
                .iter()
                .zip(p.bytes())
                .all(|(&c, b)| u32::from(c) == u32::from(b))
    };
    if starts("gener") || starts("arsen") {
        r1.clear();
        r1.extend_from_slice(&word[5..]);
    } else if starts("commun") {
        r1.clear();
        r1.extend_from_slice(&word[6..]);
    } else {
        region(word, r1);
    }
    region(r1, r2);
}

thread_local! {
    /// Scratch buffers (word, R1, R2) reused across calls on this thread.
    static BUFFERS: std::cell::RefCell<(Vec<char>, Vec<char>, Vec<char>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new(), Vec::new())) };
}

/// Stems an already lowercased word that is not a stop word and has more
/// than two characters.
pub(crate) fn stem(lower: &str) -> String {
    if let Some(s) = special(lower) {
        return s.to_string();
    }
    BUFFERS.with(|b| match b.try_borrow_mut() {
        Ok(mut b) => {
            let (w, r1, r2) = &mut *b;
            stem_with(lower, w, r1, r2)
        }
        Err(_) => stem_with(lower, &mut Vec::new(), &mut Vec::new(), &mut Vec::new()),
    })
}

fn stem_with(lower: &str, word: &mut Vec<char>, r1: &mut Vec<char>, r2: &mut Vec<char>) -> String {
    word.clear();
    let ascii = lower.is_ascii();
    if ascii {
        word.extend(lower.bytes().map(char::from));
    } else {
        word.extend(lower.chars().map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{201b}' => '\'',
            c => c,
        }));
    }
    if word.first() == Some(&'\'') {
        word.remove(0);
    }
    if word.first() == Some(&'y') {
        word[0] = 'Y';
    }
    for i in 1..word.len() {
        if v(word[i - 1]) && word[i] == 'y' {
            word[i] = 'Y';
        }
    }
    r1r2(word, r1, r2);

    // Step 0
    for s in ["'s'", "'s", "'"] {
        if ends(word, s) {
            let n = s.len();
            cut(word, n);
            cut(r1, n);
            cut(r2, n);
            break;
        }
    }

    // Step 1a
    for s in ["sses", "ied", "ies", "us", "ss", "s"] {
        if ends(word, s) {
            match s {
                "sses" => {
                    cut(word, 2);
                    cut(r1, 2);
                    cut(r2, 2);
                }
                "ied" | "ies" => {
                    let n = if word.len() - 3 > 1 { 2 } else { 1 };
                    cut(word, n);
                    cut(r1, n);
                    cut(r2, n);
                }
                "s" => {
                    let upto = word.len().saturating_sub(2);
                    if word[..upto].iter().any(|&c| v(c)) {
                        cut(word, 1);
                        cut(r1, 1);
                        cut(r2, 1);
                    }
                }
                _ => {}
            }
            break;
        }
    }

    // Step 1b
    for &s in candidates(&tables().step1b, word) {
        if !ends(word, s) {
            continue;
        }
        let n = s.len();
        if s == "eed" || s == "eedly" {
            if ends(r1, s) {
                repl(word, n, "ee");
                repl_or(r1, n, "ee", "");
                repl_or(r2, n, "ee", "");
            }
        } else if word[..word.len() - n].iter().any(|&c| v(c)) {
            cut(word, n);
            cut(r1, n);
            cut(r2, n);
            if ends(word, "at") || ends(word, "bl") || ends(word, "iz") {
                word.push('e');
                r1.push('e');
                if word.len() > 5 || r1.len() >= 3 {
                    r2.push('e');
                }
            } else if ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]
                .iter()
                .any(|d| ends(word, d))
            {
                cut(word, 1);
                cut(r1, 1);
                cut(r2, 1);
            } else if r1.is_empty()
                && ((word.len() >= 3
                    && !v(word[word.len() - 1])
                    && !is_in(word[word.len() - 1], "wxY")
                    && v(word[word.len() - 2])
                    && !v(word[word.len() - 3]))
                    || (word.len() == 2 && v(word[0]) && !v(word[1])))
            {
                word.push('e');
                if !r1.is_empty() {
                    r1.push('e');
                }
                if !r2.is_empty() {
                    r2.push('e');
                }
            }
        }
        break;
    }

    // Step 1c
    if word.len() > 2 && is_in(word[word.len() - 1], "yY") && !v(word[word.len() - 2]) {
        repl(word, 1, "i");
        repl_or(r1, 1, "i", "");
        repl_or(r2, 1, "i", "");
    }

    // Step 2
    for &s in candidates(&tables().step2, word) {
        if !ends(word, s) {
            continue;
        }
        if ends(r1, s) {
            let n = s.len();
            match s {
                "tional" | "entli" | "fulli" | "lessli" => {
                    cut(word, 2);
                    cut(r1, 2);
                    cut(r2, 2);
                }
                "enci" | "anci" | "abli" => {
                    repl(word, 1, "e");
                    repl_or(r1, 1, "e", "");
                    repl_or(r2, 1, "e", "");
                }
                "izer" | "ization" => {
                    repl(word, n, "ize");
                    repl_or(r1, n, "ize", "");
                    repl_or(r2, n, "ize", "");
                }
                "ational" | "ation" | "ator" => {
                    repl(word, n, "ate");
                    repl_or(r1, n, "ate", "");
                    repl_or(r2, n, "ate", "e");
                }
                "alism" | "aliti" | "alli" => {
                    repl(word, n, "al");
                    repl_or(r1, n, "al", "");
                    repl_or(r2, n, "al", "");
                }
                "fulness" => {
                    cut(word, 4);
                    cut(r1, 4);
                    cut(r2, 4);
                }
                "ousli" | "ousness" => {
                    repl(word, n, "ous");
                    repl_or(r1, n, "ous", "");
                    repl_or(r2, n, "ous", "");
                }
                "iveness" | "iviti" => {
                    repl(word, n, "ive");
                    repl_or(r1, n, "ive", "");
                    repl_or(r2, n, "ive", "e");
                }
                "biliti" | "bli" => {
                    repl(word, n, "ble");
                    repl_or(r1, n, "ble", "");
                    repl_or(r2, n, "ble", "");
                }
                "ogi" if at_end(word, 4) == Some('l') => {
                    cut(word, 1);
                    cut(r1, 1);
                    cut(r2, 1);
                }
                "li" if at_end(word, 3).is_some_and(|c| is_in(c, "cdeghkmnrt")) => {
                    cut(word, 2);
                    cut(r1, 2);
                    cut(r2, 2);
                }
                _ => {}
            }
        }
        break;
    }

    // Step 3
    for &s in candidates(&tables().step3, word) {
        if !ends(word, s) {
            continue;
        }
        if ends(r1, s) {
            let n = s.len();
            match s {
                "tional" => {
                    cut(word, 2);
                    cut(r1, 2);
                    cut(r2, 2);
                }
                "ational" => {
                    repl(word, n, "ate");
                    repl_or(r1, n, "ate", "");
                    repl_or(r2, n, "ate", "");
                }
                "alize" => {
                    cut(word, 3);
                    cut(r1, 3);
                    cut(r2, 3);
                }
                "icate" | "iciti" | "ical" => {
                    repl(word, n, "ic");
                    repl_or(r1, n, "ic", "");
                    repl_or(r2, n, "ic", "");
                }
                "ful" | "ness" => {
                    cut(word, n);
                    cut(r1, n);
                    cut(r2, n);
                }
                "ative" if ends(r2, s) => {
                    cut(word, 5);
                    cut(r1, 5);
                    cut(r2, 5);
                }
                _ => {}
            }
        }
        break;
    }

    // Step 4
    for &s in candidates(&tables().step4, word) {
        if !ends(word, s) {
            continue;
        }
        if ends(r2, s) {
            let n = s.len();
            if s == "ion" {
                if at_end(word, 4).is_some_and(|c| is_in(c, "st")) {
                    cut(word, 3);
                    cut(r1, 3);
                    cut(r2, 3);
                }
            } else {
                cut(word, n);
                cut(r1, n);
                cut(r2, n);
            }
        }
        break;
    }

    // Step 5
    let drop_last = (ends(r2, "l") && at_end(word, 2) == Some('l'))
        || ends(r2, "e")
        || (ends(r1, "e")
            && word.len() >= 4
            && (v(word[word.len() - 2])
                || is_in(word[word.len() - 2], "wxY")
                || !v(word[word.len() - 3])
                || v(word[word.len() - 4])));
    if drop_last {
        cut(word, 1);
    }
    if ascii {
        // byte by byte, no UTF-8 encoding per char
        let bytes: Vec<u8> = word
            .iter()
            .map(|&c| if c == 'Y' { b'y' } else { c as u8 })
            .collect();
        if let Ok(out) = String::from_utf8(bytes) {
            return out;
        }
    }
    word.iter()
        .map(|&c| if c == 'Y' { 'y' } else { c })
        .collect()
}
