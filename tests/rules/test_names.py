"""Finding careers in what a person types: names, aliases, abbreviations, plurals and typos."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.models import Career
from rules.names import find_careers, match_career
from tests.hypothesis_budget import examples


def _kb(*careers: Career) -> SimpleNamespace:
    return SimpleNamespace(careers={c.id: c for c in careers})


FAKE = _kb(
    Career(id="licensed_practical_nurse", name="Licensed practical nurse",
           aliases=["LPN", "practical nurse", "nurse", "nursing"]),
    Career(id="radiologic_technician", name="Radiologic technician",
           aliases=["rad tech", "radiologic technologist", "x-ray tech"]),
    Career(id="medical_coder", name="Medical coder", aliases=["coder", "medical coding", "CPC"]),
    Career(id="cancer_registrar", name="Cancer registrar", aliases=["registrar", "tumor registrar", "CTR"]),
    Career(id="medical_records_technician", name="Medical records technician",
           aliases=["MRT", "HIT", "RHIT", "health information technician"]),
    Career(id="health_information_manager", name="Health information manager", aliases=["HIM", "RHIA"]),
    Career(id="medical_assistant", name="Medical assistant", aliases=["MA"]),
)

LPN, RAD, CODER, REGISTRAR = ("licensed_practical_nurse", "radiologic_technician", "medical_coder",
                              "cancer_registrar")
MRT, HIM, MA = "medical_records_technician", "health_information_manager", "medical_assistant"

# What people type, and the careers it names — true of the fake KB above and of the real one.
CASES = [
    ("LPN", [LPN]), ("lpn", [LPN]), ("licensed practical nurse", [LPN]), ("practical nurses", [LPN]),
    ("LPNs", [LPN]), ("an LPN's pay", [LPN]),
    ("radiolgic technician", [RAD]), ("Radiologic Technicians", [RAD]), ("rad tech", [RAD]),
    ("x-ray techs", [RAD]),
    ("coder", [CODER]), ("medical coders", [CODER]), ("Medical_Coder", [CODER]),
    ("cancer registrar", [REGISTRAR]), ("tumor registrar", [REGISTRAR]), ("CTR", [REGISTRAR]),
    ("MRT", [MRT]), ("RHIT", [MRT]), ("health information manager", [HIM]),
    ("health information technicians", [MRT]),
    ("compare coder and registrar", [CODER, REGISTRAR]),
    ("what does an LPN earn?", [LPN]),
    ("MA", [MA]), ("how much do MAs make", [MA]), ("HIM", [HIM]), ("HIT", [MRT]),
    ("banana", []), ("", []), ("[bold]", []), ("[/", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_careers_named_in_a_sentence(text: str, expected: list[str]) -> None:
    assert find_careers(FAKE, text) == expected


@pytest.mark.parametrize("text", [
    "ma", "Ma said so", "I am", "hit me", "tell him", "the data is coded", "nursing homes", "a nursing home",
])
def test_ordinary_words_are_not_careers(text: str) -> None:
    assert find_careers(FAKE, text) == []


def test_careers_come_in_order_of_mention_without_repeats() -> None:
    text = "Is an LPN better than a coder? LPNs earn more, but coders and rad techs..."
    assert find_careers(FAKE, text) == [LPN, CODER, RAD]


def test_match_career_gives_the_first_career_named() -> None:
    assert match_career(FAKE, "registrar vs coder") == REGISTRAR
    assert match_career(FAKE, "rad tech") == RAD
    assert match_career(FAKE, "banana") is None


def test_the_longest_phrase_wins() -> None:
    kb = _kb(Career(id="nurse", name="Nurse"), Career(id="lpn", name="Licensed practical nurse"))
    assert find_careers(kb, "licensed practical nurse") == ["lpn"]
    assert find_careers(kb, "a nurse") == ["nurse"]


def test_a_name_beats_another_careers_alias() -> None:
    kb = _kb(Career(id="coder", name="Coder"), Career(id="biller", name="Biller", aliases=["coder"]))
    assert find_careers(kb, "coder") == ["coder"]


def test_an_alias_shared_by_two_careers_names_neither() -> None:
    kb = _kb(Career(id="a", name="Alpha", aliases=["tech"]), Career(id="b", name="Beta", aliases=["tech"]))
    assert find_careers(kb, "tech") == []
    assert find_careers(kb, "alpha tech") == ["a"]


def test_typos_are_forgiven_only_in_long_words_and_only_when_one_word_is_close() -> None:
    assert find_careers(FAKE, "licenced practical nurse") == [LPN]
    assert find_careers(FAKE, "regstrar") == [REGISTRAR]
    assert find_careers(FAKE, "codr") == []  # four letters: too short to guess
    kb = _kb(Career(id="a", name="Alpha", aliases=["register"]), Career(id="b", name="Beta", aliases=["registrar"]))
    assert find_careers(kb, "registrer") == []  # one letter from both


@settings(deadline=None, max_examples=examples(100))
@given(text=st.text(max_size=400))
def test_any_text_gives_known_careers_without_repeats(text: str) -> None:
    found = find_careers(FAKE, text)
    assert len(found) == len(set(found))
    assert set(found) <= set(FAKE.careers)


@pytest.fixture(scope="module")
def real_kb():  # type: ignore[no-untyped-def]
    """The built-in knowledge base; a knowledge base that fails to load fails these tests (never skips them)."""
    from knowledge.loader import builtin

    return builtin()


@pytest.mark.parametrize(("text", "expected"), [
    (text, expected) for text, expected in CASES if text not in ("MA", "how much do MAs make", "HIM", "HIT")
] + [("MA", [MA]), ("HIM", [HIM]), ("HIT", [MRT]), ("HIM director", [HIM]), ("medical assistants", [MA])])
def test_careers_named_in_a_sentence_with_the_real_knowledge_base(real_kb, text: str, expected: list[str]) -> None:
    assert set(expected) <= set(real_kb.careers)
    assert find_careers(real_kb, text) == expected


@pytest.mark.parametrize("text", ["ma", "hit", "him", "banana", "the data is coded", "what's the capital of France"])
def test_ordinary_words_are_not_careers_in_the_real_knowledge_base(real_kb, text: str) -> None:
    assert find_careers(real_kb, text) == []
