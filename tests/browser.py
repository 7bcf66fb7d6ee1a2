"""Driving Debian's Chromium with Playwright (a downloaded browser cannot work here)."""

import os
from pathlib import Path

from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
# The machine has no network: Chromium must not try to reach Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts"


def screenshot(page, name: str) -> None:
    """Save a full-page PNG under test-artifacts/ when SCREENSHOTS is set (to look at)."""
    if os.environ.get("SCREENSHOTS"):
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
