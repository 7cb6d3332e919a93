//! NLTK's English Snowball stemmer (`nltk.stem.snowball.EnglishStemmer`).
//!
//! NLTK's Python version tracks the regions R1 and R2 as separate strings
//! that it trims along with the word; after some replacements they no longer
//! match the Snowball definition (e.g. `celtization` → `celtize`, where
//! Snowball gives `celtiz`). This port reproduces NLTK exactly, including its
//! apostrophe handling and special-word table.

use super::snowball::is_in;

const VOWELS: &str = "aeiouy";

const SPECIAL: &[(&str, &str)] = &[
    ("skis", "ski"),
    ("skies", "sky"),
    ("dying", "die"),
    ("lying", "lie"),
    ("tying", "tie"),
    ("idly", "idl"),
    ("gently", "gentl"),
    ("ugly", "ugli"),
    ("early", "earli"),
    ("only", "onli"),
    ("singly", "singl"),
    ("sky", "sky"),
    ("news", "news"),
    ("howe", "howe"),
    ("atlas", "atlas"),
    ("cosmos", "cosmos"),
    ("bias", "bias"),
    ("andes", "andes"),
    ("inning", "inning"),
    ("innings", "inning"),
    ("outing", "outing"),
    ("outings", "outing"),
    ("canning", "canning"),
    ("cannings", "canning"),
    ("herring", "herring"),
    ("herrings", "herring"),
    ("earring", "earring"),
    ("earrings", "earring"),
    ("proceed", "proceed"),
    ("proceeds", "proceed"),
    ("proceeded", "proceed"),
    ("proceeding", "proceed"),
    ("exceed", "exceed"),
    ("exceeds", "exceed"),
    ("exceeded", "exceed"),
    ("exceeding", "exceed"),
    ("succeed", "succeed"),
    ("succeeds", "succeed"),
    ("succeeded", "succeed"),
    ("succeeding", "succeed"),
];

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

fn v(c: char) -> bool {
    is_in(c, VOWELS)
}

fn ends(w: &[char], s: &str) -> bool {
    let n = s.chars().count();
    w.len() >= n && w[w.len() - n..].iter().copied().eq(s.chars())
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

fn r1r2(word: &[char]) -> (Vec<char>, Vec<char>) {
    let region = |w: &[char]| -> Vec<char> {
        for i in 1..w.len() {
            if !v(w[i]) && v(w[i - 1]) {
                return w[i + 1..].to_vec();
            }
        }
        Vec::new()
    };
    let starts = |p: &str| word.len() >= p.len() && word[..p.len()].iter().copied().eq(p.chars());
    let r1 = if starts("gener") || starts("arsen") {
        word[5..].to_vec()
    } else if starts("commun") {
        word[6..].to_vec()
    } else {
        region(word)
    };
    let r2 = region(&r1);
    (r1, r2)
}

/// Stems an already lowercased word that is not a stop word and has more
/// than two characters.
pub(crate) fn stem(lower: &str) -> String {
    if let Some((_, s)) = SPECIAL.iter().find(|(w, _)| *w == lower) {
        return (*s).to_string();
    }
    let mut word: Vec<char> = lower
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{201b}' => '\'',
            c => c,
        })
        .collect();
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
    let (mut r1, mut r2) = r1r2(&word);

    // Step 0
    for s in ["'s'", "'s", "'"] {
        if ends(&word, s) {
            let n = s.len();
            cut(&mut word, n);
            cut(&mut r1, n);
            cut(&mut r2, n);
            break;
        }
    }

    // Step 1a
    for s in ["sses", "ied", "ies", "us", "ss", "s"] {
        if ends(&word, s) {
            match s {
                "sses" => {
                    cut(&mut word, 2);
                    cut(&mut r1, 2);
                    cut(&mut r2, 2);
                }
                "ied" | "ies" => {
                    let n = if word.len() - 3 > 1 { 2 } else { 1 };
                    cut(&mut word, n);
                    cut(&mut r1, n);
                    cut(&mut r2, n);
                }
                "s" => {
                    let upto = word.len().saturating_sub(2);
                    if word[..upto].iter().any(|&c| v(c)) {
                        cut(&mut word, 1);
                        cut(&mut r1, 1);
                        cut(&mut r2, 1);
                    }
                }
                _ => {}
            }
            break;
        }
    }

    // Step 1b
    for &s in STEP1B {
        if !ends(&word, s) {
            continue;
        }
        let n = s.len();
        if s == "eed" || s == "eedly" {
            if ends(&r1, s) {
                repl(&mut word, n, "ee");
                repl_or(&mut r1, n, "ee", "");
                repl_or(&mut r2, n, "ee", "");
            }
        } else if word[..word.len() - n].iter().any(|&c| v(c)) {
            cut(&mut word, n);
            cut(&mut r1, n);
            cut(&mut r2, n);
            if ends(&word, "at") || ends(&word, "bl") || ends(&word, "iz") {
                word.push('e');
                r1.push('e');
                if word.len() > 5 || r1.len() >= 3 {
                    r2.push('e');
                }
            } else if ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]
                .iter()
                .any(|d| ends(&word, d))
            {
                cut(&mut word, 1);
                cut(&mut r1, 1);
                cut(&mut r2, 1);
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
        repl(&mut word, 1, "i");
        repl_or(&mut r1, 1, "i", "");
        repl_or(&mut r2, 1, "i", "");
    }

    // Step 2
    for &s in STEP2 {
        if !ends(&word, s) {
            continue;
        }
        if ends(&r1, s) {
            let n = s.len();
            match s {
                "tional" | "entli" | "fulli" | "lessli" => {
                    cut(&mut word, 2);
                    cut(&mut r1, 2);
                    cut(&mut r2, 2);
                }
                "enci" | "anci" | "abli" => {
                    repl(&mut word, 1, "e");
                    repl_or(&mut r1, 1, "e", "");
                    repl_or(&mut r2, 1, "e", "");
                }
                "izer" | "ization" => {
                    repl(&mut word, n, "ize");
                    repl_or(&mut r1, n, "ize", "");
                    repl_or(&mut r2, n, "ize", "");
                }
                "ational" | "ation" | "ator" => {
                    repl(&mut word, n, "ate");
                    repl_or(&mut r1, n, "ate", "");
                    repl_or(&mut r2, n, "ate", "e");
                }
                "alism" | "aliti" | "alli" => {
                    repl(&mut word, n, "al");
                    repl_or(&mut r1, n, "al", "");
                    repl_or(&mut r2, n, "al", "");
                }
                "fulness" => {
                    cut(&mut word, 4);
                    cut(&mut r1, 4);
                    cut(&mut r2, 4);
                }
                "ousli" | "ousness" => {
                    repl(&mut word, n, "ous");
                    repl_or(&mut r1, n, "ous", "");
                    repl_or(&mut r2, n, "ous", "");
                }
                "iveness" | "iviti" => {
                    repl(&mut word, n, "ive");
                    repl_or(&mut r1, n, "ive", "");
                    repl_or(&mut r2, n, "ive", "e");
                }
                "biliti" | "bli" => {
                    repl(&mut word, n, "ble");
                    repl_or(&mut r1, n, "ble", "");
                    repl_or(&mut r2, n, "ble", "");
                }
                "ogi" if at_end(&word, 4) == Some('l') => {
                    cut(&mut word, 1);
                    cut(&mut r1, 1);
                    cut(&mut r2, 1);
                }
                "li" if at_end(&word, 3).is_some_and(|c| is_in(c, "cdeghkmnrt")) => {
                    cut(&mut word, 2);
                    cut(&mut r1, 2);
                    cut(&mut r2, 2);
                }
                _ => {}
            }
        }
        break;
    }

    // Step 3
    for &s in STEP3 {
        if !ends(&word, s) {
            continue;
        }
        if ends(&r1, s) {
            let n = s.len();
            match s {
                "tional" => {
                    cut(&mut word, 2);
                    cut(&mut r1, 2);
                    cut(&mut r2, 2);
                }
                "ational" => {
                    repl(&mut word, n, "ate");
                    repl_or(&mut r1, n, "ate", "");
                    repl_or(&mut r2, n, "ate", "");
                }
                "alize" => {
                    cut(&mut word, 3);
                    cut(&mut r1, 3);
                    cut(&mut r2, 3);
                }
                "icate" | "iciti" | "ical" => {
                    repl(&mut word, n, "ic");
                    repl_or(&mut r1, n, "ic", "");
                    repl_or(&mut r2, n, "ic", "");
                }
                "ful" | "ness" => {
                    cut(&mut word, n);
                    cut(&mut r1, n);
                    cut(&mut r2, n);
                }
                "ative" if ends(&r2, s) => {
                    cut(&mut word, 5);
                    cut(&mut r1, 5);
                    cut(&mut r2, 5);
                }
                _ => {}
            }
        }
        break;
    }

    // Step 4
    for &s in STEP4 {
        if !ends(&word, s) {
            continue;
        }
        if ends(&r2, s) {
            let n = s.len();
            if s == "ion" {
                if at_end(&word, 4).is_some_and(|c| is_in(c, "st")) {
                    cut(&mut word, 3);
                    cut(&mut r1, 3);
                    cut(&mut r2, 3);
                }
            } else {
                cut(&mut word, n);
                cut(&mut r1, n);
                cut(&mut r2, n);
            }
        }
        break;
    }

    // Step 5
    let drop_last = (ends(&r2, "l") && at_end(&word, 2) == Some('l'))
        || ends(&r2, "e")
        || (ends(&r1, "e")
            && word.len() >= 4
            && (v(word[word.len() - 2])
                || is_in(word[word.len() - 2], "wxY")
                || !v(word[word.len() - 3])
                || v(word[word.len() - 4])));
    if drop_last {
        cut(&mut word, 1);
    }
    word.into_iter()
        .map(|c| if c == 'Y' { 'y' } else { c })
        .collect()
}
