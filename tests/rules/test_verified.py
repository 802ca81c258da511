"""Verified data kept between runs (rules/verified.py): read back only when whole and unedited, and the reader's
vocabulary rebuilt from its kept copy is the one a full, validated load gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rules import verified
from rules.vocabulary import builtin_vocabulary, load_vocabulary


def test_kept_data_is_read_back_only_when_it_matches_its_digest(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "thing-1.json"
    verified.write(path, {"pay": 47190, "quote": "median pay was $47,190"}, ".thing-", "thing-*.json")
    assert verified.read(path) == {"pay": 47190, "quote": "median pay was $47,190"}
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    digest, body = path.read_bytes().split(b"\n", 1)
    path.write_bytes(digest + b"\n" + body.replace(b"47190", b"97190"))  # an edited figure
    assert verified.read(path) is None
    path.write_bytes(digest + b"\n" + body[:-5])  # cut short
    assert verified.read(path) is None
    assert verified.read(tmp_path / "missing.json") is None
    assert verified.read(None) is None


def test_writing_replaces_the_older_files_of_its_family(tmp_path: Path) -> None:
    old = tmp_path / "thing-old.json"
    verified.write(old, [1], ".thing-", "thing-*.json")
    new = tmp_path / "thing-new.json"
    verified.write(new, [2], ".thing-", "thing-*.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thing-new.json"]


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(verified.CACHE_ENV, str(tmp_path))
    builtin_vocabulary.cache_clear()
    yield tmp_path
    builtin_vocabulary.cache_clear()


def test_the_vocabulary_from_its_kept_copy_is_the_validated_one(kept: Path) -> None:
    fresh = load_vocabulary()
    first = builtin_vocabulary()  # validates the file and keeps it
    [copy] = kept.glob("vocabulary-*.json")
    builtin_vocabulary.cache_clear()
    again = builtin_vocabulary()  # from the kept copy
    assert again == fresh == first
    assert again.topics["pay"].entry == fresh.topics["pay"].entry


def test_an_edited_or_foreign_kept_vocabulary_is_replaced_by_a_validated_load(kept: Path) -> None:
    fresh = load_vocabulary()
    builtin_vocabulary()
    [copy] = kept.glob("vocabulary-*.json")
    digest, body = copy.read_bytes().split(b"\n", 1)
    copy.write_bytes(digest + b"\n" + body.replace(b'"default_career"', b'"default_careers"'))
    builtin_vocabulary.cache_clear()
    assert builtin_vocabulary() == fresh  # the digest no longer matches
    data = json.loads(copy.read_bytes().split(b"\n", 1)[1])
    del data["file"]["operations"]  # whole and unedited, but not the shape this code writes
    verified.write(copy, data, ".vocabulary-", "vocabulary-*.json")
    builtin_vocabulary.cache_clear()
    assert builtin_vocabulary() == fresh
