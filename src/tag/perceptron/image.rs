//! The packed image of an embedded model: what build.rs makes of each
//! model compiled into nlkit, so that the tagger starts without decoding
//! its weights, keying its features or building its index (that was most
//! of the start-up of `nlkit tag`). A file of its own, needing only `std`,
//! because build.rs compiles it too (it writes images, nlkit reads them).
//!
//! ```text
//! offset  size    content
//! 0       8       magic b"NLKTPACK"
//! 8       4       0x01020304 in the target's byte order (all numbers are)
//! 12      4       number of sections, N_SECTIONS
//! 16      16 * N  each section's offset and length in bytes (u64, u64)
//! …               the sections, each at an offset that is a multiple of 8
//! ```
//!
//! The sections, in this order: the model's body with its feature
//! names and rows left out (postcard: what is left decodes as a body with
//! no features), the names' bytes, where each name ends (u32), the row
//! starts (u32, one more than the names), the entries (u32), the distinct
//! weights (i32), the dense rows (i32), the index slots (two u64 each) and
//! the index filter (u64) — the arrays of `layout::Packed` and
//! `FeatureNames` as they are in memory, so the tagger borrows them from
//! the binary where they lie (8-byte aligned; see `src/tag/mod.rs`).

/// The image's first bytes.
pub(crate) const MAGIC: &[u8; 8] = b"NLKTPACK";

/// Written in the target's byte order: an image read on a machine of the
/// other order is refused.
const ORDER_MARK: u32 = 0x0102_0304;

/// The number of sections.
pub(crate) const N_SECTIONS: usize = 9;

/// An image's sections, as bytes, in order (see the module text).
pub(crate) type Sections<'a> = [&'a [u8]; N_SECTIONS];

/// Writes an image of `sections` (numbers in them already in the target's
/// byte order), numbers of the header big-endian when `big`.
#[allow(dead_code)] // build.rs writes images, the library reads them
pub(crate) fn write(sections: &[&[u8]; N_SECTIONS], big: bool) -> Vec<u8> {
    let u32_bytes = |v: u32| {
        if big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let u64_bytes = |v: u64| {
        if big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&u32_bytes(ORDER_MARK));
    out.extend_from_slice(&u32_bytes(N_SECTIONS as u32));
    let mut at = (16 + 16 * N_SECTIONS) as u64;
    for s in sections {
        out.extend_from_slice(&u64_bytes(at));
        out.extend_from_slice(&u64_bytes(s.len() as u64));
        at = (at + s.len() as u64).next_multiple_of(8);
    }
    for s in sections {
        out.resize(out.len().next_multiple_of(8), 0);
        out.extend_from_slice(s);
    }
    out
}

/// The sections of `image`, or `None` when it is not an image of this
/// format and byte order, or a section lies outside it or at an offset
/// that is not a multiple of 8.
pub(crate) fn sections(image: &[u8]) -> Option<Sections<'_>> {
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_ne_bytes(image.get(at..at + 4)?.try_into().ok()?))
    };
    let u64_at = |at: usize| -> Option<usize> {
        usize::try_from(u64::from_ne_bytes(image.get(at..at + 8)?.try_into().ok()?)).ok()
    };
    if image.get(..8)? != MAGIC || u32_at(8)? != ORDER_MARK || u32_at(12)? != N_SECTIONS as u32 {
        return None;
    }
    let mut out: Sections<'_> = [&[]; N_SECTIONS];
    for (k, s) in out.iter_mut().enumerate() {
        let at = u64_at(16 + 16 * k)?;
        let len = u64_at(24 + 16 * k)?;
        if at % 8 != 0 {
            return None;
        }
        *s = image.get(at..at.checked_add(len)?)?;
    }
    Some(out)
}
