"""Headless Chromium for the explorer's browser tests (Debian's chromium via Playwright).

Pages are opened from file:// with every other request blocked and recorded, so a
test can assert that a page needs no network.  Screenshots go to tests/artifacts/.
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="module")   # one per test module: Playwright's sync API runs one at a time
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    exe = chromium_path()
    if exe is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does it)")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Log:
    errors: list[str] = field(default_factory=list)      # console errors and uncaught exceptions
    blocked: list[str] = field(default_factory=list)     # requests that left file://


def open_page(browser, path: Path, width: int = 1600, height: int = 1000, timeout: float = 60_000):
    """A new tab showing ``path``, offline, once the graph has been drawn."""
    page = browser.new_page(viewport={"width": width, "height": height})
    log = Log()
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.errors.append(f"uncaught: {e}"))

    def guard(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            log.blocked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_function("document.body.dataset.ready === '1'", timeout=timeout)
    return page, log


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(out))
    return out


def page_data(path: Path) -> dict:
    html = Path(path).read_text("utf-8")
    return json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S).group(1))


def counts(page) -> dict:
    return page.evaluate("kgExplorer.counts()")


def click_canvas(page, x: float, y: float) -> None:
    """Click the graph at network coordinates (x, y)."""
    dom = page.evaluate("([x, y]) => kgExplorer.network.canvasToDOM({x: x, y: y})", [x, y])
    box = page.locator("#net").bounding_box()
    page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])
