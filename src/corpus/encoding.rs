//! Text encodings of the NLTK corpora: UTF-8, ASCII, Latin-1, ISO-8859-2
//! and code page 865 (genesis' Swedish text), decoded strictly as Python's
//! codecs do (NLTK opens corpus files with `errors="strict"`), with the
//! UTF-8 byte-order mark skipped as NLTK's `SeekableUnicodeStreamReader` does.

use crate::{Error, Result};

/// A corpus file encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 spelled `utf8` or `utf-8`: a leading byte-order mark is skipped.
    Utf8,
    /// UTF-8 spelled `utf_8` (genesis): NLTK keeps a byte-order mark as U+FEFF.
    Utf8Raw,
    /// ASCII (strict: bytes >= 0x80 are an error).
    Ascii,
    /// ISO-8859-1 (`latin1`, `latin_1`).
    Latin1,
    /// ISO-8859-2.
    Latin2,
    /// IBM code page 865 (Nordic DOS).
    Cp865,
    /// ISO-8859-9 (`latin5`, Turkish), decoded as Python does (0x80-0x9f
    /// are C1 controls, unlike WHATWG's windows-1254 for this label).
    Latin5,
    /// A legacy encoding decoded by `encoding_rs` (udhr: cp1250, cp1251,
    /// cp1256, ISO-8859-4/5/7/8, Shift_JIS, GB2312, EUC-JP), strictly: a
    /// byte sequence the encoding does not map is an error.
    Legacy(&'static encoding_rs::Encoding),
}

const LATIN2_HIGH: [char; 128] = [
    '\u{0080}', '\u{0081}', '\u{0082}', '\u{0083}', '\u{0084}', '\u{0085}', '\u{0086}', '\u{0087}',
    '\u{0088}', '\u{0089}', '\u{008a}', '\u{008b}', '\u{008c}', '\u{008d}', '\u{008e}', '\u{008f}',
    '\u{0090}', '\u{0091}', '\u{0092}', '\u{0093}', '\u{0094}', '\u{0095}', '\u{0096}', '\u{0097}',
    '\u{0098}', '\u{0099}', '\u{009a}', '\u{009b}', '\u{009c}', '\u{009d}', '\u{009e}', '\u{009f}',
    '\u{00a0}', '\u{0104}', '\u{02d8}', '\u{0141}', '\u{00a4}', '\u{013d}', '\u{015a}', '\u{00a7}',
    '\u{00a8}', '\u{0160}', '\u{015e}', '\u{0164}', '\u{0179}', '\u{00ad}', '\u{017d}', '\u{017b}',
    '\u{00b0}', '\u{0105}', '\u{02db}', '\u{0142}', '\u{00b4}', '\u{013e}', '\u{015b}', '\u{02c7}',
    '\u{00b8}', '\u{0161}', '\u{015f}', '\u{0165}', '\u{017a}', '\u{02dd}', '\u{017e}', '\u{017c}',
    '\u{0154}', '\u{00c1}', '\u{00c2}', '\u{0102}', '\u{00c4}', '\u{0139}', '\u{0106}', '\u{00c7}',
    '\u{010c}', '\u{00c9}', '\u{0118}', '\u{00cb}', '\u{011a}', '\u{00cd}', '\u{00ce}', '\u{010e}',
    '\u{0110}', '\u{0143}', '\u{0147}', '\u{00d3}', '\u{00d4}', '\u{0150}', '\u{00d6}', '\u{00d7}',
    '\u{0158}', '\u{016e}', '\u{00da}', '\u{0170}', '\u{00dc}', '\u{00dd}', '\u{0162}', '\u{00df}',
    '\u{0155}', '\u{00e1}', '\u{00e2}', '\u{0103}', '\u{00e4}', '\u{013a}', '\u{0107}', '\u{00e7}',
    '\u{010d}', '\u{00e9}', '\u{0119}', '\u{00eb}', '\u{011b}', '\u{00ed}', '\u{00ee}', '\u{010f}',
    '\u{0111}', '\u{0144}', '\u{0148}', '\u{00f3}', '\u{00f4}', '\u{0151}', '\u{00f6}', '\u{00f7}',
    '\u{0159}', '\u{016f}', '\u{00fa}', '\u{0171}', '\u{00fc}', '\u{00fd}', '\u{0163}', '\u{02d9}',
];

const CP865_HIGH: [char; 128] = [
    '\u{00c7}', '\u{00fc}', '\u{00e9}', '\u{00e2}', '\u{00e4}', '\u{00e0}', '\u{00e5}', '\u{00e7}',
    '\u{00ea}', '\u{00eb}', '\u{00e8}', '\u{00ef}', '\u{00ee}', '\u{00ec}', '\u{00c4}', '\u{00c5}',
    '\u{00c9}', '\u{00e6}', '\u{00c6}', '\u{00f4}', '\u{00f6}', '\u{00f2}', '\u{00fb}', '\u{00f9}',
    '\u{00ff}', '\u{00d6}', '\u{00dc}', '\u{00f8}', '\u{00a3}', '\u{00d8}', '\u{20a7}', '\u{0192}',
    '\u{00e1}', '\u{00ed}', '\u{00f3}', '\u{00fa}', '\u{00f1}', '\u{00d1}', '\u{00aa}', '\u{00ba}',
    '\u{00bf}', '\u{2310}', '\u{00ac}', '\u{00bd}', '\u{00bc}', '\u{00a1}', '\u{00ab}', '\u{00a4}',
    '\u{2591}', '\u{2592}', '\u{2593}', '\u{2502}', '\u{2524}', '\u{2561}', '\u{2562}', '\u{2556}',
    '\u{2555}', '\u{2563}', '\u{2551}', '\u{2557}', '\u{255d}', '\u{255c}', '\u{255b}', '\u{2510}',
    '\u{2514}', '\u{2534}', '\u{252c}', '\u{251c}', '\u{2500}', '\u{253c}', '\u{255e}', '\u{255f}',
    '\u{255a}', '\u{2554}', '\u{2569}', '\u{2566}', '\u{2560}', '\u{2550}', '\u{256c}', '\u{2567}',
    '\u{2568}', '\u{2564}', '\u{2565}', '\u{2559}', '\u{2558}', '\u{2552}', '\u{2553}', '\u{256b}',
    '\u{256a}', '\u{2518}', '\u{250c}', '\u{2588}', '\u{2584}', '\u{258c}', '\u{2590}', '\u{2580}',
    '\u{03b1}', '\u{00df}', '\u{0393}', '\u{03c0}', '\u{03a3}', '\u{03c3}', '\u{00b5}', '\u{03c4}',
    '\u{03a6}', '\u{0398}', '\u{03a9}', '\u{03b4}', '\u{221e}', '\u{03c6}', '\u{03b5}', '\u{2229}',
    '\u{2261}', '\u{00b1}', '\u{2265}', '\u{2264}', '\u{2320}', '\u{2321}', '\u{00f7}', '\u{2248}',
    '\u{00b0}', '\u{2219}', '\u{00b7}', '\u{221a}', '\u{207f}', '\u{00b2}', '\u{25a0}', '\u{00a0}',
];

impl Encoding {
    /// Decodes `bytes`; `name` (the file) is used in error messages.
    ///
    /// # Errors
    /// [`Error::InvalidUtf8`] for bad UTF-8, [`Error::Format`] for a
    /// non-ASCII byte in an ASCII file.
    ///
    /// # Example
    /// ```
    /// use nlkit::corpus::Encoding;
    /// assert_eq!(Encoding::Latin1.decode(b"caf\xe9", "f").unwrap(), "café");
    /// assert!(Encoding::Ascii.decode(b"caf\xe9", "f").is_err());
    /// ```
    pub fn decode(self, bytes: &[u8], name: &str) -> Result<String> {
        match self {
            Encoding::Utf8 => {
                let body = bytes
                    .strip_prefix(b"\xef\xbb\xbf".as_slice())
                    .unwrap_or(bytes);
                let skipped = (bytes.len() - body.len()) as u64;
                std::str::from_utf8(body)
                    .map(str::to_string)
                    .map_err(|e| Error::InvalidUtf8 {
                        source_name: name.to_string(),
                        offset: skipped + e.valid_up_to() as u64,
                    })
            }
            Encoding::Ascii => match bytes.iter().position(|b| *b >= 0x80) {
                Some(p) => Err(Error::format(
                    name,
                    0,
                    format!("byte 0x{:02x} at offset {p} is not ASCII", bytes[p]),
                )),
                None => Ok(String::from_utf8_lossy(bytes).into_owned()),
            },
            Encoding::Utf8Raw => {
                std::str::from_utf8(bytes)
                    .map(str::to_string)
                    .map_err(|e| Error::InvalidUtf8 {
                        source_name: name.to_string(),
                        offset: e.valid_up_to() as u64,
                    })
            }
            Encoding::Latin1 => Ok(bytes.iter().map(|&b| b as char).collect()),
            Encoding::Latin2 => Ok(Self::table(bytes, &LATIN2_HIGH)),
            Encoding::Cp865 => Ok(Self::table(bytes, &CP865_HIGH)),
            Encoding::Latin5 => Ok(bytes
                .iter()
                .map(|&b| match b {
                    0xd0 => '\u{011e}',
                    0xdd => '\u{0130}',
                    0xde => '\u{015e}',
                    0xf0 => '\u{011f}',
                    0xfd => '\u{0131}',
                    0xfe => '\u{015f}',
                    _ => b as char,
                })
                .collect()),
            Encoding::Legacy(enc) => enc
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(|s| s.into_owned())
                .ok_or_else(|| {
                    Error::format(
                        name,
                        0,
                        format!("bytes that are not valid {} text", enc.name()),
                    )
                }),
        }
    }

    fn table(bytes: &[u8], high: &[char; 128]) -> String {
        bytes
            .iter()
            .map(|&b| {
                if b < 0x80 {
                    b as char
                } else {
                    high[(b - 0x80) as usize]
                }
            })
            .collect()
    }
}
