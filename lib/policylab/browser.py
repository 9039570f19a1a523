"""A throwaway JupyterLab and Debian's headless Chromium, for the browser tests and the
screenshots: a content author checks what a learner actually sees, with no downloaded
browser and no request leaving the machine.

Playwright (a development dependency) is imported only by the functions that use it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
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


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class LabServer:
    url: str
    token: str

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"


@contextlib.contextmanager
def jupyter_lab(root: Path, timeout: float = 90.0) -> Iterator[LabServer]:
    """Start JupyterLab on a free loopback port serving ``root``; stop it on exit.

    Settings and workspaces go to a temporary folder so that the learner's own JupyterLab
    state is neither used nor changed; the application object is exposed to the page so
    that tests can run commands such as "run all cells".
    """
    port = free_port()
    token = secrets.token_hex(16)
    with tempfile.TemporaryDirectory(prefix="policylab-lab-") as home:
        env = dict(os.environ)
        env.pop("POLICYLAB_STATIC", None)
        env.update(JUPYTER_CONFIG_DIR=f"{home}/config", JUPYTER_RUNTIME_DIR=f"{home}/runtime",
                   JUPYTERLAB_WORKSPACES_DIR=f"{home}/workspaces",
                   JUPYTERLAB_SETTINGS_DIR=f"{home}/settings")
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class="
            "jupyterlab.NeverCheckForUpdate",
        ]
        log = open(Path(home) / "lab.log", "wb")  # noqa: SIM115 - closed below
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_for(f"{url}/api/status?token={token}", timeout, process, Path(home) / "lab.log")
            yield LabServer(url, token)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


def _wait_for(url: str, timeout: float, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise PolicylabError(f"JupyterLab stopped at start-up:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
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
