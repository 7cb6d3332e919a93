//! NLTK's `UdhrCorpusReader`: the Universal Declaration of Human Rights in
//! over 300 languages (the `udhr` corpus), a plain-text corpus whose files
//! use many legacy encodings.
//!
//! The file ids are NLTK's (every file but `README`, minus NLTK's `SKIP`
//! list of files it cannot decode), and each file gets the encoding of the
//! first matching entry of NLTK's `ENCODINGS` table. Python's codecs are
//! reproduced with [`Encoding`]: Latin-1, ISO-8859-2 and ISO-8859-9 by hand
//! tables, the others (cp1250, cp1251, cp1256, ISO-8859-4/5/7/8, Shift_JIS,
//! GB2312, EUC-JP) with `encoding_rs`, strictly (unmapped bytes are an
//! error, as with Python's `errors="strict"`). Words and sentences are
//! those of [`PlaintextCorpusReader`]. Differences: see docs/differences.md
//! (encoding_rs decodes GB2312 as its superset GBK, and Shift_JIS/EUC-JP
//! as the WHATWG variants; on the udhr files the text is identical).

use super::{CorpusRoot, Encoding, FileIdSpec};
use crate::data::Resource;
use crate::Result;

/// NLTK's `UdhrCorpusReader.ENCODINGS`: `(fileid regex, encoding)`, first
/// match wins.
pub fn udhr_encodings() -> Vec<(&'static str, Encoding)> {
    use Encoding::*;
    vec![
        (".*-Latin1$", Latin1),
        (".*-Hebrew$", Legacy(encoding_rs::ISO_8859_8)),
        (".*-Arabic$", Legacy(encoding_rs::WINDOWS_1256)),
        ("Czech_Cesky-UTF8", Legacy(encoding_rs::WINDOWS_1250)),
        ("Polish-Latin2", Legacy(encoding_rs::WINDOWS_1250)),
        ("Polish_Polski-Latin2", Legacy(encoding_rs::WINDOWS_1250)),
        (".*-Cyrillic$", Legacy(encoding_rs::ISO_8859_5)),
        (".*-SJIS$", Legacy(encoding_rs::SHIFT_JIS)),
        (".*-GB2312$", Legacy(encoding_rs::GBK)),
        (".*-Latin2$", Latin2),
        (".*-Greek$", Legacy(encoding_rs::ISO_8859_7)),
        (".*-UTF8$", Utf8),
        // utf-16-le: only Hungarian_Magyar-Unicode, which NLTK skips.
        ("Amahuaca", Latin1),
        ("Turkish_Turkce-Turkish", Latin5),
        (
            "Lithuanian_Lietuviskai-Baltic",
            Legacy(encoding_rs::ISO_8859_4),
        ),
        ("Japanese_Nihongo-EUC", Legacy(encoding_rs::EUC_JP)),
        // iso2022_jp and hz: only files NLTK skips.
        (r"Abkhaz\-Cyrillic\+Abkh", Legacy(encoding_rs::WINDOWS_1251)),
    ]
}

/// NLTK's `UdhrCorpusReader.SKIP`: files left out of `fileids()`.
pub const UDHR_SKIP: &[&str] = &[
    "Burmese_Myanmar-UTF8",
    "Japanese_Nihongo-JIS",
    "Chinese_Mandarin-HZ",
    "Chinese_Mandarin-UTF8",
    "Gujarati-UTF8",
    "Hungarian_Magyar-Unicode",
    "Lao-UTF8",
    "Magahi-UTF8",
    "Marathi-UTF8",
    "Tamil-UTF8",
    "Vietnamese-VPS",
    "Vietnamese-VIQR",
    "Vietnamese-TCVN",
    "Magahi-Agra",
    "Bhojpuri-Agra",
    "Esperanto-T61",
    "Burmese_Myanmar-WinResearcher",
    "Armenian-DallakHelv",
    "Tigrinya_Tigrigna-VG2Main",
    "Amharic-Afenegus6..60375",
    "Navaho_Dine-Navajo-Navaho-font",
    "Azeri_Azerbaijani_Cyrillic-Az.Times.Cyr.Normal0117",
    "Azeri_Azerbaijani_Latin-Az.Times.Lat0117",
    "Czech-Latin2-err",
    "Russian_Russky-UTF8~",
];

/// The corpus root of `udhr` as NLTK's `UdhrCorpusReader` sets it up
/// (wrap it in a [`super::PlaintextCorpusReader`]).
///
/// # Errors
/// I/O errors while listing the files.
///
/// # Example
/// ```
/// use nlkit::corpus::{udhr_root, PlaintextCorpusReader};
/// use nlkit::data::Resource;
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("Turkish_Turkce-Turkish"), b"\xdd\xfe").unwrap();
/// std::fs::write(dir.path().join("Lao-UTF8"), "skipped").unwrap();
/// let r = PlaintextCorpusReader::from_root(udhr_root(Resource::open(dir.path()).unwrap()).unwrap()).unwrap();
/// assert_eq!(r.fileids(), ["Turkish_Turkce-Turkish"]);
/// let w: Vec<String> = r.words(None).collect::<Result<_, _>>().unwrap();
/// assert_eq!(w, ["İş"]);
/// ```
pub fn udhr_root(res: Resource) -> Result<CorpusRoot> {
    let mut root = CorpusRoot::with_encodings(
        res,
        FileIdSpec::Pattern(r"(?!README|\.).*"),
        &udhr_encodings(),
    )?;
    root.fileids.retain(|f| !UDHR_SKIP.contains(&f.as_str()));
    Ok(root)
}
