"""NLTK's tokenizers (``nltk.tokenize``) on nlkit's Rust implementations.

Same signatures, defaults and results as NLTK 3.10.4. ``word_tokenize``
and ``sent_tokenize`` read NLTK's ``punkt_tab`` models from the NLTK data
path, like NLTK. Extension: ``word_tokenize`` and ``sent_tokenize`` also
take a list of texts and return one result per text, computed in parallel
without the GIL.
"""

import re as _re
import warnings as _warnings

from . import _data, _native

__all__ = [
    "word_tokenize",
    "sent_tokenize",
    "PunktSentenceTokenizer",
    "PunktTokenizer",
    "TreebankWordTokenizer",
    "NLTKWordTokenizer",
    "TreebankWordDetokenizer",
    "TweetTokenizer",
    "ToktokTokenizer",
    "RegexpTokenizer",
    "WordPunctTokenizer",
    "wordpunct_tokenize",
]


def _is_batch(x):
    return isinstance(x, (list, tuple))


def word_tokenize(text, language="english", preserve_line=False):
    """``nltk.word_tokenize``: Punkt sentences, then the improved Treebank
    tokenizer. A list of texts gives a list of token lists (in parallel)."""
    if _is_batch(text):
        return _native.word_tokenize_batch(list(text), language, bool(preserve_line), _data.path())
    return _native.word_tokenize(text, language, bool(preserve_line), _data.path())


def sent_tokenize(text, language="english"):
    """``nltk.sent_tokenize``: sentences with NLTK's Punkt model for
    ``language``. A list of texts gives a list of sentence lists."""
    if _is_batch(text):
        return _native.sent_tokenize_batch(list(text), language, _data.path())
    return _native.sent_tokenize(text, language, _data.path())


class PunktSentenceTokenizer:
    """``nltk.tokenize.PunktSentenceTokenizer``: empty, or trained on
    ``train_text`` (NLTK's unsupervised Punkt training)."""

    def __init__(self, train_text=None, verbose=False, lang_vars=None, token_cls=None):
        if lang_vars is not None or token_cls is not None:
            raise NotImplementedError("nlkit's Punkt uses NLTK's default language variables and token class")
        if train_text is None:
            self._model = _native.Punkt.empty()
        elif isinstance(train_text, str):
            self._model = _native.Punkt.train(train_text)
        else:
            raise TypeError("train_text: expected a str, got %s" % type(train_text).__name__)

    @classmethod
    def load(cls, language="english"):
        """The pretrained model ``tokenizers/punkt_tab/<language>``."""
        self = cls.__new__(cls)
        self._model = _native.Punkt.load(language, _data.path())
        return self

    def tokenize(self, text, realign_boundaries=True):
        """The sentences of ``text``."""
        return self._model.tokenize(text, bool(realign_boundaries))

    def span_tokenize(self, text, realign_boundaries=True):
        """``(start, end)`` character offsets of the sentences."""
        yield from self._model.span_tokenize(text, bool(realign_boundaries))

    def sentences_from_text(self, text, realign_boundaries=True):
        """As ``tokenize``."""
        return self.tokenize(text, realign_boundaries)

    def abbrev_types(self):
        """The model's abbreviation types, sorted."""
        return self._model.abbrev_types()


class PunktTokenizer(PunktSentenceTokenizer):
    """``nltk.tokenize.PunktTokenizer(lang)``: the pretrained model of a language."""

    def __init__(self, lang="english"):
        self._model = _native.Punkt.load(lang, _data.path())


class TreebankWordTokenizer:
    """``nltk.tokenize.TreebankWordTokenizer``."""

    def tokenize(self, text, convert_parentheses=False, return_str=False):
        if return_str:
            _warnings.warn(
                "Parameter 'return_str' has been deprecated and should no longer be used.",
                category=DeprecationWarning,
                stacklevel=2,
            )
        return _native.treebank_tokenize(text, bool(convert_parentheses))

    def span_tokenize(self, text):
        yield from _native.treebank_span_tokenize(text)


class NLTKWordTokenizer:
    """``nltk.tokenize.NLTKWordTokenizer`` (the word step of ``word_tokenize``)."""

    def tokenize(self, text, convert_parentheses=False, return_str=False):
        if return_str:
            _warnings.warn(
                "Parameter 'return_str' has been deprecated and should no longer be used.",
                category=DeprecationWarning,
                stacklevel=2,
            )
        return _native.nltk_word_tokenize(text, bool(convert_parentheses))


class TreebankWordDetokenizer:
    """``nltk.tokenize.TreebankWordDetokenizer``."""

    def detokenize(self, tokens, convert_parentheses=False):
        if isinstance(tokens, str):
            raise TypeError("tokens: expected a list of strings, got a string")
        return _native.detokenize(list(tokens), bool(convert_parentheses))

    def tokenize(self, tokens, convert_parentheses=False):
        return self.detokenize(tokens, convert_parentheses)


class TweetTokenizer:
    """``nltk.tokenize.TweetTokenizer`` with all of its options."""

    def __init__(self, preserve_case=True, reduce_len=False, strip_handles=False, match_phone_numbers=True):
        self.preserve_case = preserve_case
        self.reduce_len = reduce_len
        self.strip_handles = strip_handles
        self.match_phone_numbers = match_phone_numbers

    def tokenize(self, text):
        return _native.tweet_tokenize(
            text,
            bool(self.preserve_case),
            bool(self.reduce_len),
            bool(self.strip_handles),
            bool(self.match_phone_numbers),
        )


class ToktokTokenizer:
    """``nltk.tokenize.ToktokTokenizer``."""

    def tokenize(self, text, return_str=False):
        if return_str:
            return _native.toktok_rewrite(text)
        return _native.toktok_tokenize(text)


_DEFAULT_FLAGS = _re.UNICODE | _re.MULTILINE | _re.DOTALL


class RegexpTokenizer:
    """``nltk.tokenize.RegexpTokenizer`` (NLTK's default flags only)."""

    def __init__(self, pattern, gaps=False, discard_empty=True, flags=_DEFAULT_FLAGS):
        if not isinstance(pattern, str):
            pattern = getattr(pattern, "pattern", pattern)
        if not isinstance(pattern, str):
            raise TypeError("pattern: expected a str")
        if flags != _DEFAULT_FLAGS:
            raise ValueError("nlkit's RegexpTokenizer supports NLTK's default flags only")
        self._pattern = pattern
        self._gaps = gaps
        self._discard_empty = discard_empty
        self._flags = flags
        self._native = _native.Regexp(pattern, bool(gaps), bool(discard_empty))

    def tokenize(self, text):
        return self._native.tokenize(text)

    def span_tokenize(self, text):
        yield from self._native.span_tokenize(text)

    def __repr__(self):
        return "RegexpTokenizer(pattern=%r, gaps=%r, discard_empty=%r, flags=%r)" % (
            self._pattern,
            self._gaps,
            self._discard_empty,
            self._flags,
        )


class WordPunctTokenizer(RegexpTokenizer):
    """``nltk.tokenize.WordPunctTokenizer``."""

    def __init__(self):
        RegexpTokenizer.__init__(self, r"\w+|[^\w\s]+")


def wordpunct_tokenize(text):
    """``nltk.wordpunct_tokenize``."""
    return WordPunctTokenizer().tokenize(text)
