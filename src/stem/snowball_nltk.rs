//! Ports of NLTK's own Snowball code for the languages where NLTK's Python
//! version departs from the Snowball originals that `rust-stemmers`
//! implements: Danish (undoubling outside R1) and Hungarian (NLTK's vowel set
//! has `õ`/`û` where Hungarian has `ő`/`ű`, so `nők` is not stemmed). Both
//! reproduce NLTK exactly; the inputs are already lowercased and are not
//! stop words.

use super::snowball::is_in;

fn ends(w: &[char], s: &str) -> bool {
    let n = s.chars().count();
    w.len() >= n && w[w.len() - n..].iter().copied().eq(s.chars())
}

fn cut(w: &mut Vec<char>, n: usize) {
    w.truncate(w.len().saturating_sub(n));
}

/// Python `w = w[:-len(old)] + new` (`suffix_replace`).
fn repl(w: &mut Vec<char>, old: &str, new: &str) {
    cut(w, old.chars().count());
    w.extend(new.chars());
}

/// Python `w[a:b]` with negative indices (both from the end, `a >= b`).
fn tail_slice(w: &[char], from_end_a: usize, from_end_b: usize) -> &[char] {
    let n = w.len();
    let a = n.saturating_sub(from_end_a);
    let b = n.saturating_sub(from_end_b);
    if a <= b {
        &w[a..b]
    } else {
        &[]
    }
}

fn eq(w: &[char], s: &str) -> bool {
    w.iter().copied().eq(s.chars())
}

// ---------------------------------------------------------------- Danish

const DA_VOWELS: &str = "aeiouyæåø";
const DA_STEP1: &[&str] = &[
    "erendes", "erende", "hedens", "ethed", "erede", "heden", "heder", "endes", "ernes", "erens",
    "erets", "ered", "ende", "erne", "eren", "erer", "heds", "enes", "eres", "eret", "hed", "ene",
    "ere", "ens", "ers", "ets", "en", "er", "es", "et", "e", "s",
];
const DA_STEP2: &[&str] = &["gd", "dt", "gt", "kt"];
const DA_STEP3: &[&str] = &["elig", "løst", "lig", "els", "ig"];

/// NLTK's `_r1_scandinavian`.
fn r1_scandinavian(word: &[char], vowels: &str) -> Vec<char> {
    for i in 1..word.len() {
        if !is_in(word[i], vowels) && is_in(word[i - 1], vowels) {
            let start = if i + 1 < 3 { 3 } else { i + 1 };
            return word.get(start..).map(<[char]>::to_vec).unwrap_or_default();
        }
    }
    Vec::new()
}

/// NLTK's `DanishStemmer.stem` after lowercasing and the stop-word check.
pub(crate) fn danish(lower: &str) -> String {
    let mut word: Vec<char> = lower.chars().collect();
    let mut r1 = r1_scandinavian(&word, DA_VOWELS);
    for &s in DA_STEP1 {
        if ends(&r1, s) {
            if s == "s" {
                let n = word.len();
                if n >= 2 && is_in(word[n - 2], "abcdfghjklmnoprtvyzå") {
                    cut(&mut word, 1);
                    cut(&mut r1, 1);
                }
            } else {
                let n = s.chars().count();
                cut(&mut word, n);
                cut(&mut r1, n);
            }
            break;
        }
    }
    if DA_STEP2.iter().any(|s| ends(&r1, s)) {
        cut(&mut word, 1);
        cut(&mut r1, 1);
    }
    if ends(&r1, "igst") {
        cut(&mut word, 2);
        cut(&mut r1, 2);
    }
    for &s in DA_STEP3 {
        if ends(&r1, s) {
            if s == "løst" {
                cut(&mut word, 1);
                cut(&mut r1, 1);
            } else {
                let n = s.chars().count();
                cut(&mut word, n);
                cut(&mut r1, n);
                if DA_STEP2.iter().any(|s| ends(&r1, s)) {
                    cut(&mut word, 1);
                    cut(&mut r1, 1);
                }
            }
            break;
        }
    }
    let n = word.len();
    if n > 3 && word[n - 1] == word[n - 2] && is_in(word[n - 1], "bcdfghjklmnpqrstvwxz") {
        cut(&mut word, 1);
    }
    word.into_iter().collect()
}

// ------------------------------------------------------------- Hungarian

const HU_VOWELS: &str = "aeiouöüáéíóõúû";
const HU_DIGRAPHS: &[&str] = &["cs", "dz", "dzs", "gy", "ly", "ny", "ty", "zs"];
const HU_DOUBLES: &[&str] = &[
    "bb", "cc", "ccs", "dd", "ff", "gg", "ggy", "jj", "kk", "ll", "lly", "mm", "nn", "nny", "pp",
    "rr", "ss", "ssz", "tt", "tty", "vv", "zz", "zzs",
];
const HU_STEP2: &[&str] = &[
    "képpen", "onként", "enként", "anként", "képp", "ként", "ban", "ben", "nak", "nek", "val",
    "vel", "tól", "tõl", "ról", "rõl", "ból", "bõl", "hoz", "hez", "höz", "nál", "nél", "ért",
    "kor", "ba", "be", "ra", "re", "ig", "at", "et", "ot", "öt", "ul", "ül", "vá", "vé", "en",
    "on", "an", "ön", "n", "t",
];
const HU_STEP4: &[&str] = &["astul", "estül", "ástul", "éstül", "stul", "stül"];
const HU_STEP6: &[&str] = &[
    "oké", "öké", "aké", "eké", "áké", "áéi", "éké", "ééi", "ké", "éi", "éé", "é",
];
const HU_STEP7: &[&str] = &[
    "ájuk", "éjük", "ünk", "unk", "juk", "jük", "ánk", "énk", "nk", "uk", "ük", "em", "om", "am",
    "od", "ed", "ad", "öd", "ja", "je", "ám", "ád", "ém", "éd", "m", "d", "a", "e", "o", "á", "é",
];
const HU_STEP8: &[&str] = &[
    "jaitok", "jeitek", "jaink", "jeink", "aitok", "eitek", "áitok", "éitek", "jaim", "jeim",
    "jaid", "jeid", "eink", "aink", "itek", "jeik", "jaik", "áink", "éink", "aim", "eim", "aid",
    "eid", "jai", "jei", "ink", "aik", "eik", "áim", "áid", "áik", "éim", "éid", "éik", "im", "id",
    "ai", "ei", "ik", "ái", "éi", "i",
];
const HU_STEP9: &[&str] = &["ák", "ék", "ök", "ok", "ek", "ak", "k"];

fn contains_seq(hay: &[char], needle: &[char]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// NLTK's `__r1_hungarian`.
fn r1_hungarian(word: &[char]) -> Vec<char> {
    let Some(&first) = word.first() else {
        return Vec::new();
    };
    if is_in(first, HU_VOWELS) {
        for d in HU_DIGRAPHS {
            let dc: Vec<char> = d.chars().collect();
            if contains_seq(&word[1..], &dc) {
                let last = dc[dc.len() - 1];
                let idx = word.iter().position(|&c| c == last).unwrap_or(0);
                return word[idx + 1..].to_vec();
            }
        }
        for i in 1..word.len() {
            if !is_in(word[i], HU_VOWELS) {
                return word[i + 1..].to_vec();
            }
        }
    } else {
        for i in 1..word.len() {
            if is_in(word[i], HU_VOWELS) {
                return word[i + 1..].to_vec();
            }
        }
    }
    Vec::new()
}

/// Python `w = w[:-k] + w[-j]` (used by NLTK's undoubling): drops the last
/// `k` characters and appends the one `j` from the end.
fn undouble(w: &mut Vec<char>, k: usize, j: usize) {
    let n = w.len();
    if n < j || j == 0 {
        return;
    }
    let keep = w[n - j];
    cut(w, k);
    w.push(keep);
}

/// NLTK's `HungarianStemmer.stem` after lowercasing and the stop-word check.
pub(crate) fn hungarian(lower: &str) -> String {
    let mut word: Vec<char> = lower.chars().collect();
    if word.is_empty() {
        return String::new();
    }
    let mut r1 = r1_hungarian(&word);

    // Step 1
    if ends(&r1, "al") || ends(&r1, "el") {
        for d in HU_DOUBLES {
            let dl = d.chars().count();
            if eq(tail_slice(&word, 2 + dl, 2), d) {
                let r1_matches = eq(tail_slice(&r1, 2 + dl, 2), d);
                undouble(&mut word, 4, 3);
                if r1_matches {
                    undouble(&mut r1, 4, 3);
                }
                break;
            }
        }
    }

    // Step 2
    for &s in HU_STEP2 {
        if ends(&word, s) {
            if ends(&r1, s) {
                let n = s.chars().count();
                cut(&mut word, n);
                cut(&mut r1, n);
                if ends(&r1, "á") {
                    repl(&mut word, "á", "a");
                    repl(&mut r1, "á", "a");
                } else if ends(&r1, "é") {
                    repl(&mut word, "é", "e");
                    repl(&mut r1, "é", "e");
                }
            }
            break;
        }
    }

    // Step 3
    for s in ["ánként", "án", "én"] {
        if ends(&r1, s) {
            let new = if s == "én" { "e" } else { "a" };
            repl(&mut word, s, new);
            repl(&mut r1, s, new);
            break;
        }
    }

    // Step 4
    for &s in HU_STEP4 {
        if ends(&r1, s) {
            match s {
                "ástul" => {
                    repl(&mut word, s, "a");
                    repl(&mut r1, s, "a");
                }
                "éstül" => {
                    repl(&mut word, s, "e");
                    repl(&mut r1, s, "e");
                }
                _ => {
                    let n = s.chars().count();
                    cut(&mut word, n);
                    cut(&mut r1, n);
                }
            }
            break;
        }
    }

    // Step 5 (NLTK's loop has no outer break)
    for s in ["á", "é"] {
        if ends(&r1, s) {
            for d in HU_DOUBLES {
                let dl = d.chars().count();
                if eq(tail_slice(&word, 1 + dl, 1), d) {
                    let r1_matches = eq(tail_slice(&r1, 1 + dl, 1), d);
                    undouble(&mut word, 3, 2);
                    if r1_matches {
                        undouble(&mut r1, 3, 2);
                    }
                    break;
                }
            }
        }
    }

    // Step 6
    for &s in HU_STEP6 {
        if ends(&r1, s) {
            match s {
                "áké" | "áéi" => {
                    repl(&mut word, s, "a");
                    repl(&mut r1, s, "a");
                }
                "éké" | "ééi" | "éé" => {
                    repl(&mut word, s, "e");
                    repl(&mut r1, s, "e");
                }
                _ => {
                    let n = s.chars().count();
                    cut(&mut word, n);
                    cut(&mut r1, n);
                }
            }
            break;
        }
    }

    // Step 7
    for &s in HU_STEP7 {
        if ends(&word, s) {
            if ends(&r1, s) {
                match s {
                    "ánk" | "ájuk" | "ám" | "ád" | "á" => {
                        repl(&mut word, s, "a");
                        repl(&mut r1, s, "a");
                    }
                    "énk" | "éjük" | "ém" | "éd" | "é" => {
                        repl(&mut word, s, "e");
                        repl(&mut r1, s, "e");
                    }
                    _ => {
                        let n = s.chars().count();
                        cut(&mut word, n);
                        cut(&mut r1, n);
                    }
                }
            }
            break;
        }
    }

    // Step 8
    for &s in HU_STEP8 {
        if ends(&word, s) {
            if ends(&r1, s) {
                match s {
                    "áim" | "áid" | "ái" | "áink" | "áitok" | "áik" => {
                        repl(&mut word, s, "a");
                        repl(&mut r1, s, "a");
                    }
                    "éim" | "éid" | "éi" | "éink" | "éitek" | "éik" => {
                        repl(&mut word, s, "e");
                        repl(&mut r1, s, "e");
                    }
                    _ => {
                        let n = s.chars().count();
                        cut(&mut word, n);
                        cut(&mut r1, n);
                    }
                }
            }
            break;
        }
    }

    // Step 9
    for &s in HU_STEP9 {
        if ends(&word, s) {
            if ends(&r1, s) {
                match s {
                    "ák" => repl(&mut word, s, "a"),
                    "ék" => repl(&mut word, s, "e"),
                    _ => cut(&mut word, s.chars().count()),
                }
            }
            break;
        }
    }
    word.into_iter().collect()
}
