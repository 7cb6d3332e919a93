"""``nltk.corpus.wordnet`` on nlkit: ``wordnet.synsets``, ``synset``,
``lemmas``, ``morphy``, ``all_lemma_names``; synsets with NLTK's relation
methods, depths, ``path_similarity`` and ``wup_similarity``. WordNet is read
from ``corpora/wordnet`` on the NLTK data path on first use."""

from . import _data, _native

__all__ = ["wordnet", "wn", "WordNetCorpusReader"]


class WordNetCorpusReader:
    """The subset of NLTK's WordNet reader nlkit answers."""

    ADJ, ADJ_SAT, ADV, NOUN, VERB = "a", "s", "r", "n", "v"

    def __init__(self):
        self._db = None

    def _wn(self):
        if self._db is None:
            self._db = _native.Lemmatizer.load(_data.path())
        return self._db

    def synsets(self, lemma, pos=None, lang="eng", check_exceptions=True):
        if lang != "eng" or not check_exceptions:
            raise NotImplementedError("nlkit's WordNet answers lang='eng' with check_exceptions=True only")
        return self._wn().synsets(lemma, pos)

    def synset(self, name):
        return self._wn().synset(name)

    def lemmas(self, lemma, pos=None, lang="eng"):
        if lang != "eng":
            raise NotImplementedError("nlkit's WordNet answers lang='eng' only")
        return self._wn().lemmas(lemma, pos)

    def morphy(self, form, pos=None, check_exceptions=True):
        if not check_exceptions:
            raise NotImplementedError("nlkit's morphy always checks the exception lists")
        return self._wn().morphy(form, pos)

    def all_lemma_names(self, pos=None, lang="eng"):
        if lang != "eng":
            raise NotImplementedError("nlkit's WordNet answers lang='eng' only")
        if pos is None:
            seen, out = set(), []
            for p in "nvar":
                for n in self._wn().all_lemma_names(p):
                    if n not in seen:
                        seen.add(n)
                        out.append(n)
            return out
        return self._wn().all_lemma_names(pos)


wordnet = wn = WordNetCorpusReader()
