"""NLTK's data downloader: ``nlkit.download("stopwords")`` as ``nltk.download``,
and ``nlkit.downloader.Downloader`` as ``nltk.downloader.Downloader``.

The index is read and packages are fetched, verified (size, MD5, SHA-256
when the index has it) and unpacked by the Rust crate ``nlkit-downloader``,
without the GIL. It installs in NLTK's layout (``<dir>/<subdir>/<id>.zip``
and the unpacked ``<dir>/<subdir>/<id>/``), so NLTK and nlkit share one data
folder. Messages, return values and status strings are NLTK's.

Differences from NLTK: no interactive shell or GUI (``download()`` without an
id raises ``ValueError``), no "Retry? [n/y/e]" prompt with
``halt_on_error=False`` (the next package is tried), no HuggingFace
(``hf=True``) or ``extract`` option, error texts are nlkit's, a package is
unpacked into a temporary folder and renamed into place (fully installed or
absent), and loopback/private mirrors are allowed. The index URL defaults to
``$NLTK_DOWNLOAD_URL`` (NLTK's command line reads it) before NLTK's own."""

import os
import sys
import textwrap
import time

from . import _data, _native

__all__ = ["Downloader", "Package", "Collection", "download", "update"]

DEFAULT_URL = _native.DEFAULT_INDEX_URL

# Retired packages and the package that replaces them (NLTK installs both).
_SUCCESSORS = {
    "punkt": "punkt_tab",
    "averaged_perceptron_tagger": "averaged_perceptron_tagger_eng",
    "averaged_perceptron_tagger_ru": "averaged_perceptron_tagger_rus",
    "maxent_ne_chunker": "maxent_ne_chunker_tab",
    "maxent_treebank_pos_tagger": "maxent_treebank_pos_tagger_tab",
}


class Package:
    """One package of the index (NLTK's ``nltk.downloader.Package``)."""

    def __init__(self, id, name, subdir, size, unzipped_size, checksum, unzip, url, attrs):
        self.__dict__.update(attrs)
        self.id = id
        self.name = name
        self.subdir = subdir
        self.size = int(size)
        self.unzipped_size = int(unzipped_size)
        self.checksum = checksum
        self.unzip = bool(unzip)
        self.url = url
        self.filename = os.path.join(subdir, id + ".zip")

    def __lt__(self, other):
        return self.id < other.id

    def __repr__(self):
        return "<Package %s>" % self.id


class Collection:
    """A collection of packages (NLTK's ``nltk.downloader.Collection``):
    ``children`` as listed, ``packages`` every package it holds."""

    def __init__(self, id, name, children, packages):
        self.id = id
        self.name = name
        self.children = children
        self.packages = packages

    def __lt__(self, other):
        return self.id < other.id

    def __repr__(self):
        return "<Collection %s>" % self.id


def _show_text(s):
    """One logical line, without terminal control characters."""
    return "".join(c if c.isprintable() else " " for c in str(s).replace("\n", " "))


def _check_dir(download_dir):
    if download_dir is None:
        return None
    if isinstance(download_dir, bytes) or not isinstance(download_dir, (str, os.PathLike)):
        raise TypeError("download_dir must be a str or os.PathLike, not %s" % type(download_dir).__name__)
    d = os.fspath(download_dir)
    if not isinstance(d, str):
        raise TypeError("download_dir must be a str path")
    if "\0" in d:
        raise ValueError("download_dir contains a NUL character")
    return d


class Downloader:
    """Access to an NLTK data server (NLTK's ``nltk.downloader.Downloader``):
    ``info``, ``list``, ``packages``, ``collections``, ``status``,
    ``is_stale``, ``is_installed``, ``download``, ``update``."""

    INDEX_TIMEOUT = 60 * 60
    DEFAULT_URL = DEFAULT_URL
    INSTALLED = "installed"
    NOT_INSTALLED = "not installed"
    STALE = "out of date"
    PARTIAL = "partial"

    def __init__(self, server_index_url=None, download_dir=None):
        if server_index_url is not None and not isinstance(server_index_url, str):
            raise TypeError("server_index_url must be a str")
        self._url = server_index_url or os.environ.get("NLTK_DOWNLOAD_URL") or DEFAULT_URL
        self._download_dir = _check_dir(download_dir)
        self._index = None
        self._index_timestamp = None
        self._packages = {}
        self._collections = {}
        self._errors = None
        if self._download_dir is None:
            self._download_dir = self.default_download_dir()

    # -- index ---------------------------------------------------------

    def _update_index(self, url=None):
        if url is not None:
            self._url = url
        fresh = (
            self._index is not None
            and self._index.url == self._url
            and time.time() - self._index_timestamp < self.INDEX_TIMEOUT
        )
        if fresh:
            return
        index = _native.DataIndex.load(self._url)
        packages = {p[0]: Package(*p) for p in index.packages()}
        raw = {c[0]: c for c in index.collections()}
        collections = {}
        for cid, (_, name, _items) in raw.items():
            members = [packages[pid] for pid in index.expand(cid) if pid in packages]
            collections[cid] = Collection(cid, name, [], members)
        for cid, (_, _name, items) in raw.items():
            collections[cid].children = [
                packages.get(i) or collections[i] for i in items if i in packages or i in collections
            ]
        self._index, self._index_timestamp = index, time.time()
        self._packages, self._collections = packages, collections

    def _native_index(self):
        """The native index (fetched when needed). NLTK's ``index()`` returns
        the XML tree, which nlkit does not keep."""
        self._update_index()
        return self._index

    def info(self, id):
        """The ``Package`` or ``Collection`` ``id``; ``ValueError`` if the index has neither."""
        self._update_index()
        if id in self._packages:
            return self._packages[id]
        if id in self._collections:
            return self._collections[id]
        raise ValueError("Package %r not found in index" % id)

    def list(self, download_dir=None, show_packages=True, show_collections=True, header=True,
             more_prompt=False, skip_installed=False):
        """Prints the index's packages and collections with their status,
        as NLTK's ``list`` (no "Hit Enter" prompt: ``more_prompt=True`` raises
        ``NotImplementedError``)."""
        if more_prompt:
            raise NotImplementedError("nlkit has no interactive prompt (more_prompt=True)")
        if download_dir is None:
            download_dir = self._download_dir
            print("Using default data directory (%s)" % download_dir)
        else:
            download_dir = _check_dir(download_dir)
        if header:
            print("=" * (26 + len(self._url)))
            print(" Data server index for <%s>" % self._url)
            print("=" * (26 + len(self._url)))
        marks = {self.INSTALLED: "*", self.STALE: "-", self.PARTIAL: "P", self.NOT_INSTALLED: " "}
        stale = partial = False
        categories = (["packages"] if show_packages else []) + (["collections"] if show_collections else [])
        for category in categories:
            print("%s:" % category.capitalize())
            for info in sorted(getattr(self, category)(), key=str):
                status = self.status(info, download_dir)
                if status == self.INSTALLED and skip_installed:
                    continue
                stale = stale or status == self.STALE
                partial = partial or status == self.PARTIAL
                name = textwrap.fill("-" * 27 + _show_text(info.name or info.id), 75,
                                     subsequent_indent=27 * " ")[27:]
                print("  [{}] {} {}".format(marks[status], info.id.ljust(20, "."), name))
            print()
        msg = "([*] marks installed packages"
        if stale:
            msg += "; [-] marks out-of-date or corrupt packages"
        if partial:
            msg += "; [P] marks partially installed collections"
        print(textwrap.fill(msg + ")", subsequent_indent=" ", width=76))

    def packages(self):
        self._update_index()
        return list(self._packages.values())

    def corpora(self):
        self._update_index()
        return [p for p in self._packages.values() if p.subdir == "corpora"]

    def models(self):
        self._update_index()
        return [p for p in self._packages.values() if p.subdir != "corpora"]

    def collections(self):
        self._update_index()
        return list(self._collections.values())

    def _info_or_id(self, info_or_id):
        if isinstance(info_or_id, str):
            return self.info(info_or_id)
        if isinstance(info_or_id, (Package, Collection)):
            return info_or_id
        raise TypeError(
            "expected a package or collection id (str), not %s" % type(info_or_id).__name__
        )

    # -- status --------------------------------------------------------

    def status(self, info_or_id, download_dir=None):
        """``INSTALLED``, ``NOT_INSTALLED``, ``STALE`` or (a collection) ``PARTIAL``."""
        download_dir = _check_dir(download_dir) or self._download_dir
        info = self._info_or_id(info_or_id)
        if isinstance(info, Collection):
            states = [self.status(p, download_dir) for p in info.packages]
            if self.STALE in states:
                return self.STALE
            if self.PARTIAL in states:
                return self.PARTIAL
            if self.INSTALLED in states and self.NOT_INSTALLED in states:
                return self.PARTIAL
            if self.NOT_INSTALLED in states:
                return self.NOT_INSTALLED
            return self.INSTALLED
        return self._native_index().status(info.id, download_dir)

    def is_stale(self, info_or_id, download_dir=None):
        return self.status(info_or_id, download_dir) == self.STALE

    def is_installed(self, info_or_id, download_dir=None):
        return self.status(info_or_id, download_dir) == self.INSTALLED

    def clear_status_cache(self, id=None):
        """NLTK API; nlkit does not cache statuses."""

    # -- downloading ---------------------------------------------------

    def _incr_download(self, info_or_id, download_dir, force, expanding=None):
        """NLTK's message stream: ("error", package, text), ("start_collection", c),
        ("finish_collection", c), ("start_package", p), ("up_to_date", p), ("unzip", p)."""
        if expanding is None:
            reached = []
            for msg in self._incr_download(info_or_id, download_dir, force, ()):
                if msg[0] == "start_package":
                    reached.append(msg[1].id)
                yield msg
            seen = set(reached)
            for pid in reached:
                new = _SUCCESSORS.get(pid)
                if new in seen or new not in self._packages:
                    continue
                seen.add(new)
                yield from self._incr_download(self._packages[new], download_dir, force, ())
            return
        if isinstance(info_or_id, (list, tuple)):
            items = list(info_or_id)
            for i, item in enumerate(items):
                try:
                    items[i] = self._info_or_id(item)
                except (OSError, ValueError) as e:
                    yield ("error", item, e)
                    return
            for item in items:
                yield from self._incr_download(item, download_dir, force, expanding)
            return
        try:
            info = self._info_or_id(info_or_id)
        except (OSError, ValueError) as e:
            yield ("error", None, "Error loading %s: %s" % (info_or_id, e))
            return
        if isinstance(info, Collection):
            if info.id in expanding:
                return
            yield ("start_collection", info)
            yield from self._incr_download(info.children, download_dir, force, (*expanding, info.id))
            yield ("finish_collection", info)
            return
        yield ("start_package", info)
        try:
            installed = self._native_index().download(info.id, download_dir, bool(force))
        except (OSError, ValueError) as e:
            yield ("error", info, e)
            return
        if not installed:
            yield ("up_to_date", info)
        elif info.unzip:
            yield ("unzip", info)

    def download(
        self,
        info_or_id=None,
        download_dir=None,
        quiet=False,
        force=False,
        prefix="[nltk_data] ",
        halt_on_error=True,
        raise_on_error=False,
        print_error_to=sys.stderr,
        hf=False,
        extract=None,
    ):
        """Downloads and installs a package or collection id (or a list of
        them) as NLTK's ``download``: ``True`` on success, ``False`` after an
        error (printed to ``print_error_to``), or ``ValueError`` with
        ``raise_on_error=True``."""
        if hf:
            raise NotImplementedError("nlkit does not download from HuggingFace (hf=True)")
        if extract:
            raise NotImplementedError("nlkit does not support extract=True")
        if info_or_id is None:
            raise ValueError("nlkit has no interactive downloader: name a package or collection id")
        ids = info_or_id if isinstance(info_or_id, (list, tuple)) else [info_or_id]
        for i in ids:
            if not isinstance(i, (str, Package, Collection)):
                raise TypeError("expected a package or collection id (str), not %s" % type(i).__name__)
        if not isinstance(prefix, str):
            raise TypeError("prefix must be a str")
        download_dir = _check_dir(download_dir)
        if download_dir is None:
            download_dir = self._download_dir

        def print_to(s):
            print(s, file=print_error_to)

        def show(s, prefix2=""):
            print_to(textwrap.fill(_show_text(s), initial_indent=prefix + prefix2,
                                   subsequent_indent=prefix + prefix2 + " " * 4))

        for msg in self._incr_download(info_or_id, download_dir, force):
            kind = msg[0]
            if kind == "error":
                show(msg[2])
                if raise_on_error:
                    raise ValueError(str(msg[2]))
                if halt_on_error:
                    return False
                self._errors = True
            if quiet:
                continue
            if kind == "start_collection":
                show("Downloading collection %r" % msg[1].id)
                prefix += "   | "
                print_to(prefix)
            elif kind == "finish_collection":
                print_to(prefix)
                prefix = prefix[:-4]
                if self._errors:
                    show("Downloaded collection %r with errors" % msg[1].id)
                else:
                    show("Done downloading collection %s" % msg[1].id)
            elif kind == "start_package":
                show("Downloading package %s to %s..." % (msg[1].id, download_dir))
            elif kind == "up_to_date":
                show("Package %s is already up-to-date!" % msg[1].id, "  ")
            elif kind == "unzip":
                show("Unzipping %s." % msg[1].filename, "  ")
        return True

    def update(self, quiet=False, prefix="[nltk_data] "):
        """Re-installs every stale package of the download folder."""
        self.clear_status_cache()
        for pkg in self.packages():
            if self.status(pkg) == self.STALE:
                self.download(pkg, quiet=quiet, prefix=prefix)

    # -- folders -------------------------------------------------------

    def default_download_dir(self):
        """The first existing, writable folder of the NLTK data path, else ``~/nltk_data``."""
        for d in _data.path():
            if os.path.isdir(d) and os.access(d, os.W_OK | os.X_OK):
                return d
        home = os.path.expanduser("~/")
        if home == "~/":
            raise ValueError("Could not find a default download directory")
        return os.path.join(home, "nltk_data")

    def _get_download_dir(self):
        return self._download_dir

    def _set_download_dir(self, download_dir):
        self._download_dir = _check_dir(download_dir)

    download_dir = property(_get_download_dir, _set_download_dir)

    def _get_url(self):
        return self._url

    def _set_url(self, url):
        if not isinstance(url, str):
            raise TypeError("url must be a str")
        self._update_index(url)

    url = property(_get_url, _set_url)


_downloader = None


def _default():
    global _downloader
    if _downloader is None:
        _downloader = Downloader()
    return _downloader


def download(
    info_or_id=None,
    download_dir=None,
    quiet=False,
    force=False,
    prefix="[nltk_data] ",
    halt_on_error=True,
    raise_on_error=False,
    print_error_to=sys.stderr,
    hf=False,
    extract=None,
):
    """``nltk.download``: installs a package or collection from NLTK's data
    server (``$NLTK_DOWNLOAD_URL`` when set) into ``download_dir`` (default:
    the first writable folder of the NLTK data path, else ``~/nltk_data``).
    Returns ``True``, or ``False`` after a printed error."""
    return _default().download(
        info_or_id, download_dir, quiet, force, prefix, halt_on_error, raise_on_error,
        print_error_to, hf, extract,
    )


def update():
    """``nltk.downloader.update``: re-installs stale packages."""
    _default().update()
