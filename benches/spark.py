#!/usr/bin/env python3
"""The Spark job on local[2]: nlkit.spark.annotate (mapInArrow, the pipeline
in Rust) vs the same job with NLTK inside a pandas UDF (sent_tokenize,
word_tokenize, pos_tag per sentence), same DataFrame, same run.

The two do not give the same tags (nlkit's pipeline uses its embedded
models; see README), so this compares speed only: wall time of a job that
annotates every document and counts the sentences and tokens, best of --runs.

Usage: PYSPARK_PYTHON=$(which python) NLTK_DATA=.nltk_data python benches/spark.py [--mb 2]
(needs pyspark, pyarrow and pandas: pip install ./python[spark])
"""
import os
import sys

# benches/ (this script's folder, first on sys.path) holds a tokenize.py that
# would shadow the standard library's for pandas and pyspark.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse  # noqa: E402
import time  # noqa: E402


def paragraphs(data, limit):
    """benches/python.py's text (loaded by path: benches/ holds a
    tokenize.py that must not shadow the standard library's)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_python", os.path.join(_HERE, "python.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.paragraphs(data, limit)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--docs", type=int, default=64, help="documents (rows) the text is cut into")
    a = ap.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    import pandas as pd
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from nlkit.spark import annotate

    data = os.environ.get("NLTK_DATA", ".nltk_data")
    paras = paragraphs(data, int(a.mb * 1e6))
    per = max(1, len(paras) // a.docs)
    docs = [("d%d" % i, "\n\n".join(paras[i:i + per])) for i in range(0, len(paras), per)]
    spark = (SparkSession.builder.master("local[2]").appName("nlkit-bench")
             .config("spark.ui.enabled", "false").getOrCreate())
    df = spark.createDataFrame(docs, "doc string, value string").repartition(2).cache()
    df.count()

    @F.pandas_udf("struct<sents:long, tokens:long>")
    def nltk_udf(texts: pd.Series) -> pd.DataFrame:
        import nltk
        out = []
        for t in texts:
            n_s = n_t = 0
            for para in t.split("\n\n"):
                for s in nltk.sent_tokenize(para):
                    tagged = nltk.pos_tag(nltk.word_tokenize(s, preserve_line=True))
                    n_s += 1
                    n_t += len(tagged)
            out.append((n_s, n_t))
        return pd.DataFrame(out, columns=["sents", "tokens"])

    def run_nlkit():
        r = annotate(df, doc_col="doc").agg(F.count("*"), F.sum(F.size("tokens"))).collect()[0]
        return r[0], r[1]

    def run_nltk():
        r = df.select(nltk_udf("value").alias("r")).agg(F.sum("r.sents"), F.sum("r.tokens")).collect()[0]
        return r[0], r[1]

    for name, f in (("nlkit.spark.annotate (mapInArrow)", run_nlkit), ("NLTK in a pandas UDF", run_nltk)):
        times = []
        for _ in range(a.runs):
            t = time.perf_counter()
            res = f()
            times.append(time.perf_counter() - t)
        print(f"{name}: {min(times):.2f} s (best of {a.runs}); {res[0]} sentences, {res[1]} tokens", flush=True)
    print(f"text: {len(docs)} documents, {sum(len(d[1]) for d in docs) / 1e6:.2f} M chars, local[2]")
    spark.stop()


if __name__ == "__main__":
    main()
