#!/usr/bin/env python3
"""bean-query's figures of `airledger tax export --to beancount` against `airledger tax summary --format json`.

For the demo ledger, every reference tax scenario (Fixtures/tax/scenarios) and a cash ledger defined
below (buys paid from earlier sales), replayed through the built binary, and every tax year x method x
basis x airdrop policy: export the beancount file, run the real bean-query on it, and check

- the file loads without an error (bean-query reports bean-check's errors, including the sellgains
  plugin's check of every priced sale);
- the year's airdrop income, -(Income:Airdrops:*), equals the summary's income total to the cent;
- each term's gain as on Form 8949, -(Income:CapitalGains:TERM + the Expenses:Fees:Trading postings
  with metadata term: TERM), equals the summary's shortTerm.gain / longTerm.gain to the cent;
- Assets:Fiat:USD never goes negative (buys beyond the sales' USD come from Equity:Funding).

Then it tampers with one file (a balanced 0.01 USD move from an income account, which bean-check
accepts) and requires the comparison to reject it, so the check is shown able to fail.

Usage: compare.py --bin .build/debug/airledger --bean-query .build/beancount-venv/bin/bean-query
Exit 0 when every comparison agrees, 1 otherwise.
"""
import argparse
import csv
import io
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal, getcontext

getcontext().prec = 80
CENT = Decimal("0.005")  # "to the cent": the difference rounds to 0.00
ROOT = pathlib.Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "Fixtures" / "tax" / "scenarios"

# Buys paid from the USD of earlier sales, a buy that needs more than the sales left, fees on every
# kind, a fee paid in the moved token, sales spanning both terms, over three years.
CASH_LEDGER = [
    {"type": "buy", "date": "2023-01-10T10:00:00Z", "asset": "ETH", "amount": "2", "usd_price": "1300", "fee_usd": "4.5", "wallet": "hot"},
    {"type": "airdrop", "date": "2023-02-01T12:00:00Z", "asset": "ARB", "amount": "1000", "usd_price": "1.25", "wallet": "hot"},
    {"type": "sell", "date": "2023-06-01T12:00:00Z", "asset": "ARB", "amount": "400", "usd_price": "1.1", "fee_usd": "0.7", "wallet": "hot"},
    {"type": "buy", "date": "2023-06-02T12:00:00Z", "asset": "ARB", "amount": "100", "usd_price": "1.05", "fee_usd": "0.3", "wallet": "hot"},
    {"type": "transfer", "date": "2023-07-01T07:00:59Z", "asset": "ETH", "amount": "1", "from_wallet": "hot", "to_wallet": "cold",
     "fee_amount": "0.0021", "usd_price": "1900"},
    {"type": "buy", "date": "2023-09-01T12:00:00Z", "asset": "ETH", "amount": "1", "usd_price": "1650", "fee_usd": "2", "wallet": "cold"},
    {"type": "sell", "date": "2024-02-02T12:00:00Z", "asset": "ARB", "amount": "650", "usd_price": "1.9", "fee_usd": "1.3", "wallet": "hot"},
    {"type": "sell", "date": "2024-03-01T12:00:00Z", "asset": "ETH", "amount": "1.5", "usd_price": "3400", "fee_usd": "3.1", "wallet": "cold"},
    {"type": "buy", "date": "2024-03-02T12:00:00Z", "asset": "ARB", "amount": "900", "usd_price": "1.85", "fee_usd": "0.9", "wallet": "hot"},
    {"type": "airdrop", "date": "2024-05-01T12:00:00Z", "asset": "STRK", "amount": "333.33", "usd_price": "0.777", "wallet": "cold"},
    {"type": "sell", "date": "2025-01-20T12:00:00Z", "asset": "ETH", "amount": "0.9979", "usd_price": "3300", "fee_usd": "2.2", "wallet": "hot"},
    {"type": "sell", "date": "2025-04-01T12:00:00Z", "asset": "STRK", "amount": "100", "usd_price": "0.15", "fee_usd": "0.05", "wallet": "cold"},
    {"type": "buy", "date": "2025-04-02T12:00:00Z", "asset": "STRK", "amount": "50", "usd_price": "0.14", "wallet": "cold"},
]


class Session:
    def __init__(self, binary, folder):
        self.binary, self.folder = binary, folder
        self.env = {"PATH": "/usr/bin:/bin", "HOME": str(folder), "AIRLEDGER_DB": str(folder / "ledger.sqlite"),
                    "AIRLEDGER_NOW": "2030-01-01T00:00:00Z", "TZ": "UTC", "NO_COLOR": "1", "LC_ALL": "C"}

    def run(self, *args):
        r = subprocess.run([self.binary, *args], cwd=self.folder, env=self.env, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"airledger {' '.join(args)} failed ({r.returncode}): {r.stderr}")
        return r.stdout


def replay(session, events):
    """Records `events` (the scenario format of Fixtures/tax/scenarios/README.md) through the binary."""
    session.run("init")
    wallets = sorted({w for e in events for w in ([e["from_wallet"], e["to_wallet"]] if e["type"] == "transfer" else [e.get("wallet", "default")])})
    for i, w in enumerate(wallets):
        session.run("wallet", "add", "0x" + "0" * 38 + f"{i + 1:02x}", "--label", w)
    projects = set()
    for e in sorted(enumerate(events), key=lambda p: (p[1]["date"], p[0])):
        e = e[1]
        amount = f"{e['amount']} {e['asset']}"
        if e["type"] == "airdrop":
            slug = "drop-" + e["asset"].lower()
            if slug not in projects:
                projects.add(slug)
                session.run("project", "add", slug, "--name", e["asset"] + " drop", "--status", "launched", "--category", "other")
            session.run("claim", slug, "--wallet", e.get("wallet", "default"), "--amount", amount, "--at", e["date"], "--price-usd", e["usd_price"])
        elif e["type"] in ("buy", "sell"):
            session.run(e["type"], "--wallet", e.get("wallet", "default"), "--amount", amount, "--price-usd", e["usd_price"],
                        "--fee-usd", e.get("fee_usd", "0"), "--at", e["date"])
        elif e["type"] == "transfer":
            args = ["transfer", "--from", e["from_wallet"], "--to", e["to_wallet"], "--amount", amount, "--at", e["date"]]
            if e.get("fee_amount", "0") not in ("0", ""):
                session.run("price", "set", e["asset"], e["usd_price"], "--at", e["date"])
                args += ["--fee", f"{e['fee_amount']} {e['asset']}"]
            session.run(*args)
        else:
            raise SystemExit(f"unknown event type {e['type']}")
    return sorted({int(e["date"][:4]) for e in events})


QUERY = ("SELECT date, account, meta('term') AS term, number, currency "
         "WHERE account ~ '^(Income:|Expenses:Fees:Trading$|Assets:Fiat:USD$)'")


def bean_figures(bean_query, path, year):
    """(income, short gain, long gain, lowest Assets:Fiat:USD balance, Fiat spent?) from bean-query."""
    r = subprocess.run([bean_query, "-f", "csv", str(path), QUERY], capture_output=True, text=True)
    if r.returncode != 0 or r.stderr.strip():
        return f"bean-query on {path.name}: exit {r.returncode}, errors: {r.stderr.strip()[:2000]}"
    income = short = long = fiat = Decimal(0)
    lowest, spent = Decimal(0), False
    for row in csv.DictReader(io.StringIO(r.stdout)):
        if row["currency"].strip() != "USD":
            return f"{path.name}: a {row['currency']} posting in {row['account']}"
        account, number, term = row["account"].strip(), Decimal(row["number"].strip()), row["term"].strip()
        if account == "Assets:Fiat:USD":
            fiat += number
            lowest = min(lowest, fiat)
            spent = spent or number < 0
            continue
        if int(row["date"].strip()[:4]) != year:
            continue
        if account.startswith("Income:Airdrops:"):
            income -= number
        elif account == "Income:CapitalGains:Short" or (account == "Expenses:Fees:Trading" and term == "short"):
            short -= number
        elif account == "Income:CapitalGains:Long" or (account == "Expenses:Fees:Trading" and term == "long"):
            long -= number
        else:
            return f"{path.name}: unexpected posting {account} term {term!r}"
    return income, short, long, lowest, spent


def compare(bean_query, path, summary, year):
    """Differences between the file and the summary; [] when they agree to the cent."""
    got = bean_figures(bean_query, path, year)
    if isinstance(got, str):
        return [got], Decimal(0), False
    income, short, long, lowest, spent = got
    want = {"income": Decimal(summary["income"]["total"]), "short-term gain": Decimal(summary["shortTerm"]["gain"]),
            "long-term gain": Decimal(summary["longTerm"]["gain"])}
    have = {"income": income, "short-term gain": short, "long-term gain": long}
    errors, worst = [], Decimal(0)
    for key in want:
        diff = abs(have[key] - want[key])
        worst = max(worst, diff)
        if diff >= CENT:
            errors.append(f"{path.name}: {key} {have[key]} in bean-query, {want[key]} in the summary")
    if lowest < 0:
        errors.append(f"{path.name}: Assets:Fiat:USD goes down to {lowest}")
    return errors, worst, spent


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--bean-query", required=True)
    a = p.parse_args()
    binary, bean_query = str(pathlib.Path(a.bin).resolve()), a.bean_query
    work = pathlib.Path(tempfile.mkdtemp(prefix="airledger-beancount-"))
    failures, files, worst, spent_somewhere = [], 0, Decimal(0), False
    try:
        ledgers = []
        demo = Session(binary, work / "demo")
        demo.folder.mkdir()
        demo.run("demo", "--keep", str(demo.folder / "ledger.sqlite"))
        ledgers.append(("demo", demo, [2023, 2024, 2025]))
        sources = [(s.stem, json.loads(s.read_text())["events"]) for s in sorted(SCENARIOS.glob("*.json"))
                   if not s.name.endswith(".expected.json")]
        for name, events in sources + [("cash", CASH_LEDGER)]:
            s = Session(binary, work / name)
            s.folder.mkdir()
            ledgers.append((name, s, replay(s, events)))
        last = None
        for name, s, years in ledgers:
            for year in years:
                for method in ("fifo", "lifo", "hifo"):
                    for basis in ("universal", "per-wallet"):
                        for airdrops in ("income", "zero-basis"):
                            policy = ["--year", str(year), "--method", method, "--basis", basis, "--airdrops", airdrops]
                            path = s.folder / f"{name}-{year}-{method}-{basis}-{airdrops}.beancount"
                            s.run("tax", "export", *policy, "--to", "beancount", "-o", str(path))
                            summary = json.loads(s.run("tax", "summary", *policy, "--format", "json"))
                            errors, diff, spent = compare(bean_query, path, summary, year)
                            failures += errors
                            worst, spent_somewhere = max(worst, diff), spent_somewhere or spent
                            files += 1
                            if name == "cash" and summary["income"]["total"] != "0":
                                last = (path, summary, year)
        if not spent_somewhere:
            failures.append("no ledger spends Assets:Fiat:USD: the never-negative check was not exercised")

        # The comparison must be able to fail: 0.01 USD moved from an income account is a balanced,
        # bean-check clean change of the year's income.
        if last is None:
            failures.append("no file with income to tamper with")
        else:
            path, summary, year = last
            tampered = path.with_name("tampered.beancount")
            text = path.read_text()
            account = next(line.split()[2] for line in text.splitlines() if " open Income:Airdrops:" in line)
            tampered.write_text(text + f"\n{year}-12-31 * \"tampered\"\n  {account}  -0.01 USD\n  Equity:Funding  0.01 USD\n")
            errors, _, _ = compare(bean_query, tampered, summary, year)
            if not any("income" in e for e in errors):
                failures.append(f"the tampered {tampered.name} (income +0.01 USD) passed the comparison")
            else:
                print(f"tampered file rejected as it must be: {errors[0]}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL " + f, file=sys.stderr)
    print(f"bean-query vs tax summary: {files} files, {len(ledgers)} ledgers, largest difference {worst} USD, "
          f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
