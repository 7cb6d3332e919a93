//! The character classes and recognisers of the UD tokenizer
//! ([`super::UdTokenizer`]): emoticons, punctuation runs, URLs, e-mail
//! addresses, @handles and #hashtags, and ranges of numbers. Each looks at
//! a bounded slice of its chunk, so the tokenizer stays linear on long
//! input.

/// Emoticons kept as one token (checked where a chunk or its remainder
/// starts with one and no letter or digit follows).
pub(super) const EMOTICONS: &[&str] = &[
    ":-)", ":)", ":-(", ":(", ";-)", ";)", ":-D", ":D", ";D", ":-P", ":P", ":p", ":-p", ":/",
    ":-/", ":O", ":o", ":'(", ":|", ":-|", ":]", ":[", ":*", ":-*", ":$", "=)", "=(", "=D", "<3",
    "</3", "^_^", "^^", "-_-", "o_O", "O_o", "T_T", ">:(", ":-))", ":))", ":((", "XD", "xD", ";P",
    ";p", "8-)",
];

pub(super) fn is_apos(c: char) -> bool {
    matches!(c, '\'' | '’' | '`')
}

/// [`super::is_py_whitespace`] of an ASCII byte.
pub(super) fn is_ascii_py_whitespace(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0x1c..=0x1f)
}

/// `s` lower-cased in `buf` when it is ASCII and fits.
pub(super) fn ascii_lower<'a>(s: &str, buf: &'a mut [u8]) -> Option<&'a str> {
    if !s.is_ascii() {
        return None;
    }
    let dst = buf.get_mut(..s.len())?;
    for (d, b) in dst.iter_mut().zip(s.bytes()) {
        *d = b.to_ascii_lowercase();
    }
    std::str::from_utf8(dst).ok()
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that may stay inside a word (`U.S.`, `AT&T`, `l/c`, `a_b`).
pub(super) fn is_inner(c: char) -> bool {
    matches!(
        c,
        '.' | '&' | '_' | '/' | '@' | '#' | '\'' | '’' | '`' | '+' | '=' | '~' | '^' | '\\' | '|'
    )
}

/// Which bytes start an emoticon ([`EMOTICONS`]' first bytes) and which
/// bytes come second in one (all are ASCII and at least two long).
const EMOTICON_BYTES: [[bool; 128]; 2] = {
    let mut t = [[false; 128]; 2];
    let mut k = 0;
    while k < EMOTICONS.len() {
        let e = EMOTICONS[k].as_bytes();
        t[0][e[0] as usize] = true;
        t[1][e[1] as usize] = true;
        k += 1;
    }
    t
};

/// The emoticon `s` starts with, when nothing alphanumeric follows it.
pub(super) fn emoticon_at(s: &str) -> Option<usize> {
    // most chunks start with a byte no emoticon starts with
    let b = s.as_bytes();
    let may = |k: usize| {
        b.get(k)
            .is_some_and(|&x| x.is_ascii() && EMOTICON_BYTES[k][usize::from(x)])
    };
    if !may(0) || !may(1) {
        return None;
    }
    EMOTICONS
        .iter()
        .filter(|e| s.starts_with(**e))
        .filter(|e| !s[e.len()..].chars().next().is_some_and(is_word_char))
        .map(|e| e.len())
        .max()
}

/// Punctuation that EWT keeps together in runs of any mix (`!?`, `:?`,
/// `----==`).
pub(super) fn is_run_punct(x: char) -> bool {
    matches!(
        x,
        '.' | '!' | '?' | '…' | ':' | '=' | '*' | '~' | '-' | '+' | '^' | '_' | '|'
    )
}

/// Length in bytes of the punctuation run starting at `s`: a mix of
/// [`is_run_punct`] characters, otherwise repeats of the first character.
pub(super) fn punct_run(s: &str) -> usize {
    run_len(s.chars())
}

/// Length in bytes of the punctuation run ending at the end of `s`.
pub(super) fn punct_run_back(s: &str) -> usize {
    run_len(s.chars().rev())
}

/// The run of [`punct_run`], over characters in either direction.
pub(super) fn run_len(mut chars: impl Iterator<Item = char>) -> usize {
    let Some(c) = chars.next() else { return 0 };
    let mut n = c.len_utf8();
    for x in chars {
        if (is_run_punct(c) && is_run_punct(x)) || x == c {
            n += x.len_utf8();
        } else {
            break;
        }
    }
    n
}

/// `s` starts with `http://`, `https://`, `ftp://` or `www.` and more.
pub(super) fn has_scheme(s: &str) -> bool {
    let lower_starts = |p: &str| {
        s.len() > p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p)
    };
    lower_starts("http://")
        || lower_starts("https://")
        || lower_starts("ftp://")
        || lower_starts("www.")
}

pub(super) fn is_url(s: &str) -> bool {
    // a scheme, `www.`, `://` and a domain all need a `.` or a `:`
    if memchr::memchr2(b'.', b':', s.as_bytes()).is_none() {
        return false;
    }
    if has_scheme(s) {
        return true;
    }
    if s.contains("://") {
        return true;
    }
    // a bare domain: name.tld or name.tld/path
    let host = s.split('/').next().unwrap_or("");
    if let Some((name, tld)) = host.rsplit_once('.') {
        let tld_ok = matches!(
            tld.to_ascii_lowercase().as_str(),
            "com"
                | "org"
                | "net"
                | "edu"
                | "gov"
                | "co"
                | "uk"
                | "de"
                | "io"
                | "info"
                | "biz"
                | "us"
                | "ca"
                | "au"
                | "fr"
                | "jp"
                | "cn"
                | "in"
                | "ru"
                | "nl"
                | "mil"
        );
        return tld_ok
            && !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    }
    false
}

pub(super) fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, dom)) => {
            !user.is_empty()
                && dom.contains('.')
                && !dom.ends_with('.')
                && user
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '\''))
                && dom
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        }
        None => false,
    }
}

/// `@handle` or `#hashtag`.
pub(super) fn is_handle(s: &str) -> bool {
    let mut c = s.chars();
    matches!(c.next(), Some('@' | '#'))
        && s[1..].starts_with(|x: char| x.is_alphabetic() || x == '_' || s.starts_with('@'))
        && c.all(|x| x.is_alphanumeric() || x == '_')
}

/// The longest run of digits and separators on one side of a hyphen that
/// [`is_number_range`] reads.
pub(super) const MAX_RANGE: usize = 32;

/// Whether the hyphen at byte `k` of `s`, between two digits, joins the
/// ends of a range of numbers, which EWT splits (`5 - 10`, `1969 - 1970`,
/// `5:00 - 8:30`), rather than the groups of a phone number or ZIP code,
/// which it keeps whole (`345-9945`, `713-853-3989`, `77415-0027`): the
/// numbers around it (digits, `-` and inner `.` `,` `:`) are not preceded or
/// followed by a letter (`5-10pm`, `ld2d-#69366-1` stay as they are), and
/// they are not all digits with the last group of four (a year range such
/// as `1969-1970` excepted). Runs longer than [`MAX_RANGE`] bytes on either
/// side are no range (and long input stays linear).
pub(super) fn is_number_range(s: &str, k: usize) -> bool {
    let in_run = |b: u8| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b',' | b':');
    let left = s.as_bytes()[..k].iter().rev().take(MAX_RANGE + 1);
    let n_left = left.take_while(|b| in_run(**b)).count();
    let right = s.as_bytes()[k..].iter().take(MAX_RANGE + 1);
    let n_right = right.take_while(|b| in_run(**b)).count();
    if n_left > MAX_RANGE || n_right > MAX_RANGE {
        return false;
    }
    // the run is ASCII, so its ends are character boundaries
    let (start, end) = (k - n_left, k + n_right);
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
        return false;
    }
    let run = s[start..end].trim_matches(|c: char| !c.is_ascii_digit());
    let groups: Vec<&str> = run.split('-').collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let phone = groups.iter().all(|g| digits(g))
        && groups.last().is_some_and(|g| g.len() == 4)
        && (groups.len() > 2 || groups.first().is_some_and(|g| g.len() != 4));
    !phone
}
