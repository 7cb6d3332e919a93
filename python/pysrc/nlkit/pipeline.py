"""The text pipeline of ``nlkit pipeline`` from Python.

``pipeline(texts)`` gives, for each text, the records ``nlkit pipeline``
prints for it (one dict per sentence: ``doc``, ``sent``, ``text``, ``span``,
``tokens``, ``spans``, ``tags``, ``upos``, and ``lemmas`` on request), with
the same paragraph rules and byte offsets. Texts run in parallel without
the GIL. Note: the pipeline uses nlkit's embedded models (see README), not
NLTK's ``punkt_tab``/``averaged_perceptron_tagger_eng``.
"""

import json

from . import _data, _native

__all__ = ["Pipeline", "pipeline"]


class Pipeline:
    """A built pipeline: the default one, or one from a ``--config`` JSON
    text or dict; ``lemmas=True`` adds WordNet lemmas."""

    def __init__(self, config=None, lemmas=False):
        if isinstance(config, dict):
            config = json.dumps(config)
        self._native = _native.TextPipeline(config, bool(lemmas), _data.path())

    def json_lines(self, texts, docs=None):
        """One list of JSON lines per text (exactly the CLI's lines)."""
        texts = list(texts)
        docs = [str(i) for i in range(len(texts))] if docs is None else list(docs)
        return self._native.process(docs, texts)

    def columns(self, texts, docs=None):
        """All texts' records as columns: a dict of equal-length lists
        (``doc``, ``sent``, ``text``, ``span``, ``tokens``, ``spans``,
        ``tags``, ``upos``, ``lemmas``), one entry per sentence."""
        texts = list(texts)
        docs = [str(i) for i in range(len(texts))] if docs is None else list(docs)
        return self._native.columns(docs, texts)

    def __call__(self, texts, docs=None):
        return [[json.loads(l) for l in doc] for doc in self.json_lines(texts, docs)]

    def stage_names(self):
        return self._native.stage_names()


def pipeline(texts, docs=None, lemmas=False, config=None):
    """The records of each text (see the module doc)."""
    return Pipeline(config, lemmas)(texts, docs)
