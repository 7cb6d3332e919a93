"""``nltk.pos_tag`` / ``pos_tag_sents`` / ``PerceptronTagger`` with NLTK's
``averaged_perceptron_tagger_eng`` model, tagged by nlkit."""

from . import _data, _native

__all__ = ["pos_tag", "pos_tag_sents", "PerceptronTagger", "map_tag"]


def map_tag(source, target, source_tag):
    """``nltk.tag.map_tag`` for ``en-ptb`` (or ``wsj``) to ``universal``."""
    if source == "wsj":
        source = "en-ptb"
    return _native.map_tag(source, target, source_tag)


def _universal(tagset):
    if not tagset:
        return False
    if tagset == "universal":
        return True
    raise ValueError("nlkit maps Penn Treebank tags to tagset='universal' only, not %r" % (tagset,))


def _check_lang(lang):
    if lang != "eng":
        raise NotImplementedError("nlkit's pos_tag supports lang='eng' only")


def _tokens(tokens):
    if isinstance(tokens, str):
        raise TypeError("tokens: expected a list of strings, got a string")
    return list(tokens)


class PerceptronTagger:
    """``nltk.tag.PerceptronTagger()`` with NLTK's pretrained English model
    (``load=False`` and training are not supported)."""

    def __init__(self, load=True, lang="eng"):
        if not load:
            raise NotImplementedError("nlkit's PerceptronTagger loads NLTK's pretrained model only")
        _check_lang(lang)
        self.lang = lang
        self._native = _native.Perceptron.load(lang, _data.path())

    def tag(self, tokens, return_conf=False, use_tagdict=True):
        if return_conf or not use_tagdict:
            raise NotImplementedError("nlkit's tagger has no return_conf / use_tagdict=False")
        with _data.paused_gc():
            return self._native.tag(_tokens(tokens), False)

    def tag_sents(self, sentences):
        sents = [_tokens(s) for s in sentences]
        with _data.paused_gc():
            return self._native.tag_sents(sents, False)

    @property
    def classes(self):
        return set(self._native.classes())


def pos_tag(tokens, tagset=None, lang="eng"):
    """``nltk.pos_tag``: ``[(token, tag), ...]``."""
    _check_lang(lang)
    toks = _tokens(tokens)
    universal = _universal(tagset)
    tagger = _native.Perceptron.load(lang, _data.path())
    with _data.paused_gc():
        return tagger.tag(toks, universal)


def pos_tag_sents(sentences, tagset=None, lang="eng"):
    """``nltk.pos_tag_sents``: tags each sentence (in parallel, without the GIL)."""
    _check_lang(lang)
    sents = [_tokens(s) for s in sentences]
    universal = _universal(tagset)
    tagger = _native.Perceptron.load(lang, _data.path())
    with _data.paused_gc():
        return tagger.tag_sents(sents, universal)
