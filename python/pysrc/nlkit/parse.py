"""``nltk.CFG``, ``nltk.PCFG`` and NLTK's parsers: ``ChartParser`` (and its
strategy classes), ``ViterbiParser``, and the probabilistic chart parsers
(``InsideChartParser``, ``LongestChartParser``, ``RandomChartParser``,
``UnsortedChartParser``, with ``beam_size``).

Grammars read NLTK's text format (``fromstring``). Parses come back as
``nlkit.Tree`` objects (``ProbabilisticTree`` with ``prob()`` for PCFG
parsers), convertible to ``nltk.Tree`` with ``to_nltk()``. Differences from
NLTK: the chart parsers give NLTK's set of trees in nlkit's order (one
packed forest for every strategy; ``count(tokens)`` counts it without
enumerating); ``RandomChartParser`` draws from its own ``random.Random(seed)``
rather than the global ``random`` (``seed=0`` by default); grammars are
only read from text, not built from ``Production`` objects."""

from . import _native
from .tree import Tree

__all__ = [
    "Nonterminal", "Production", "CFG", "PCFG", "ChartParser", "BottomUpChartParser",
    "BottomUpLeftCornerChartParser", "LeftCornerChartParser", "TopDownChartParser",
    "EarleyChartParser", "ViterbiParser", "InsideChartParser", "LongestChartParser",
    "RandomChartParser", "UnsortedChartParser", "ProbabilisticTree",
]


class Nonterminal:
    """A grammar's nonterminal (``nltk.Nonterminal``)."""

    def __init__(self, symbol):
        self._symbol = symbol

    def symbol(self):
        return self._symbol

    def __eq__(self, other):
        return type(other) is Nonterminal and self._symbol == other._symbol

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(("Nonterminal", self._symbol))

    def __str__(self):
        return "%s" % self._symbol

    def __repr__(self):
        return "%s" % self._symbol


class Production:
    """``lhs -> rhs`` (``nltk.Production``; ``ProbabilisticProduction`` with ``prob()``)."""

    def __init__(self, lhs, rhs, prob=None):
        self._lhs, self._rhs, self._prob = lhs, tuple(rhs), prob

    def lhs(self):
        return self._lhs

    def rhs(self):
        return self._rhs

    def prob(self):
        return self._prob

    def __len__(self):
        return len(self._rhs)

    def is_lexical(self):
        return any(isinstance(s, str) for s in self._rhs)

    def is_nonlexical(self):
        return not self.is_lexical()

    def __eq__(self, other):
        return isinstance(other, Production) and (self._lhs, self._rhs, self._prob) == (
            other._lhs, other._rhs, other._prob)

    def __hash__(self):
        return hash((self._lhs, self._rhs, self._prob))

    def __str__(self):
        s = "%s ->" % (self._lhs,)
        for elt in self._rhs:
            s += " %r" % elt if isinstance(elt, str) else " %s" % (elt,)
        if self._prob is not None:
            s += " [%.1f]" % self._prob if self._prob == 1.0 else " [%g]" % self._prob
        return s

    __repr__ = __str__


def _production(p, prob=None):
    lhs, rhs = p
    return Production(Nonterminal(lhs), [Nonterminal(s) if nt else s for nt, s in rhs], prob)


class CFG:
    """A context-free grammar, read with ``CFG.fromstring(text)``."""

    def __init__(self, native):
        self._native = native

    @classmethod
    def fromstring(cls, text):
        if not isinstance(text, str):
            raise TypeError("CFG.fromstring takes the grammar as a string")
        return cls(_native.CFG.fromstring(text))

    def start(self):
        return Nonterminal(self._native.start())

    def productions(self, lhs=None, rhs=None):
        out = [_production(p) for p in self._native.productions()]
        if lhs is not None:
            out = [p for p in out if p.lhs() == lhs]
        if rhs is not None:
            out = [p for p in out if p.rhs() and p.rhs()[0] == rhs]
        return out

    def check_coverage(self, tokens):
        self._native.check_coverage(list(tokens))

    def is_chomsky_normal_form(self):
        return self._native.is_chomsky_normal_form()

    def __str__(self):
        prods = self.productions()
        return "Grammar with %d productions (start state = %s)\n" % (len(prods), self.start()) + "\n".join(
            "    %s" % p for p in prods)


class PCFG(CFG):
    """A probabilistic grammar, read with ``PCFG.fromstring(text)``."""

    @classmethod
    def fromstring(cls, text):
        if not isinstance(text, str):
            raise TypeError("PCFG.fromstring takes the grammar as a string")
        return cls(_native.PCFG.fromstring(text))

    def productions(self, lhs=None, rhs=None):
        out = [_production(p, prob) for p, prob in self._native.productions()]
        if lhs is not None:
            out = [p for p in out if p.lhs() == lhs]
        if rhs is not None:
            out = [p for p in out if p.rhs() and p.rhs()[0] == rhs]
        return out

    def is_chomsky_normal_form(self):
        return all(
            (len(p) == 1 and isinstance(p.rhs()[0], str)) or (len(p) == 2 and p.is_nonlexical())
            for p in self.productions())


class ProbabilisticTree(Tree):
    """A parse with its probability (``nltk.ProbabilisticTree``)."""

    def __init__(self, node, children=None, prob=None):
        Tree.__init__(self, node, children)
        self._prob = prob

    def prob(self):
        return self._prob

    def set_prob(self, prob):
        self._prob = prob

    def __str__(self):
        return "%s (p=%.6g)" % (self.pformat(margin=60), self._prob)


def _tree(node):
    label, kids = node
    return Tree(label, [k if isinstance(k, str) else _tree(k) for k in kids])


def _ptree(node, prob):
    t = _tree(node)
    return ProbabilisticTree(t.label(), list(t), prob)


def _tokens(tokens):
    if isinstance(tokens, str):
        raise TypeError("parse takes a list of tokens, not a string")
    return list(tokens)


class _Parser:
    def parse_all(self, tokens):
        return list(self.parse(tokens))

    def parse_one(self, tokens):
        return next(iter(self.parse(tokens)), None)

    def parse_sents(self, sents):
        return (self.parse(s) for s in sents)

    def grammar(self):
        return self._grammar


class ChartParser(_Parser):
    """``nltk.ChartParser(grammar)``: every parse of a sentence."""

    def __init__(self, grammar, strategy=None, trace=0, **kwargs):
        if not isinstance(grammar, CFG):
            raise TypeError("ChartParser takes an nlkit CFG (nlkit.parse.CFG.fromstring)")
        self._grammar = grammar
        self._native = _native.ChartParser(grammar._native)

    def parse(self, tokens):
        return iter([_tree(t) for t in self._native.parse(_tokens(tokens), None)])

    def count(self, tokens):
        """The number of parses, counted without enumerating them."""
        return self._native.count(_tokens(tokens))


BottomUpChartParser = BottomUpLeftCornerChartParser = LeftCornerChartParser = ChartParser
TopDownChartParser = EarleyChartParser = ChartParser


class ViterbiParser(_Parser):
    """``nltk.ViterbiParser(grammar)``: the most probable parse."""

    def __init__(self, grammar, trace=0):
        if not isinstance(grammar, PCFG):
            raise TypeError("ViterbiParser takes an nlkit PCFG (nlkit.parse.PCFG.fromstring)")
        self._grammar = grammar
        self._native = _native.ViterbiParser(grammar._native)

    def parse(self, tokens):
        return iter([_ptree(t, p) for t, p in self._native.parse(_tokens(tokens))])


class _ProbabilisticChartParser(_Parser):
    _order = "inside"

    def __init__(self, grammar, beam_size=0, trace=0, seed=0):
        if not isinstance(grammar, PCFG):
            raise ValueError("The grammar must be probabilistic PCFG")
        if not isinstance(beam_size, int) or beam_size < 0:
            raise ValueError("beam_size must be a non-negative integer")
        self._grammar = grammar
        self.beam_size = beam_size
        self._native = _native.ProbabilisticChartParser(grammar._native, self._order, beam_size, seed)

    def parse(self, tokens):
        return iter([_ptree(t, p) for t, p in self._native.parse(_tokens(tokens))])


class InsideChartParser(_ProbabilisticChartParser):
    """``nltk.InsideChartParser(grammar, beam_size=0)``: parses most probable first, in NLTK's order."""
    _order = "inside"


class LongestChartParser(_ProbabilisticChartParser):
    """``nltk.LongestChartParser(grammar, beam_size=0)``."""
    _order = "longest"


class RandomChartParser(_ProbabilisticChartParser):
    """``nltk.RandomChartParser(grammar, beam_size=0)``, its draws from ``random.Random(seed)``."""
    _order = "random"


class UnsortedChartParser(_ProbabilisticChartParser):
    """``nltk.UnsortedChartParser(grammar, beam_size=0)``."""
    _order = "unsorted"
