"""``nltk.FreqDist``: a ``collections.Counter`` with NLTK's methods and
printed forms (pure Python; counting is ``Counter``'s C loop)."""

from collections import Counter, defaultdict

__all__ = ["FreqDist"]


class FreqDist(Counter):
    """NLTK's frequency distribution: counts, ``N``, ``B``, ``freq``, ``max``,
    ``hapaxes``, ``Nr``/``r_Nr``, iteration by decreasing count."""

    def __init__(self, samples=None):
        Counter.__init__(self, samples)
        self._N = None

    def N(self):
        if self._N is None:
            self._N = sum(self.values())
        return self._N

    def __setitem__(self, key, val):
        self._N = None
        super().__setitem__(key, val)

    def __delitem__(self, key):
        self._N = None
        super().__delitem__(key)

    def update(self, *args, **kwargs):
        self._N = None
        super().update(*args, **kwargs)

    def setdefault(self, key, val):
        self._N = None
        super().setdefault(key, val)

    def B(self):
        return len(self)

    def hapaxes(self):
        return [s for s in self if self[s] == 1]

    def r_Nr(self, bins=None):
        out = defaultdict(int)
        for c in self.values():
            out[c] += 1
        out[0] = bins - self.B() if bins is not None else 0
        return out

    def Nr(self, r, bins=None):
        return self.r_Nr(bins)[r]

    def freq(self, sample):
        n = self.N()
        return 0 if n == 0 else self[sample] / n

    def max(self):
        if not self:
            raise ValueError("A FreqDist must have at least one sample before max is defined.")
        return self.most_common(1)[0][0]

    def copy(self):
        return self.__class__(self)

    def __add__(self, other):
        return self.__class__(super().__add__(other))

    def __sub__(self, other):
        return self.__class__(super().__sub__(other))

    def __or__(self, other):
        return self.__class__(super().__or__(other))

    def __and__(self, other):
        return self.__class__(super().__and__(other))

    def __iter__(self):
        for s, _ in self.most_common(self.B()):
            yield s

    def pformat(self, maxlen=10):
        items = ["%r: %r" % kv for kv in self.most_common(maxlen)]
        if len(self) > maxlen:
            items.append("...")
        return "FreqDist({%s})" % ", ".join(items)

    def pprint(self, maxlen=10, stream=None):
        print(self.pformat(maxlen=maxlen), file=stream)

    __repr__ = pformat

    def __str__(self):
        return "<FreqDist with %d samples and %d outcomes>" % (len(self), self.N())
