"""Reading articles: formats, manifests, and every kind of bad input, one clear line each."""

import json
from datetime import date

import pytest

from extract.read import ReadError, decode_text, read_paths
from extract.types import Article
from geo.errors import InvalidInput
from tests.conftest import SAMPLES


def test_a_folder_with_its_manifest(tmp_path):
    items = list(read_paths([SAMPLES]))
    assert [type(i) for i in items] == [Article] * 5
    first = items[0]
    assert (first.id, first.lang, first.published) == ("000_21d5eff86862f4d5", "vi", date(2025, 2, 18))


def test_jsonl_records(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Talks in Riyadh.", "published": "2025-02-18", "lang": "en", "url": "u"}),
        "{not json",
        json.dumps({"id": "a3", "text": ""}),
        json.dumps({"text": "Lavrov went to Doha.", "lang": "en"}),
    ]), encoding="utf-8")
    items = list(read_paths([f]))
    assert isinstance(items[0], Article) and items[0].published == date(2025, 2, 18)
    assert isinstance(items[1], ReadError) and items[1].path.endswith(":2")
    assert isinstance(items[2], ReadError) and "no text" in items[2].message
    assert isinstance(items[3], Article) and items[3].id == "batch:4"


def test_html_keeps_the_article_and_drops_scripts(tmp_path):
    f = tmp_path / "page.html"
    body = " ".join(["Russian and American diplomats met in Istanbul on Thursday for talks."] * 4)
    f.write_text(f"""<html><head><title>Talks in Istanbul</title><script>var x = "Tokyo";</script></head>
    <body><nav><ul><li><a href="/">Home</a></li><li>Paris news</li></ul></nav>
    <article><h1>Talks in Istanbul</h1><p>{body}</p><p>{body}</p></article>
    <script>alert("Kaliningrad")</script></body></html>""", encoding="utf-8")
    (article,) = read_paths([f])
    assert "Istanbul" in article.text and "Kaliningrad" not in article.text and "alert" not in article.text
    assert article.title == "Talks in Istanbul"


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"),
    (b"   \n\t ", "empty file"),
    (b"\x00\x01\x02binary\x00" * 100, "binary file"),
    (b"\xff\xfe\xfd\xfc\x80\x81" * 50 + b"\xc3\x28" * 50, "not valid UTF-8"),
])
def test_bad_files_get_one_clear_message(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    (item,) = read_paths([f])
    assert isinstance(item, ReadError) and message in item.message
    assert "\n" not in str(item)


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    f = tmp_path / "huge.txt"
    with f.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    (item,) = read_paths([f])
    assert isinstance(item, ReadError) and "too large (52.4 MB" in item.message


def test_a_missing_path_is_reported(tmp_path):
    (item,) = read_paths([tmp_path / "nope.txt"])
    assert isinstance(item, ReadError) and "no such file" in item.message


def test_legacy_arabic_encoding_is_decoded():
    text = "انعقدت في اسطنبول محادثات بين مسؤولين روس وأميركيين في ظل التقارب الجاري بين موسكو وواشنطن."
    assert decode_text(text.encode("cp1256")) == text


def test_overrides_apply_to_every_article():
    items = list(read_paths([SAMPLES], lang="ar", published=date(2025, 1, 1)))
    assert {(i.lang, i.published) for i in items} == {("ar", date(2025, 1, 1))}


def test_decode_refuses_empty():
    with pytest.raises(InvalidInput):
        decode_text(b"")


def test_a_jsonl_corpus_over_5_mb_is_read_a_record_at_a_time(tmp_path):
    import json

    from extract.read import read_paths

    path = tmp_path / "corpus.jsonl"
    record = {"text": "Russian and American delegations held talks in Riyadh. " * 40, "lang": "en"}
    with path.open("w", encoding="utf-8") as f:
        for n in range(3000):
            f.write(json.dumps({"id": f"r{n}", **record}) + "\n")
        f.write(json.dumps({"id": "huge", "text": "x" * 6_000_000}) + "\n")
    assert path.stat().st_size > 5_000_000
    items = list(read_paths([path]))
    assert len(items) == 3001
    assert [i.id for i in items[:2]] == ["r0", "r1"]
    assert "record too large" in str(items[-1])
