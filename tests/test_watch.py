"""`timeline watch` end to end: a real headless Chromium looks at the preview page while the data changes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from generator.build import Options
from generator.watch import Previewer, serve

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "container-history.yaml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=10) as response:
        return json.load(response)


def wait_for_generation(port: int, generation: int, seconds: float = 240) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = status(port)
            if state["generation"] >= generation and not state["building"]:
                return state
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"no build {generation} within {seconds} s")


def screenshot(page, tmp_path: Path, name: str, full: bool = False) -> Path:
    """Save a screenshot (also into $TIMELINE_SCREENSHOTS, to look at by hand)."""
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    if os.environ.get("TIMELINE_SCREENSHOTS"):
        folder = Path(os.environ["TIMELINE_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, folder / path.name)
    return path


def shown_picture(page, selector: str) -> str:
    """The src of a picture on the page, once the browser has loaded it."""
    page.wait_for_function(f"() => {{ const i = document.querySelector({json.dumps(selector)});"
                           " return i && i.complete && i.naturalWidth > 0; }", timeout=60_000)
    return page.get_attribute(selector, "src")


@pytest.fixture
def watched(tmp_path):
    """A copy of the bundled data, watched by `timeline watch` in its own process."""
    folder = tmp_path / "data"
    folder.mkdir()
    data = folder / DATA.name
    shutil.copy(DATA, data)
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    env = {**os.environ, "TMPDIR": str(temp)}
    proc = subprocess.Popen([sys.executable, "-m", "generator", "watch", str(data), "--port", str(port),
                             "--dpi", "30"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        yield data, port, proc, temp
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate(timeout=30)


def test_watch_page_in_a_real_browser(watched, tmp_path):
    if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    data, port, proc, temp = watched
    first = wait_for_generation(port, 1)
    assert first["error"] == "" and len(first["files"]["poster"]) == 1
    assert len(first["files"]["slides"]) > 10 and len(first["files"]["handout"]) > 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900})
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_selector("body[data-generation='1']", timeout=60_000)
        poster = shown_picture(page, "#poster img")
        assert page.locator("#slides img").count() == len(first["files"]["slides"])
        assert not page.locator("#error").is_visible()
        screenshot(page, tmp_path, "watch-1-loaded")
        page.wait_for_function("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)",
                               timeout=60_000)
        screenshot(page, tmp_path, "watch-1-whole-page", full=True)

        # An edit: the page updates by itself, and only the pages that changed are drawn again.
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("title: {en: FreeBSD Jail,", "title: {en: FreeBSD Jail (edited),", 1),
                        encoding="utf-8")
        page.wait_for_selector("body[data-generation='2']", timeout=120_000)
        second = status(port)
        edited = shown_picture(page, "#poster img")
        assert edited != poster and second["error"] == ""
        assert 0 < second["drawn"] < len(first["files"]["slides"])
        assert page.locator("#state").inner_text().startswith("build 2 done")
        screenshot(page, tmp_path, "watch-2-edited")

        # A broken edit: the located error is shown above the last good preview.
        data.write_text(text.replace("    date: 2000\n", "    date: 2000-13\n", 1), encoding="utf-8")
        page.wait_for_selector("body[data-generation='3']", timeout=120_000)
        error = page.locator("#error")
        assert error.is_visible()
        line = 1 + text[:text.index("    date: 2000\n")].count("\n")
        assert f"{data.name}:{line}:11: events[0].date:" in error.inner_text()
        assert "month 13" in error.inner_text()
        assert shown_picture(page, "#poster img") == edited
        screenshot(page, tmp_path, "watch-3-broken")

        # Fixed again: the error goes away.
        data.write_text(text, encoding="utf-8")
        page.wait_for_selector("body[data-generation='4']", timeout=120_000)
        assert not page.locator("#error").is_visible()
        assert shown_picture(page, "#poster img") == poster     # the same scene: the same picture
        browser.close()

    proc.send_signal(signal.SIGINT)                          # Ctrl-C
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err
    assert "another timeline command" not in err             # its own workers do not wait for each other
    assert list(temp.iterdir()) == []                        # the pictures' folder is gone
    assert sorted(p.name for p in data.parent.iterdir()) == [data.name]   # nothing written beside the data


def test_the_server_listens_on_loopback_only_and_serves_only_its_pictures(tmp_path):
    previewer = Previewer(DATA, Options(), "en", dpi=10)
    server = serve(previewer, 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
        port = server.server_address[1]
        (previewer.folder / "secret.png").write_bytes(b"not shown")
        for path in ("/files/secret.png", "/files/../../etc/passwd", "/files/%2e%2e/x", "/nothing"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            assert refused.value.code == 404
        assert status(port)["generation"] == 0
    finally:
        server.shutdown()
        server.server_close()
        previewer.close()
    assert not previewer.folder.exists()
