"""Browser tests: Playwright drives a real headless Chromium against the real running apps.

The tests use the system's Chromium (never a downloaded one): ``/usr/bin/chromium``, or the path
in the environment variable ``CHROMIUM_PATH``, or ``chromium`` / ``chromium-browser`` on the
PATH. Without Playwright or Chromium the tests are skipped with the reason; when the environment
variable ``CI`` is set they fail instead, because CI must really run them.

Fixtures for every app's browser tests: ``chromium_browser`` (one per test module),
``browser_page`` (a fresh page, in its own context, per test) and ``screenshot_folder`` (where the
pictures go: ``make screenshots`` sets SCREENSHOTS_DIR to docs/images/screenshots). Each page records
what the browser refused under the page's Content-Security-Policy in ``page.csp_violations``
(Chromium reports each refusal on the console), so a test can check that a page's own scripts and
styles were all allowed.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.needs import unavailable

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
# Quiet, reproducible, offline: no sandbox (containers), no GPU, no background downloads.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def chromium_executable():
    """The system Chromium to drive, or ``None``."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


# Module scope, not session: Playwright's sync API keeps an asyncio event loop running in this
# thread while it is open, and Django then refuses database work in later tests
# (SynchronousOnlyOperation). Stopping it after each browser module keeps that from leaking.
@pytest.fixture(scope="module")
def chromium_browser():
    """A headless Chromium, started once per test module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (`make setup-dev` installs it).")
    executable = chromium_executable()
    if executable is None:
        unavailable("No Chromium found: install it (e.g. `apt install chromium`) or set CHROMIUM_PATH.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium_browser):
    """A fresh page with its own cookies and storage, closed after the test."""
    context = chromium_browser.new_context()
    context.set_default_timeout(30_000)  # generous: the machine may be busy
    try:
        page = context.new_page()
        page.csp_violations = []
        page.on("console", lambda message: page.csp_violations.append(message.text)
                if "Content Security Policy" in message.text else None)
        yield page
    finally:
        context.close()


@pytest.fixture
def screenshot_folder(tmp_path):
    """Where the pictures go: SCREENSHOTS_DIR (with the emoji font required), else a temporary folder."""
    chosen = os.environ.get("SCREENSHOTS_DIR")
    if not chosen:
        return tmp_path
    listing = subprocess.run(["fc-list"], capture_output=True, text=True) if shutil.which("fc-list") else None
    fonts = listing.stdout if listing else ""
    assert "Noto Color Emoji" in fonts, "install the emoji font first (apt install fonts-noto-color-emoji)"
    folder = Path(chosen)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
