//! Rendering concordance lines for a terminal: NLTK's `Text.concordance`
//! layout, with text that could steer the terminal (controls, bidi
//! overrides) made harmless.

pub(super) const BIDI_OVERRIDES: [char; 2] = ['\u{202d}', '\u{202e}'];
pub(super) const BIDI_EMB_OPEN: [char; 4] = ['\u{202a}', '\u{202b}', '\u{202d}', '\u{202e}'];
pub(super) const BIDI_ISO_OPEN: [char; 3] = ['\u{2066}', '\u{2067}', '\u{2068}'];
pub(super) const BIDI_EMB_CLOSE: char = '\u{202c}';
pub(super) const BIDI_ISO_CLOSE: char = '\u{2069}';
pub(super) const BIDI_MARKS: [char; 3] = ['\u{200e}', '\u{200f}', '\u{061c}'];

pub(super) fn is_bidi(c: char) -> bool {
    BIDI_EMB_OPEN.contains(&c)
        || BIDI_ISO_OPEN.contains(&c)
        || c == BIDI_EMB_CLOSE
        || c == BIDI_ISO_CLOSE
        || BIDI_MARKS.contains(&c)
}

pub(super) fn bidi_balanced(chars: impl Iterator<Item = char>) -> bool {
    let mut stack = Vec::new();
    for c in chars {
        if BIDI_EMB_OPEN.contains(&c) {
            stack.push(BIDI_EMB_CLOSE);
        } else if BIDI_ISO_OPEN.contains(&c) {
            stack.push(BIDI_ISO_CLOSE);
        } else if (c == BIDI_EMB_CLOSE || c == BIDI_ISO_CLOSE) && stack.pop() != Some(c) {
            return false;
        }
    }
    stack.is_empty()
}

pub(super) fn is_dangerous(c: char) -> bool {
    let cp = c as u32;
    BIDI_OVERRIDES.contains(&c)
        || matches!(
            cp,
            0xAD | 0x115F | 0x1160 | 0x3164 | 0xFFA0 | 0x17B4 | 0x17B5 | 0x180E | 0x2028 | 0x2029 | 0x200B
                | 0x2060 | 0xFEFF | 0x2061..=0x2065 | 0xFFF0..=0xFFFB | 0x1BCA0..=0x1BCA3 | 0x206A..=0x206F
                | 0xE0000..=0xE0FFF | 0x1D173..=0x1D17A | 0xFDD0..=0xFDEF
        )
        || (cp & 0xFFFE) == 0xFFFE
}

/// NLTK 3.10.4's `sanitize_terminal` (used by `safe_print`, hence by
/// `Text.concordance`): control, invisible and unbalanced bidirectional
/// characters become visible `\xNN` / `\uNNNN` / `\UNNNNNNNN` escapes.
pub fn sanitize_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| {
        let cp = c as u32;
        (c != '\t' && c != '\n' && (cp < 0x20 || cp == 0x7f || (0x80..=0x9f).contains(&cp)))
            || is_dangerous(c)
            || is_bidi(c)
    };
    if !text.chars().any(needs) {
        return std::borrow::Cow::Borrowed(text);
    }
    let bidi_ok = bidi_balanced(text.chars())
        && bidi_balanced(
            text.chars()
                .filter(|c| is_bidi(*c) && !BIDI_OVERRIDES.contains(c)),
        );
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        let cp = c as u32;
        let escape = if c == '\t' || c == '\n' {
            false
        } else {
            cp < 0x20
                || cp == 0x7f
                || (0x80..=0x9f).contains(&cp)
                || is_dangerous(c)
                || (is_bidi(c) && !bidi_ok)
        };
        if !escape {
            out.push(c);
        } else if cp <= 0xff {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp <= 0xffff {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    std::borrow::Cow::Owned(out)
}

pub(super) fn is_combining(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
}

/// NLTK's `cut_string(s, width)`: the first (width >= 0) or last (width < 0)
/// `|width|` visible characters, combining marks not counted.
pub(super) fn cut_string(s: &str, width: i64) -> String {
    let chars: Vec<char> = s.chars().collect();
    let abs = width.unsigned_abs() as usize;
    let mut taken = 0usize;
    let mut visible = 0usize;
    while visible < abs && taken < chars.len() {
        let c = if width < 0 {
            chars[chars.len() - 1 - taken]
        } else {
            chars[taken]
        };
        taken += 1;
        if !is_combining(c) {
            visible += 1;
        }
    }
    if width < 0 {
        chars[chars.len() - taken..].iter().collect()
    } else {
        chars[..taken].iter().collect()
    }
}
