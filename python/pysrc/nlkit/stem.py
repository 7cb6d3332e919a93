"""NLTK's stemmers and WordNet lemmatizer (``nltk.stem``) on nlkit."""

from . import _data, _native

__all__ = ["PorterStemmer", "SnowballStemmer", "LancasterStemmer", "WordNetLemmatizer"]


class PorterStemmer:
    """``nltk.stem.PorterStemmer(mode)``."""

    NLTK_EXTENSIONS = "NLTK_EXTENSIONS"
    MARTIN_EXTENSIONS = "MARTIN_EXTENSIONS"
    ORIGINAL_ALGORITHM = "ORIGINAL_ALGORITHM"

    def __init__(self, mode=NLTK_EXTENSIONS):
        if mode not in (self.NLTK_EXTENSIONS, self.MARTIN_EXTENSIONS, self.ORIGINAL_ALGORITHM):
            raise ValueError("Mode must be one of PorterStemmer.NLTK_EXTENSIONS, "
                             "PorterStemmer.MARTIN_EXTENSIONS, or "
                             "PorterStemmer.ORIGINAL_ALGORITHM")
        self.mode = mode
        self._native = _native.Porter(mode)

    def stem(self, word, to_lowercase=True):
        return self._native.stem(word, bool(to_lowercase))

    def stem_many(self, words, to_lowercase=True):
        """Extension: stems a list of words in parallel."""
        return self._native.stem_many(list(words), bool(to_lowercase))

    def __repr__(self):
        return "<PorterStemmer>"


class SnowballStemmer:
    """``nltk.stem.SnowballStemmer(language, ignore_stopwords)``."""

    languages = tuple(_native.Snowball.languages())

    def __init__(self, language, ignore_stopwords=False):
        if language not in self.languages:
            raise ValueError(f"The language '{language}' is not supported.")
        stop = None
        if ignore_stopwords:
            if language == "porter":
                raise ValueError("The Porter stemmer has no stopword list")
            with open(_data.find_file(f"corpora/stopwords/{language}"), encoding="utf-8") as f:
                stop = [w.strip() for w in f if w.strip()]
        self.language = language
        self.stopwords = set(stop or ())
        self._native = _native.Snowball(language, stop)

    def stem(self, token):
        return self._native.stem(token)

    def stem_many(self, words):
        """Extension: stems a list of words in parallel."""
        return self._native.stem_many(list(words))


class LancasterStemmer:
    """``nltk.stem.LancasterStemmer(rule_tuple, strip_prefix_flag)``."""

    def __init__(self, rule_tuple=None, strip_prefix_flag=False):
        rules = None if rule_tuple is None else [str(r) for r in rule_tuple]
        self._native = _native.Lancaster(rules, bool(strip_prefix_flag))

    def stem(self, word):
        return self._native.stem(word)

    def __repr__(self):
        return "<LancasterStemmer>"


class WordNetLemmatizer:
    """``nltk.stem.WordNetLemmatizer`` over ``corpora/wordnet``, loaded on
    first use (``LookupError`` when WordNet is not installed)."""

    def __init__(self):
        self._native = None

    def _lem(self):
        if self._native is None:
            self._native = _native.Lemmatizer.load(_data.path())
        return self._native

    def lemmatize(self, word, pos="n"):
        return self._lem().lemmatize(word, pos)

    def lemmatize_many(self, words, poses):
        """Extension: lemmatizes ``words[i]`` with WordNet POS ``poses[i]``, in parallel."""
        return self._lem().lemmatize_many(list(words), list(poses))

    def morphy(self, form, pos=None):
        return self._lem().morphy(form, pos)

    def __repr__(self):
        return "<WordNetLemmatizer>"
