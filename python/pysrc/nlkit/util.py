"""``nltk.ngrams``, ``bigrams``, ``trigrams``, ``everygrams`` (generators,
as NLTK's)."""

from collections import deque
from itertools import chain, islice

__all__ = ["ngrams", "bigrams", "trigrams", "everygrams"]


def _pad(sequence, n, pad_left, pad_right, left_pad_symbol, right_pad_symbol):
    sequence = iter(sequence)
    if pad_left:
        sequence = chain((left_pad_symbol,) * (n - 1), sequence)
    if pad_right:
        sequence = chain(sequence, (right_pad_symbol,) * (n - 1))
    return sequence


def ngrams(sequence, n, pad_left=False, pad_right=False, left_pad_symbol=None, right_pad_symbol=None):
    """The ``n``-grams of ``sequence`` as tuples."""
    it = _pad(sequence, n, pad_left, pad_right, left_pad_symbol, right_pad_symbol)
    window = deque(islice(it, n - 1), maxlen=n)
    for item in it:
        window.append(item)
        yield tuple(window)


def bigrams(sequence, **kwargs):
    yield from ngrams(sequence, 2, **kwargs)


def trigrams(sequence, **kwargs):
    yield from ngrams(sequence, 3, **kwargs)


def everygrams(sequence, min_len=1, max_len=-1, pad_left=False, pad_right=False, **kwargs):
    """All n-grams with ``min_len <= n <= max_len``, by start position then length."""
    if max_len == -1:
        try:
            max_len = len(sequence)
        except TypeError:
            sequence = list(sequence)
            max_len = len(sequence)
    sequence = list(_pad(sequence, max_len, pad_left, pad_right,
                         kwargs.get("left_pad_symbol"), kwargs.get("right_pad_symbol")))
    for i in range(len(sequence)):
        for n in range(min_len, max_len + 1):
            if i + n > len(sequence):
                break
            yield tuple(sequence[i:i + n])
