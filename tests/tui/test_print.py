"""The HTML report printed as an advisor prints it: headless Chromium to PDF, on US Letter and on A4.

For a 4-, a 7- and a full 9-answer session: at most six pages; page 1 is the summary; every note number cited
in the text has its numbered quote at the end; no page ends with a heading; no page is left half empty; the
match bars print filled; the reproduce command never breaks inside a flag. Pages are read back with poppler
(`pdftotext -bbox` for the words and where they stand, `pdftoppm` for the colours of page 1).
"""

from __future__ import annotations

import html as html_module
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from rules.answers import to_command
from rules.builtin import builtin_engine
from tests.tui.report_reading import note_numbers
from tui.report import render_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MISSING = CHROMIUM is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None
NEEDS = "printing needs chromium and poppler-utils (apt-get install -y chromium poppler-utils)"
pytestmark = pytest.mark.skipif(MISSING and not os.environ.get("CI"), reason=NEEDS)


@pytest.fixture(autouse=True)
def _tools_present_in_ci() -> None:
    """In CI (`.ci/run` installs them) a missing browser or poppler is a failure, never a silent skip."""
    if MISSING:
        pytest.fail(f"{NEEDS}; .ci/run installs them when CI runs")

MAX_PAGES = 6
TODAY = date(2025, 3, 14)
ANSWER_SETS = {
    "4 answers": dict(focus="coding", patient_contact="none", exam="yes", pay_min=35000),
    "7 answers": dict(focus="imaging", patient_contact="lots", training_months=24, pay_min=50000, exam="yes",
                      science="enjoy", equipment="yes"),
    "9 answers": dict(focus="records", patient_contact="none", training_months=24, pay_min=40000, exam="yes",
                      science="ok", equipment="no", computer_work="yes", schedule="daytime_only"),
}
PAPERS = {"Letter": "letter", "A4": "A4"}
BAR_COLOUR = (0x3D, 0x8B, 0xBD)
"""The match bars' fill (`.meter .fill` in report.html.j2), a colour used nowhere else on the page."""


@dataclass
class Line:
    top: float
    bottom: float
    words: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class Page:
    height: float
    lines: list[Line]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Printed:
    html: str
    pdf: Path
    pages: list[Page]
    flow: str
    """The whole text in reading order (column by column), as `pdftotext` extracts it."""


_PAGE = re.compile(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>')


def read_pages(pdf: Path) -> list[Page]:
    """Each page's words, gathered into lines by their baseline, top to bottom."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for height, body in _PAGE.findall(out):
        lines: list[Line] = []
        for top, bottom, word in _WORD.findall(body):
            top_f, bottom_f = float(top), float(bottom)
            line = next((line for line in lines if abs(line.bottom - bottom_f) < 2.5), None)
            if line is None:
                line = Line(top_f, bottom_f)
                lines.append(line)
            line.words.append(html_module.unescape(word))
        pages.append(Page(float(height), sorted(lines, key=lambda line: line.bottom)))
    return pages


def print_pdf(html: str, paper: str, folder: Path) -> Path:
    """Print the page with the paper size set, exactly as the browser's print dialog would by default."""
    source = folder / f"report-{paper}.html"
    source.write_text(html.replace("</head>", f"<style>@page {{ size: {paper}; }}</style>\n</head>"),
                      encoding="utf-8")
    pdf = folder / f"report-{paper}.pdf"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
                        "--no-pdf-header-footer", source.as_uri()],
                       capture_output=True, timeout=120, check=True)
    return pdf


@cache
def printed(answers_name: str, paper: str) -> Printed:
    html = render_report(builtin_engine(), ANSWER_SETS[answers_name], "html", today=TODAY)
    folder = Path(tempfile.mkdtemp(prefix="career-quiz-print-"))
    pdf = print_pdf(html, PAPERS[paper], folder)
    flow = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return Printed(html, pdf, read_pages(pdf), flow)


CASES = [pytest.param(answers, paper, id=f"{answers}-{paper}") for answers in ANSWER_SETS for paper in PAPERS]


def headings(html: str) -> list[str]:
    return [" ".join(html_module.unescape(re.sub(r"<[^>]+>", "", h)).split())
            for h in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", html, re.S)]


@pytest.mark.parametrize(("answers", "paper"), CASES)
def test_the_report_prints_in_at_most_six_pages_with_the_summary_on_page_one(answers: str, paper: str) -> None:
    report = printed(answers, paper)
    assert 1 < len(report.pages) <= MAX_PAGES, f"{len(report.pages)} pages"
    first = report.pages[0].text
    for part in ("Your answers", "Your top three", "Plan for the top pick:", "2025-03-14",
                 f"Knowledge base version: {builtin_engine().kb.version}"):
        assert part in first, part
    top = builtin_engine().recommend(ANSWER_SETS[answers]).recommendations[:3]
    for rec in top:
        assert rec.name in first


@pytest.mark.parametrize(("answers", "paper"), CASES)
def test_every_cited_number_has_a_visible_numbered_quote(answers: str, paper: str) -> None:
    text = " ".join(printed(answers, paper).flow.split())
    body, _, notes = text.partition("Sources and the quotes behind the numbers in brackets")
    listed = [int(n) for n in re.findall(r"\[(\d+)\] line \d+ \((?:\d{4}|undated)\):", notes)]
    cited = set(note_numbers(body))
    assert cited, "the printed text cites no note"
    assert sorted(listed) == list(range(1, len(listed) + 1)), "notes are numbered 1, 2, 3 … and each shows its number"
    assert cited <= set(listed), f"cited but not listed: {sorted(cited - set(listed))}"


@pytest.mark.parametrize(("answers", "paper"), CASES)
def test_no_page_ends_with_a_heading_or_is_left_half_empty(answers: str, paper: str) -> None:
    report = printed(answers, paper)
    titles = headings(report.html)
    for number, page in enumerate(report.pages[:-1], start=1):
        last = page.lines[-1]
        assert not any(title.startswith(last.text) or last.text.startswith(title) for title in titles), \
            f"page {number} ends with the heading '{last.text}'"
        assert last.bottom > 0.6 * page.height, f"page {number} is filled only to {last.bottom / page.height:.0%}"


@pytest.mark.parametrize(("answers", "paper"), CASES)
def test_the_reproduce_command_never_breaks_inside_a_flag(answers: str, paper: str) -> None:
    report = printed(answers, paper)
    lines = [line.words for page in report.pages for line in page.lines]
    flags = [(words, index) for words in lines for index, word in enumerate(words) if word == "--answer"]
    assert len(flags) == len(ANSWER_SETS[answers])
    for words, index in flags:
        assert index + 1 < len(words) and "=" in words[index + 1], f"'--answer' ends a line: {' '.join(words)}"
    shown = " ".join(word for words in lines for word in words if "=" in word or word in {"--answer"})
    ordered = builtin_engine().recommend(ANSWER_SETS[answers]).answers  # in the questions' order
    assert shown == to_command(ordered).removeprefix("career-quiz recommend ")


def _pixels(ppm: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (P6) as pdftoppm writes it."""
    fields = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", ppm)
    assert fields is not None
    return int(fields.group(1)), int(fields.group(2)), ppm[fields.end():]


@pytest.mark.parametrize("paper", list(PAPERS))
def test_match_bars_print_filled_and_carry_their_number(paper: str) -> None:
    report = printed("9 answers", paper)
    ppm = subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", str(report.pdf)], capture_output=True,
                         check=True).stdout
    width, height, rgb = _pixels(ppm)
    filled = sum(1 for i in range(0, len(rgb), 3)
                 if all(abs(rgb[i + k] - BAR_COLOUR[k]) < 12 for k in range(3)))
    assert "print-color-adjust: exact" in report.html, "a browser's print dialog would drop the fill"
    assert filled > 150, f"only {filled} pixels of bar colour on page 1: the bars print as outlines"
    first = report.pages[0]
    for rec in builtin_engine().recommend(ANSWER_SETS["9 answers"]).recommendations[:3]:
        row = next(line for line in first.lines
                   if line.words[0] == str(rec.rank) and line.words[1:3] == rec.name.split()[:2])
        assert str(rec.score) in row.words, f"{rec.name}: its bar has no number ({row.text})"
