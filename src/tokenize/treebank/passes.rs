//! The Treebank substitution steps, each written by hand as one linear scan
//! with exactly the semantics of NLTK's regular expression (leftmost,
//! non-overlapping matches, Python `regex`'s `\s`/`\d`/`\w`). A step that
//! finds nothing to do leaves the string untouched (no allocation).

use super::is_regex_digit;

/// A set of ASCII bytes.
pub(super) struct ByteSet([bool; 128]);

impl ByteSet {
    pub(super) const fn new(bytes: &[u8]) -> ByteSet {
        let mut t = [false; 128];
        let mut i = 0;
        while i < bytes.len() {
            t[bytes[i] as usize] = true;
            i += 1;
        }
        ByteSet(t)
    }

    #[inline]
    fn has(&self, b: u8) -> bool {
        b < 128 && self.0[b as usize]
    }
}

/// `[set]` → ` \g<0> `: a space on each side of every byte of `set`.
pub(super) fn pad_bytes(text: &mut String, set: &ByteSet) {
    let bytes = text.as_bytes();
    let Some(first) = bytes.iter().position(|&b| set.has(b)) else {
        return;
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut run = first;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        if set.has(b) {
            out.push_str(&text[run..i]);
            out.push(' ');
            out.push(b as char);
            out.push(' ');
            run = i + 1;
        }
    }
    out.push_str(&text[run..]);
    *text = out;
}

/// A space on each side of every char for which `pred` holds.
pub(super) fn pad_chars(text: &mut String, pred: impl Fn(char) -> bool) {
    let Some((first, _)) = text.char_indices().find(|&(_, c)| pred(c)) else {
        return;
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut run = first;
    for (i, c) in text[first..].char_indices() {
        let i = i + first;
        if pred(c) {
            out.push_str(&text[run..i]);
            out.push(' ');
            out.push(c);
            out.push(' ');
            run = i + c.len_utf8();
        }
    }
    out.push_str(&text[run..]);
    *text = out;
}

/// Non-overlapping occurrences of `pat` → `rep`.
pub(super) fn replace_literal(text: &mut String, pat: &str, rep: &str) {
    let first = pat.as_bytes()[0];
    let b = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(rel) = memchr::memchr(first, &b[i..]) {
        let at = i + rel;
        if b[at..].starts_with(pat.as_bytes()) {
            out.push_str(&text[copied..at]);
            out.push_str(rep);
            copied = at + pat.len();
            i = copied;
        } else {
            i = at + 1;
        }
    }
    if copied > 0 {
        out.push_str(&text[copied..]);
        *text = out;
    }
}

/// NLTKWordTokenizer: `([«“‘„]|[`]+)` → ` \1 `.
pub(super) fn pad_open_quotes(text: &mut String, ascii: bool) {
    if ascii && !text.contains('`') {
        return;
    }
    let is_open = |c: char| matches!(c, '«' | '“' | '‘' | '„');
    if !text.chars().any(|c| c == '`' || is_open(c)) {
        return;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_ticks = false;
    for c in text.chars() {
        if c == '`' {
            if !in_ticks {
                out.push(' ');
                in_ticks = true;
            }
            out.push('`');
            continue;
        }
        if in_ticks {
            out.push(' ');
            in_ticks = false;
        }
        if is_open(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    if in_ticks {
        out.push(' ');
    }
    *text = out;
}

/// `^\"` → ``` `` ```.
pub(super) fn start_dquote(text: &mut String) {
    if text.starts_with('"') {
        text.replace_range(..1, "``");
    }
}

/// `([ \(\[{<])(\"|\'{2})` → `\1 `` `.
pub(super) fn open_then_quote(text: &mut String) {
    let b = text.as_bytes();
    if memchr::memchr2(b'"', b'\'', b).is_none() {
        return;
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        if matches!(b[i], b' ' | b'(' | b'[' | b'{' | b'<') {
            let qlen = if b[i + 1] == b'"' {
                1
            } else if b[i + 1] == b'\'' && b.get(i + 2) == Some(&b'\'') {
                2
            } else {
                0
            };
            if qlen > 0 {
                out.push_str(&text[copied..=i]);
                out.push_str(" `` ");
                i += 1 + qlen;
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    if copied > 0 {
        out.push_str(&text[copied..]);
        *text = out;
    }
}

/// The final-period step: `([^\.])(\.)([CLASS]*)\s*$` → `\1 \2\3 ` (or
/// `\1 \2 \3 ` when `spaced`), where CLASS is `]})>"'` plus, for
/// NLTKWordTokenizer's first variant, `»”’` and the space.
pub(super) fn final_period(text: &mut String, nltk_possessive: bool) {
    let in_class = |c: char| {
        matches!(c, ']' | ')' | '}' | '>' | '"' | '\'')
            || (nltk_possessive && matches!(c, '»' | '”' | '’' | ' '))
    };
    // The only candidate is the last period: nothing after it may be a period.
    let Some(dot) = text.rfind('.') else { return };
    let after = &text[dot + 1..];
    let class_len: usize = after
        .chars()
        .take_while(|&c| in_class(c))
        .map(char::len_utf8)
        .sum();
    if !after[class_len..].chars().all(char::is_whitespace) {
        return;
    }
    match text[..dot].chars().next_back() {
        Some(prev) if prev != '.' => {}
        _ => return,
    }
    let group3 = after[..class_len].to_string();
    text.truncate(dot);
    text.push_str(if nltk_possessive { " . " } else { " ." });
    text.push_str(&group3);
    text.push(' ');
}

/// `([:,])([^\d])` → ` \1 \2`.
pub(super) fn comma_colon(text: &mut String) {
    let b = text.as_bytes();
    let Some(first) = memchr::memchr2(b',', b':', b) else {
        return;
    };
    let mut out = String::new();
    let mut copied = 0;
    let mut i = first;
    while i < b.len() {
        if b[i] == b',' || b[i] == b':' {
            if let Some(next) = text[i + 1..].chars().next() {
                if !is_regex_digit(next) {
                    out.push_str(&text[copied..i]);
                    out.push(' ');
                    out.push(b[i] as char);
                    out.push(' ');
                    out.push(next);
                    i += 1 + next.len_utf8();
                    copied = i;
                    continue;
                }
            }
        }
        i += 1;
    }
    if copied > 0 {
        out.push_str(&text[copied..]);
        *text = out;
    }
}

/// `([:,])$` → ` \1 ` (Python's `$` also matches before a final newline).
pub(super) fn comma_colon_end(text: &mut String) {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let n = body.len();
    if n > 0 && matches!(body.as_bytes()[n - 1], b',' | b':') {
        let c = body.as_bytes()[n - 1] as char;
        let rest = text[n..].to_string();
        text.truncate(n - 1);
        text.push(' ');
        text.push(c);
        text.push(' ');
        text.push_str(&rest);
    }
}

/// NLTKWordTokenizer: `\.{2,}` → ` \g<0> `.
pub(super) fn pad_dot_runs(text: &mut String) {
    if !text.contains("..") {
        return;
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'.' && b.get(i + 1) == Some(&b'.') {
            let mut j = i;
            while j < b.len() && b[j] == b'.' {
                j += 1;
            }
            out.push_str(&text[copied..i]);
            out.push(' ');
            out.push_str(&text[i..j]);
            out.push(' ');
            copied = j;
            i = j;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    *text = out;
}

/// `([^'])' ` → `\1 ' `.
pub(super) fn quote_space(text: &mut String) {
    if !text.contains("' ") {
        return;
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut search = 0;
    while let Some(rel) = text[search..].find("' ") {
        let q = search + rel;
        // The char before the quote must exist, not be a quote, and not
        // belong to the previous match.
        match text[..q].char_indices().next_back() {
            Some((p, c)) if c != '\'' && p >= copied => {
                out.push_str(&text[copied..q]);
                out.push_str(" ' ");
                copied = q + 2;
                search = q + 2;
            }
            _ => search = q + 1,
        }
    }
    if copied > 0 {
        out.push_str(&text[copied..]);
        *text = out;
    }
}

/// `\s+` → ` ` (NLTKWordTokenizer).
pub(super) fn collapse_spaces(text: &mut String) {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let ws_len = if x == b' ' || (9..=13).contains(&x) {
            1
        } else if x >= 0x80 {
            match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                Some(c) => {
                    i += c.len_utf8();
                    continue;
                }
                None => break,
            }
        } else {
            i += 1;
            continue;
        };
        // A whitespace run starts at i.
        let mut j = i + ws_len;
        loop {
            match text[j..].chars().next() {
                Some(c) if c.is_whitespace() => j += c.len_utf8(),
                _ => break,
            }
        }
        if j - i != 1 || x != b' ' {
            out.push_str(&text[copied..i]);
            out.push(' ');
            copied = j;
            changed = true;
        }
        i = j;
    }
    if changed {
        out.push_str(&text[copied..]);
        *text = out;
    }
}

/// `([^' ])(ALTERNATIVES) ` → `\1 \2 `, where the alternatives (each
/// holding one `'`) are tried in order at each position.
pub(super) fn clitics(text: &mut String, alts: &[&str]) {
    let b = text.as_bytes();
    let Some(first) = memchr::memchr(b'\'', b) else {
        return;
    };
    let mut out = String::new();
    let mut copied = 0;
    // Candidate starts of an alternative are the quote itself and, for
    // `n't`, the byte before it.
    let mut q = first;
    loop {
        let starts = [q.checked_sub(1), Some(q)];
        let mut matched_end = None;
        for i in starts.into_iter().flatten() {
            if i < copied || !text.is_char_boundary(i) {
                continue;
            }
            let Some((p, c)) = text[..i].char_indices().next_back() else {
                continue;
            };
            if c == '\'' || c == ' ' || p < copied {
                continue;
            }
            let rest = &text[i..];
            if let Some(alt) = alts
                .iter()
                .find(|a| rest.starts_with(*a) && rest.as_bytes().get(a.len()) == Some(&b' '))
            {
                out.push_str(&text[copied..i]);
                out.push(' ');
                out.push_str(alt);
                out.push(' ');
                copied = i + alt.len() + 1;
                matched_end = Some(copied);
                break;
            }
        }
        let from = matched_end.unwrap_or(q + 1);
        match memchr::memchr(b'\'', &b[from.min(b.len())..]) {
            Some(rel) => q = from + rel,
            None => break,
        }
    }
    if copied > 0 {
        out.push_str(&text[copied..]);
        *text = out;
    }
}
