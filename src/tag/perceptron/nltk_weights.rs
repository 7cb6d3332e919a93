//! A reader of NLTK's perceptron weights file, `{feature: {tag: weight}}`
//! as Python's `json.dump` writes it, straight into a [`TableBuilder`].
//!
//! Hand-written because reading this one 5.7 MB file was most of the cost
//! of `nlkit tag --nltk-model` on small inputs: it makes no map per feature
//! and no string per tag, borrows the feature names from the file's bytes,
//! and turns a weight with at most three decimals (all of NLTK's, which
//! rounds its averaged weights so) into integer thousandths without going
//! through `f64`. It reads only what it expects; on anything else (a name
//! given both an empty row and a row, a weight that is
//! not a multiple of 0.001, malformed JSON) it gives up with `None` and the
//! caller reads the file with serde_json, which then gives the same
//! table or the precise error.

use std::borrow::Cow;

use super::table::{TableBuilder, Weight, MAX_WEIGHT_Q, WEIGHT_SCALE};
use super::FxMap;

/// Reads the weights file `data` into rows of `(class id, weight in
/// thousandths)`, in file order, tags missing from `class_id` dropped; the
/// builder sorts the rows by name and keeps the last of two equal names,
/// as a JSON object read into a map would. `None`: see the module text.
pub(super) fn read_weights<'a>(
    data: &'a [u8],
    class_id: &FxMap<&[u8], u16>,
) -> Option<TableBuilder> {
    // validated once here (the quotes that end its strings are ASCII, so
    // they fall on character boundaries): no check per string
    let text = std::str::from_utf8(data).ok()?;
    let mut p = Reader { data, text, pos: 0 };
    // NLTK's English file: about 20 bytes per weight, 70 per feature
    let mut tb = TableBuilder::with_capacity(data.len() / 64, data.len() / 16);
    let mut empty: Vec<Cow<'a, str>> = Vec::new();
    p.ws();
    p.eat(b'{')?;
    p.ws();
    if p.peek() == Some(b'}') {
        p.pos += 1;
    } else {
        loop {
            let feature = p.string()?;
            p.ws();
            p.eat(b':')?;
            p.ws();
            p.eat(b'{')?;
            p.ws();
            let start = tb.entries.len();
            if p.peek() == Some(b'}') {
                p.pos += 1;
            } else {
                loop {
                    let tag = p.string()?;
                    p.ws();
                    p.eat(b':')?;
                    p.ws();
                    let q = p.weight()?;
                    if let Some(&c) = class_id.get(tag.as_bytes()) {
                        tb.entries.push((c, q));
                    }
                    p.ws();
                    match p.next()? {
                        b',' => p.ws(),
                        b'}' => break,
                        _ => return None,
                    }
                }
            }
            if tb.entries.len() == start {
                // no row (NLTK's English file has 11 empty ones); read into
                // a map, an empty row would hide an earlier one of the same
                // name, so such a name must not have a row at all
                empty.push(feature);
                p.ws();
                match p.next()? {
                    b',' => p.ws(),
                    b'}' => break,
                    _ => return None,
                }
                continue;
            }
            // a row sorted by class id (stable, as `from_parts` sorts)
            tb.entries[start..].sort_by_key(|e| e.0);
            tb.end_row(&feature, start);
            p.ws();
            match p.next()? {
                b',' => p.ws(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    p.ws();
    if p.pos != data.len() {
        return None;
    }
    if !empty.is_empty() {
        let lens: FxMap<usize, ()> = empty.iter().map(|f| (f.len(), ())).collect();
        let empty: FxMap<&str, ()> = empty.iter().map(|f| (f.as_ref(), ())).collect();
        if tb
            .names
            .iter()
            .any(|f| lens.contains_key(&f.len()) && empty.contains_key(f))
        {
            return None;
        }
    }
    Some(tb)
}

struct Reader<'a> {
    data: &'a [u8],
    /// `data` as text.
    text: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    #[inline]
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    /// Skips JSON's whitespace.
    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    /// A JSON string: borrowed when it has no escapes, decoded by
    /// serde_json when it has.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let start = self.pos;
        let mut escaped = false;
        loop {
            let rest = self.data.get(self.pos..)?;
            let k = memchr::memchr2(b'"', b'\\', rest)?;
            self.pos += k;
            if self.data[self.pos] == b'"' {
                break;
            }
            // a backslash and the character it escapes
            escaped = true;
            self.pos += 2;
        }
        let raw = &self.data[start..self.pos];
        self.pos += 1;
        if escaped {
            let quoted = self.data.get(start - 1..self.pos)?;
            return serde_json::from_slice::<String>(quoted)
                .ok()
                .map(Cow::Owned);
        }
        // JSON forbids raw control characters in strings
        if raw.iter().any(|&b| b < 0x20) {
            return None;
        }
        self.text.get(start..self.pos - 1).map(Cow::Borrowed)
    }

    /// A weight in thousandths, as [`TableBuilder::push_row`] would store
    /// it; `None` for a weight it would refuse.
    fn weight(&mut self) -> Option<Weight> {
        let start = self.pos;
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        let s = &self.data[start..self.pos];
        let q = match thousandths(s) {
            Some(q) => q as f64,
            None => {
                // serde_json's own reading, as the general path reads it
                let w: f64 = serde_json::from_slice(s).ok()?;
                let q = (w * WEIGHT_SCALE).round();
                if q / WEIGHT_SCALE != w {
                    return None;
                }
                q
            }
        };
        (q.abs() <= MAX_WEIGHT_Q).then_some(q as Weight)
    }
}

/// `s` in thousandths when it is a JSON number of the form `-?D(.d{1,3})?`
/// (`D` at most nine digits, without leading zeros): exactly the integer
/// that rounding its correctly rounded `f64` times 1000 gives.
fn thousandths(s: &[u8]) -> Option<i64> {
    let (neg, s) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    let (int, frac) = match memchr::memchr(b'.', s) {
        Some(d) => (&s[..d], Some(&s[d + 1..])),
        None => (s, None),
    };
    let digits = |d: &[u8]| d.iter().all(u8::is_ascii_digit);
    if int.is_empty() || int.len() > 9 || !digits(int) || (int.len() > 1 && int[0] == b'0') {
        return None;
    }
    let mut q = int.iter().fold(0i64, |n, &b| n * 10 + i64::from(b - b'0')) * 1000;
    if let Some(f) = frac {
        if f.is_empty() || f.len() > 3 || !digits(f) {
            return None;
        }
        let mut scale = 100;
        for &b in f {
            q += i64::from(b - b'0') * scale;
            scale /= 10;
        }
    }
    Some(if neg { -q } else { q })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousandths_equal_the_rounded_f64() {
        for s in [
            "0",
            "-0",
            "1",
            "-0.816",
            "2.0",
            "1.837",
            "0.1",
            "-12.5",
            "123456789.999",
            "0.001",
            "-0.999",
            "16777.216",
        ] {
            let w: f64 = s.parse().unwrap();
            let q = (w * WEIGHT_SCALE).round();
            assert_eq!(thousandths(s.as_bytes()), Some(q as i64), "{s}");
            assert_eq!(q / WEIGHT_SCALE, w, "{s}");
        }
        for s in [
            "01",
            "1.",
            ".5",
            "1.2345",
            "1e3",
            "--1",
            "",
            "-",
            "1.2.3",
            "1234567890",
        ] {
            assert_eq!(thousandths(s.as_bytes()), None, "{s}");
        }
    }

    #[test]
    fn reads_rows_or_gives_up() {
        let classes: FxMap<&[u8], u16> = [(&b"NN"[..], 0), (&b"VB"[..], 1)].into_iter().collect();
        let tb = read_weights(
            br#" {"i word a": {"VB": -0.5, "NN": 1.25, "XX": 3},
                 "b\u00e9": {"NN": 2e-3}, "i word a": {"NN": 1} } "#,
            &classes,
        )
        .unwrap();
        assert_eq!(tb.names.len(), 3);
        assert_eq!(tb.names.name(1), "b\u{e9}");
        assert_eq!(tb.entries, vec![(0, 1250), (1, -500), (0, 2), (0, 1000)]);
        for bad in [
            &br#"{"a": {"NN": 1}"#[..],
            br#"{"a": {"NN": 1.0001}}"#,
            br#"{"a": {"NN": 1}, "a": {"XX": 1}}"#,
            br#"{"a": {}, "a": {"NN": 1}}"#,
            br#"{"a": {"NN": 01}}"#,
            br#"{"a": {"NN": 1}} x"#,
            br#"{"a": {"NN": 1},}"#,
            b"{\"a\xff\": {\"NN\": 1}}",
            b"{\"a\x01\": {\"NN\": 1}}",
            br#"{"a": {"NN": 99999999}}"#,
        ] {
            assert!(read_weights(bad, &classes).is_none(), "{bad:?}");
        }
        assert_eq!(read_weights(b" {} ", &classes).unwrap().names.len(), 0);
        let tb = read_weights(br#"{"a": {}, "b": {"XX": 1}, "c": {"NN": 1}}"#, &classes).unwrap();
        assert_eq!(tb.names.iter().collect::<Vec<_>>(), ["c"]);
    }
}
