#!/usr/bin/env python3
"""nlkit's text pipeline as a Spark job: a folder of text files in, Parquet out.

Each file is one document (``wholetext=True``); the output has one row per
sentence with the fields of ``nlkit pipeline``'s JSON records (doc, sent,
text, span, tokens, spans, tags, upos[, lemmas]). The pipeline runs inside
each executor's Python worker (``nlkit.spark.annotate``, ``mapInArrow``),
built once per worker process.

Local mode:
    pip install ./python pyspark pyarrow
    PYSPARK_PYTHON=$(which python) python examples/spark_pipeline.py corpora/samples out.parquet

On a cluster (nlkit installed in the executors' Python environment):
    spark-submit --master yarn examples/spark_pipeline.py hdfs:///texts hdfs:///annotated
"""
import argparse

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from nlkit.spark import annotate


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input", help="folder (or glob) of UTF-8 text files")
    ap.add_argument("output", help="Parquet output folder")
    ap.add_argument("--lemmas", action="store_true", help="add WordNet lemmas (needs NLTK's wordnet data)")
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    a = ap.parse_args()
    b = SparkSession.builder.appName("nlkit-pipeline").config("spark.ui.enabled", "false")
    if a.master:
        b = b.master(a.master)
    spark = b.getOrCreate()
    docs = (spark.read.text(a.input, wholetext=True)
            .select(F.input_file_name().alias("doc"), F.col("value")))
    annotate(docs, text_col="value", doc_col="doc", lemmas=a.lemmas).write.mode("overwrite").parquet(a.output)
    spark.stop()


if __name__ == "__main__":
    main()
