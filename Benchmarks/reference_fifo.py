#!/usr/bin/env python3
"""A small, straightforward FIFO calculator: the reference for Benchmarks/tax.sh.

Input: CSV on stdin or a file, no header, rows `kind,asset,atSeconds,quantity,priceUsd,feeUsd`
in ledger order (as exported from the ledger with sqlite3). One pool per asset (universal basis),
a deque of lots [quantity, basis] per pool, Python `decimal.Decimal` throughout (40 digits).
A claim makes a lot with basis quantity x price (income); a buy, quantity x price + fee; a sell
consumes the oldest lots, basis split by units, proceeds = quantity x price - fee.
Prints: events, disposals in YEAR, proceeds, cost basis, gain, income (exact, not rounded).
Usage: reference_fifo.py YEAR [FILE]
"""
import calendar, csv, sys
from collections import deque
from decimal import Decimal, getcontext

getcontext().prec = 40
year = int(sys.argv[1])
src = open(sys.argv[2], newline="") if len(sys.argv) > 2 else sys.stdin
start_year = calendar.timegm((year, 1, 1, 0, 0, 0))       # the tax year in UTC
end_year = calendar.timegm((year + 1, 1, 1, 0, 0, 0))

pools = {}
events = disposals = 0
proceeds = basis_total = income = Decimal(0)
for kind, asset, at, qty, price, fee in csv.reader(src):
    at = int(at)
    if at >= end_year:
        break
    events += 1
    qty, price = Decimal(qty), Decimal(price or "0")
    fee = Decimal(fee) if fee else Decimal(0)
    pool = pools.setdefault(asset, deque())
    if kind == "claim":
        pool.append([qty, qty * price])
        if at >= start_year:
            income += qty * price
    elif kind == "buy":
        pool.append([qty, qty * price + fee])
    elif kind == "sell":
        left, cost = qty, Decimal(0)
        while left > 0:
            lot = pool[0]
            if lot[0] <= left:
                cost += lot[1]; left -= lot[0]; pool.popleft()
            else:
                part = lot[1] * left / lot[0]
                cost += part; lot[1] -= part; lot[0] -= left; left = 0
        if at >= start_year:
            disposals += 1
            proceeds += qty * price - fee
            basis_total += cost
    else:
        raise SystemExit(f"unsupported kind {kind!r}")
print(f"events {events} disposals {disposals} proceeds {proceeds} costBasis {basis_total} "
      f"gain {proceeds - basis_total} income {income}")
