#!/usr/bin/env python3
"""Writes N rows of an Etherscan normal-transactions export (V4 header, as in
Fixtures/etherscan/transactions-v4.csv) to stdout: unique tx hashes, From = WALLET,
To = a fixed counterparty, fee columns filled. Deterministic (no randomness)."""
import sys, time

n = int(sys.argv[1]); wallet = sys.argv[2].lower()
to = "0x1111222233334444555566667777888899990000"
out = sys.stdout
w = out.write
w('"Transaction Hash","Blockno","UnixTimestamp","DateTime (UTC)","From","To","ContractAddress",'
  '"Value_IN(ETH)","Value_OUT(ETH)","CurrentValue @ $2084.3165498016/Eth","TxnFee(ETH)","TxnFee(USD)",'
  '"Historical $Price/Eth","Status","ErrCode","Method"\n')
t0 = 1704067200  # 2024-01-01T00:00:00Z
buf = []
for i in range(n):
    ts = t0 + i * 30
    dt = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ts))
    out_eth = "0.%04d" % (i % 10000 + 1)
    fee = "0.000%06d" % (i % 999999 + 1)
    buf.append(f'"0x{i:064x}","{19000000 + i}","{ts}","{dt}","{wallet}","{to}","","0","{out_eth}",'
               f'"{(i % 10000 + 1) * 0.2084:.2f}","{fee}","{(i % 999999 + 1) * 0.0000033387:.4f}","3338.70","","","Transfer"\n')
    if len(buf) == 10000:
        w("".join(buf)); buf.clear()
w("".join(buf))
