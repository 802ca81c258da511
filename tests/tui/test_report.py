"""The advisor's report as an advisor reads it: every reason quoted, safe HTML, and a command that reproduces it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rules.answers import to_command
from rules.builtin import builtin_engine
from rules.engine import Engine
from rules.models import Result
from tui.cli import main
from knowledge.wording import shown_quote
from tests.tui.report_reading import markdown_command, markdown_notes, note_numbers
from tui.report import md_escape, package_version, reason_words, render_report

ANSWERS = dict(focus="records", patient_contact="none", training_months=12, pay_min=35000, exam="yes")
TODAY = date(2025, 3, 14)
HOSTILE = '<script>alert("x")</script> | [/] **bold** &amp;'
Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def engine() -> Engine:
    return builtin_engine()


@pytest.fixture
def hostile(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The engine, but the top career's name, a reason and a quote carry text that could be markup."""
    real = engine.recommend

    def recommend(answers, explain=None) -> Result:  # type: ignore[no-untyped-def]
        result = real(answers, explain)
        top = result.recommendations[0]
        reason = top.reasons[0]
        citation = replace(reason.citations[0], quote="quoted " + HOSTILE)
        reason = replace(reason, text="because " + HOSTILE, statement="because " + HOSTILE, citations=[citation])
        top = replace(top, name="Career " + HOSTILE, reasons=[reason, *top.reasons[1:]])
        return replace(result, recommendations=[top, *result.recommendations[1:]])

    monkeypatch.setattr(engine, "recommend", recommend)
    return engine


class Page(HTMLParser):
    """Checks that tags are balanced and collects the text and every attribute."""

    VOID = {"meta", "br", "img", "hr", "link", "input", "col", "area", "base", "wbr", "source", "embed", "track"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.texts: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += attrs
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += attrs

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(t.split()) for t in self.texts)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    assert page.errors == []
    assert page.stack == [], f"unclosed tags: {page.stack}"
    return page


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def cells(row: str) -> int:
    """How many table cells a Markdown row has (escaped pipes do not count)."""
    return len(re.findall(r"(?<!\\)\|", row)) - 1


# --- Markdown ---------------------------------------------------------------------------------------------


def test_markdown_quotes_the_source_of_every_reason_of_the_top_three(engine: Engine) -> None:
    """Each reason shows its first quote and the notes of all its quotes; each note gives title, line, quote."""
    text = render_report(engine, ANSWERS, "md", today=TODAY)
    notes = markdown_notes(text)
    result = engine.recommend(ANSWERS)
    quoted = 0
    top = result.recommendations[:3]
    for rec in top:
        assert f"### {rec.rank}. {rec.name} — match {rec.score}/100" in text
        section = text.split(f"### {rec.rank}. {rec.name}", 1)[1].split("\n### ", 1)[0]
        for reason in rec.reasons:
            if not reason.citations:
                continue  # 'the sources say nothing on …' is gathered in one line per career
            parent = next((r for r in top if r.career == reason.inherited_from and r.rank < rec.rank), None)
            if parent is not None:  # the parent's own reason, shown above, is named instead of printed again
                same = next(r for r in parent.reasons if r.rule == reason.rule)
                assert (same.statement, same.direction) == (reason.statement, reason.direction)
                topic = engine.rulebook.question(reason.question).short
                line = next(line for line in section.splitlines() if "are judged as for" in line)
                assert topic in line and f"as for {parent.name.lower()}s above" in line
                continue
            words = reason_words(engine.kb, reason)
            if reason.inherited_from:
                assert words.startswith("Said of medical records technicians in general: ")
            line = next(line for line in text.splitlines() if line.startswith(f"- {md_escape(words)}"))
            assert f"“{md_escape(shown_quote(reason.citations[0].quote))}”" in line
            cited = [notes[n] for n in note_numbers(line.rsplit("”", 1)[-1])]
            for citation in reason.citations:
                assert any(md_escape(citation.title) == title and md_escape(shown_quote(citation.quote)) in quote
                           for title, _, _, quote in cited), citation
                quoted += 1
    assert quoted >= 10
    assert any(note[1:] == (7, "2023", "Median Salary $47,190 USD (U.S. national median, May 2023, U.S. Bureau of "
                                      "Labor Statistics)") for note in notes.values())


def test_a_specialisation_below_its_parent_names_the_parents_steps_instead_of_repeating_them(engine: Engine) -> None:
    """The coder (ranked under the technician) takes the technicians' training routes: the report prints them
    once, under the technician, and the coder's route names them with the quote that says coders are
    technicians."""
    from rules.pathway import pathway

    text = render_report(engine, ANSWERS, "md", today=TODAY)
    ranks = {r.career: r.rank for r in engine.recommend(ANSWERS).recommendations}
    assert ranks["medical_records_technician"] < ranks["medical_coder"] <= 3
    coder = text.split(f"### {ranks['medical_coder']}. Medical coder", 1)[1].split("\n## ", 1)[0]
    inherited = [s for s in pathway(engine.kb, "medical_coder") if s.inherited_from == "medical_records_technician"]
    assert inherited
    line = next(line for line in coder.splitlines() if line.startswith("As for medical records technicians above"))
    for step in inherited:
        assert step.title in line and step.detail not in coder
    assert text.count(f"**{inherited[0].title}**") == 2  # the plan for the top pick and the technician's route


def test_markdown_names_date_versions_and_ends_with_the_reproduce_command(engine: Engine) -> None:
    text = render_report(engine, ANSWERS, "md", today=TODAY)
    assert "Date: 2025-03-14" in text
    assert f"Knowledge base version: {engine.kb.version}" in text
    assert f"Career Quiz version: {package_version()}" in text and package_version() != "unknown"
    assert text.rstrip().endswith("```")
    assert markdown_command(text) == to_command(ANSWERS) == (
        "career-quiz recommend --answer focus=records --answer patient_contact=none "
        "--answer training_months=12 --answer pay_min=35000 --answer exam=yes")
    assert "\n  --answer training_months=12 \\\n" in text, "one argument per line, continued with a backslash"


def test_markdown_follows_the_handout_order(engine: Engine) -> None:
    """Summary first (answers, top three, plan), then the details, then the sources and their quotes."""
    text = render_report(engine, ANSWERS, "md", today=TODAY)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Your answers", "## Your top three", "## Plan for the top pick: Medical records technician",
        "## All careers, best match first", "## The top careers side by side", "## Where the sources disagree",
        "## Sources and the quotes behind the numbers in brackets", "## Reproduce this session"]


def test_markdown_shows_answers_pathway_comparison_disagreements_and_sources(engine: Engine) -> None:
    text = render_report(engine, ANSWERS, "md", today=TODAY)
    kb = engine.kb
    assert "| Pay | $35,000 a year |" in text
    assert "**Certificate program** (time: 6–12 months, the sources differ; cost: $3,000–$10,000):" in text
    # The supervisor used to rank below the coder on an invented "bachelor, 48 months"; no source gives that length.
    assert "| | Medical records technician | Medical records supervisor | Medical coder |" in text
    assert "| Median pay (year) | $47,190 median (2023); sources range $32,350–$47,190 [" in text
    for name in ("Medical records technician", "Medical records supervisor", "Medical coder"):
        assert text.count(f"**How to get there**") == 3 and f"### " in text and name in text
    assert "- **Medical records technician, the low end of the pay range:** pay ranges from $21,240 a year (2010) [" \
        in text
    assert "pay range_low" not in text and "range\\_low" not in text
    assert "For Medical records supervisor, Medical coder, the sources agree on every figure" in text
    for source in kb.sources.values():
        assert f"**{md_escape(source.title)}**" in text
    assert "published by Himalayas" in text


def test_a_career_whose_sources_give_no_route_says_what_they_leave_out(engine: Engine) -> None:
    answers = dict(focus="imaging", patient_contact="lots", equipment="yes", science="enjoy")
    text = render_report(engine, answers, "md", today=TODAY)
    assert "## Plan for the top pick: Radiologic technician" in text
    assert "The sources do not describe the way into this career" in text


def test_every_cited_note_is_listed_and_every_listed_note_is_cited(engine: Engine) -> None:
    text = render_report(engine, ANSWERS, "md", today=TODAY)
    notes = markdown_notes(text)
    body = text.split("## Sources and the quotes behind the numbers in brackets", 1)[0]
    cited = set(note_numbers(body))
    assert cited and cited == set(notes) == set(range(1, len(notes) + 1))


def test_markdown_tables_keep_their_shape_whatever_the_text(hostile: Engine) -> None:
    text = render_report(hostile, ANSWERS, "md", today=TODAY)
    assert not re.search(r"(?<!\\)<", text), "an unescaped '<' could start raw HTML in a Markdown viewer"
    assert r'because \<script\>alert("x")\</script\> \| \[/\] \*\*bold\*\* \&amp;' in text
    assert md_escape("quoted " + HOSTILE) in text
    for table in re.split(r"\n(?!\|)", "\n".join(text.splitlines())):
        rows = table_rows(table)
        if rows:
            assert len({cells(row) for row in rows}) == 1, rows
    ranking = next(row for row in table_rows(text) if row.startswith("| 1 |") and "Career" in row)
    assert r"Career \<script\>" in ranking
    assert all(cells(row) == 4 for row in table_rows(text) if row.startswith("| 1 |"))


# --- HTML -------------------------------------------------------------------------------------------------


def test_html_is_well_formed_self_contained_and_prints(engine: Engine) -> None:
    html = render_report(engine, ANSWERS, "html", today=TODAY)
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert "script" not in page.tags and "<script" not in html.lower()
    assert "link" not in page.tags and "img" not in page.tags and "iframe" not in page.tags
    for name, value in page.attributes:
        assert name not in {"src", "href"}, (name, value)
        assert "http" not in (value or ""), (name, value)
    assert "@import" not in html and "url(" not in html and "http://" not in html and "https://" not in html
    assert "@media print" in html
    assert "2025-03-14" in page.text and engine.kb.version in page.text


def test_html_quotes_every_reason_and_ends_with_the_reproduce_command(engine: Engine) -> None:
    html = render_report(engine, ANSWERS, "html", today=TODAY)
    text = parse(html).text
    for rec in engine.recommend(ANSWERS).recommendations[:3]:
        for reason in rec.reasons:
            for citation in reason.citations:
                assert " ".join(shown_quote(citation.quote).split()) in text
    assert text.endswith(to_command(ANSWERS))
    command = html.split('<p class="command"><code>', 1)[1].split("</code>", 1)[0]
    assert command.count("<span>") == 1 + len(ANSWERS), "one unbreakable span per argument"
    assert "<span>--answer training_months=12</span>" in command


def test_html_shows_markup_in_user_and_source_text_as_text(hostile: Engine) -> None:
    html = render_report(hostile, ANSWERS, "html", today=TODAY)
    page = parse(html)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert f"Career {HOSTILE}" in page.text
    assert f"because {HOSTILE}" in page.text
    assert f"quoted {HOSTILE}" in page.text


def test_no_answers_still_gives_a_report(engine: Engine) -> None:
    text = render_report(engine, {}, "md", today=TODAY)
    assert "No questions were answered" in text
    assert markdown_command(text) == "career-quiz recommend"


def test_unknown_format_is_refused(engine: Engine) -> None:
    with pytest.raises(ValueError, match="accepted: md, html"):
        render_report(engine, ANSWERS, "pdf")  # type: ignore[arg-type]


# --- the command ------------------------------------------------------------------------------------------


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pairs(answers: dict) -> list[str]:
    return [part for q, v in answers.items() for part in ("--answer", f"{q}={v}")]


@pytest.mark.parametrize("name", ["report.md", "report.html", "REPORT.HTML"])
def test_report_command_writes_the_file(tmp_path: Path, capsys: Capsys, name: str) -> None:
    target = tmp_path / name
    code, out, err = run(capsys, "report", *pairs(ANSWERS), "-o", str(target))
    assert (code, err) == (0, "")
    assert str(target) in out
    text = target.read_text(encoding="utf-8")
    if name.lower().endswith(".html"):
        assert parse(text).text.endswith(to_command(ANSWERS))
    else:
        assert markdown_command(text) == to_command(ANSWERS)


def test_report_command_reads_an_answers_file(tmp_path: Path, capsys: Capsys) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('focus = "coding"\npatient_contact = "none"\n', encoding="utf-8")
    target = tmp_path / "out.md"
    code, _, err = run(capsys, "report", "--answers", str(answers), "--answer", "exam=yes", "-o", str(target))
    assert (code, err) == (0, "")
    last = markdown_command(target.read_text(encoding="utf-8"))
    assert last == "career-quiz recommend --answer focus=coding --answer patient_contact=none --answer exam=yes"


@pytest.mark.parametrize(("argv", "expected"), [
    (["-o", "{tmp}/report.pdf"], "must end in .md (Markdown) or .html"),
    (["-o", "{tmp}/report"], "must end in .md (Markdown) or .html"),
    (["--answer", "focus=astronaut", "-o", "{tmp}/r.md"], "focus: 'astronaut' is not accepted; give one of"),
    (["--answer", "color=blue", "-o", "{tmp}/r.md"], "unknown question 'color'"),
    (["--answers", "{tmp}/missing.toml", "-o", "{tmp}/r.md"], "does not exist"),
    (["-o", "{tmp}/no/such/folder/r.md"], "the folder '{tmp}/no/such/folder' does not exist"),
    (["-o", "{tmp}/a-folder.md"], "it is a folder"),
    ([], "the following arguments are required: -o/--output"),
])
def test_report_command_bad_input_is_one_line_and_exit_2(tmp_path: Path, capsys: Capsys, argv: list[str],
                                                         expected: str) -> None:
    (tmp_path / "a-folder.md").mkdir()
    code, out, err = run(capsys, "report", *[a.format(tmp=tmp_path) for a in argv])
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("career-quiz: ")
    assert expected.format(tmp=tmp_path) in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("r.*")) and not (tmp_path / "report.pdf").exists()


def test_a_missing_template_is_one_clear_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    import tui.report as report
    from tui.cli import main

    monkeypatch.setattr(report, "TEMPLATES", tmp_path / "no-templates")
    report._environment.cache_clear()
    try:
        code = main(["report", "--answer", "focus=records", "-o", str(tmp_path / "out.md")])
    finally:
        report._environment.cache_clear()
    err = capsys.readouterr().err
    assert code == 1
    assert "report template report.md.j2 is missing" in err and "reinstall" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.md").exists()
