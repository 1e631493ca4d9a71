from pathlib import Path

import pytest

from kg.errors import DocumentError
from kg.load import clean_body, document_id, iter_sources, parse_document

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_dd8a00b5703b5753.txt"


def test_front_matter_keys_of_both_styles(seed_paths):
    docs = [parse_document(str(p), p.read_bytes()) for p in seed_paths]
    by_id = {d.id: d for d in docs}
    # 000 uses category/permalink, 001 tags/source_url
    assert by_id["000_dd8a00b5703b5753"].category == "press-briefings"
    assert by_id["000_dd8a00b5703b5753"].url.startswith("https://www.whitehouse.gov/briefing-room/")
    assert by_id["001_dfa55f3eea3551b4"].category == "press-briefings"
    assert by_id["001_dfa55f3eea3551b4"].url.endswith("president-putin-of-the-russian-federation/")
    assert by_id["000_dd8a00b5703b5753"].date == "2021-12-23"


def test_title_escapes_and_wrapping_are_resolved(seed_paths):
    doc = parse_document(str(seed_paths[1]), seed_paths[1].read_bytes())
    assert doc.title == ("Background Press Call by Senior Administration Officials on President Biden\u2019s "
                         "Upcoming Call with President Putin of the Russian Federation")


def test_body_is_cleaned_and_offsets_map_back():
    raw = SEED.read_bytes()
    doc = parse_document(str(SEED), raw)
    text = raw.decode("utf-8")
    assert "\\[" not in doc.text and "[senior administration official]" in doc.text
    # hard-wrapped lines are joined into one paragraph
    assert "Good morning, everyone, and thank you all for joining for today\u2019s press call on Russia." in doc.text
    # every word maps back to the same word in the original file
    for word in ("NATO-Russia Council", "Geneva", "Shoigu"):
        i = doc.text.index(word)
        o = doc.offsets.to_original(i)
        assert text[o:o + len(word)] == word


def test_struck_text_is_dropped_and_end_marks_removed():
    data = ("---\ntitle: T\ndate: '2022-01-08'\n---\nThe call is embargoed <s>upon</s>\n\\[until\\] "
            "conclusion.\n\n\\###\n").encode()
    doc = parse_document("x.md", data)
    assert doc.text == "The call is embargoed [until] conclusion."


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"no front matter here\n", "no YAML front matter"),
    (b"---\ntitle: [unclosed\n---\nbody\n", "bad YAML front matter"),
    (b"---\ntitle: x\n---\n\xff\xfe bad bytes\n", "not UTF-8"),
    (b"---\ntitle: x\nbody without closing\n", "not closed"),
])
def test_malformed_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(DocumentError) as info:
        parse_document("bad.md", data)
    assert reason in str(info.value) and "bad.md" in str(info.value)


def test_unparseable_date_is_dropped_not_fatal():
    doc = parse_document("x.md", b"---\ntitle: T\ndate: 'sometime in spring'\n---\nText.\n")
    assert doc.date is None


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.md").write_text("---\ntitle: two\n---\nx\n")
    (tmp_path / "1.txt").write_text("---\ntitle: one\n---\nx\n")
    (tmp_path / "ignored.csv").write_text("x")
    names = [Path(s.name).name for s in iter_sources([tmp_path])]
    assert names == ["1.txt", "2.md"]


def test_document_id_is_the_file_name_without_extension():
    assert document_id("seeds/000_dd8a00b5703b5753.txt") == "000_dd8a00b5703b5753"
    assert document_id("corpus.tar.xz:wh/press/2022-01-01-x.md") == "2022-01-01-x"


def test_clean_body_joins_wraps_and_keeps_paragraphs():
    text, _ = clean_body("one\ntwo  \nthree\n\nfour")
    assert text == "one two\nthree\n\nfour"


@pytest.mark.parametrize("mode,suffix", [("w", ".tar"), ("w:gz", ".tar.gz"), ("w:xz", ".tar.xz")])
def test_archives_are_read_directly_like_the_folder(tmp_path, seed_paths, onto, mode, suffix):
    import tarfile

    from kg.pipeline import extract_corpus
    archive = tmp_path / f"seeds{suffix}"
    with tarfile.open(archive, mode) as tar:
        for p in seed_paths:
            tar.add(p, arcname=f"briefings/{p.name}")
    names = [s.name for s in iter_sources([archive])]
    assert names == [f"{archive}:briefings/{p.name}" for p in seed_paths]
    from_archive = extract_corpus([archive], onto).results
    from_folder = extract_corpus([seed_paths[0].parent], onto).results
    assert [r.document.id for r in from_archive] == [r.document.id for r in from_folder]
    assert [r.assertions for r in from_archive] == [r.assertions for r in from_folder]


def test_damaged_archive_is_reported_with_its_name(tmp_path):
    bad = tmp_path / "broken.tar.xz"
    bad.write_bytes(b"\xfd7zXZ\x00\x00 not really xz")
    errors = []
    assert list(iter_sources([bad], errors)) == []
    assert len(errors) == 1 and errors[0].path == str(bad)
