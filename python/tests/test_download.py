"""nlkit.download / nlkit.downloader.Downloader against NLTK's own downloader,
both fed the shared NLTK data mirror (../shared/data/nltk_server, or
$NLKIT_SHARED/nltk_server): nlkit over HTTP from a server on 127.0.0.1, NLTK
(which refuses loopback URLs) from the same files as file:// URLs."""

import contextlib
import functools
import http.server
import io
import json
import os
import pathlib
import socket
import subprocess
import sys
import threading

import pytest

from conftest import ROOT, require

import nlkit
from nlkit import downloader as nd

UPSTREAM = "https://raw.githubusercontent.com/nltk/nltk_data/gh-pages/"
COLLECTION = (
    '<collections>\n    <collection id="small" name="Small">\n'
    '      <item ref="stopwords" />\n      <item ref="names" />\n    </collection>\n'
    '    <collection id="outer" name="Outer">\n'
    '      <item ref="small" />\n      <item ref="gazetteers" />\n    </collection>\n'
    "  </collections>"
)


@pytest.fixture(scope="module")
def mirror():
    shared = pathlib.Path(os.environ.get("NLKIT_SHARED") or ROOT / ".." / "shared" / "data")
    d = (shared / "nltk_server").resolve()
    require((d / "index.xml").is_file(), f"{d}/index.xml (the shared NLTK data mirror)")
    return d


def _index(mirror, base):
    xml = (mirror / "index.xml").read_text()
    xml = xml.replace(UPSTREAM, base).replace("<collections>\n  </collections>", COLLECTION)
    assert 'id="small"' in xml
    return xml


@pytest.fixture(scope="module")
def server(mirror):
    """http://127.0.0.1:<port>/ serving the mirror; /index.xml points at itself,
    /bad.xml declares a wrong checksum for stopwords."""
    pages = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            body = pages.get(self.path)
            if body is None:
                return super().do_GET()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(mirror))
    )
    base = "http://127.0.0.1:%d/" % httpd.server_address[1]
    good = _index(mirror, base)
    pages["/index.xml"] = good.encode()
    bad = good.replace('checksum="8726a900bca7083674536e2593686361"', 'checksum="00000000000000000000000000000000"')
    assert bad != good
    pages["/bad.xml"] = bad.encode()
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def nltk_index(mirror, tmp_path_factory):
    """The same index for NLTK, as file:// URLs."""
    d = tmp_path_factory.mktemp("nltk_index")
    (d / "index.xml").write_text(_index(mirror, "file://%s/" % mirror))
    return d


def run_nltk(nltk_index, mirror, calls, download_dir):
    """Runs ``Downloader(..., download_dir).method(*args, **kw)`` for each call
    in a fresh NLTK process (NLTK's path checks need the mirror on its data
    path); returns [(result or exception type name, printed text)]."""
    script = r"""
import contextlib, io, json, sys, warnings
warnings.simplefilter("ignore")
import nltk
nltk.data.path[:0] = [sys.argv[1], sys.argv[2]]
from nltk.downloader import Downloader
d = Downloader(server_index_url="file://%s/index.xml" % sys.argv[1], download_dir=sys.argv[4])
out = []
for method, args, kw in json.loads(sys.argv[3]):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            if method == "download":
                r = d.download(*args, print_error_to=buf, **kw)
            else:
                r = getattr(d, method)(*args, **kw)
    except Exception as e:
        r = type(e).__name__
    out.append([r, buf.getvalue()])
print(json.dumps(out))
"""
    p = subprocess.run(
        [sys.executable, "-c", script, str(nltk_index), str(mirror), json.dumps(calls), str(download_dir)],
        capture_output=True, text=True, timeout=300,
    )
    assert p.returncode == 0, p.stderr
    return [tuple(x) for x in json.loads(p.stdout)]


def run_ours(server, calls, download_dir):
    d = nd.Downloader(server_index_url=server + "index.xml", download_dir=str(download_dir))
    out = []
    for method, args, kw in calls:
        buf = io.StringIO()
        try:
            with contextlib.redirect_stdout(buf):
                if method == "download":
                    r = d.download(*args, print_error_to=buf, **kw)
                else:
                    r = getattr(d, method)(*args, **kw)
        except Exception as e:
            r = type(e).__name__
        out.append((r, buf.getvalue()))
    return out


def tree(d):
    """Every file under d (relative path -> bytes), without lock files."""
    d = pathlib.Path(d)
    return {
        str(p.relative_to(d)): p.read_bytes()
        for p in sorted(d.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def same_text(ours, theirs):
    """Equal output; the folders "ours" and "nltk" have names of one length,
    so NLTK's line wrapping falls at the same places. The index URLs differ
    (http:// and file://): lines naming them are left out."""
    def norm(t):
        return [l for l in t.split("\n") if "Data server index for" not in l and set(l) != {"="}]
    assert norm(ours.replace("/ours", "/nltk")) == norm(theirs)


def test_download_and_status_match_nltk(nltk, server, mirror, nltk_index, tmp_path):
    ours_dir, theirs_dir = tmp_path / "ours", tmp_path / "nltk"
    def calls(d):
        d = str(d)
        return [
            # NLTK checks a collection's members in the downloader's own
            # folder whatever download_dir says: status() without it here.
            ["status", ["small"], {}],
            ["download", ["stopwords"], {"download_dir": d}],
            ["status", ["small"], {}],
            ["status", ["stopwords", d], {}],
            ["download", ["stopwords"], {"download_dir": d}],
            ["download", ["outer"], {"download_dir": d}],
            ["download", [["names", "gazetteers"]], {"download_dir": d, "force": True}],
            ["download", ["averaged_perceptron_tagger"], {"download_dir": d, "quiet": True}],
            ["status", ["outer"], {}],
            ["status", ["brown", d], {}],
            ["is_installed", ["averaged_perceptron_tagger_eng", d], {}],
            ["is_stale", ["names", d], {}],
            ["list", [], {}],
            ["list", [d], {"show_packages": False, "header": False}],
            ["list", [], {"skip_installed": True, "show_collections": False}],
        ]
    ours = run_ours(server, calls(ours_dir), ours_dir)
    theirs = run_nltk(nltk_index, mirror, calls(theirs_dir), theirs_dir)
    assert [r for r, _ in ours] == [r for r, _ in theirs]
    assert ours[2][0] == nd.Downloader.PARTIAL and ours[8][0] == nd.Downloader.INSTALLED
    for (_, a), (_, b) in zip(ours, theirs):
        same_text(a, b)
    assert "Unzipping corpora/stopwords.zip." in ours[1][1]
    assert "Done downloading collection outer" in ours[5][1]
    assert "  [*] stopwords........... Stopwords Corpus" in ours[12][1]
    assert "[P]" not in ours[12][1] and "[*] outer" in ours[13][1]
    got, want = tree(ours_dir), tree(theirs_dir)
    assert sorted(got) == sorted(want)
    assert got == want
    assert "corpora/stopwords/english" in got
    assert "taggers/averaged_perceptron_tagger_eng.zip" in got  # NLTK's successor rule

    # A damaged archive is stale; re-downloading repairs it.
    z = ours_dir / "corpora" / "names.zip"
    z.write_bytes(z.read_bytes()[:-1] + b"x")
    assert nd.Downloader(server + "index.xml", str(ours_dir)).is_stale("names")
    assert nd.Downloader(server + "index.xml", str(ours_dir)).download("names", quiet=True)
    assert tree(ours_dir) == want


def test_module_download_and_env_url(server, tmp_path, monkeypatch):
    monkeypatch.setenv("NLTK_DOWNLOAD_URL", server + "index.xml")
    monkeypatch.setattr(nd, "_downloader", None)
    buf = io.StringIO()
    assert nlkit.download("stopwords", download_dir=str(tmp_path), print_error_to=buf) is True
    assert buf.getvalue().startswith("[nltk_data] Downloading package stopwords to ")
    assert buf.getvalue().endswith("[nltk_data]   Unzipping corpora/stopwords.zip.\n")
    assert (tmp_path / "corpora" / "stopwords" / "english").is_file()
    assert nd.Downloader(download_dir=str(tmp_path)).status("stopwords") == "installed"
    # the package reads back through nlkit's corpus reader
    assert nlkit.corpus.CorpusReader("stopwords")._id == "stopwords"
    from nlkit import _native
    words = _native.CorpusReader.open("stopwords", [str(tmp_path)]).words(["english"], None)
    assert words[:3] == ["i", "me", "my"]


def test_bad_input_matches_nltk(nltk, server, mirror, nltk_index, tmp_path):
    ours_dir, theirs_dir = tmp_path / "ours", tmp_path / "nltk"
    def calls(d):
        d = str(d)
        return [
            ["download", ["nosuch"], {"download_dir": d}],
            ["download", [["stopwords", "nosuch"]], {"download_dir": d}],
            ["download", ["nosuch"], {"download_dir": d, "raise_on_error": True}],
            ["download", ["nosuch"], {"download_dir": d, "quiet": True}],
            ["status", ["nosuch", d], {}],
            ["info", ["nosuch"], {}],
        ]
    ours = run_ours(server, calls(ours_dir), ours_dir)
    theirs = run_nltk(nltk_index, mirror, calls(theirs_dir), theirs_dir)
    assert [r for r, _ in ours] == [r for r, _ in theirs]
    for (_, a), (_, b) in zip(ours, theirs):
        same_text(a, b)
    assert ours[0] == (False, "[nltk_data] Error loading nosuch: Package 'nosuch' not found in index\n")
    assert ours[2][0] == "ValueError"
    assert tree(ours_dir) == {}
    d = nd.Downloader(server + "index.xml", str(tmp_path / "x"))
    with pytest.raises(TypeError):
        d.download(5)
    with pytest.raises(TypeError):
        d.download(["stopwords", None])
    with pytest.raises(TypeError):
        d.download("stopwords", download_dir=5)
    with pytest.raises(TypeError):
        d.status(5)
    with pytest.raises(TypeError):
        nd.Downloader(server_index_url=b"http://x")
    with pytest.raises(ValueError):
        d.download()  # NLTK would open its interactive shell
    with pytest.raises(NotImplementedError):
        d.download("stopwords", hf=True)
    with pytest.raises(NotImplementedError):
        d.list(more_prompt=True)
    with pytest.raises(ValueError):
        d.download("stopwords", download_dir="a\0b")
    assert not (tmp_path / "x").exists()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_server_and_bad_archive_leave_nothing(server, tmp_path):
    dead = "http://127.0.0.1:%d/index.xml" % _free_port()
    out = tmp_path / "dead"
    buf = io.StringIO()
    assert nd.Downloader(dead, str(out)).download("stopwords", print_error_to=buf) is False
    assert buf.getvalue().startswith("[nltk_data] Error loading stopwords: ")
    with pytest.raises(ValueError, match="Error loading stopwords"):
        nd.Downloader(dead, str(out)).download("stopwords", raise_on_error=True, print_error_to=io.StringIO())
    with pytest.raises(OSError):
        nd.Downloader(dead, str(out)).status("stopwords")
    assert not out.exists() or tree(out) == {}

    # An archive whose checksum differs from the index is not installed.
    bad = tmp_path / "bad"
    buf = io.StringIO()
    d = nd.Downloader(server + "bad.xml", str(bad))
    assert d.download("stopwords", print_error_to=buf) is False
    assert "checksum" in buf.getvalue()
    assert tree(bad) == {}
    assert d.status("stopwords") == "not installed"
    # halt_on_error=False goes on with the next package
    buf = io.StringIO()
    assert d.download(["stopwords", "names"], halt_on_error=False, print_error_to=buf) is True
    assert "Unzipping corpora/names.zip." in buf.getvalue()
    assert sorted(p for p in tree(bad) if "stopwords" in p) == []
    assert d.status("names") == "installed"


def test_index_info_and_update(server, mirror, tmp_path):
    d = nd.Downloader(server + "index.xml", str(tmp_path))
    xml = (mirror / "index.xml").read_text()
    ids = [p.id for p in d.packages()]
    assert ids and all('id="%s"' % i in xml for i in ids)
    assert len(ids) == xml.count("<package ")
    assert {p.id for p in d.corpora()} | {p.id for p in d.models()} == set(ids)
    small = d.info("small")
    assert isinstance(small, nd.Collection) and [p.id for p in small.packages] == ["stopwords", "names"]
    outer = d.info("outer")
    assert [c.id for c in outer.children] == ["small", "gazetteers"]
    assert sorted(p.id for p in outer.packages) == ["gazetteers", "names", "stopwords"]
    sw = d.info("stopwords")
    assert (sw.subdir, sw.filename, sw.unzip, sw.size) == ("corpora", "corpora/stopwords.zip", True, 34276)
    with pytest.raises(ValueError, match="not found in index"):
        d.info("nosuch")
    # update() re-installs what is stale and leaves the rest alone
    assert d.download(["stopwords", "names"], quiet=True)
    z = tmp_path / "corpora" / "stopwords.zip"
    z.write_bytes(z.read_bytes()[:-1] + b"x")
    assert d.status("stopwords") == d.STALE and d.status("names") == d.INSTALLED
    d.update(quiet=True)
    assert d.status("stopwords") == d.INSTALLED
