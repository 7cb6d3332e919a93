"""nlkit's text pipeline on Apache Spark.

``annotate(df, text_col, doc_col)`` runs the pipeline over a DataFrame
column with ``DataFrame.mapInArrow``: each executor's Python worker builds
the pipeline once (cached in the process) and processes whole Arrow
batches in Rust, in parallel, without the GIL. The result has one row per
sentence, the fields of ``nlkit pipeline``'s JSON records:

    doc string, sent long, text string, span array<long>, tokens array<string>,
    spans array<array<long>>, tags array<string>, upos array<string>,
    lemmas array<string>  (null unless lemmas=True)

Each input row is one document (use ``spark.read.text(path, wholetext=True)``
for files). Needs ``pyspark`` and ``pyarrow`` (``pip install nlkit[spark]``).

For ``RDD.pipe``: ``nlkit pipeline`` is a streaming filter that reads text
on stdin and writes one JSON line per sentence; ``rdd.pipe("nlkit pipeline -")``
treats each partition as one document whose paragraphs are the blank-line
separated records (see README).
"""

import json

__all__ = ["SCHEMA", "annotate", "columns_to_batch", "records_to_batch"]

SCHEMA = ("doc string, sent long, text string, span array<long>, tokens array<string>, "
          "spans array<array<long>>, tags array<string>, upos array<string>, lemmas array<string>")

_PIPELINES = {}


def _pipeline(config, lemmas):
    from .pipeline import Pipeline

    key = (config, lemmas)
    p = _PIPELINES.get(key)
    if p is None:
        p = _PIPELINES[key] = Pipeline(config, lemmas)
    return p


def _schema():
    import pyarrow as pa

    lst = pa.list_
    return pa.schema([
        ("doc", pa.string()), ("sent", pa.int64()), ("text", pa.string()), ("span", lst(pa.int64())),
        ("tokens", lst(pa.string())), ("spans", lst(lst(pa.int64()))), ("tags", lst(pa.string())),
        ("upos", lst(pa.string())), ("lemmas", lst(pa.string())),
    ])


def columns_to_batch(cols):
    """A ``pyarrow.RecordBatch`` in ``SCHEMA`` from the pipeline's columns
    (``Pipeline.columns``: one list per field)."""
    import pyarrow as pa

    schema = _schema()
    return pa.RecordBatch.from_arrays([pa.array(cols[n], type=schema.field(n).type) for n in schema.names],
                                      schema=schema)


def records_to_batch(records):
    """A ``pyarrow.RecordBatch`` in ``SCHEMA`` from pipeline records (dicts)."""
    names = _schema().names
    cols = {n: [] for n in names}
    for r in records:
        for n in names:
            cols[n].append(r.get(n))
    return columns_to_batch(cols)


def annotate(df, text_col="value", doc_col=None, lemmas=False, config=None):
    """``df`` annotated by the pipeline: one output row per sentence."""
    if isinstance(config, dict):
        config = json.dumps(config)

    def run(batches):
        p = _pipeline(config, lemmas)
        for b in batches:
            texts = b.column(text_col).to_pylist()
            docs = (b.column(doc_col).to_pylist() if doc_col else [str(i) for i in range(len(texts))])
            texts = ["" if t is None else t for t in texts]
            docs = ["" if d is None else d for d in docs]
            yield columns_to_batch(p.columns(texts, docs))

    return df.mapInArrow(run, SCHEMA)
