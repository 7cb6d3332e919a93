//! The container of nlkit's small model files (language models,
//! classifiers): an 8-byte magic, a little-endian `u32` format version, a
//! `u32` length and that many bytes of JSON metadata, then the body as a
//! zlib stream (whose Adler-32 checksum catches corruption).

use std::io::{Read, Write};

use crate::{Error, Result};

/// What a container holds, for its checks and error messages.
pub(crate) struct Kind {
    /// The file's first eight bytes.
    pub magic: &'static [u8; 8],
    /// The one format version this build reads and writes.
    pub version: u32,
    /// The magic as printed in errors (`NLKITLM`).
    pub magic_name: &'static str,
    /// What the file is, in errors (`language model`).
    pub noun: &'static str,
}

/// Writes a container: header, metadata, zlib-compressed body.
pub(crate) fn encode(kind: &Kind, meta_json: &[u8], body: &[u8]) -> Result<Vec<u8>> {
    let meta_len = u32::try_from(meta_json.len())
        .map_err(|_| Error::Model(format!("{} metadata over 4 GB", kind.noun)))?;
    let mut out = Vec::with_capacity(body.len() / 2 + meta_json.len() + 16);
    out.extend_from_slice(kind.magic);
    out.extend_from_slice(&kind.version.to_le_bytes());
    out.extend_from_slice(&meta_len.to_le_bytes());
    out.extend_from_slice(meta_json);
    let mut enc = flate2::write::ZlibEncoder::new(out, flate2::Compression::default());
    enc.write_all(body)?;
    Ok(enc.finish()?)
}

/// Reads a container: its metadata bytes and its inflated body.
///
/// # Errors
/// [`Error::Model`] for another magic, truncated metadata, a truncated or
/// corrupt body, or a body inflating beyond 256 times its size (a zip
/// bomb); [`Error::ModelVersion`] for another version.
pub(crate) fn decode<'a>(kind: &Kind, bytes: &'a [u8]) -> Result<(&'a [u8], Vec<u8>)> {
    let bad = |m: &str| Error::Model(format!("not an nlkit {}: {m}", kind.noun));
    if bytes.len() < 16 || &bytes[..8] != kind.magic {
        return Err(bad(&format!("wrong magic (expected {})", kind.magic_name)));
    }
    let u32_at = |o: usize| -> u32 {
        let mut b = [0u8; 4];
        b.copy_from_slice(&bytes[o..o + 4]);
        u32::from_le_bytes(b)
    };
    let version = u32_at(8);
    if version != kind.version {
        return Err(Error::ModelVersion {
            what: kind.noun,
            found: version,
            min: kind.version,
            max: kind.version,
        });
    }
    let n = u32_at(12) as usize;
    let end = 16usize.saturating_add(n);
    let meta = bytes
        .get(16..end)
        .ok_or_else(|| bad("truncated metadata"))?;
    let compressed = &bytes[end..];
    let cap = compressed.len().saturating_mul(256) + (1 << 20);
    let mut raw = Vec::new();
    flate2::read::ZlibDecoder::new(compressed)
        .take(cap as u64 + 1)
        .read_to_end(&mut raw)
        .map_err(|e| Error::Model(format!("{} body (truncated or corrupt): {e}", kind.noun)))?;
    if raw.len() > cap {
        return Err(bad("body inflates beyond 256x"));
    }
    Ok((meta, raw))
}
