"""The report renders: the PDF's text holds each selected section's heading and none of the others; HTML
matches the reviewed snapshots in tests/snapshots/report/; the page is self-contained, escaped and grey.

Snapshots are compared, never rewritten by the test run. After a deliberate change, rewrite them with
`python tests/test_report_render.py`, read the diff, and commit them with the change.
"""

from __future__ import annotations

import difflib
import logging
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lumbar.diary.model import Entry, Episode
from lumbar.knowledge import KnowledgeBase, default_kb
from lumbar.report.doctor import SECTION_TITLES, SECTIONS, SectionId, build_report
from lumbar.report.render import render_html, render_pdf, report_format
from test_report import bench_report, demo_model

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "report"
NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


def _snapshot_cases(kb: KnowledgeBase) -> dict[str, str]:
    """name -> HTML. Charts are left out: their SVG belongs to matplotlib's version, not to us."""
    text_sections = tuple(s for s in SECTIONS if s != "charts")
    empty = build_report(episodes=[], entries=[], profile=None, now=NOW, kb=kb, sections=text_sections)
    return {
        "demo-120-days": render_html(demo_model(kb, 120, sections=text_sections)),
        "demo-red-flags-and-safety": render_html(demo_model(kb, 120, sections=("red_flags", "safety"))),
        "empty": render_html(empty),
    }


def _normalised(html: str) -> str:
    # The knowledge version changes with every knowledge-base edit; the report's shape does not.
    return re.sub(r"knowledge base [0-9a-z.]+", "knowledge base VERSION", html)


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("name", ["demo-120-days", "demo-red-flags-and-safety", "empty"])
def test_html_matches_the_reviewed_snapshot(name: str, kb: KnowledgeBase) -> None:
    expected = (SNAPSHOTS / f"{name}.html").read_text(encoding="utf-8")
    actual = _normalised(_snapshot_cases(kb)[name])
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "snapshot", "now", lineterm="")
        pytest.fail("HTML differs from the reviewed snapshot:\n" + "\n".join(list(diff)[:60]))


def test_html_is_deterministic(kb: KnowledgeBase) -> None:
    assert render_html(demo_model(kb, 60)) == render_html(demo_model(kb, 60))


@needs_poppler
@pytest.mark.parametrize(
    "sections",
    [
        ("summary",),
        ("red_flags", "safety"),
        ("severity", "treatments", "own_words"),
        ("flares", "urgency", "charts"),
        SECTIONS,
    ],
)
def test_the_pdf_holds_the_selected_sections_and_none_of_the_others(
    sections: tuple[SectionId, ...], kb: KnowledgeBase, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        text = _pdf_text(render_pdf(demo_model(kb, 200, sections=sections)), tmp_path)
    assert not caplog.records, "WeasyPrint complained (an image not loaded?)"
    for section in SECTIONS:
        assert (SECTION_TITLES[section] in text) is (section in sections), section
    assert "page 1 of" in text


@needs_poppler
def test_the_pdf_is_a4_with_page_numbers(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(render_pdf(demo_model(kb, 365)))
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    text = _pdf_text(path.read_bytes(), tmp_path)
    assert f"page {pages} of {pages}" in text


@needs_poppler
def test_an_empty_diary_renders_a_pdf_that_says_so(kb: KnowledgeBase, tmp_path: Path) -> None:
    model = build_report(episodes=[], entries=[], profile=None, now=NOW, kb=kb)
    text = _pdf_text(render_pdf(model), tmp_path)
    assert "nothing to report yet" in text


def test_the_persons_words_are_escaped_and_nothing_is_fetched(kb: KnowledgeBase) -> None:
    t0 = NOW - timedelta(days=2)
    hostile = '<img src="http://example.invalid/x.png"><script>alert(1)</script> & more'
    episode = Episode("ep", t0, trigger="<b>lifting</b>")
    entry = Entry("e1", "ep", t0 + timedelta(hours=1), pain=5, notes=hostile)
    html = render_html(build_report(episodes=[episode], entries=[entry], profile=None, now=NOW, kb=kb))
    assert "<script>" not in html and 'src="http' not in html and "<b>lifting</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    render_pdf(build_report(episodes=[episode], entries=[entry], profile=None, now=NOW, kb=kb))


def test_charts_are_inline_images(kb: KnowledgeBase) -> None:
    html = render_html(demo_model(kb, 90, sections=("charts",)))
    sources = re.findall(r'<img src="([^"]+)"', html)
    assert len(sources) == 2 and all(s.startswith("data:image/svg+xml;base64,") for s in sources)


def test_the_print_style_carries_no_colour() -> None:
    css = (Path(__file__).resolve().parent.parent / "src/lumbar/report/templates/report.css").read_text("utf-8")
    for hex_colour in re.findall(r"#([0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?)\b", css):
        channels = hex_colour if len(hex_colour) == 3 else hex_colour[::2]
        assert len(set(channels.lower())) == 1, f"#{hex_colour} is not a grey"
    assert not re.search(r"\b(rgb|hsl)a?\(|\b(red|green|blue|orange|yellow)\b", css)


@pytest.mark.parametrize("name", ["r.pdf", "r.PDF", "r.html", "r.htm"])
def test_report_formats(name: str) -> None:
    assert report_format(Path(name)) in ("pdf", "html")


@pytest.mark.parametrize("name", ["r.docx", "r", "r.pdf.txt"])
def test_an_unsupported_suffix_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match=r"\.pdf or \.html"):
        report_format(Path(name))


def test_bench_demo_diary_is_deterministic() -> None:
    a, b = bench_report().demo_diary(30), bench_report().demo_diary(30)
    assert a == b and a.entries


if __name__ == "__main__":  # rewrite the snapshots after a deliberate change; review the diff before committing
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for case, html in _snapshot_cases(default_kb()).items():
        (SNAPSHOTS / f"{case}.html").write_text(_normalised(html), encoding="utf-8")
        sys.stdout.write(f"wrote {SNAPSHOTS / case}.html\n")
