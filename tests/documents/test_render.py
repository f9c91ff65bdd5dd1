"""What holds for every document: embedded font, sizes, repeatable bytes, reported gaps,
and no personal data beyond the masked values it was given."""

from __future__ import annotations

import dataclasses
import logging
import subprocess
import sys
import threading
from collections.abc import Callable

import pytest

from core.documents import Paper, RenderResult, render, samples, supported_papers
from core.documents.content import Document, TicketDoc
from core.errors import BugError
from tests.helpers import TOP
from tests.pdfread import A4_PT, ID_RUN, MM, ReadBack

Reader = Callable[[RenderResult], ReadBack]

ALL_DOCS: list[Callable[[], Document]] = [
    samples.ticket,
    samples.pickup,
    samples.low_income_notice,
    samples.receipt,
    samples.rejection,
    samples.supplement,
    samples.daily_report,
    samples.monthly_report,
]
EVERY_LAYOUT = [
    pytest.param(make, paper, id=f"{make.__name__}-{paper}")
    for make in ALL_DOCS
    for paper in supported_papers(type(make()))
]


@pytest.mark.parametrize(("make", "paper"), EVERY_LAYOUT)
def test_every_layout_embeds_its_only_font_and_has_its_paper_size(
    make: Callable[[], Document], paper: Paper, read_back: Reader
) -> None:
    result = render(make(), paper=paper)
    pdf = read_back(result)
    fonts = pdf.fonts()
    assert fonts and all(fonts.values()), fonts  # every font has a /FontFile2
    assert all("WenQuanYiMicroHei" in name for name in fonts)
    sizes = pdf.page_sizes()
    assert len(sizes) == result.pages
    if paper is Paper.A4:
        assert all(size == pytest.approx(A4_PT, abs=1) for size in sizes)
        assert result.page_size_mm == (210.0, 297.0)
        assert f"第1页共{result.pages}页" in pdf.flat()
    else:
        width = 80 if paper is Paper.ROLL_80 else 58
        assert sizes[0][0] == pytest.approx(width * MM, abs=0.5)
        assert result.page_size_mm[0] == width
        assert result.pages == 1
    assert result.missing_chars == ()


@pytest.mark.parametrize("make", ALL_DOCS)
def test_same_content_gives_the_same_bytes(make: Callable[[], Document]) -> None:
    assert render(make()).pdf == render(make()).pdf


def test_bytes_are_the_same_in_a_fresh_process() -> None:
    code = (
        "import sys; from core.documents import render, samples; "
        "sys.stdout.buffer.write(render(samples.receipt()).pdf)"
    )
    child = subprocess.run(
        [sys.executable, "-c", code], cwd=TOP, capture_output=True, check=True, timeout=120
    )
    assert child.stdout == render(samples.receipt()).pdf


def test_concurrent_renders_match_serial_ones() -> None:
    docs = [samples.ticket(), samples.receipt(), samples.low_income_notice()] * 3
    expected = [render(d).pdf for d in docs]
    got: list[bytes | None] = [None] * len(docs)

    def work(i: int) -> None:
        got[i] = render(docs[i]).pdf

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(docs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected


def test_metadata_names_the_document_not_the_person(read_back: Reader) -> None:
    pdf = read_back(render(samples.receipt()))
    meta = pdf.reader.metadata
    assert meta is not None
    assert meta.title == "受理回执"
    assert "张" not in str(dict(meta))


def test_missing_characters_are_boxed_and_reported(
    read_back: Reader, caplog: pytest.LogCaptureFixture
) -> None:
    doc = dataclasses.replace(samples.receipt(), applicant_masked="𠮷*华")
    with caplog.at_level(logging.WARNING, logger="core.documents"):
        result = render(doc)
    assert result.missing_chars == ("𠮷",)
    assert "□*华" in read_back(result).flat()
    assert "U+20BB7" in caplog.text
    assert "华" not in caplog.text  # the text around it is personal data


def test_missing_characters_in_a_ticket_and_a_report(read_back: Reader) -> None:
    ticket = dataclasses.replace(samples.ticket(), name_masked="𠮷*", group_name="社保😀")
    result = render(ticket, paper=Paper.ROLL_58)
    assert result.missing_chars == ("\U0001f600", "𠮷")
    assert "社保□" in read_back(result).flat()
    figures = samples.daily_report().figures
    group = dataclasses.replace(figures.groups[0], group_name="A 𠮷事")
    report = dataclasses.replace(
        samples.daily_report(), figures=dataclasses.replace(figures, groups=(group,))
    )
    assert render(report).missing_chars == ("𠮷",)


def _mask_id(number: str) -> str:
    return number[:6] + "*" * 8 + number[-4:]


def test_leak_canary_full_id_number_never_reaches_paper(read_back: Reader) -> None:
    """Built from a full ID number the way a builder would: only the mask may print."""
    full_id = "11010519491231002X"
    masked = _mask_id(full_id)
    receipt = dataclasses.replace(
        samples.receipt(), applicant_id_masked=masked, applicant_masked="王*明"
    )
    rejection = dataclasses.replace(samples.rejection(), applicant_id_masked=masked)
    supplement = dataclasses.replace(samples.supplement(), applicant_id_masked=masked)
    for doc in (receipt, rejection, supplement):
        for paper in supported_papers(type(doc)):
            pdf = read_back(render(doc, paper=paper))
            text = pdf.text()
            assert masked in pdf.flat()
            assert full_id not in pdf.flat()
            assert not ID_RUN.search(text), ID_RUN.search(text)
            assert full_id not in pdf.pdf.decode("latin-1")  # metadata is stored uncompressed
            assert not ID_RUN.search(pdf.flat())


@pytest.mark.parametrize(
    "payload", ["11010519491231002X", "https://bm.example.cn/t/11010519491231002X"]
)
def test_a_qr_with_an_id_number_is_refused_before_anything_is_printed(payload: str) -> None:
    with pytest.raises(BugError) as raised:
        render(dataclasses.replace(samples.receipt(), qr_payload=payload))
    assert "11010519491231002X" not in str(raised.value)
    with pytest.raises(BugError):
        render(dataclasses.replace(samples.ticket(), qr_payload=payload))


def test_unknown_documents_and_papers_are_bugs() -> None:
    with pytest.raises(BugError):
        render(object())  # type: ignore[arg-type]
    with pytest.raises(BugError):
        render(samples.daily_report(), paper=Paper.ROLL_58)
    assert supported_papers(TicketDoc)[0] is Paper.ROLL_80


def test_defaults(read_back: Reader) -> None:
    assert render(samples.ticket()).page_size_mm[0] == 80
    assert render(samples.receipt()).page_size_mm == (210.0, 297.0)
