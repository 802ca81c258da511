"""The report from the app: Ctrl+E (or the palette) writes Markdown and HTML for the answers so far."""

from __future__ import annotations

import re
from pathlib import Path

from textual.command import CommandPalette

from tests.tui.chat_driver import MakeApp, dialogue, ready, toasts
from tui.report import md_escape

SIZE = (100, 30)


REPORT = re.compile(r"career-quiz-report-student-\d{8}-\d{6}(-\d+)?\.(md|html)")


def report_paths(folder: Path) -> list[Path]:
    """The reports exported into `folder`: Markdown then HTML, named after the student and the time."""
    found = sorted(folder.glob("career-quiz-report-*"), key=lambda p: (p.stem, p.suffix != ".md"))
    assert all(REPORT.fullmatch(p.name) for p in found), found
    return found


async def test_ctrl_e_writes_both_reports_with_the_answers_and_their_quotes(make_app: MakeApp,
                                                                           tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    app = make_app(export_dir=folder)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.pause()
        top = dialogue(pilot).result().recommendations[0]
        cited = next(c for reason in top.reasons if reason.direction == "for" for c in reason.citations)
        await pilot.press("ctrl+e")
        await pilot.pause()
        markdown, html = report_paths(folder)
        assert markdown.stem == html.stem and sorted(folder.iterdir()) == sorted([markdown, html])
        assert await toasts(pilot) == [f"Exported\nReport saved:\n{markdown}\n{html}"]
    text = markdown.read_text(encoding="utf-8")
    assert "Keeping patient records complete and accurate" in text
    assert md_escape(cited.title) in text and f"line {cited.line}" in text
    page = html.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and top.name in page


async def test_an_unwritable_folder_is_a_clear_notification_and_the_palette_exports_too(
        make_app: MakeApp, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder"
    app = make_app(export_dir=missing)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        shown = await toasts(pilot)
        assert len(shown) == 1 and shown[0].startswith(f"Export failed\nThe report could not be written to {missing}: ")
        await pilot.press("1", "enter")
        await pilot.pause()
        assert dialogue(pilot).state.answers == {"focus": "records"}
        assert not missing.exists()
        app.export_dir = tmp_path  # then from the palette, into a folder that exists
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"exp", "enter")
        await pilot.pause()
        assert len(report_paths(tmp_path)) == 2
