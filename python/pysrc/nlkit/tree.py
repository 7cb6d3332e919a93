"""``nltk.Tree`` (the parts chunk trees need) and ``nltk.RegexpParser``.

``Tree`` is a list of children with a label; it prints as NLTK's
(``str``: the bracketed form wrapped at 70 columns, ``(word, tag)`` leaves as
``word/tag``; ``repr``: ``Tree('S', [...])``) and converts to and from
``nltk.Tree`` (``to_nltk()``, ``Tree.from_nltk(t)``)."""

from . import _native

__all__ = ["Tree", "RegexpParser"]


class Tree(list):
    """A labelled list of children (subtrees or leaves)."""

    def __init__(self, node, children=None):
        if children is None:
            raise TypeError("Tree: expected a node value and child list")
        if isinstance(children, str):
            raise TypeError("Tree() argument 2 should be a list, not a string")
        list.__init__(self, children)
        self._label = node

    def label(self):
        return self._label

    @classmethod
    def fromstring(cls, s, remove_empty_top_bracketing=False):
        """``nltk.Tree.fromstring`` with NLTK's default brackets and patterns."""
        if not isinstance(s, str):
            raise TypeError("Tree.fromstring takes a string")

        def build(node):
            label, kids = node
            return cls(label, [k if isinstance(k, str) else build(k) for k in kids])

        return build(_native.tree_fromstring(s, bool(remove_empty_top_bracketing)))

    def set_label(self, label):
        self._label = label

    def __eq__(self, other):
        return type(self) is type(other) and (self._label, list(self)) == (other._label, list(other))

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def leaves(self):
        out = []
        for c in self:
            out.extend(c.leaves() if isinstance(c, Tree) else [c])
        return out

    def pos(self):
        return [leaf for leaf in self.leaves() if isinstance(leaf, tuple)]

    def subtrees(self, filter=None):
        if not filter or filter(self):
            yield self
        for c in self:
            if isinstance(c, Tree):
                yield from c.subtrees(filter)

    def height(self):
        return 1 + max((c.height() if isinstance(c, Tree) else 1) for c in self) if len(self) else 1

    @staticmethod
    def _leaf_str(c):
        return "/".join(c) if isinstance(c, tuple) else ("%s" % c if isinstance(c, str) else repr(c))

    def _flat(self):
        parts = [c._flat() if isinstance(c, Tree) else self._leaf_str(c) for c in self]
        label = self._label if isinstance(self._label, str) else repr(self._label)
        return "(%s %s)" % (label, " ".join(parts))

    def pformat(self, margin=70, indent=0):
        flat = self._flat()
        if len(flat) + indent < margin:
            return flat
        label = self._label if isinstance(self._label, str) else repr(self._label)
        out = "(" + label
        pad = "\n" + " " * (indent + 2)
        for c in self:
            out += pad + (c.pformat(margin, indent + 2) if isinstance(c, Tree) else self._leaf_str(c))
        return out + ")"

    def __str__(self):
        return self.pformat()

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self._label, list(self))

    def to_nltk(self):
        """The same tree as an ``nltk.Tree``."""
        import nltk

        return nltk.Tree(self._label, [c.to_nltk() if isinstance(c, Tree) else c for c in self])

    @classmethod
    def from_nltk(cls, t):
        """An ``nltk.Tree`` (or any labelled list) as a ``Tree``."""
        return cls(t.label(), [cls.from_nltk(c) if hasattr(c, "label") and isinstance(c, list) else c for c in t])


def _build(node):
    label, kids = node
    return Tree(label, [_build(k) if isinstance(k[1], list) else k for k in kids])


class RegexpParser:
    """``nltk.RegexpParser(grammar, root_label='S', loop=1, trace=0)``."""

    def __init__(self, grammar, root_label="S", loop=1, trace=0):
        if not isinstance(grammar, str):
            raise TypeError("nlkit's RegexpParser takes the grammar as a string")
        if trace:
            raise NotImplementedError("nlkit's RegexpParser has no trace output")
        self._grammar = grammar
        self._native = _native.RegexpParser(grammar, root_label, int(loop))

    def parse(self, chunk_struct, trace=None):
        """Chunks a list of ``(word, tag)`` pairs into a ``Tree``."""
        if trace:
            raise NotImplementedError("nlkit's RegexpParser has no trace output")
        if isinstance(chunk_struct, str) or isinstance(chunk_struct, Tree):
            raise TypeError("nlkit's RegexpParser.parse takes a list of (word, tag) pairs")
        return _build(self._native.parse([tuple(p) for p in chunk_struct]))
