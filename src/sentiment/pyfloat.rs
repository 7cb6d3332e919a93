//! Python's float behaviour where VADER's output depends on it: `round(x, n)`
//! (correctly rounded, ties to even on the exact binary value) and `repr(x)`
//! (shortest round-trip digits, Python's choice of fixed or exponent form).

/// Python's `round(x, ndigits)` for a float and `ndigits >= 0`: the decimal
/// string correctly rounded to `ndigits` places (exact ties go to the even
/// digit, as Python's dtoa does), read back as a float.
///
/// # Example
/// ```
/// use nlkit::sentiment::py_round;
/// assert_eq!(py_round(0.125, 2), 0.12);
/// assert_eq!(py_round(0.4404499, 4), 0.4404);
/// assert_eq!(py_round(-0.00001, 4).to_string(), "-0");
/// ```
pub fn py_round(x: f64, ndigits: usize) -> f64 {
    if !x.is_finite() || ndigits > 300 {
        return x;
    }
    // Fast path: x * 10^n is within |y| * 2^-53 of the exact product, so
    // unless that is near a half the nearest integer r is the exact
    // decimal rounding, and r / 10^n (one correctly rounded division) is
    // the float nearest to that decimal, which is what Python returns.
    const POW10: [f64; 16] = [
        1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    if let Some(&p) = POW10.get(ndigits) {
        let y = x * p;
        if y.abs() < 1e15 {
            let frac = (y - y.trunc()).abs();
            if (frac - 0.5).abs() > y.abs() * 1e-15 + 1e-300 {
                return y.round() / p;
            }
        }
    }
    round_via_decimal(x, ndigits)
}

/// `py_round`'s reference path: the exact decimal rounding, parsed.
fn round_via_decimal(x: f64, ndigits: usize) -> f64 {
    // Rust's fixed-precision formatting is exact and rounds ties to even.
    // Formatted on the stack (this runs four times per VADER score).
    use std::io::Write;
    let mut buf = [0u8; 64];
    let len = {
        let mut cur = &mut buf[..];
        if write!(cur, "{x:.ndigits$}").is_err() {
            return format!("{x:.ndigits$}").parse().unwrap_or(x);
        }
        64 - cur.len()
    };
    buf.get(..len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| t.parse().ok())
        .unwrap_or(x)
}

/// Python's `repr(x)` of a float: `0.0`, `-0.0`, `0.4404`, `1e-05`,
/// `1e+16`, `nan`, `inf`.
///
/// # Example
/// ```
/// use nlkit::sentiment::py_float_repr;
/// assert_eq!(py_float_repr(0.0), "0.0");
/// assert_eq!(py_float_repr(-0.0), "-0.0");
/// assert_eq!(py_float_repr(0.4404), "0.4404");
/// assert_eq!(py_float_repr(1e-5), "1e-05");
/// assert_eq!(py_float_repr(f64::NEG_INFINITY), "-inf");
/// ```
pub fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let a = x.abs();
    if a == 0.0 || (1e-4..1e16).contains(&a) {
        // Debug prints the shortest round-trip digits with a `.0` for whole numbers.
        return format!("{x:?}");
    }
    // Exponent form: Rust writes `1.5e-7`, Python `1.5e-07`.
    let s = format!("{x:e}");
    match s.split_once('e') {
        Some((mant, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            format!("{mant}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

/// A float as Python's `json.dumps` writes it (`NaN`, `Infinity` for the
/// non-finite values, else `repr`).
/// Appends Python's `repr(x)` (JSON: `NaN`, `Infinity` as `json.dumps`
/// writes them when `json`) to `out` without an intermediate string in the
/// common case.
pub(crate) fn write_py_float(out: &mut String, x: f64, json: bool) {
    use std::fmt::Write;
    if write_short_decimal(out, x) {
        return;
    }
    let a = x.abs();
    if x.is_finite() && (a == 0.0 || (1e-4..1e16).contains(&a)) {
        let _ = write!(out, "{x:?}");
    } else if json {
        out.push_str(&py_json_float(x));
    } else {
        out.push_str(&py_float_repr(x));
    }
}

/// Writes `repr(x)` when `x` is the float nearest to a decimal with at
/// most 4 places (VADER's rounded scores) and `|x| < 1e9`, and says
/// whether it did. That decimal, trailing zeros dropped, is then `repr`'s
/// shortest round-trip string: any other decimal of no more digits is at
/// least 1e-4 away, far more than the float's spacing there.
fn write_short_decimal(out: &mut String, x: f64) -> bool {
    if x.is_nan() || x.abs() >= 1e9 {
        return false;
    }
    let k = (x * 1e4).round();
    if k / 1e4 != x {
        return false;
    }
    let k = k.abs() as u64;
    if x.is_sign_negative() {
        out.push('-');
    }
    let (int, mut frac) = (k / 10_000, k % 10_000);
    let mut digits = [b'0'; 20];
    let mut pos = digits.len();
    let mut v = int;
    loop {
        pos -= 1;
        if let Some(d) = digits.get_mut(pos) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || pos == 0 {
            break;
        }
    }
    for &d in digits.get(pos..).unwrap_or_default() {
        out.push(char::from(d));
    }
    out.push('.');
    if frac == 0 {
        out.push('0');
        return true;
    }
    let mut width = 4;
    while frac % 10 == 0 {
        frac /= 10;
        width -= 1;
    }
    let mut div = 10u64.pow(width - 1);
    while div > 0 {
        out.push(char::from(b'0' + (frac / div % 10) as u8));
        div /= 10;
    }
    true
}

pub(crate) fn py_json_float(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        py_float_repr(x)
    }
}

/// Python's `float(s)` for the strings a lexicon holds: surrounding
/// whitespace, a sign, `inf`/`nan` words and `_` between digits are
/// accepted as Python accepts them. `None` where Python raises.
pub(crate) fn py_parse_float(s: &str) -> Option<f64> {
    let t = s.trim_matches(crate::tokenize::is_py_whitespace);
    if t.is_empty() {
        return None;
    }
    if t.contains('_') {
        // PEP 515: one underscore at a time, only between two digits.
        let b = t.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'_' {
                let before = i.checked_sub(1).and_then(|j| b.get(j));
                let after = b.get(i + 1);
                if !before.is_some_and(u8::is_ascii_digit) || !after.is_some_and(u8::is_ascii_digit)
                {
                    return None;
                }
            }
        }
        return t.replace('_', "").parse().ok();
    }
    let lower = t.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") && lower.len() - body.len() <= 1 {
        let neg = lower.starts_with('-');
        let v = if body == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Some(if neg { -v } else { v });
    }
    if !t
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.' | b'e' | b'E'))
    {
        return None;
    }
    t.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_ties_to_even_on_exact_values() {
        assert_eq!(py_round(0.5, 0), 0.0);
        assert_eq!(py_round(1.5, 0), 2.0);
        assert_eq!(py_round(2.675, 2), 2.67); // 2.67499999...
        assert_eq!(py_round(0.0625, 3), 0.062);
        assert!(py_round(f64::NAN, 3).is_nan());
    }

    #[test]
    fn fast_round_equals_decimal_rounding() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for i in 0..200_000u64 {
            let r = next();
            let x = match i % 4 {
                // near ties of 3 and 4 decimals, VADER's roundings
                0 => ((r % 20_000) as f64 - 10_000.0) / 10_000.0 + 0.00005,
                1 => ((r % 2_000) as f64 - 1_000.0) / 1_000.0 + 0.0005,
                2 => f64::from_bits(r >> 2) % 1e6,
                _ => (r as f64 / u64::MAX as f64) * 2.0 - 1.0,
            };
            for nd in [0usize, 1, 3, 4, 6, 12, 15, 16] {
                let (a, b) = (py_round(x, nd), round_via_decimal(x, nd));
                assert!(
                    a == b && a.is_sign_negative() == b.is_sign_negative() || a.is_nan(),
                    "{x} {nd}: {a} vs {b}"
                );
            }
        }
    }

    #[test]
    fn short_decimals_print_as_repr() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for i in 0..300_000u64 {
            let r = next();
            let x = match i % 3 {
                0 => ((r % 20_001) as f64 - 10_000.0) / 10_000.0,
                1 => (r % 1_000_000_000) as f64 / [1.0, 10.0, 1e3, 1e4, 1e5][(i % 5) as usize],
                _ => -(((r % 2001) as f64) / 1000.0),
            };
            let mut fast = String::new();
            if write_short_decimal(&mut fast, x) {
                assert_eq!(fast, format!("{x:?}"), "{x}");
            } else {
                assert!((x * 1e4).round() / 1e4 != x || x.abs() >= 1e9, "{x}");
            }
        }
        for (x, want) in [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (0.0001, "0.0001"),
            (1.0, "1.0"),
            (-0.5, "-0.5"),
        ] {
            let mut s = String::new();
            assert!(write_short_decimal(&mut s, x));
            assert_eq!(s, want);
        }
    }

    #[test]
    fn repr_like_python() {
        assert_eq!(py_float_repr(1.0), "1.0");
        assert_eq!(py_float_repr(0.0001), "0.0001");
        assert_eq!(py_float_repr(1.5e-7), "1.5e-07");
        assert_eq!(py_float_repr(1e16), "1e+16");
        assert_eq!(py_float_repr(123456789.0), "123456789.0");
        assert_eq!(py_json_float(f64::NAN), "NaN");
    }

    #[test]
    fn parse_like_python_float() {
        assert_eq!(py_parse_float(" -1.5\r"), Some(-1.5));
        assert_eq!(py_parse_float("1_0.5"), Some(10.5));
        assert_eq!(py_parse_float("1__0"), None);
        assert_eq!(py_parse_float("_1"), None);
        assert_eq!(py_parse_float("-Infinity"), Some(f64::NEG_INFINITY));
        assert!(py_parse_float("nan").is_some_and(f64::is_nan));
        assert_eq!(py_parse_float("1e3"), Some(1000.0));
        assert_eq!(py_parse_float(".5"), Some(0.5));
        assert_eq!(py_parse_float("abc"), None);
        assert_eq!(py_parse_float(""), None);
        assert_eq!(py_parse_float("--1"), None);
    }
}
