//! `nlkit tree`: input handling, bad input, deep trees, the SVG drawing.

mod common;

use common::run_nlkit;

#[test]
fn reads_multiline_and_several_per_line() {
    let input = "( (S (NP I)\n    (VP ran)) )\n(A x) (B y)\n\n(C\n z)\n";
    let (code, out, err) = run_nlkit(&["tree", "--remove-empty-top"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "(S (NP I) (VP ran))\n(A x)\n(B y)\n(C z)\n");
}

#[test]
fn bad_input_is_a_clear_error() {
    for (input, needle) in [
        ("(S (NP x)\n", "expected ')' but got 'end-of-string'"),
        ("(S x))\n", "expected '(' but got ')'"),
        ("garbage here\n", "expected '(' but got 'garbage'"),
        ("\u{1}\u{2}(\n", "expected '(' but got"),
    ] {
        let (code, out, err) = run_nlkit(&["tree"], input.as_bytes());
        assert_eq!(code, 1, "{input:?}: {out}");
        assert!(err.starts_with("nlkit: "), "{err}");
        assert!(err.contains(needle), "{input:?}: {err}");
    }
    // empty input: no trees, no error
    let (code, out, _) = run_nlkit(&["tree"], b"");
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, _, err) = run_nlkit(&["tree"], b"\xff(S x)\n");
    assert_eq!(code, 1);
    assert!(err.contains("UTF-8"), "{err}");
    let (code, _, _) = run_nlkit(&["tree", "--factor", "left"], b"(S x)\n");
    assert_eq!(code, 2);
    let huge = usize::MAX.to_string();
    let (code, out, err) = run_nlkit(
        &[
            "tree",
            "--cnf",
            "--horz-markov",
            &huge,
            "--vert-markov",
            &huge,
        ],
        b"(S (A (B b) (C c) (D d)) (E e) (F f))\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("A|<C-D>^<S>"), "{out}");
}

#[test]
fn hundred_thousand_deep_brackets() {
    let n = 100_000;
    let input = "(".repeat(n) + &")".repeat(n) + "\n";
    let (code, _, err) = run_nlkit(&["tree"], input.as_bytes());
    assert_eq!(code, 1);
    assert!(err.contains("MAX_TREE_DEPTH"), "{err}");
    let (code, out, err) = run_nlkit(&["tree", "--max-depth", "0"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    // NLTK prints an empty label as `( `: `( ( ... ( )...))`
    assert!(
        out.trim_end() == "( ".repeat(n) + &")".repeat(n),
        "unexpected output"
    );
    let input = "(a ".repeat(n) + "w" + &")".repeat(n) + "\n";
    for args in [
        &["tree", "--max-depth", "0", "--cnf", "--vert-markov", "3"][..],
        &["tree", "--max-depth", "0", "--collapse-unary"],
        &["tree", "--max-depth", "0", "--pretty"],
    ] {
        let (code, out, err) = run_nlkit(args, input.as_bytes());
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(!out.is_empty());
    }
}

#[test]
fn svg_is_standalone_and_renders() {
    let (code, svg, err) = run_nlkit(
        &["tree", "--svg"],
        b"(S (NP (DT the) (NN supercalifragilistic)) (VP (VBD sat) (PP (IN on) (NP (DT a) (NN mat)))))\n",
    );
    assert_eq!(code, 0, "{err}");
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    for w in ["supercalifragilistic", "mat", "VP"] {
        assert!(svg.contains(&format!(">{w}</text>")), "{w}");
    }
    let Some(chromium) = common::require("chromium", which("chromium")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("t.svg");
    std::fs::write(&svg_path, &svg).unwrap();
    let png = dir.path().join("t.png");
    let status = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=600,300",
        ])
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", svg_path.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(!png_is_blank(&bytes), "the screenshot is blank");
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join(name))
            .find(|f| f.is_file())
    })
}

/// True when every pixel of the (8-bit RGB/RGBA) PNG has the same colour.
fn png_is_blank(png: &[u8]) -> bool {
    use std::io::Read;
    let mut pos = 8;
    let (mut width, mut color_type) = (0usize, 0u8);
    let mut idat = Vec::new();
    while pos + 8 <= png.len() {
        let len = u32::from_be_bytes(png[pos..pos + 4].try_into().unwrap()) as usize;
        let kind = &png[pos + 4..pos + 8];
        let data = &png[pos + 8..pos + 8 + len];
        if kind == b"IHDR" {
            width = u32::from_be_bytes(data[0..4].try_into().unwrap()) as usize;
            assert_eq!(data[8], 8, "bit depth");
            color_type = data[9];
        } else if kind == b"IDAT" {
            idat.extend_from_slice(data);
        }
        pos += 12 + len;
    }
    let bpp = match color_type {
        2 => 3,
        6 => 4,
        other => panic!("colour type {other}"),
    };
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..])
        .read_to_end(&mut raw)
        .unwrap();
    // undo the row filters, then compare every pixel with the first
    let stride = width * bpp;
    let mut prev = vec![0u8; stride];
    let mut first: Option<Vec<u8>> = None;
    for row in raw.chunks(stride + 1) {
        let (f, line) = (row[0], &row[1..]);
        let mut cur = vec![0u8; stride];
        for i in 0..stride {
            let a = if i >= bpp { cur[i - bpp] as i32 } else { 0 };
            let b = prev[i] as i32;
            let c = if i >= bpp { prev[i - bpp] as i32 } else { 0 };
            let pred = match f {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                _ => panic!("filter {f}"),
            };
            cur[i] = (line[i] as i32 + pred) as u8;
        }
        for px in cur.chunks(bpp) {
            match &first {
                None => first = Some(px.to_vec()),
                Some(p) if p != px => return false,
                _ => {}
            }
        }
        prev = cur;
    }
    true
}
