"""The review PDF in tests: its text by poppler, that text with its line breaks undone, and the
worker that makes it."""

import re
import subprocess

from django.core.management import call_command


def pdf_text(pdf: bytes, *options: str) -> str:
    """The PDF's text by poppler's pdftotext (reading order, or -layout for the page look)."""
    result = subprocess.run(
        ["pdftotext", *options, "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def words(text: str) -> str:
    """`text` with every run of whitespace as one space, to find a sentence a PDF (or a page)
    broke across lines."""
    return re.sub(r"\s+", " ", text).strip()


def run_worker() -> None:
    """What `manage.py db_worker` does in production, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")
