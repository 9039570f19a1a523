"""A throwaway JupyterLab and Debian's headless Chromium, for the browser tests and the
screenshots: a content author checks what a learner actually sees, with no downloaded
browser and no request leaving the machine.

Playwright (a development dependency) is imported only by the functions that use it.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from policylab.errors import PolicylabError

CHROMIUM = "/usr/bin/chromium"
#: Flags that keep Chromium from phoning home (refused connections otherwise pile up here).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Debian's Chromium, or None when it is not installed."""
    found = shutil.which("chromium") or (CHROMIUM if Path(CHROMIUM).exists() else None)
    return found


@dataclass(frozen=True)
class LabServer:
    url: str
    token: str

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"


@contextlib.contextmanager
def jupyter_lab(root: Path, timeout: float = 90.0) -> Iterator[LabServer]:
    """Start JupyterLab on a loopback port chosen by the system, serving ``root``; stop it
    on exit.

    The server picks its own free port (``port=0``) and records it in its runtime file, so
    no other process can take the port between choosing and binding it. Settings and
    workspaces go to a temporary folder so that the learner's own JupyterLab state is
    neither used nor changed; the application object is exposed to the page so that tests
    can run commands such as "run all cells".
    """
    token = secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="policylab-lab-") as home:
        runtime = Path(home) / "runtime"
        env = dict(os.environ)
        env.pop("POLICYLAB_STATIC", None)
        env.update(JUPYTER_CONFIG_DIR=f"{home}/config", JUPYTER_RUNTIME_DIR=str(runtime),
                   JUPYTERLAB_WORKSPACES_DIR=f"{home}/workspaces",
                   JUPYTERLAB_SETTINGS_DIR=f"{home}/settings")
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ServerApp.port=0", "--ServerApp.ip=127.0.0.1", "--ServerApp.allow_root=True",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        # No "get notified about Jupyter news?" pop-up over what the test or screenshot sees.
        notification = (Path(home) / "settings" / "@jupyterlab" / "apputils-extension"
                        / "notification.jupyterlab-settings")
        notification.parent.mkdir(parents=True)
        notification.write_text('{"fetchNews": "false"}', encoding="utf-8")
        log_path = Path(home) / "lab.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
            try:
                url = _wait_for_server(runtime, token, timeout, process, log_path)
                yield LabServer(url, token)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()


def _wait_for_server(runtime: Path, token: str, timeout: float, process: subprocess.Popen,
                     log: Path) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise PolicylabError(f"JupyterLab stopped at start-up:\n{log.read_text()[-2000:]}")
        for info_file in runtime.glob("jpserver-*.json"):
            try:
                port = json.loads(info_file.read_text())["port"]
            except (ValueError, KeyError):
                continue
            url = f"http://127.0.0.1:{port}"
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    return url
            except OSError:
                pass
        time.sleep(0.5)
    raise PolicylabError(f"JupyterLab did not answer within {timeout:.0f} s")


@contextlib.contextmanager
def chromium_page(width: int = 1280, height: int = 900, offline: bool = False):
    """A Playwright page in Debian's Chromium; ``offline`` blocks every non-file request
    and records it in ``page.blocked_requests``."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise PolicylabError("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.blocked_requests = []
            if offline:
                def block(route, request):
                    if request.url.startswith("file://"):
                        route.continue_()
                    else:
                        page.blocked_requests.append(request.url)
                        route.abort()

                context.route("**/*", block)
            yield page
        finally:
            browser.close()


# JavaScript run in the page through the JupyterLab application object that jupyter_lab()
# exposes: the open notebook has a ready session, and every code cell has run.
_SESSION_READY = """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return !!(w && w.sessionContext && w.sessionContext.isReady); }"""
_ALL_CELLS_RAN = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext.session) return false;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code');
  return cells.length > 0 && cells.every(c => c.model.executionCount !== null)
    && panel.sessionContext.session.kernel.status === 'idle';
}"""
_ERROR_OUTPUTS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const errors = [];
  for (const cell of panel.content.widgets) {
    if (cell.model.type !== 'code') continue;
    for (const out of cell.model.outputs.toJSON()) {
      if (out.output_type === 'error') errors.push(out.ename + ': ' + out.evalue);
    }
  }
  return errors;
}"""


def run_notebook_in_lab(page, lab: LabServer, notebook: str, timeout_ms: int = 240_000) -> None:
    """Open ``notebook`` in JupyterLab, run all its cells, and wait until the kernel is
    idle with every code cell executed, as a learner pressing "Run All" would."""
    page.goto(lab.notebook_url(notebook))
    page.wait_for_function(_SESSION_READY, timeout=120_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(_ALL_CELLS_RAN, timeout=timeout_ms, polling=1000)


def error_outputs(page) -> list[str]:
    """``ename: evalue`` of every error output in the open notebook."""
    return page.evaluate(_ERROR_OUTPUTS)
