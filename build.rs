//! Inflates the bodies of the tagger models compiled into nlkit
//! (`corpora/models/en_ewt_{xpos,upos}.bin`) into `OUT_DIR`, so that the
//! library decodes them without decompressing them at run time (zlib was a
//! quarter of the start-up of `nlkit tag`; see `src/tag/mod.rs`).

use std::io::Read;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
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
        let dst = out.join(format!("{name}.body"));
        std::fs::write(&dst, raw).unwrap_or_else(|e| panic!("{}: {e}", dst.display()));
    }
}
