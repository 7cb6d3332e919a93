//! NLTK's `index.xml`: the catalogue of packages and collections.
//!
//! Matches the data model of NLTK's `nltk.downloader.Package` and
//! `Collection`: every attribute of a `<package>` element is kept (the
//! well-known ones as typed fields, all of them in [`Package::attributes`]),
//! and `<collection>` elements list their members with `<item ref="..."/>`,
//! which may name packages or other collections.
//!
//! Unlike NLTK, parsing also *validates* the entries: an id, subdir or url
//! that could make the downloader write outside the data folder is refused
//! with [`Error::UnsafeIndex`], and so the whole index is rejected.

use std::collections::{BTreeMap, HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::error::{Error, Result};

/// One downloadable package (`<package .../>` in `index.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// Unique id, e.g. `brown`.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Folder under the data folder, e.g. `corpora` (may contain `/`).
    pub subdir: String,
    /// Where to fetch the zip from.
    pub url: String,
    /// Size of the zip in bytes.
    pub size: u64,
    /// Total size of the unpacked files in bytes (0 when not given).
    pub unzipped_size: u64,
    /// MD5 of the zip, lowercase hex (`checksum` attribute).
    pub checksum: String,
    /// SHA-256 of the zip, lowercase hex, when the index carries one
    /// (`sha256_checksum` or `sha256` attribute).
    pub sha256: Option<String>,
    /// Whether the zip is unpacked after download (`unzip="1"`).
    pub unzip: bool,
    /// Every attribute of the element, as written (author, license, webpage, ...).
    pub attributes: BTreeMap<String, String>,
}

impl Package {
    /// The archive's path relative to the data folder: `<subdir>/<id>.zip`.
    pub fn zip_path(&self) -> String {
        format!("{}/{}.zip", self.subdir, self.id)
    }

    /// The unpacked folder relative to the data folder: `<subdir>/<id>`.
    pub fn folder_path(&self) -> String {
        format!("{}/{}", self.subdir, self.id)
    }

    /// An attribute by name (`author`, `license`, ...), if present.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }
}

/// A named group of packages and collections (`<collection>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    /// Unique id, e.g. `book`.
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// Ids of the members (`<item ref="..."/>`), packages or collections.
    pub items: Vec<String>,
    /// Every attribute of the element.
    pub attributes: BTreeMap<String, String>,
}

/// A parsed `index.xml`.
///
/// # Example
/// ```
/// use nlkit_downloader::Index;
/// let xml = r#"<nltk_data><packages>
///   <package id="stopwords" name="Stopwords" subdir="corpora" unzip="1"
///            size="10" unzipped_size="20" checksum="0123456789abcdef0123456789abcdef"
///            url="https://example.org/packages/corpora/stopwords.zip" license="public domain"/>
/// </packages><collections>
///   <collection id="all" name="Everything"><item ref="stopwords"/></collection>
/// </collections></nltk_data>"#;
/// let index = Index::parse(xml.as_bytes(), "example")?;
/// assert_eq!(index.package("stopwords").unwrap().attribute("license"), Some("public domain"));
/// assert_eq!(index.expand(&["all"])?.len(), 1);
/// # Ok::<(), nlkit_downloader::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Index {
    packages: Vec<Package>,
    collections: Vec<Collection>,
    by_id: HashMap<String, Entry>,
}

#[derive(Debug, Clone, Copy)]
enum Entry {
    Package(usize),
    Collection(usize),
}

/// A package or a collection, as looked up by id.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    /// A package.
    Package(&'a Package),
    /// A collection.
    Collection(&'a Collection),
}

fn is_safe_name(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '+'))
}

impl Index {
    /// Parses and validates an `index.xml` document. `source_name` (a URL or
    /// path) is used in error messages.
    ///
    /// # Errors
    /// [`Error::Index`] for malformed XML, missing or invalid attributes or
    /// duplicate ids;
    /// [`Error::UnsafeIndex`] for ids, subdirs or urls that could escape the
    /// data folder.
    pub fn parse(xml: &[u8], source_name: &str) -> Result<Index> {
        let bad = |message: String| Error::Index {
            source_name: source_name.to_string(),
            message,
        };
        let mut reader = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut index = Index::default();
        let mut current: Option<Collection> = None;
        let mut saw_root = false;
        loop {
            let pos = reader.buffer_position();
            let ev = reader
                .read_event_into(&mut buf)
                .map_err(|e| bad(format!("at byte {pos}: {e}")))?;
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let is_empty = matches!(ev, Event::Empty(_));
                    match e.name().as_ref() {
                        b"nltk_data" => saw_root = true,
                        b"package" => {
                            let attrs = attributes(e, &bad)?;
                            index.packages.push(package_from(attrs, source_name)?);
                        }
                        b"collection" => {
                            let attributes = attributes(e, &bad)?;
                            let id = attributes.get("id").cloned().unwrap_or_default();
                            check_name(&id, "id", source_name)?;
                            let c = Collection {
                                name: attributes
                                    .get("name")
                                    .cloned()
                                    .unwrap_or_else(|| id.clone()),
                                id,
                                items: Vec::new(),
                                attributes,
                            };
                            if is_empty {
                                index.collections.push(c);
                            } else {
                                current = Some(c);
                            }
                        }
                        b"item" => {
                            let attrs = attributes(e, &bad)?;
                            let Some(c) = current.as_mut() else {
                                return Err(bad("<item> outside a <collection>".into()));
                            };
                            let r = attrs.get("ref").ok_or_else(|| {
                                bad(format!("<item> without ref in collection `{}`", c.id))
                            })?;
                            c.items.push(r.clone());
                        }
                        _ => {}
                    }
                }
                Event::End(ref e) if e.name().as_ref() == b"collection" => {
                    if let Some(c) = current.take() {
                        index.collections.push(c);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        if !saw_root {
            return Err(bad("no <nltk_data> element".into()));
        }
        for (i, p) in index.packages.iter().enumerate() {
            if index
                .by_id
                .insert(p.id.clone(), Entry::Package(i))
                .is_some()
            {
                return Err(bad(format!("duplicate id `{}`", p.id)));
            }
        }
        for (i, c) in index.collections.iter().enumerate() {
            if index
                .by_id
                .insert(c.id.clone(), Entry::Collection(i))
                .is_some()
            {
                return Err(bad(format!("duplicate id `{}`", c.id)));
            }
        }
        Ok(index)
    }

    /// All packages, in index order.
    pub fn packages(&self) -> &[Package] {
        &self.packages
    }

    /// All collections, in index order.
    pub fn collections(&self) -> &[Collection] {
        &self.collections
    }

    /// A package by id.
    pub fn package(&self, id: &str) -> Option<&Package> {
        match self.by_id.get(id)? {
            Entry::Package(i) => self.packages.get(*i),
            Entry::Collection(_) => None,
        }
    }

    /// A package or collection by id.
    pub fn get(&self, id: &str) -> Option<Item<'_>> {
        match self.by_id.get(id)? {
            Entry::Package(i) => self.packages.get(*i).map(Item::Package),
            Entry::Collection(i) => self.collections.get(*i).map(Item::Collection),
        }
    }

    /// Expands ids of packages and (nested) collections into the distinct
    /// packages they name, in first-mention order. Cycles between
    /// collections are followed once.
    ///
    /// # Errors
    /// [`Error::UnknownPackage`] for an id the index does not have (also
    /// when a collection refers to one: such an item is not an error until
    /// the collection is expanded, so one dangling reference does not make
    /// the whole index unusable).
    pub fn expand<S: AsRef<str>>(&self, ids: &[S]) -> Result<Vec<&Package>> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for id in ids {
            self.expand_into(id.as_ref(), &mut seen, &mut out)?;
        }
        Ok(out)
    }

    fn expand_into<'a>(
        &'a self,
        id: &str,
        seen: &mut HashSet<String>,
        out: &mut Vec<&'a Package>,
    ) -> Result<()> {
        if !seen.insert(id.to_string()) {
            return Ok(());
        }
        match self.get(id) {
            Some(Item::Package(p)) => out.push(p),
            Some(Item::Collection(c)) => {
                for item in &c.items {
                    self.expand_into(item, seen, out)?;
                }
            }
            None => return Err(Error::UnknownPackage { id: id.to_string() }),
        }
        Ok(())
    }

    /// Replaces the prefix `from` of every package url by `to` (for mirrors
    /// and tests that serve NLTK's layout from another place).
    pub fn rewrite_urls(&mut self, from: &str, to: &str) {
        for p in &mut self.packages {
            if let Some(rest) = p.url.strip_prefix(from) {
                p.url = format!("{to}{rest}");
            }
        }
    }

    /// Resolves relative package urls against the index's own URL, the way
    /// a browser would (`packages/x.zip` next to `.../index.xml`).
    pub(crate) fn resolve_relative_urls(&mut self, index_url: &str) {
        let base = match index_url.rfind('/') {
            Some(i) => &index_url[..=i],
            None => return,
        };
        for p in &mut self.packages {
            if !p.url.contains("://") && !p.url.starts_with('/') {
                p.url = format!("{base}{}", p.url);
            }
        }
    }
}

fn attributes(
    e: &BytesStart<'_>,
    bad: &dyn Fn(String) -> Error,
) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for a in e.attributes() {
        let a = a.map_err(|err| bad(format!("bad attribute: {err}")))?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = a
            .unescape_value()
            .map_err(|err| bad(format!("bad value of attribute `{key}`: {err}")))?
            .into_owned();
        out.insert(key, value);
    }
    Ok(out)
}

fn check_name(value: &str, what: &'static str, source_name: &str) -> Result<()> {
    if is_safe_name(value) {
        Ok(())
    } else {
        Err(Error::UnsafeIndex {
            source_name: source_name.to_string(),
            what,
            value: value.to_string(),
            reason: "must be a plain name (letters, digits, `_`, `-`, `.`, `+`; no path separators, no leading dot, no `..`)",
        })
    }
}

fn check_subdir(value: &str, source_name: &str) -> Result<()> {
    let ok = !value.is_empty() && !value.starts_with('/') && value.split('/').all(is_safe_name);
    if ok {
        Ok(())
    } else {
        Err(Error::UnsafeIndex {
            source_name: source_name.to_string(),
            what: "subdir",
            value: value.to_string(),
            reason:
                "must be a relative path of plain names (no `..`, no absolute path, no backslash)",
        })
    }
}

fn check_url(value: &str, source_name: &str) -> Result<()> {
    let unsafe_url = |reason| Error::UnsafeIndex {
        source_name: source_name.to_string(),
        what: "url",
        value: value.to_string(),
        reason,
    };
    let lower = value.to_ascii_lowercase();
    let (scheme_ok, rest) = if let Some(r) = lower.strip_prefix("http://") {
        (true, r)
    } else if let Some(r) = lower.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = lower.strip_prefix("file://") {
        (true, r)
    } else {
        (!lower.contains(':'), lower.as_str())
    };
    if !scheme_ok {
        return Err(unsafe_url("has a scheme other than http, https or file"));
    }
    let path = rest.split(['?', '#']).next().unwrap_or("");
    if path
        .split('/')
        .any(|seg| seg == ".." || seg == "%2e%2e" || seg == ".%2e" || seg == "%2e.")
        || value.contains('\\')
        || value.chars().any(char::is_control)
    {
        return Err(unsafe_url(
            "contains `..`, a backslash or control characters",
        ));
    }
    Ok(())
}

fn package_from(attrs: BTreeMap<String, String>, source_name: &str) -> Result<Package> {
    let bad = |message: String| Error::Index {
        source_name: source_name.to_string(),
        message,
    };
    let get = |k: &str| attrs.get(k).map(String::as_str);
    let id = get("id")
        .ok_or_else(|| bad("<package> without id".into()))?
        .to_string();
    check_name(&id, "id", source_name)?;
    let need =
        |k: &str| get(k).ok_or_else(|| bad(format!("package `{id}` has no `{k}` attribute")));
    let subdir = need("subdir")?.trim_end_matches('/').to_string();
    check_subdir(&subdir, source_name)?;
    let url = need("url")?.to_string();
    check_url(&url, source_name)?;
    let number = |k: &str, required: bool| -> Result<u64> {
        match get(k) {
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| bad(format!("package `{id}`: `{k}` is not a number: `{v}`"))),
            None if required => Err(bad(format!("package `{id}` has no `{k}` attribute"))),
            None => Ok(0),
        }
    };
    let size = number("size", true)?;
    let unzipped_size = number("unzipped_size", false)?;
    let hex = |k: &str, len: usize| -> Result<Option<String>> {
        match get(k) {
            Some(v) => {
                let v = v.trim().to_ascii_lowercase();
                if v.len() == len && v.bytes().all(|b| b.is_ascii_hexdigit()) {
                    Ok(Some(v))
                } else {
                    Err(bad(format!(
                        "package `{id}`: `{k}` is not a {len}-digit hex checksum: `{v}`"
                    )))
                }
            }
            None => Ok(None),
        }
    };
    let checksum = hex("checksum", 32)?
        .ok_or_else(|| bad(format!("package `{id}` has no `checksum` attribute")))?;
    let sha256 = match hex("sha256_checksum", 64)? {
        Some(s) => Some(s),
        None => hex("sha256", 64)?,
    };
    let unzip = matches!(
        get("unzip").map(str::trim),
        Some("1") | Some("true") | Some("True")
    );
    Ok(Package {
        name: get("name").unwrap_or(&id).to_string(),
        id,
        subdir,
        url,
        size,
        unzipped_size,
        checksum,
        sha256,
        unzip,
        attributes: attrs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg(id: &str, subdir: &str, url: &str) -> String {
        format!(
            r#"<nltk_data><packages><package id="{id}" subdir="{subdir}" url="{url}" size="1" checksum="0123456789abcdef0123456789abcdef"/></packages></nltk_data>"#
        )
    }

    #[test]
    fn rejects_escaping_entries() {
        for (id, sub, url) in [
            ("../x", "corpora", "http://h/x.zip"),
            ("a/b", "corpora", "http://h/x.zip"),
            ("..", "corpora", "http://h/x.zip"),
            ("x", "../corpora", "http://h/x.zip"),
            ("x", "/etc", "http://h/x.zip"),
            ("x", "a\\b", "http://h/x.zip"),
            ("x", "corpora", "http://h/../x.zip"),
            ("x", "corpora", "ftp://h/x.zip"),
            ("x", "corpora", "javascript:alert(1)"),
        ] {
            let e = Index::parse(pkg(id, sub, url).as_bytes(), "t").unwrap_err();
            assert!(
                matches!(e, Error::UnsafeIndex { .. }),
                "{id} {sub} {url}: {e}"
            );
        }
        assert!(Index::parse(
            pkg("omw-1.4", "corpora/x", "http://h/x.zip").as_bytes(),
            "t"
        )
        .is_ok());
    }

    #[test]
    fn nested_collections_and_cycles() {
        let xml = r#"<nltk_data><packages>
          <package id="a" subdir="c" url="a.zip" size="1" checksum="0123456789abcdef0123456789abcdef"/>
          <package id="b" subdir="c" url="b.zip" size="1" checksum="0123456789abcdef0123456789abcdef"/>
          </packages><collections>
          <collection id="x"><item ref="a"/><item ref="y"/></collection>
          <collection id="y"><item ref="b"/><item ref="x"/></collection>
          </collections></nltk_data>"#;
        let i = Index::parse(xml.as_bytes(), "t").unwrap();
        let ids: Vec<_> = i
            .expand(&["y"])
            .unwrap()
            .iter()
            .map(|p| p.id.clone())
            .collect();
        assert_eq!(ids, ["b", "a"]);
        assert!(matches!(
            i.expand(&["zz"]),
            Err(Error::UnknownPackage { .. })
        ));
    }

    #[test]
    fn malformed() {
        for xml in ["", "<nltk_data><packages><package id=\"a\"/></packages></nltk_data>", "<nltk_data><packages><package id=\"a\" subdir=\"c\" url=\"u\" size=\"x\" checksum=\"0123456789abcdef0123456789abcdef\"/></packages></nltk_data>", "<nltk_data><unclosed"] {
            assert!(matches!(Index::parse(xml.as_bytes(), "t"), Err(Error::Index { .. })), "{xml}");
        }
        // A dangling collection item is an error only when expanded.
        let dangling = r#"<nltk_data><collections><collection id="c"><item ref="nope"/></collection></collections></nltk_data>"#;
        let i = Index::parse(dangling.as_bytes(), "t").unwrap();
        assert!(matches!(i.expand(&["c"]), Err(Error::UnknownPackage { id }) if id == "nope"));
    }
}
