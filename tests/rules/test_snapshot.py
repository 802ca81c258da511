"""The start-up snapshot gives exactly the engine a full verified load gives, and never blocks a start."""

from __future__ import annotations

import json

import pytest

from knowledge import PACKAGE_DIR as KNOWLEDGE_DIR
from knowledge.loader import load
from rules.engine import Engine
from rules.rulebook import load_rulebook
from rules.snapshot import CACHE_ENV, FORMAT, fingerprint, load_engine

ANSWERS = [
    {},
    {"focus": "records", "pay_min": 40000, "training_months": 24, "patient_contact": "none", "exam": "yes",
     "science": "ok", "equipment": "no", "computer_work": "yes", "schedule": "any"},
    {"focus": "imaging", "pay_min": 36000, "training_months": 7, "exam": "no", "schedule": "daytime_only"},
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def fresh() -> Engine:
    kb = load()
    return Engine(kb, load_rulebook(kb))


@pytest.mark.parametrize("answers", ANSWERS)
def test_snapshot_engine_recommends_exactly_like_a_full_load(cache, answers):
    load_engine()  # writes the snapshot
    assert len(list(cache.glob("engine-*.json"))) == 1
    restored = load_engine()
    assert restored.texts, "the restored engine uses precomputed texts"
    assert restored.recommend(answers) == fresh().recommend(answers)


def test_damaged_snapshot_falls_back_to_a_full_load(cache):
    load_engine()
    snapshot = next(cache.glob("engine-*.json"))
    snapshot.write_text("{ not json")
    engine = load_engine()
    assert engine.recommend(ANSWERS[1]) == fresh().recommend(ANSWERS[1])
    assert snapshot_data(snapshot)["format"] == FORMAT  # rewritten


def snapshot_data(path) -> dict:
    """The snapshot's content, after checking its first line is the SHA-256 of the rest."""
    import hashlib

    digest, _, body = path.read_bytes().partition(b"\n")
    assert digest.decode() == hashlib.sha256(body).hexdigest()
    return json.loads(body)


def test_an_edited_snapshot_is_not_used(cache):
    """Someone changes the LPN's pay in the cached snapshot: the digest no longer matches, a full verified load
    answers instead, and the snapshot is written again from it."""
    load_engine()
    snapshot = next(cache.glob("engine-*.json"))
    digest, _, body = snapshot.read_bytes().partition(b"\n")
    data = json.loads(body)
    lpn = next(c for c in data["knowledge"]["careers"] if c["id"] == "licensed_practical_nurse")
    pay = next(f for f in lpn["facts"] if f["kind"] == "pay" and f.get("amount"))
    true_amount = pay["amount"]
    pay["amount"] = 999_999
    snapshot.write_bytes(digest + b"\n" + json.dumps(data).encode())
    engine = load_engine()
    facts = [f for f in engine.kb.careers["licensed_practical_nurse"].facts if f.id == pay["id"]]
    assert [f.amount for f in facts] == [true_amount]
    rewritten = snapshot_data(snapshot)
    lpn = next(c for c in rewritten["knowledge"]["careers"] if c["id"] == "licensed_practical_nurse")
    assert [f["amount"] for f in lpn["facts"] if f["id"] == pay["id"]] == [true_amount]


def test_stale_temporary_files_are_swept(cache):
    import os

    cache.mkdir(parents=True)
    stale = cache / ".engine-crashed.tmp"
    stale.write_text("half a snapshot")
    os.utime(stale, (0, 0))
    load_engine()
    assert not stale.exists()
    stale.write_text("half a snapshot")  # and again when the snapshot is current (nothing is written)
    os.utime(stale, (0, 0))
    load_engine()
    assert not stale.exists()
    assert [p.name for p in cache.iterdir() if p.name.startswith(".")] == []
    assert oct(cache.stat().st_mode & 0o777) == "0o700"


def test_unwritable_cache_still_starts(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert load_engine().recommend({"focus": "coding"}).recommendations[0].career == "medical_coder"


def test_any_changed_file_changes_the_fingerprint(tmp_path):
    import shutil

    from rules import PACKAGE_DIR as RULES_DIR

    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    before = fingerprint(copy, RULES_DIR)
    career = copy / "careers" / "medical_coder.toml"
    career.write_text(career.read_text() + "\n# edited\n")
    assert fingerprint(copy, RULES_DIR) != before


def test_the_code_that_shapes_a_snapshot_is_part_of_its_fingerprint():
    from rules import PACKAGE_DIR as RULES_DIR
    from rules.snapshot import CODE

    assert RULES_DIR / "engine.py" in CODE and all(path.is_file() for path in CODE)
