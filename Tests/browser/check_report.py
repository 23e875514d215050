#!/usr/bin/env python3
"""Checks an airledger HTML report in a real browser (Debian's chromium, headless).

Drives chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: commands on fd 3,
answers on fd 4, NUL-separated JSON), with the Python standard library only:

  1. loads the page from a file:// URL at 1280 px wide and waits for its load event and fonts;
  2. fails on any console error or warning, uncaught exception, log entry of level error or warning
     (CSP violations, failed loads), failed network load, and on any request besides the page itself
     (the report must need no resource: no CDN, no font, no image from elsewhere);
  3. screenshots the whole page to PNG and prints it to PDF (A4, the page's print CSS), and checks
     the PDF has pages;
  4. finds every chart (each <figure>'s <svg>), screenshots its region, decodes the PNG (zlib and
     the five PNG filters, by hand) and fails when the region is blank: fewer than 1% of its pixels
     (and fewer than 300) darker than near-white, or fewer than 3 distinct colours.

Usage: check_report.py REPORT.html [--png OUT.png] [--pdf OUT.pdf] [--chromium PATH]
Exit status: 0 all checks passed, 1 a check failed, 2 the browser could not be driven.
"""
import argparse
import base64
import json
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

TIMEOUT = 90.0


class Browser:
    def __init__(self, chromium, profile):
        cmd_r, cmd_w = os.pipe()
        res_r, res_w = os.pipe()

        def wire():
            # The protocol's fixed descriptors: commands in on 3, answers out on 4. Copy both out of
            # the way first (the pipes may already sit on 3 or 4), then place them; dup2 onto a
            # different descriptor clears close-on-exec.
            a, b = os.dup(cmd_r), os.dup(res_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, close_fds=False, preexec_fn=wire)
        os.close(cmd_r)
        os.close(res_w)
        self.out = cmd_w
        self.inp = res_r
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close", wait=False)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.out, self.inp):
            try:
                os.close(fd)
            except OSError:
                pass

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from chromium within %.0f s" % TIMEOUT)
            ready, _, _ = select.select([self.inp], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.inp, 1 << 20)
            if not chunk:
                raise ConnectionError("chromium closed the protocol pipe (did it start? try running it by hand)")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, wait=True):
        self.next_id += 1
        mid = self.next_id
        msg = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.out, json.dumps(msg).encode() + b"\0")
        if not wait:
            return None
        deadline = time.monotonic() + TIMEOUT
        while True:
            m = self._read_message(deadline)
            if m.get("id") == mid:
                if "error" in m:
                    raise RuntimeError("%s failed: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session):
        deadline = time.monotonic() + TIMEOUT
        for m in self.events:
            if m.get("method") == method and m.get("sessionId") == session:
                return m
        while True:
            m = self._read_message(deadline)
            self.events.append(m)
            if m.get("method") == method and m.get("sessionId") == session:
                return m


# ---- PNG decoding (standard library only) ----

def decode_png(data):
    """Returns (width, height, channels, rows) where rows is a list of bytearrays of raw samples."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat = 8, []
    width = height = depth = colour = interlace = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise ValueError("unsupported PNG: depth %s colour type %s interlace %s" % (depth, colour, interlace))
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        f = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        if f == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif f == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif f == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = prev[i]
                c = prev[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        elif f != 0:
            raise ValueError("bad PNG filter %d" % f)
        rows.append(line)
        prev = line
    return width, height, channels, rows


def ink(png):
    """(pixels darker than near-white, all pixels, distinct colours) of a PNG."""
    width, height, channels, rows = decode_png(png)
    dark, colours = 0, set()
    for line in rows:
        for x in range(0, width * channels, channels):
            px = bytes(line[x:x + min(channels, 3)])
            if len(colours) < 64:
                colours.add(px)
            if min(px) < 235:
                dark += 1
    return dark, width * height, len(colours)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("report")
    ap.add_argument("--png", help="write the full-page screenshot here")
    ap.add_argument("--pdf", help="write the printed PDF here")
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser"))
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--top", help="write a screenshot of the page's top --top-height pixels here (README's picture)")
    ap.add_argument("--top-height", type=int, default=1400)
    a = ap.parse_args()
    if not a.chromium:
        print("check-report: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    path = os.path.abspath(a.report)
    html = open(path, encoding="utf-8").read()
    expected_figures = len(re.findall(r"<figure[ >]", html))
    url = "file://" + path
    failures = []
    profile = tempfile.mkdtemp(prefix="airledger-chromium-")
    b = Browser(a.chromium, profile)
    try:
        targets = b.send("Target.getTargets")["targetInfos"]
        page = next((t for t in targets if t["type"] == "page"), None)
        if page is None:
            page = {"targetId": b.send("Target.createTarget", {"url": "about:blank"})["targetId"]}
        s = b.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            b.send(domain + ".enable", session=s)
        b.send("Emulation.setDeviceMetricsOverride", {"width": a.width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=s)
        b.events.clear()
        b.send("Page.navigate", {"url": url}, session=s)
        b.wait_event("Page.loadEventFired", s)
        b.send("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => true)", "awaitPromise": True}, session=s)
        height = b.send("Runtime.evaluate", {"expression": "document.documentElement.scrollHeight", "returnByValue": True}, session=s)["result"]["value"]
        b.send("Emulation.setDeviceMetricsOverride", {"width": a.width, "height": int(height), "deviceScaleFactor": 1, "mobile": False}, session=s)
        boxes = json.loads(b.send("Runtime.evaluate", {"returnByValue": True, "expression": """JSON.stringify(
            [...document.querySelectorAll('figure')].map(f => { const svg = f.querySelector('svg');
              const r = svg ? svg.getBoundingClientRect() : {x: 0, y: 0, width: 0, height: 0};
              return {id: f.id, x: r.x + scrollX, y: r.y + scrollY, w: r.width, h: r.height, svg: !!svg}; }))"""}, session=s)["result"]["value"])
        full = base64.b64decode(b.send("Page.captureScreenshot", {"format": "png"}, session=s)["data"])
        if a.png:
            open(a.png, "wb").write(full)
        if a.top:
            clip = {"x": 0, "y": 0, "width": a.width, "height": min(a.top_height, int(height)), "scale": 1}
            open(a.top, "wb").write(base64.b64decode(b.send("Page.captureScreenshot", {"format": "png", "clip": clip}, session=s)["data"]))
        pdf = base64.b64decode(b.send("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True}, session=s)["data"])
        if a.pdf:
            open(a.pdf, "wb").write(pdf)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        if not pdf.startswith(b"%PDF-") or pages < 1:
            failures.append("the printed PDF has no pages")

        # Everything the page did while loading and being printed.
        for m in b.events:
            method, p = m.get("method"), m.get("params", {})
            if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "warning", "assert"):
                failures.append("console %s: %s" % (p["type"], " ".join(str(x.get("value", x.get("description", ""))) for x in p.get("args", []))))
            elif method == "Runtime.exceptionThrown":
                failures.append("uncaught exception: %s" % p.get("exceptionDetails", {}).get("text", ""))
            elif method == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                e = p["entry"]
                failures.append("browser log %s (%s): %s %s" % (e["level"], e.get("source", ""), e.get("text", ""), e.get("url", "")))
            elif method == "Network.loadingFailed":
                failures.append("failed to load a resource: %s (%s)" % (p.get("errorText", ""), p.get("blockedReason", "")))
            elif method == "Network.requestWillBeSent" and p.get("request", {}).get("url") != url:
                failures.append("the page requested another resource: %s" % p["request"]["url"][:200])

        if expected_figures == 0:
            failures.append("the report has no figure")
        if len(boxes) != expected_figures:
            failures.append("the page shows %d figures, the HTML has %d" % (len(boxes), expected_figures))
        for box in boxes:
            if not box["svg"] or box["w"] < 50 or box["h"] < 30:
                failures.append("figure %s: no chart drawn (%.0f x %.0f px)" % (box["id"], box["w"], box["h"]))
                continue
            clip = {"x": box["x"], "y": box["y"], "width": box["w"], "height": box["h"], "scale": 1}
            shot = base64.b64decode(b.send("Page.captureScreenshot", {"format": "png", "clip": clip}, session=s)["data"])
            dark, total, colours = ink(shot)
            share = dark / total if total else 0
            status = "ok" if dark >= 300 and share >= 0.01 and colours >= 3 else "BLANK"
            print("figure %-20s %4.0f x %4.0f px at y=%5.0f: %5.1f%% ink, %2d%s colours: %s"
                  % (box["id"], box["w"], box["h"], box["y"], 100 * share, colours, "+" if colours >= 64 else "", status))
            if status != "ok":
                failures.append("figure %s: its chart region is blank (%.2f%% ink, %d colours)" % (box["id"], 100 * share, colours))
        print("page %d x %d px, %d figures, PDF %d pages (%d bytes)" % (a.width, height, len(boxes), pages, len(pdf)))
    except (TimeoutError, ConnectionError, RuntimeError, OSError, ValueError, KeyError) as e:
        print("check-report: could not drive chromium: %s" % e, file=sys.stderr)
        return 2
    finally:
        b.close()
        shutil.rmtree(profile, ignore_errors=True)
    for f in failures:
        print("FAIL " + f, file=sys.stderr)
    if not failures:
        print("check-report: %s passed (no console error, no outside resource, every chart drawn)" % os.path.basename(path))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
