//! Installing an arbitrary "zip" through the real downloader (file:// index
//! with the right size and md5): either installed inside the data folder or
//! refused, and nothing written outside it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use md5::{Digest, Md5};
use nlkit_downloader::{Downloader, Index, Options};

fuzz_target!(|data: &[u8]| {
    let server = tempfile::tempdir().unwrap();
    let target = tempfile::tempdir().unwrap();
    let zip = server.path().join("pkg.zip");
    std::fs::write(&zip, data).unwrap();
    let md5: String = Md5::digest(data).iter().map(|b| format!("{b:02x}")).collect();
    let xml = format!(
        "<?xml version=\"1.0\"?><nltk_data><packages><package id=\"pkg\" name=\"p\" subdir=\"corpora\" \
         url=\"file://{}\" size=\"{}\" unzipped_size=\"4096\" checksum=\"{md5}\" unzip=\"1\"/></packages>\
         <collections/></nltk_data>",
        zip.display(),
        data.len()
    );
    let Ok(index) = Index::parse(xml.as_bytes(), "fuzz.xml") else { return };
    let Ok(d) = Downloader::new(index, target.path().join("data"), Options::default()) else { return };
    let _ = d.download(&["pkg"]);
    // Nothing may escape the data folder.
    for e in std::fs::read_dir(target.path()).unwrap() {
        assert_eq!(e.unwrap().file_name(), "data");
    }
});
