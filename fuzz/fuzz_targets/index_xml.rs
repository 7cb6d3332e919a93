//! NLTK `index.xml` parsing: a validated index or an error, never a panic;
//! what is accepted never points outside the data folder.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nlkit_downloader::Index;

fuzz_target!(|data: &[u8]| {
    if let Ok(index) = Index::parse(data, "fuzz.xml") {
        for p in index.packages() {
            let z = p.zip_path();
            assert!(!z.starts_with('/') && !z.split('/').any(|c| c == ".."));
        }
        let ids: Vec<String> = index.packages().iter().map(|p| p.id.clone()).collect();
        let _ = index.expand(&ids);
    }
});
