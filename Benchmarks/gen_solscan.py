#!/usr/bin/env python3
"""Writes N rows of Solscan's transfers export (the 2024- header, Fixtures/solscan/README.md) for one
wallet to stdout: SOL (lamports, 9 decimals) and SPL transfers (PRCL, 6 decimals; an unknown mint),
in and out, against a pool of counterparties. Every signature is distinct (64 bytes in base58), so
every row is a row of its own in the ledger. Usage: gen_solscan.py ROWS WALLET"""
import sys

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58decode_len(s):
    n = 0
    for c in s:
        n = n * 58 + B58.index(c)
    lead = len(s) - len(s.lstrip("1"))
    return lead + (n.bit_length() + 7) // 8


def b58digits(i, width):
    out = []
    for _ in range(width):
        i, r = divmod(i, 58)
        out.append(B58[r])
    return "".join(reversed(out))


rows, wallet = int(sys.argv[1]), sys.argv[2]
# Templates from the fixtures; their last characters are replaced by a counter (the high digits, and so
# the decoded length, stay the same: checked below).
SIG = "5nsCHxCiRDw4DgoFu6K17qAycuXBUiuo5sUyqU2GaHbN6RboEy8ACdoop7n6tnjXVPv75zGchKujJtMcN19wQQgn"
ADDR = "Do4zkWwodZYwGXJ4kPb9kSpWu9spo7oSXYiRVtkaByQW"
pool = [ADDR[:-3] + b58digits(k, 3) for k in range(500)]
assert all(b58decode_len(a) == 32 for a in pool)
assert b58decode_len(SIG[:-4] + b58digits(0, 4)) == 64 and b58decode_len(SIG[:-4] + b58digits(58 ** 4 - 1, 4)) == 64
assert rows <= 58 ** 4
MINTS = [("So11111111111111111111111111111111111111111", 9), ("4LLbsb5ReP3yEtYzmXewyGjcir5uXtKFURtaEUVC2AHs", 6),
         ("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", 6)]

out = sys.stdout
out.write("Signature,Block Time,Human Time,Action,From,To,Amount,Flow,Value,Decimals,Token Address\n")
t0 = 1_704_067_200  # 2024-01-01T00:00:00Z
import time
buf = []
for i in range(rows):
    sig = SIG[:-4] + b58digits(i, 4)
    t = t0 + i * 17
    human = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(t))
    other = pool[i % len(pool)]
    mint, dec = MINTS[i % 3]
    units = 1 + (i * 7919) % 5_000_000_000
    if i % 2:
        frm, to, flow = wallet, other, "out"
    else:
        frm, to, flow = other, wallet, "in"
    usd = f"{(i % 100000) / 100:.2f}"
    buf.append(f"{sig},{t},{human},TRANSFER,{frm},{to},{units},{flow},{usd},{dec},{mint}\n")
    if len(buf) == 10000:
        out.write("".join(buf))
        buf.clear()
out.write("".join(buf))
