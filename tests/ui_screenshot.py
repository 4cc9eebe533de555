"""For tests: a screenshot of a Prefect UI page in headless Chromium (Debian's `chromium`).

    python -m tests.ui_screenshot URL OUT.png [--wait 8]

The Prefect UI is a single-page app: Chromium's own ``--screenshot`` fires before it
has fetched anything, so this drives Chromium over the DevTools protocol (the
``websockets`` package comes with Prefect), waits for the page to render, then saves
a PNG and prints the page's visible text (what a test checks).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import httpx
import websockets

from flows.local_server import free_port

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    # This machine's network is closed: without these Chromium retries its own services.
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


async def _capture(ws_url: str, url: str, wait: float) -> tuple[bytes, str]:
    async with websockets.connect(ws_url, max_size=64_000_000) as ws:
        counter = 0

        async def call(method: str, **params) -> dict:
            nonlocal counter
            counter += 1
            await ws.send(json.dumps({"id": counter, "method": method, "params": params}))
            while True:
                message = json.loads(await ws.recv())
                if message.get("id") == counter:
                    return message.get("result", {})

        await call("Page.enable")
        await call("Page.navigate", url=url)
        await asyncio.sleep(wait)
        shot = await call("Page.captureScreenshot", format="png")
        text = await call("Runtime.evaluate", expression="document.body.innerText")
        return base64.b64decode(shot["data"]), text.get("result", {}).get("value", "")


def screenshot(url: str, out: str, wait: float = 8.0, size: str = "1400,1100") -> str:
    """Save a PNG of ``url`` to ``out``; returns the page's visible text."""
    exe = chromium_path()
    if exe is None:
        raise RuntimeError("chromium not found (Debian package `chromium`)")
    port = free_port()
    profile = tempfile.mkdtemp(prefix="hbetl-chromium-")
    proc = subprocess.Popen([exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                             f"--remote-debugging-port={port}", f"--window-size={size}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                tabs = httpx.get(f"http://127.0.0.1:{port}/json", timeout=2).json()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError("chromium's DevTools endpoint did not answer in 30 s") from None
                time.sleep(0.2)
        ws_url = next(t["webSocketDebuggerUrl"] for t in tabs if t["type"] == "page")
        png, text = asyncio.run(_capture(ws_url, url, wait))
        with open(out, "wb") as f:
            f.write(png)
        return text
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--wait", type=float, default=8.0, help="seconds to let the page render")
    args = parser.parse_args(argv)
    print(screenshot(args.url, args.out, args.wait))
    return 0


if __name__ == "__main__":
    sys.exit(main())
