"""nlkit.spark in local mode (pyspark from PyPI, Java 17): the rows equal
the lines `nlkit pipeline` prints for the same files, row for row.

Opt-in (pyspark is a large download): scripts/test-spark.sh installs
pyspark and pyarrow into .venv and runs this file. Without pyspark, Java or
the nlkit binary it skips (fails under CI=true)."""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CI = os.environ.get("CI") == "true"


def require(ok, what):
    if not ok:
        if CI:
            pytest.fail(f"{what} is required under CI but was not found", pytrace=False)
        pytest.skip(f"{what} not found; skipping")


@pytest.fixture(scope="module")
def spark():
    try:
        import pyarrow  # noqa: F401
        from pyspark.sql import SparkSession
    except ImportError:
        SparkSession = None
    require(SparkSession is not None, "pyspark and pyarrow")
    require(shutil.which("java") is not None, "java")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = (SparkSession.builder.master("local[2]").appName("nlkit-test")
         .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    yield s
    s.stop()


def _cli():
    for p in (os.environ.get("NLKIT_BIN"), ROOT / "target" / "debug" / "nlkit", ROOT / "target" / "release" / "nlkit"):
        if p and os.path.isfile(p):
            return str(p)
    require(False, "the nlkit binary (cargo build --features cli)")


def test_spark_job_equals_cli(spark, tmp_path):
    cli = _cli()
    src = tmp_path / "in"
    src.mkdir()
    sample = (ROOT / "corpora" / "samples" / "inaugural-2009.txt").read_text(encoding="utf-8")
    files = {"a.txt": sample, "b.txt": sample[:3000] + "\n\n\nDr. Who left (quietly.) Then — rain!\n",
             "c.txt": "One sentence only"}
    for n, t in files.items():
        (src / n).write_text(t, encoding="utf-8")
    out = tmp_path / "out.parquet"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    subprocess.run([sys.executable, str(ROOT / "examples" / "spark_pipeline.py"), str(src), str(out),
                    "--master", "local[2]"], check=True, env=env)
    rows = spark.read.parquet(str(out)).collect()
    got = {}
    for r in rows:
        d = r.asDict(recursive=True)
        d["doc"] = d["doc"].rsplit("/", 1)[-1]
        d = {k: v for k, v in d.items() if v is not None}
        got.setdefault(d["doc"], []).append(d)
    for n in files:
        lines = subprocess.run([cli, "pipeline", str(src / n)], capture_output=True, text=True,
                               check=True).stdout.splitlines()
        want = []
        for l in lines:
            rec = json.loads(l)
            rec["doc"] = n
            rec["span"] = list(rec["span"])
            want.append(rec)
        assert sorted(got[n], key=lambda r: r["sent"]) == want, n


def test_annotate_dataframe(spark):
    from nlkit.spark import annotate

    df = spark.createDataFrame([("d1", "Hello world. Bye now."), ("d2", None), ("d3", "Cats sleep.")],
                               "doc string, value string")
    rows = sorted(annotate(df, doc_col="doc").collect(), key=lambda r: (r.doc, r.sent))
    assert [(r.doc, r.sent, r.tokens) for r in rows] == [
        ("d1", 0, ["Hello", "world", "."]), ("d1", 1, ["Bye", "now", "."]), ("d3", 0, ["Cats", "sleep", "."])]
    assert rows[0].tags is not None and rows[0].lemmas is None
