"""The real knowledge base loads, every quote is found on a line of its source, and disagreements are kept."""

from __future__ import annotations

from knowledge.loader import KnowledgeBase, load
from knowledge.models import PayFact

MRT = "medical_records_technician"


def test_the_real_knowledge_base_loads_with_careers_facts_and_all_five_sources(kb: KnowledgeBase) -> None:
    assert MRT in kb.careers
    assert len(kb.careers) > 1
    assert kb.fact_count > 0
    assert len(kb.sources) == 5
    assert all(kb.careers[career].facts for career in kb.careers), "every career has facts"


def test_every_fact_has_the_line_where_its_quote_starts(kb: KnowledgeBase) -> None:
    for career in kb.careers.values():
        for fact in career.facts:
            citation = kb.citation(career.id, fact)
            lines = kb.texts[fact.source].text.splitlines()
            assert 1 <= citation.line <= len(lines), f"{career.id}.{fact.id}"
            first_word = fact.quote.split()[0]
            assert first_word in lines[citation.line - 1], f"{career.id}.{fact.id} does not start on its line"
            assert citation.title == kb.sources[fact.source].title


def test_mrt_median_pay_is_given_by_five_sources_each_dated_or_explained(kb: KnowledgeBase) -> None:
    headline = [fact for fact in kb.facts(MRT, "pay")
                if isinstance(fact, PayFact) and fact.statistic == "median" and not fact.industry and not fact.level]
    assert len({fact.amount for fact in headline}) >= 5
    assert len({fact.source for fact in headline}) >= 5
    for fact in headline:
        assert fact.year is not None or fact.note, f"{fact.id} has neither a year nor a note on why it is undated"


def test_disagreements_keep_mrt_median_pay_and_schedule(kb: KnowledgeBase) -> None:
    topics = {(d.career, d.topic): d for d in kb.disagreements}
    pay = topics[(MRT, "pay median")]
    assert len(pay.values) >= 5
    assert any("$38,040" in value and "2016" in value for value in pay.values)
    assert any("undated" in value for value in pay.values)
    schedule = topics[(MRT, "schedule")]
    assert any("standard daytime" in value for value in schedule.values)
    assert any("evenings" in value for value in schedule.values)


def test_a_copy_of_the_knowledge_base_loads_the_same(kb: KnowledgeBase, make_kb) -> None:  # type: ignore[no-untyped-def]
    files = {path.name: path.read_text(encoding="utf-8") for path in sorted((kb.root / "careers").glob("*.toml"))}
    copy = load(make_kb(files))
    assert copy.version == kb.version
    assert copy.fact_count == kb.fact_count
    assert [d.topic for d in copy.disagreements] == [d.topic for d in kb.disagreements]
