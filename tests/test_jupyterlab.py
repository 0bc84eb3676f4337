"""A chapter in a real JupyterLab: it runs, and its quiz checks an answer in place.

JupyterLab is started from the course's environment on 127.0.0.1, in a
temporary folder outside the repository that holds one chapter notebook as the
website offers it for download. Debian's chromium (Playwright) opens it, runs
every cell, answers the first quiz question and reads the feedback: the URL
must not change and the page must not reload (a quiz that was an HTML form
submitted the page and reloaded JupyterLab). Every request to another host is
blocked and counted.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from site_helpers import ROOT, launch, require_site

pytestmark = [pytest.mark.browser, pytest.mark.build]

CHAPTER = "ch05_article_x"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    site = require_site()
    work = tmp_path_factory.mktemp("learner")
    assert ROOT not in work.parents
    shutil.copy(site / "_sources" / "book" / "chapters" / f"{CHAPTER}.ipynb", work)
    port, token = _free_port(), secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PROLIFERATION", "JUPYTER", "PYTHONPATH"))}
    env.update(HOME=str(work / "home"), JUPYTER_CONFIG_DIR=str(work / "home" / "config"),
               JUPYTER_RUNTIME_DIR=str(work / "home" / "runtime"), IPYTHONDIR=str(work / "home" / "ipython"))
    jupyter = Path(sys.executable).with_name("jupyter")
    log = (work / "lab.log").open("w")
    proc = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
         f"--ServerApp.port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
         "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                assert proc.poll() is None, (work / "lab.log").read_text()
                assert time.monotonic() < deadline, "JupyterLab did not start in 120 s"
                time.sleep(1)
        yield base, token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_a_chapter_runs_and_its_quiz_checks_an_answer_without_reloading(lab: tuple[str, str],
                                                                       tmp_path: Path) -> None:
    base, token = lab
    external: list[str] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})

            def route(r):  # noqa: ANN001
                if r.request.url.startswith(base):
                    r.continue_()
                else:
                    external.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            navigations: list[str] = []
            page.on("framenavigated", lambda f: navigations.append(f.url) if f == page.main_frame else None)
            page.goto(f"{base}/lab/tree/{CHAPTER}.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
            page.wait_for_function("window.jupyterapp && window.jupyterapp.serviceManager", timeout=60_000)
            page.wait_for_function(
                "(() => { const w = window.jupyterapp.shell.currentWidget;"
                " const k = w && w.sessionContext && w.sessionContext.session"
                " && w.sessionContext.session.kernel; return k && k.status === 'idle'; })()",
                timeout=120_000)
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            quiz = page.locator(".course-quiz-widget")
            try:
                quiz.first.wait_for(timeout=240_000)
            finally:
                page.screenshot(path=str(tmp_path / "jupyterlab-run.png"))
            quiz.first.scroll_into_view_if_needed()
            url_before = page.url
            page.evaluate("window.__courseMarker = 'still here'")
            seen = len(navigations)
            quiz.first.locator(".widget-toggle-button").first.click()
            quiz.first.get_by_role("button", name="Check answer").first.click()
            feedback = quiz.first.locator("[role=status]").first
            feedback.wait_for(timeout=30_000)
            text = feedback.inner_text()
            assert text.startswith(("Correct.", "Not quite.")), text
            assert len(text) > 30, "the feedback explains the answer"
            assert page.url == url_before, f"the URL changed: {url_before} -> {page.url}"
            assert page.evaluate("window.__courseMarker") == "still here", "the page reloaded"
            assert len(navigations) == seen, f"the page navigated: {navigations[seen:]}"
            score = quiz.first.locator("text=answered correctly so far").first.inner_text()
            assert score.startswith(("0 of", "1 of")), score
            errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            tracebacks = [e for e in errors.all_inner_texts() if "Traceback" in e or "Error" in e]
            assert tracebacks == [], tracebacks[:2]
            page.screenshot(path=str(tmp_path / "jupyterlab-quiz.png"))
        finally:
            browser.close()
    assert external == [], f"requests to other hosts: {external[:5]}"
