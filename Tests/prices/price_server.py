#!/usr/bin/env python3
"""A stand-in for DefiLlama's coins API and CoinGecko's history endpoint on 127.0.0.1, for tests and
Benchmarks/price-fetch.sh. Answers are written from the documented shapes (research/prices/FORMATS.md):

- GET /batchHistorical?coins=<url-encoded JSON {coin: [ts, ...]}>&searchWidth=<N>m
  -> 200 {"coins": {coin: {"symbol": ..., "prices": [{"timestamp", "price", "confidence"}]}}}
  Every coin has a record every hour at HH:28:20 (k*3600+1700); the server answers, like DefiLlama,
  the record NEAREST on either side within searchWidth, drops timestamps without one, and returns the
  rest in reverse order. A coin nobody knows is simply absent (HTTP 200).
- GET /coins/{id}/history?date=dd-mm-yyyy&localization=false with header x-cg-demo-api-key
  -> {"id":..., "market_data": {"current_price": {"usd": ...}}}

Special coins (the id after "coingecko:") exercise the failure paths:
  missing-coin   never answered (absent key)        far-away      record 3 days before the time asked
  lowconf        confidence 0.1 (ignored)           integer-coin  prices as JSON integers (2399)
  rate-limited   first request 429 Retry-After: 1   flaky         first request 500, then fine
  server-error   always 500                         malformed     a truncated JSON body, always
  no-data        CoinGecko history without market_data

Usage: price_server.py LOGFILE   (prints the port on stdout, logs one line per request to LOGFILE)
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

LOG = sys.argv[1] if len(sys.argv) > 1 else "/dev/null"
lock = threading.Lock()
seen = {}


def once(name):
    with lock:
        seen[name] = seen.get(name, 0) + 1
        return seen[name] == 1


def price_text(coin, ts):
    """A price that changes by the hour, written as exact decimal text."""
    if coin == "coingecko:integer-coin":
        return "2399"
    base = sum(coin.encode()) % 90 + 1
    hour = (ts // 3600) % 100
    return "%d.%02d" % (base, hour)


def width_seconds(w):
    if w is None:
        return 6 * 3600
    unit = {"w": 604800, "d": 86400, "h": 3600, "m": 60}
    if w[-1].lower() in unit:
        return int(w[:-1]) * unit[w[-1].lower()]
    return int(w)


def nearest(coin, ts, width):
    name = coin.split(":", 1)[1]
    if name == "missing-coin":
        return None
    if name == "far-away":
        rec = ts - 3 * 86400
        return rec  # wrong on purpose: a real server would not, the client must check
    k = (ts - 1700) // 3600
    cands = [k * 3600 + 1700, (k + 1) * 3600 + 1700]
    best = min(cands, key=lambda r: (abs(r - ts), r))
    return best if abs(best - ts) <= width else None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            with open(LOG, "a") as f:
                f.write(self.path + "\n")
        u = urlparse(self.path)
        q = parse_qs(u.query)
        if u.path == "/batchHistorical":
            try:
                coins = json.loads(q["coins"][0])
            except Exception as e:  # DefiLlama answers a stack trace as its message
                return self.send(400, json.dumps({"message": "SyntaxError: " + str(e)}))
            if not coins:
                return self.send(400, json.dumps({"message": "no coins queried"}))
            names = [c.split(":", 1)[1] for c in coins]
            if "server-error" in names:
                return self.send(500, json.dumps({"message": "Internal error"}))
            if "malformed" in names:
                return self.send(200, '{"coins":{"coingecko:malformed":{"symbol":"X","prices":[{"timestamp":17')
            if "rate-limited" in names and once("rate-limited"):
                return self.send(429, json.dumps({"message": "Too Many Requests"}), [("Retry-After", "1")])
            if "flaky" in names and once("flaky"):
                return self.send(502, "<html>bad gateway</html>")
            width = width_seconds(q.get("searchWidth", [None])[0])
            out = {}
            for coin, stamps in coins.items():
                prices = []
                for ts in stamps:
                    rec = nearest(coin, int(ts), width)
                    if rec is None:
                        continue
                    p = {"timestamp": rec, "price": "PRICE", "confidence": 0.1 if coin.endswith(":lowconf") else 0.99}
                    prices.append(json.dumps(p).replace('"PRICE"', price_text(coin, rec)))
                if prices:
                    out[coin] = '{"symbol": "%s", "prices": [%s]}' % (coin.split(":")[-1].upper(), ", ".join(reversed(prices)))
            body = '{"coins": {' + ", ".join('"%s": %s' % (k, v) for k, v in out.items()) + "}}"
            return self.send(200, body, [("Cache-Control", "max-age=3600")])
        parts = u.path.strip("/").split("/")
        if len(parts) >= 3 and parts[-1] == "history" and parts[-3] == "coins":
            if self.headers.get("x-cg-demo-api-key") != "test-demo-key":
                return self.send(401, json.dumps({"status": {"error_code": 10002, "error_message": "Missing API Key"}}))
            cid = parts[-2]
            if cid == "no-data":
                return self.send(200, json.dumps({"id": cid, "symbol": "nd", "name": "No data"}))
            return self.send(200, '{"id":"%s","symbol":"x","name":"X","market_data":{"current_price":{"eur":1.1,"usd":1.25}}}' % cid)
        return self.send(404, json.dumps({"message": "not found: " + u.path}))


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
if len(sys.argv) > 2:
    with open(sys.argv[2] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(sys.argv[2] + ".tmp", sys.argv[2])
server.serve_forever()
