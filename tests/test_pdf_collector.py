"""`reports.pdf.html_to_pdf` pauses Python's cycle collector while WeasyPrint works and always
turns it back on: a process that makes one PDF must not go on without it."""

import gc

import pytest
from weasyprint import HTML

from reports.pdf import html_to_pdf
from tests.pdf import pdf_text


def test_the_collector_is_paused_while_the_pdf_is_made_and_on_again_after(monkeypatch):
    seen = []
    real_write_pdf = HTML.write_pdf

    def write_pdf(self, *args, **kwargs):
        seen.append(gc.isenabled())
        return real_write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", write_pdf)
    pdf = html_to_pdf("<p>Zemgales plānošanas reģions</p>")
    assert seen == [False]
    assert gc.isenabled()
    assert "Zemgales plānošanas reģions" in pdf_text(pdf)


def test_the_collector_is_on_again_when_weasyprint_fails():
    with pytest.raises(TypeError):
        html_to_pdf(None)
    assert gc.isenabled()


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        html_to_pdf("<p>Kurzeme</p>")
        assert not gc.isenabled()
    finally:
        gc.enable()
