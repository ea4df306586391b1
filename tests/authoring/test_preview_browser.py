"""The preview in headless Chromium: the memo shows, a save appears without a reload, a mistake shows its line.

Set BRIEFING_SCREENSHOT=docs/preview.png to save the README's picture of the preview on the way.
"""

from __future__ import annotations

import os
import time

import pytest
from conftest import IN_CI, REPO, edit, need_tool, run_cli

from briefing.authoring.preview import PreviewServer
from briefing.content.workspace import Workspace

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1500,1000")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, chromedriver = need_tool("chromium"), need_tool("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        (pytest.fail if IN_CI else pytest.skip)("selenium is not installed: pip install -e '.[test]'")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS + (f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def live(workspace):
    """A fresh workspace holding `briefing new readout test-memo`, previewed."""
    assert run_cli("new", "readout", "test-memo", cwd=workspace).returncode == 0
    server = PreviewServer(Workspace.at(workspace), port=0).start()
    yield server
    server.close()


def wait_for(condition, timeout: float = 5.0, what: str = "the page to change"):
    """Poll `condition` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # noqa: BLE001  (a frame may be between two documents)
            value = None
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"waited {timeout} s for {what}")


def frame_text(driver, lang: str, selector: str) -> str:
    """The text of `selector` inside the memo frame of `lang`, read from the top window."""
    return driver.execute_script(
        "const doc = document.querySelector(`iframe[data-lang='${arguments[0]}']`).contentDocument;"
        "const node = doc && doc.querySelector(arguments[1]); return node ? node.textContent : null;",
        lang, selector)


def test_new_memo_previews_live_and_shows_mistakes(browser, live):
    memo = live.workspace.content / "test-memo.yaml"
    browser.get(live.url + "memo/test-memo")
    assert wait_for(lambda: frame_text(browser, "ja", "h1.memo-title")) == "（ここに表題を書く）"
    assert wait_for(lambda: frame_text(browser, "en", "h1.memo-title")) == "(write the title here)"
    style = browser.execute_script(
        "const doc = document.querySelector(\"iframe[data-lang='ja']\").contentDocument;"
        "return [getComputedStyle(doc.querySelector('h1')).textAlign, getComputedStyle(doc.documentElement).fontFamily,"
        " doc.fonts.check('12pt brief-mincho')];")
    assert style[0] == "center" and "brief-mincho" in style[1], "print.css styles the preview"
    wait_for(lambda: browser.execute_script("return document.fonts && [...document.querySelector("
                                            "\"iframe[data-lang='ja']\").contentDocument.fonts].some("
                                            "f => f.family.includes('brief-mincho') && f.status === 'loaded')"),
             what="the vendored Japanese font to load")
    browser.execute_script("window.keptAcrossUpdates = 'same page';")

    saved = time.monotonic()
    edit(memo, "（ここに表題を書く）", "藤井外務副大臣とカレ国連事務次長との会談")
    edit(memo, "(write the title here)", "Meeting between State Minister FUJII and Under-Secretary-General Khare")
    wait_for(lambda: frame_text(browser, "ja", "h1.memo-title") == "藤井外務副大臣とカレ国連事務次長との会談",
             what="the saved title")
    assert time.monotonic() - saved < 3.0, "a save shows within about a second"
    wait_for(lambda: "Khare" in (frame_text(browser, "en", "h1.memo-title") or ""), what="the English title")
    assert browser.execute_script("return window.keptAcrossUpdates") == "same page", "no reload of the tab"

    edit(memo, "（ここに1つ目の要点を書く）", "[[fujii-hisayuki:short]]から、国連三角パートナーシップ・プログラムへの支援を続ける旨述べました。")
    edit(memo, "(write the first point here)",
         "[[fujii-hisayuki:short]] said that Japan would continue to support the UN Triangular Partnership Programme.")
    wait_for(lambda: "藤井副大臣から" in (frame_text(browser, "ja", "ol.numbered") or ""), what="the first point")
    if os.environ.get("BRIEFING_SCREENSHOT"):
        time.sleep(0.5)
        browser.save_screenshot(str(REPO / os.environ["BRIEFING_SCREENSHOT"]))

    edit(memo, "closing: true ", "closing: maybe")
    problems = wait_for(lambda: browser.execute_script(
        "const p = document.getElementById('problems'); return p.hidden ? null : p.textContent;"),
        what="the problem panel")
    line = next(n for n, text in enumerate(memo.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("closing:"))
    assert f"content/test-memo.yaml:{line}:10: error: 'closing' must be true or false" in problems
    assert "closing: maybe" in problems, "the offending line is quoted"
    assert frame_text(browser, "ja", "h1.memo-title") == "藤井外務副大臣とカレ国連事務次長との会談", "last good stays"

    edit(memo, "closing: maybe", "closing: false")
    wait_for(lambda: browser.execute_script("return document.getElementById('problems').hidden"),
             what="the problem panel to go")
    wait_for(lambda: frame_text(browser, "ja", "p.closing") is None, what="the closing mark to go")
    assert browser.execute_script("return window.keptAcrossUpdates") == "same page"


def test_index_lists_memos_and_follows_new_ones(browser, live):
    browser.get(live.url)
    links = wait_for(lambda: browser.execute_script(
        "return [...document.querySelectorAll('#memos a')].map(a => a.textContent)"))
    assert links == ["heisei-notice", "khare-visit-2025", "mofa-style-readout", "pko-symposium-2025", "test-memo"]
    browser.execute_script("window.keptAcrossUpdates = 'same page';")
    assert run_cli("new", "result-summary", "another-memo", cwd=live.workspace.root).returncode == 0
    wait_for(lambda: browser.execute_script(
        "return [...document.querySelectorAll('#memos a')].some(a => a.textContent === 'another-memo')"),
        what="the new memo in the list")
    assert browser.execute_script("return window.keptAcrossUpdates") == "same page"


def test_example_memo_with_images_renders_like_the_print(browser, live):
    browser.get(live.url + "memo/pko-symposium-2025")
    wait_for(lambda: frame_text(browser, "en", "h1.memo-title"))
    loaded = wait_for(lambda: browser.execute_script(
        "const imgs = [...document.querySelector(\"iframe[data-lang='en']\").contentDocument.images];"
        "return imgs.length && imgs.every(i => i.complete && i.naturalWidth > 0) ? imgs.length : 0;"),
        what="the memo's images")
    assert loaded >= 1
    assert browser.execute_script("return document.getElementById('problems').hidden")
