//! Packs the tagger models compiled into nlkit
//! (`corpora/models/en_ewt_{xpos,upos}.bin`) into `OUT_DIR` as images the
//! tagger reads in place (`src/tag/perceptron/image.rs`): the body
//! inflated (zlib was a quarter of the start-up of `nlkit tag`), and the
//! weights packed, the features keyed and the feature index built, by the
//! library's own code (`layout.rs`, `fxhash.rs`, compiled here too), so
//! that nlkit starts without doing it (it was most of the rest).

use std::io::Read;
use std::path::PathBuf;

// The library's files that pack a model, compiled into this script, in
// the places their paths (`super::features`, `crate::tag::fxhash`) name.
#[allow(dead_code)]
#[path = "src/tag/templates.rs"]
mod templates;
#[allow(dead_code)]
mod features {
    pub(crate) use super::templates::{N_TEMPLATES, TEMPLATES};
}
#[allow(dead_code)]
#[path = "src/tag/fxhash.rs"]
mod fxhash;
#[allow(dead_code)]
#[path = "src/tag/perceptron/image.rs"]
mod image;
#[allow(dead_code)]
#[path = "src/tag/perceptron/layout.rs"]
mod layout;
mod tag {
    pub(crate) use super::fxhash;
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    for f in [
        "src/tag/templates.rs",
        "src/tag/fxhash.rs",
        "src/tag/perceptron/image.rs",
        "src/tag/perceptron/layout.rs",
    ] {
        println!("cargo:rerun-if-changed={f}");
    }
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let big = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    for name in ["en_ewt_xpos", "en_ewt_upos"] {
        let src = root.join("corpora/models").join(format!("{name}.bin"));
        println!("cargo:rerun-if-changed={}", src.display());
        let bytes = std::fs::read(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        // magic (8), version (4), metadata length (4), metadata, zlib body
        let meta_len = bytes
            .get(12..16)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(u32::from_le_bytes)
            .unwrap_or_else(|| panic!("{}: not an nlkit tagger model", src.display()));
        let body = bytes
            .get(16 + meta_len as usize..)
            .unwrap_or_else(|| panic!("{}: truncated", src.display()));
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(body)
            .read_to_end(&mut raw)
            .unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        let packed = pack_model(&raw, big).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        let dst = out.join(format!("{name}.pack"));
        std::fs::write(&dst, packed).unwrap_or_else(|e| panic!("{}: {e}", dst.display()));
    }
}

/// A reader of the postcard encoding of a model body (`src/tag/model.rs`):
/// varints, zigzag varints, length-prefixed strings.
struct Wire<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Wire<'a> {
    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.at).ok_or("body ends early")?;
            self.at += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }

    fn len(&mut self) -> Result<usize, String> {
        usize::try_from(self.varint()?).map_err(|e| e.to_string())
    }

    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.len()?;
        let s = self.b.get(self.at..self.at + n).ok_or("body ends early")?;
        self.at += n;
        Ok(s)
    }

    fn zigzag_i32(&mut self) -> Result<i32, String> {
        let v = u32::try_from(self.varint()?).map_err(|e| e.to_string())?;
        Ok(((v >> 1) as i32) ^ -((v & 1) as i32))
    }
}

/// The image of the inflated model body `raw` (format version 3 or 2:
/// feature set, classes, tag dictionary, scale, features, rows, then the
/// rest), numbers in the target's byte order (big-endian when `big`).
fn pack_model(raw: &[u8], big: bool) -> Result<Vec<u8>, String> {
    let mut w = Wire { b: raw, at: 0 };
    w.varint()?; // feature set
    let n_classes = w.len()?;
    for _ in 0..n_classes {
        w.bytes()?;
    }
    for _ in 0..w.len()? {
        w.bytes()?; // word
        w.varint()?; // class
    }
    if w.varint()? != 1000 {
        return Err("weights not in thousandths".into());
    }
    let features_at = w.at;
    let n_features = w.len()?;
    let mut names = Vec::with_capacity(n_features);
    for _ in 0..n_features {
        names.push(w.bytes()?);
    }
    if w.len()? != n_features {
        return Err("as many rows as features expected".into());
    }
    // empty rows are dropped, as the library's `TableBuilder::from_rows` does
    let (mut text, mut ends, mut row_start) = (Vec::new(), Vec::new(), Vec::new());
    let mut pairs: Vec<(u16, i32)> = Vec::new();
    let mut kept: Vec<&[u8]> = Vec::new();
    for name in &names {
        let start = pairs.len();
        for _ in 0..w.len()? {
            let class = u16::try_from(w.varint()?).map_err(|e| e.to_string())?;
            if usize::from(class) >= n_classes {
                return Err("weight class out of range".into());
            }
            pairs.push((class, w.zigzag_i32()?));
        }
        if pairs.len() > start {
            text.extend_from_slice(name);
            ends.push(u32::try_from(text.len()).map_err(|e| e.to_string())?);
            row_start.push(start as u32);
            kept.push(name);
        }
    }
    let rows_end = w.at;
    if kept.windows(2).any(|p| p[0] >= p[1]) || std::str::from_utf8(&text).is_err() {
        return Err("feature names not sorted UTF-8".into());
    }
    row_start.push(pairs.len() as u32);
    let packed = layout::pack(kept.iter().copied(), &row_start, &pairs, n_classes)
        .map_err(|e| format!("{e:?}"))?;
    // the body less its features and rows: no features (0), no rows (0)
    let mut rest = raw[..features_at].to_vec();
    rest.extend_from_slice(&[0, 0]);
    rest.extend_from_slice(&raw[rows_end..]);
    let u32s = |v: &mut dyn Iterator<Item = u32>| {
        ordered_bytes(v, u32::to_be_bytes, u32::to_le_bytes, big)
    };
    // an i32's bytes are those of the u32 with the same bits
    let i32s = |v: &[i32]| u32s(&mut v.iter().map(|&x| x as u32));
    let u64s = |v: &mut dyn Iterator<Item = u64>| {
        ordered_bytes(v, u64::to_be_bytes, u64::to_le_bytes, big)
    };
    let (slots, filter) = packed.index.parts();
    let slots = u64s(&mut slots.iter().flatten().copied());
    let filter = u64s(&mut filter.iter().copied());
    Ok(image::write(
        &[
            &rest,
            &text,
            &u32s(&mut ends.iter().copied()),
            &u32s(&mut row_start.iter().copied()),
            &u32s(&mut packed.entries.iter().copied()),
            &i32s(&packed.values),
            &i32s(&packed.dense),
            &slots,
            &filter,
        ],
        big,
    ))
}

/// The numbers of `v` as bytes in the target's order (`big`: big-endian).
fn ordered_bytes<T, const N: usize>(
    v: &mut dyn Iterator<Item = T>,
    be: fn(T) -> [u8; N],
    le: fn(T) -> [u8; N],
    big: bool,
) -> Vec<u8> {
    v.flat_map(|x| if big { be(x) } else { le(x) }).collect()
}
