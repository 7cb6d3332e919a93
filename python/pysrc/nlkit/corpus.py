"""Corpus readers by NLTK id: ``nlkit.corpus.brown.words(categories="news")``,
``nlkit.corpus.treebank.parsed_sents()``, ``reader("conll2000").chunked_sents()``.

Readers open on first use from the NLTK data path (``LookupError`` with
NLTK's text when the corpus is not installed). Views are lists (NLTK
returns lazy corpus views that compare equal to them); trees are
``nlkit.Tree`` (``str`` as NLTK's, ``to_nltk()``). A view the corpus's NLTK
reader lacks raises ``ValueError``; an unknown file id ``OSError`` and an
unknown category ``ValueError``, as NLTK. ``tagset="universal"`` maps brown,
treebank and conll2000 tags with NLTK's mapping files."""

from . import _data, _native
from .tree import Tree

__all__ = ["reader", "CorpusReader"]


def _ids(x):
    if x is None:
        return None
    return [x] if isinstance(x, str) else list(x)


def _tree(node):
    """A native ``(label, [children])`` tree; leaves are str or ``(word, tag)``."""
    label, kids = node
    return Tree(label, [k if isinstance(k, str) or not isinstance(k[1], list) else _tree(k) for k in kids])


def _tagset(tagset):
    if tagset is not None and not isinstance(tagset, str):
        raise TypeError("tagset must be a str or None")
    return tagset


class CorpusReader:
    """NLTK's corpus reader API for corpus ``id``: ``fileids``,
    ``categories``, ``raw``, ``words``, ``sents``, ``paras``,
    ``tagged_words``, ``tagged_sents``, ``tagged_paras``, ``iob_words``,
    ``iob_sents``, ``chunked_sents``, ``parsed_sents`` (each where NLTK's
    reader for the corpus has it)."""

    def __init__(self, id):
        self._id = id
        self._native = None

    def _r(self):
        if self._native is None:
            self._native = _native.CorpusReader.open(self._id, _data.path())
        return self._native

    def _view(self, name, *args, tree=False):
        """Calls the native view ``name``; Python's cyclic GC is paused while
        the many result tuples are built (each allocation burst would
        otherwise walk every live object)."""
        r = self._r()
        with _data.paused_gc():
            out = getattr(r, name)(*args)
            return [_tree(t) for t in out] if tree else out

    def fileids(self, categories=None):
        return self._r().fileids(_ids(categories))

    def categories(self, fileids=None):
        return self._r().categories(_ids(fileids))

    def words(self, fileids=None, categories=None):
        return self._view("words", _ids(fileids), _ids(categories))

    def sents(self, fileids=None, categories=None):
        return self._view("sents", _ids(fileids), _ids(categories))

    def raw(self, fileids=None, categories=None):
        return self._view("raw", _ids(fileids), _ids(categories))

    def paras(self, fileids=None, categories=None):
        return self._view("paras", _ids(fileids), _ids(categories))

    def tagged_words(self, fileids=None, categories=None, tagset=None):
        return self._view("tagged_words", _ids(fileids), _ids(categories), _tagset(tagset))

    def tagged_sents(self, fileids=None, categories=None, tagset=None):
        return self._view("tagged_sents", _ids(fileids), _ids(categories), _tagset(tagset))

    def tagged_paras(self, fileids=None, categories=None, tagset=None):
        return self._view("tagged_paras", _ids(fileids), _ids(categories), _tagset(tagset))

    def iob_words(self, fileids=None, tagset=None):
        return self._view("iob_words", _ids(fileids), _tagset(tagset))

    def iob_sents(self, fileids=None, tagset=None):
        return self._view("iob_sents", _ids(fileids), _tagset(tagset))

    def chunked_sents(self, fileids=None, chunk_types=None, tagset=None):
        return self._view("chunked_sents", _ids(fileids), _ids(chunk_types), _tagset(tagset), tree=True)

    def parsed_sents(self, fileids=None):
        return self._view("parsed_sents", _ids(fileids), tree=True)

    def __repr__(self):
        return "<CorpusReader %r (nlkit)>" % self._id


_readers = {}


def reader(id):
    """The reader of corpus ``id`` (cached)."""
    r = _readers.get(id)
    if r is None:
        r = _readers[id] = CorpusReader(id)
    return r


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    return reader(name)
