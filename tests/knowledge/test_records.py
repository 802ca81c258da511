"""The plain records (knowledge/records.py): they behave as frozen dataclasses at run time, and pydantic reads the
same classes strictly at the file boundary."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest
from pydantic import TypeAdapter, ValidationError

from knowledge.models import FACT_CLASS, FACT_KINDS, Career, Citation, PayFact, ScienceFact

PAY = dict(id="median", source="bls", quote="median pay was $47,190", year=2023, kind="pay", statistic="median",
           amount=47190)


def test_a_record_is_an_immutable_slotted_dataclass() -> None:
    fact = PayFact(**PAY)
    assert dataclasses.is_dataclass(fact) and not hasattr(fact, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        fact.amount = 97190  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del fact.amount  # type: ignore[misc]
    assert fact.approximate is False and fact.industry is None  # defaults
    assert [f.name for f in dataclasses.fields(fact)][:3] == ["id", "source", "quote"]


def test_equality_hash_copy_pickle_replace_and_asdict_work_field_by_field() -> None:
    fact = PayFact(**PAY)
    same = PayFact(**PAY)
    assert fact == same and hash(fact) == hash(same) and fact != dataclasses.replace(fact, amount=1)
    assert copy.deepcopy(fact) == fact and pickle.loads(pickle.dumps(fact)) == fact
    assert dataclasses.asdict(fact)["amount"] == 47190
    assert repr(fact).startswith("PayFact(id='median', source='bls'")
    career = Career(id="lpn", name="LPN", facts=[fact])
    assert career.aliases == [] and career.aliases is not Career(id="x", name="X").aliases  # own lists


def test_construction_says_what_is_missing_or_unknown() -> None:
    with pytest.raises(TypeError, match="missing required keyword argument: 'amount'"):
        PayFact(**{k: v for k, v in PAY.items() if k != "amount"})
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        PayFact(**PAY, colour="red")
    assert Citation("bls", "BLS", 7, "quote", 2023) == Citation(source="bls", title="BLS", line=7, quote="quote",
                                                                year=2023)
    with pytest.raises(TypeError, match="multiple values"):
        Citation("bls", source="bls", title="BLS", line=7, quote="q", year=None)


def test_a_records_own_rule_runs_when_built_and_when_validated() -> None:
    with pytest.raises(ValueError, match="give either level or more_than"):
        ScienceFact(id="s", source="bls", quote="science", kind="science")
    with pytest.raises(ValidationError, match="give either level or more_than"):
        TypeAdapter(ScienceFact).validate_python(dict(id="s", source="bls", quote="science", kind="science"))


def test_pydantic_validates_a_file_into_the_same_classes_strictly() -> None:
    career = TypeAdapter(Career).validate_python({"id": "lpn", "name": "LPN", "facts": [PAY]})
    assert isinstance(career, Career) and career.facts == [PayFact(**PAY)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        career.name = "x"  # type: ignore[misc]
    bad = {"id": "LPN!", "name": "LPN", "colour": "red",
           "facts": [{**PAY, "amount": -1, "year": 1850}, {**PAY, "kind": "salary"}]}
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Career).validate_python(bad)
    found = {(".".join(map(str, e["loc"])), e["type"]) for e in caught.value.errors(include_url=False)}
    assert ("id", "string_pattern_mismatch") in found
    assert ("colour", "unexpected_keyword_argument") in found
    assert ("facts.0.pay.amount", "greater_than_equal") in found and ("facts.0.pay.year", "greater_than_equal") in found
    assert ("facts.1", "union_tag_invalid") in found  # told apart by kind, not tried against every class


def test_fact_kinds_come_from_the_classes() -> None:
    assert FACT_KINDS[:2] == ("pay", "growth") and len(FACT_KINDS) == len(set(FACT_KINDS)) == len(FACT_CLASS)
    for kind, cls in FACT_CLASS.items():
        assert kind in str(cls.__dataclass_fields__["kind"].type)
