//! A port of NLTK's Arabic Snowball stemmer (`nltk.stem.snowball.ArabicStemmer`),
//! an older version of the algorithm than the one in `rust-stemmers`.
//!
//! NLTK quirks kept for parity: its character classes also delete `-`; the
//! two-letter suffix "ات" of noun step 2b is iterated letter by letter (so a
//! final `ا` or `ت` removes two letters); and the flag
//! `suffixes_verb_step1_success` is never reset between calls, so once one
//! word has set it, later words take the other verb branch. nlkit keeps that
//! flag per stemmer too (an atomic), so a stemmer used in one thread gives
//! NLTK's results for the same sequence of words; `--jobs N` may interleave
//! differently (see docs/differences.md).

use std::sync::atomic::{AtomicBool, Ordering};

fn ends(w: &[char], s: &str) -> bool {
    let n = s.chars().count();
    w.len() >= n && w[w.len() - n..].iter().copied().eq(s.chars())
}

fn starts(w: &[char], s: &str) -> bool {
    let n = s.chars().count();
    w.len() >= n && w[..n].iter().copied().eq(s.chars())
}

fn cut(w: &mut Vec<char>, n: usize) {
    w.truncate(w.len().saturating_sub(n));
}

fn drop_front(w: &mut Vec<char>, n: usize) {
    w.drain(..n.min(w.len()));
}

/// Python `prefix_replace(w, old, new)`.
fn prefix_replace(w: &mut Vec<char>, old: &str, new: &str) {
    drop_front(w, old.chars().count());
    let mut v: Vec<char> = new.chars().collect();
    v.append(w);
    *w = v;
}

const SUFFIX_VERB_STEP1: &[&str] = &[
    "ه", "ك", "ني", "نا", "ها", "هم", "هن", "كم", "كن", "هما", "كما", "كمو",
];
const SUFFIX_VERB_STEP2A: &[&str] = &[
    "ت", "ا", "ن", "ي", "نا", "تا", "تن", "ان", "ون", "ين", "تما",
];
const SUFFIX_NOUN_STEP1A: &[&str] = &["ي", "ك", "ه", "نا", "كم", "ها", "هن", "هم", "كما", "هما"];

/// The per-word flags of NLTK's `ArabicStemmer` (reset at each call).
#[derive(Default)]
struct Flags {
    is_verb: bool,
    is_noun: bool,
    is_defined: bool,
    verb2a: bool,
    verb2b: bool,
    noun2c2: bool,
    noun1a: bool,
    noun2a: bool,
    noun2b: bool,
    noun1b: bool,
    prefix2a: bool,
    prefix3a_noun: bool,
    prefix3b_noun: bool,
}

/// NLTK's Arabic stemmer with its sticky verb-step-1 flag.
#[derive(Debug, Default)]
pub(crate) struct ArabicStemmer {
    verb_step1_success: AtomicBool,
}

fn normalize_pre(word: &str) -> Vec<char> {
    word.chars()
        .filter(|&c| {
            !(c == '-'
                || ('\u{064b}'..='\u{0652}').contains(&c)
                || c == '\u{0640}'
                || ('\u{060c}'..='\u{061b}').contains(&c)
                || c == '\u{061f}')
        })
        .collect()
}

fn normalize_post(w: &mut [char]) {
    if let Some(last) = w.last_mut() {
        if matches!(
            *last,
            '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0624}' | '\u{0626}'
        ) {
            *last = '\u{0621}';
        }
    }
    if let Some(first) = w.first_mut() {
        if matches!(*first, '\u{0622}' | '\u{0623}' | '\u{0625}') {
            *first = '\u{0627}';
        }
    }
    for c in w.iter_mut() {
        *c = match *c {
            '\u{0624}' => '\u{0648}',
            '\u{0626}' => '\u{064a}',
            '\u{0623}' | '\u{0622}' | '\u{0625}' => '\u{0627}',
            c => c,
        };
    }
}

impl Clone for ArabicStemmer {
    fn clone(&self) -> Self {
        ArabicStemmer {
            verb_step1_success: AtomicBool::new(self.verb_step1_success.load(Ordering::Relaxed)),
        }
    }
}

impl ArabicStemmer {
    /// NLTK's `stem` (the caller has done nothing to the word; `is_stop`
    /// tells whether the normalised word is a stop word).
    pub(crate) fn stem(&self, word: &str, is_stop: impl Fn(&str) -> bool) -> String {
        let mut f = Flags {
            is_verb: true,
            is_noun: true,
            ..Flags::default()
        };
        let orig: Vec<char> = word.chars().collect();
        // checks 1 (on the word as given)
        for p in ["كال", "بال", "ال", "لل"] {
            if starts(&orig, p) {
                if matches!(p, "كال" | "بال") && orig.len() > 4 {
                    f.is_noun = true;
                    f.is_verb = false;
                    f.is_defined = true;
                    break;
                }
                if matches!(p, "ال" | "لل") && orig.len() > 3 {
                    f.is_noun = true;
                    f.is_verb = false;
                    f.is_defined = true;
                    break;
                }
            }
        }
        // checks 2
        for s in ["ة", "ات"] {
            if ends(&orig, s) {
                if s == "ة" && orig.len() > 2 {
                    f.is_noun = true;
                    f.is_verb = false;
                    break;
                }
                if s == "ات" && orig.len() > 3 {
                    f.is_noun = true;
                    f.is_verb = false;
                    break;
                }
            }
        }
        let mut w = normalize_pre(word);
        let normalized: String = w.iter().collect();
        if is_stop(&normalized) || w.len() <= 2 {
            return normalized;
        }
        if f.is_verb {
            self.suffix_verb_step1(&mut w);
            if self.verb_step1_success.load(Ordering::Relaxed) {
                suffix_verb_step2a(&mut w, &mut f);
                if !f.verb2a {
                    suffix_verb_step2c(&mut w);
                }
            } else {
                suffix_verb_step2b(&mut w, &mut f);
                if !f.verb2b {
                    suffix_verb_step2a(&mut w, &mut f);
                }
            }
        }
        if f.is_noun {
            if ends(&w, "ة") && w.len() >= 3 {
                cut(&mut w, 1);
                f.noun2c2 = true;
            }
            if !f.noun2c2 {
                if !f.is_defined {
                    suffix_noun_step1a(&mut w, &mut f);
                    suffix_noun_step2a(&mut w, &mut f);
                    if !f.noun2a {
                        suffix_noun_step2b(&mut w, &mut f);
                    }
                    if !f.noun2b && !f.noun2a {
                        suffix_noun_step2c1(&mut w);
                    }
                } else {
                    if ends(&w, "ن") && w.len() > 5 {
                        cut(&mut w, 1);
                        f.noun1b = true;
                    }
                    if f.noun1b {
                        suffix_noun_step2a(&mut w, &mut f);
                        if !f.noun2a {
                            suffix_noun_step2b(&mut w, &mut f);
                        }
                        if !f.noun2b && !f.noun2a {
                            suffix_noun_step2c1(&mut w);
                        }
                    } else {
                        if !f.is_defined {
                            suffix_noun_step2a(&mut w, &mut f);
                        }
                        suffix_noun_step2b(&mut w, &mut f);
                    }
                }
            }
            if ends(&w, "ي") && w.len() >= 3 {
                cut(&mut w, 1);
            }
        }
        if !f.is_noun && f.is_verb && ends(&w, "ى") {
            cut(&mut w, 1);
            w.push('ي');
        }
        // prefixes
        prefix_step1(&mut w);
        for p in ["فال", "وال"] {
            if starts(&w, p) && w.len() > 5 {
                drop_front(&mut w, 3);
                f.prefix2a = true;
                break;
            }
        }
        if !f.prefix2a {
            for p in ["ف", "و"] {
                if starts(&w, p) && w.len() > 3 && !(starts(&w, "وا") || starts(&w, "فا")) {
                    drop_front(&mut w, 1);
                    break;
                }
            }
        }
        for p in ["ال", "لل", "كال", "بال"] {
            if starts(&w, p) {
                if matches!(p, "ال" | "لل") && w.len() > 4 {
                    drop_front(&mut w, 2);
                    f.prefix3a_noun = true;
                    break;
                }
                if matches!(p, "كال" | "بال") && w.len() > 5 {
                    drop_front(&mut w, 3);
                    break;
                }
            }
        }
        if !f.prefix3a_noun && f.is_noun {
            prefix_step3b_noun(&mut w, &mut f);
        } else if !f.prefix3b_noun && f.is_verb {
            for p in ["سي", "ست", "سن", "سأ"] {
                if starts(&w, p) && w.len() > 4 {
                    let second: String = p.chars().skip(1).collect();
                    prefix_replace(&mut w, p, &second);
                    break;
                }
            }
            for p in ["يست", "نست", "تست"] {
                if starts(&w, p) && w.len() > 4 {
                    prefix_replace(&mut w, p, "است");
                    break;
                }
            }
        }
        normalize_post(&mut w);
        w.into_iter().collect()
    }

    fn suffix_verb_step1(&self, w: &mut Vec<char>) {
        for &s in SUFFIX_VERB_STEP1 {
            if ends(w, s) {
                let n = if matches!(s, "ه" | "ك") && w.len() >= 4 {
                    1
                } else if matches!(s, "ني" | "نا" | "ها" | "هم" | "هن" | "كم" | "كن")
                    && w.len() >= 5
                {
                    2
                } else if matches!(s, "هما" | "كما" | "كمو") && w.len() >= 6 {
                    3
                } else {
                    continue;
                };
                cut(w, n);
                self.verb_step1_success.store(true, Ordering::Relaxed);
                break;
            }
        }
    }
}

fn suffix_verb_step2a(w: &mut Vec<char>, f: &mut Flags) {
    for &s in SUFFIX_VERB_STEP2A {
        if ends(w, s) && w.len() > 3 {
            let n = if matches!(s, "ت" | "ا" | "ن" | "ي") && w.len() >= 4 {
                1
            } else if (matches!(s, "نا" | "تا" | "تن") && w.len() >= 5)
                || (matches!(s, "ان" | "ون" | "ين") && w.len() > 5)
            {
                2
            } else if s == "تما" && w.len() >= 6 {
                3
            } else {
                continue;
            };
            cut(w, n);
            f.verb2a = true;
            break;
        }
    }
}

fn suffix_verb_step2c(w: &mut Vec<char>) {
    for s in ["و", "تمو"] {
        if ends(w, s) {
            if s == "تمو" && w.len() >= 6 {
                cut(w, 3);
                break;
            }
            if s == "و" && w.len() >= 4 {
                cut(w, 1);
                break;
            }
        }
    }
}

fn suffix_verb_step2b(w: &mut Vec<char>, f: &mut Flags) {
    for s in ["وا", "تم"] {
        if ends(w, s) && w.len() >= 5 {
            cut(w, 2);
            f.verb2b = true;
            break;
        }
    }
}

fn suffix_noun_step1a(w: &mut Vec<char>, f: &mut Flags) {
    for &s in SUFFIX_NOUN_STEP1A {
        if ends(w, s) {
            let n = if matches!(s, "ي" | "ك" | "ه") && w.len() >= 4 {
                1
            } else if matches!(s, "نا" | "كم" | "ها" | "هن" | "هم") && w.len() >= 5 {
                2
            } else if matches!(s, "كما" | "هما") && w.len() >= 6 {
                3
            } else {
                continue;
            };
            cut(w, n);
            f.noun1a = true;
            break;
        }
    }
}

fn suffix_noun_step2a(w: &mut Vec<char>, f: &mut Flags) {
    for s in ["ا", "ي", "و"] {
        if ends(w, s) && w.len() > 4 {
            cut(w, 1);
            f.noun2a = true;
            break;
        }
    }
}

/// NLTK iterates the string "ات" letter by letter here.
fn suffix_noun_step2b(w: &mut Vec<char>, f: &mut Flags) {
    for s in ["ا", "ت"] {
        if ends(w, s) && w.len() >= 5 {
            cut(w, 2);
            f.noun2b = true;
            break;
        }
    }
}

fn suffix_noun_step2c1(w: &mut Vec<char>) {
    if ends(w, "ت") && w.len() >= 4 {
        cut(w, 1);
    }
}

fn prefix_step1(w: &mut Vec<char>) {
    for p in ["أ", "أأ", "أآ", "أؤ", "أا", "أإ"] {
        if starts(w, p) && w.len() > 3 {
            let rep = match p {
                "أأ" => "أ",
                "أآ" => "آ",
                "أؤ" => "ؤ",
                "أا" => "ا",
                "أإ" => "إ",
                _ => continue,
            };
            prefix_replace(w, p, rep);
            break;
        }
    }
}

fn prefix_step3b_noun(w: &mut Vec<char>, f: &mut Flags) {
    for p in ["ب", "ك", "ل", "بب", "كك"] {
        if starts(w, p) {
            if w.len() > 3 {
                if p == "ب" {
                    drop_front(w, 1);
                    f.prefix3b_noun = true;
                    break;
                }
                if matches!(p, "بب" | "كك") {
                    let second: String = p.chars().skip(1).collect();
                    prefix_replace(w, p, &second);
                    f.prefix3b_noun = true;
                    break;
                }
            }
            if matches!(p, "ك" | "ل") && w.len() > 4 {
                drop_front(w, 1);
                f.prefix3b_noun = true;
                break;
            }
        }
    }
}
