"""Corpus readers by NLTK id: ``nlkit.corpus.brown.words(categories="news")``,
``nlkit.corpus.treebank.tagged_words()``, ``reader("conll2000").sents()``.

Readers open on first use from the NLTK data path (``LookupError`` with
NLTK's text when the corpus is not installed). Views are lists (NLTK
returns lazy corpus views that compare equal to them)."""

from . import _data, _native

__all__ = ["reader", "CorpusReader"]


def _ids(x):
    if x is None:
        return None
    return [x] if isinstance(x, str) else list(x)


class CorpusReader:
    """NLTK's corpus reader API (``fileids``, ``categories``, ``words``,
    ``sents``, ``tagged_words``) for corpus ``id``."""

    def __init__(self, id):
        self._id = id
        self._native = None

    def _r(self):
        if self._native is None:
            self._native = _native.CorpusReader.open(self._id, _data.path())
        return self._native

    def fileids(self, categories=None):
        return self._r().fileids(_ids(categories))

    def categories(self, fileids=None):
        return self._r().categories(_ids(fileids))

    def words(self, fileids=None, categories=None):
        return self._r().words(_ids(fileids), _ids(categories))

    def sents(self, fileids=None, categories=None):
        return self._r().sents(_ids(fileids), _ids(categories))

    def tagged_words(self, fileids=None, categories=None):
        return self._r().tagged_words(_ids(fileids), _ids(categories))

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
