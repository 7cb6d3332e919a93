"""``patch_nltk()`` / ``unpatch_nltk()``: NLTK's hot functions and methods
answered by nlkit inside a running process.

Each replacement checks that nlkit can answer the call exactly as NLTK
would (plain ``str`` arguments, options nlkit implements, the class itself
rather than a subclass, data found); otherwise, or if nlkit raises, it calls
NLTK's original, so patched code never changes results or exceptions.

Patched: ``word_tokenize``, ``sent_tokenize``, ``pos_tag``, ``pos_tag_sents``
(under every ``nltk.*`` module name that refers to them), and the methods
``TreebankWordTokenizer.tokenize``, ``NLTKWordTokenizer.tokenize``,
``TreebankWordDetokenizer.detokenize``/``tokenize``, ``TweetTokenizer.tokenize``,
``ToktokTokenizer.tokenize``, ``PorterStemmer.stem``, ``LancasterStemmer.stem``,
the Snowball language stemmers' ``stem``, ``WordNetLemmatizer.lemmatize`` and
``RegexpParser.parse`` (grammars given as text, ``(word, tag)`` lists, no trace).
Names bound before patching (``from nltk import word_tokenize`` in a module
imported earlier) keep NLTK's function; ``SnowballStemmer`` objects created
before patching keep NLTK's stemmer.
"""

import functools
import sys

from . import _data, _native

__all__ = ["patch_nltk", "unpatch_nltk", "is_patched"]

_saved = []  # (owner, name, original) in patch order


def is_patched():
    """True between ``patch_nltk()`` and ``unpatch_nltk()``."""
    return bool(_saved)


def _set(owner, name, value):
    _saved.append((owner, name, owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)))
    setattr(owner, name, value)


def _replace_function(orig, repl):
    """Rebinds every ``nltk*`` module attribute that is ``orig``."""
    for modname, mod in list(sys.modules.items()):
        if mod is None or not (modname == "nltk" or modname.startswith("nltk.")):
            continue
        d = getattr(mod, "__dict__", None)
        if not d:
            continue
        for k, v in list(d.items()):
            if v is orig:
                _set(mod, k, repl)


def _is_str_list(x):
    return type(x) in (list, tuple) and all(type(t) is str for t in x)


def _method(cls, name, fast):
    """Wraps ``cls.name``: ``fast(self, *args)`` returns ``NotImplemented``
    to fall through to NLTK's method."""
    orig = cls.__dict__[name]

    @functools.wraps(orig)
    def wrapper(self, *args, **kwargs):
        if type(self) is cls:
            try:
                r = fast(self, *args, **kwargs)
            except Exception:
                r = NotImplemented
            if r is not NotImplemented:
                return r
        return orig(self, *args, **kwargs)

    wrapper.__nlkit_original__ = orig
    _set(cls, name, wrapper)


def patch_nltk():
    """Swaps NLTK's hot paths for nlkit's in this process (idempotent)."""
    if _saved:
        return
    import nltk
    import nltk.stem.snowball as snowball
    import nltk.tag
    import nltk.tokenize
    from nltk.stem import LancasterStemmer, PorterStemmer, WordNetLemmatizer
    from nltk.tokenize import (
        NLTKWordTokenizer,
        ToktokTokenizer,
        TreebankWordDetokenizer,
        TreebankWordTokenizer,
        TweetTokenizer,
    )

    # --- functions ---------------------------------------------------
    o_word = nltk.tokenize.word_tokenize

    @functools.wraps(o_word)
    def word_tokenize(text, language="english", preserve_line=False):
        if type(text) is str and type(language) is str:
            try:
                return _native.word_tokenize(text, language, bool(preserve_line), _data.path())
            except Exception:
                pass
        return o_word(text, language, preserve_line)

    o_sent = nltk.tokenize.sent_tokenize

    @functools.wraps(o_sent)
    def sent_tokenize(text, language="english"):
        if type(text) is str and type(language) is str:
            try:
                return _native.sent_tokenize(text, language, _data.path())
            except Exception:
                pass
        return o_sent(text, language)

    o_pos = nltk.tag.pos_tag
    o_pos_sents = nltk.tag.pos_tag_sents

    def _tagger():
        return _native.Perceptron.load("eng", _data.path())

    @functools.wraps(o_pos)
    def pos_tag(tokens, tagset=None, lang="eng"):
        if lang == "eng" and (not tagset or tagset == "universal") and _is_str_list(tokens):
            try:
                with _data.paused_gc():
                    return _tagger().tag(list(tokens), bool(tagset))
            except Exception:
                pass
        return o_pos(tokens, tagset, lang)

    @functools.wraps(o_pos_sents)
    def pos_tag_sents(sentences, tagset=None, lang="eng"):
        if (lang == "eng" and (not tagset or tagset == "universal") and type(sentences) in (list, tuple)
                and all(_is_str_list(s) for s in sentences)):
            try:
                sents = [list(s) for s in sentences]
                with _data.paused_gc():
                    return _tagger().tag_sents(sents, bool(tagset))
            except Exception:
                pass
        return o_pos_sents(sentences, tagset, lang)

    for orig, repl in ((o_word, word_tokenize), (o_sent, sent_tokenize),
                       (o_pos, pos_tag), (o_pos_sents, pos_tag_sents)):
        repl.__nlkit_original__ = orig
        _replace_function(orig, repl)

    # --- tokenizer methods -------------------------------------------
    def tb_tokenize(self, text, convert_parentheses=False, return_str=False):
        if type(text) is not str or return_str:
            return NotImplemented  # NLTK warns about return_str
        return _native.treebank_tokenize(text, bool(convert_parentheses))

    def nltk_tokenize(self, text, convert_parentheses=False, return_str=False):
        if type(text) is not str or return_str:
            return NotImplemented  # NLTK warns about return_str
        return _native.nltk_word_tokenize(text, bool(convert_parentheses))

    def detok(self, tokens, convert_parentheses=False):
        if not _is_str_list(tokens):
            return NotImplemented
        return _native.detokenize(list(tokens), bool(convert_parentheses))

    def tweet(self, text):
        if type(text) is not str:
            return NotImplemented
        return _native.tweet_tokenize(text, bool(self.preserve_case), bool(self.reduce_len),
                                      bool(self.strip_handles), bool(self.match_phone_numbers))

    def toktok(self, text, return_str=False):
        if type(text) is not str:
            return NotImplemented
        return _native.toktok_rewrite(text) if return_str else _native.toktok_tokenize(text)

    _method(TreebankWordTokenizer, "tokenize", tb_tokenize)
    _method(NLTKWordTokenizer, "tokenize", nltk_tokenize)
    _method(TreebankWordDetokenizer, "detokenize", detok)
    _method(TreebankWordDetokenizer, "tokenize", detok)
    _method(TweetTokenizer, "tokenize", tweet)
    _method(ToktokTokenizer, "tokenize", toktok)

    # --- stemmers and lemmatizer ---------------------------------------
    porters = {}

    def porter(self, word, to_lowercase=True):
        if type(word) is not str or self.mode not in ("NLTK_EXTENSIONS", "MARTIN_EXTENSIONS",
                                                      "ORIGINAL_ALGORITHM"):
            return NotImplemented
        p = porters.get(self.mode)
        if p is None:
            p = porters[self.mode] = _native.Porter(self.mode)
        return p.stem(word, bool(to_lowercase))

    _method(PorterStemmer, "stem", porter)

    default_rules = LancasterStemmer.default_rule_tuple
    lancasters = {}

    def lancaster(self, word):
        if type(word) is not str or tuple(self._rule_tuple) != tuple(default_rules):
            return NotImplemented
        flag = bool(self._strip_prefix)
        s = lancasters.get(flag)
        if s is None:
            s = lancasters[flag] = _native.Lancaster(None, flag)
        return s.stem(word)

    _method(LancasterStemmer, "stem", lancaster)

    snowballs = {}
    native_langs = set(_native.Snowball.languages())
    for lang in nltk.stem.SnowballStemmer.languages:
        if lang == "porter" or lang not in native_langs:
            continue
        cls = getattr(snowball, lang.capitalize() + "Stemmer", None)
        if cls is None or "stem" not in cls.__dict__:
            continue

        def snow(self, word, _lang=lang):
            if type(word) is not str:
                return NotImplemented
            key = (_lang, frozenset(self.stopwords))
            s = snowballs.get(key)
            if s is None:
                s = snowballs[key] = _native.Snowball(_lang, list(self.stopwords) or None)
            return s.stem(word)

        _method(cls, "stem", snow)

    from nltk.chunk import RegexpParser
    from nltk.tree import Tree as NltkTree

    def _nltk_tree(node):
        label, kids = node
        return NltkTree(label, [_nltk_tree(k) if isinstance(k[1], list) else k for k in kids])

    def chunk(self, chunk_struct, trace=None):
        if (trace or self._trace or not isinstance(self._grammar, str) or not self._stages
                or type(chunk_struct) not in (list, tuple)
                or not all(type(p) is tuple and len(p) == 2 and type(p[0]) is str and type(p[1]) is str
                           for p in chunk_struct)):
            return NotImplemented
        key = (self._grammar, self._stages[0]._root_label, self._loop)
        cached = self.__dict__.get("_nlkit_parser")
        if cached is None or cached[0] != key:
            cached = self.__dict__["_nlkit_parser"] = (key, _native.RegexpParser(*key))
        return _nltk_tree(cached[1].parse(list(chunk_struct)))

    _method(RegexpParser, "parse", chunk)

    _patch_lemmatize(WordNetLemmatizer)


def _patch_lemmatize(cls):
    """``WordNetLemmatizer.lemmatize`` answered by nlkit's lemmatizer and
    remembered per (pos, word): scripts call it once per token, so the call
    itself is the cost; this one wrapper does no more than two type checks
    and a dict lookup for a word seen before (a lemma depends only on the
    word, the part of speech and the WordNet data, read once per process).
    Anything else falls through to NLTK's method."""
    orig = cls.__dict__["lemmatize"]
    memo = {p: {} for p in ("n", "v", "a", "r", "s")}
    native = []

    @functools.wraps(orig)
    def lemmatize(self, word, pos="n"):
        if type(word) is str and type(self) is cls:
            m = memo.get(pos) if type(pos) is str else None
            if m is not None:
                r = m.get(word)
                if r is not None:
                    return r
                try:
                    if not native:
                        native.append(_native.Lemmatizer.load(_data.path()))
                    r = native[0].lemmatize(word, pos)
                except Exception:
                    r = None
                if r is not None:
                    if len(m) < _LEMMA_MEMO:
                        m[word] = r
                    return r
        return orig(self, word, pos)

    lemmatize.__nlkit_original__ = orig
    _set(cls, "lemmatize", lemmatize)


# the most (word, lemma) pairs remembered per part of speech
_LEMMA_MEMO = 1 << 20


def unpatch_nltk():
    """Restores everything ``patch_nltk()`` replaced."""
    while _saved:
        owner, name, orig = _saved.pop()
        setattr(owner, name, orig)
