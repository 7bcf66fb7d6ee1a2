"""Driving Debian's Chromium with Playwright (a downloaded browser cannot work here)."""

import os
from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

from monitoring.demo import DEMO_PASSWORD

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


def log_in(page, base_url: str, username: str) -> None:
    """Log in through the login form as a demo user."""
    page.goto(base_url + "/login/")
    page.get_by_label("Lietotājvārds").fill(username)
    page.get_by_label("Parole").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Pieslēgties").click()
    expect(page.get_by_role("button", name="Iziet")).to_be_visible()


def log_out(page) -> None:
    page.get_by_role("button", name="Iziet").click()
    expect(page.get_by_role("link", name="Pieslēgties")).to_be_visible()


AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page (needs the bypass_csp marker)."""
    # Right after a click that navigates, the new document may have no <head> yet to take the
    # script (seen once in a fresh clone's run: "Cannot read properties of null").
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    assert len(result["passes"]) > 10, "axe-core ran no rules"
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
    ]
