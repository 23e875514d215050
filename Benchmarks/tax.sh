#!/usr/bin/env bash
# Tax engine throughput: 100,000 lots (buys and claims) and 100,000 disposals (sells) across 10 assets
# and 20 wallets, inserted with SQL after `airledger init`, ordered so no sale exceeds its wallet's
# holding. Times `airledger tax summary --year 2024 --format json` for fifo, lifo and hifo (universal
# basis) and fifo per-wallet, with peak memory; reference in the same run: Benchmarks/reference_fifo.py
# (Python Decimal, a deque per asset) over the same events exported with sqlite3. Checks that the
# FIFO totals agree.
# Usage: Benchmarks/tax.sh [PAIRS]   (default 100000 lots + 100000 sells)
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
bench_require

PAIRS="${1:-100000}" YEAR=2024
EVENTS=$((PAIRS * 2))
export AIRLEDGER_DB="$WORK/ledger.sqlite" AIRLEDGER_NOW=2025-06-01T00:00:00Z
DB="$AIRLEDGER_DB"
"$BIN" init >/dev/null

# Pair m (0-based): wallet m % 20, asset (m / 20) % 10, a lot at t0 + 300 m (every 5th a claim of
# the first project, else a buy with a 0.5 USD fee), then a sell at t0 + 300 m + 150 of fewer units
# than the lot just added (lot 10.125 to 16.125 units, sell 5.5 to 9.5), so every wallet always holds
# enough. t0 = 2024-01-01T00:00:00Z; 100,000 pairs end in mid-December 2024. Prices in whole cents,
# written as canonical decimals (no trailing zeros).
echo "generating $PAIRS lots and $PAIRS sells ..." >&2
sqlite3 "$DB" <<SQL
PRAGMA foreign_keys = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO wallet(label, address, chain, family, status, createdAt)
SELECT printf('w%02d', i), printf('0x%040x', i), 'ethereum', 'evm', 'active', '2024-01-01T00:00:00Z' FROM n;
CREATE TEMP TABLE asset(idx INTEGER PRIMARY KEY, code TEXT);
INSERT INTO asset VALUES (0,'ARB'),(1,'OP'),(2,'STRK'),(3,'ZK'),(4,'ZRO'),(5,'SCR'),(6,'EIGEN'),(7,'JUP'),(8,'W'),(9,'ENA');
CREATE TEMP TABLE w AS SELECT row_number() OVER (ORDER BY id) - 1 AS idx, id FROM wallet;
WITH RECURSIVE n(m) AS (SELECT 0 UNION ALL SELECT m + 1 FROM n WHERE m < $PAIRS - 1),
e AS (
  SELECT m, side, 1704067200 + 300 * m + 150 * side AS t, m % 20 AS wi, (m / 20) % 10 AS ai,
         CASE side WHEN 0 THEN 100 + (m * 37 + ((m / 20) % 10) * 13) % 5000
                   ELSE 100 + (m * 53 + ((m / 20) % 10) * 7) % 5000 END AS c
  FROM n, (SELECT 0 AS side UNION ALL SELECT 1))
INSERT INTO movement(kind, walletId, projectId, quantity, asset, at, atSeconds, priceUsd, feeUsd, source, createdAt)
SELECT CASE WHEN side = 1 THEN 'sell' WHEN m % 5 = 0 THEN 'claim' ELSE 'buy' END,
       w.id,
       CASE WHEN side = 0 AND m % 5 = 0 THEN (SELECT min(id) FROM project) END,
       CASE side WHEN 0 THEN (10 + m % 7) || '.125' ELSE (5 + (m * 3) % 5) || '.5' END,
       asset.code,
       strftime('%Y-%m-%dT%H:%M:%SZ', t, 'unixepoch'), t,
       (c / 100) || CASE WHEN c % 100 = 0 THEN '' WHEN c % 10 = 0 THEN '.' || ((c % 100) / 10)
                         ELSE '.' || printf('%02d', c % 100) END,
       CASE WHEN side = 1 THEN '0.4' WHEN m % 5 = 0 THEN NULL ELSE '0.5' END,
       'bench', '2024-01-01T00:00:00Z'
FROM e JOIN w ON w.idx = e.wi JOIN asset ON asset.idx = e.ai
ORDER BY t;
COMMIT;
ANALYZE;
SQL
N=$(sqlite3 "$DB" 'SELECT COUNT(*) FROM movement')
[ "$N" = "$EVENTS" ] || { echo "generated $N movements, expected $EVENTS" >&2; exit 1; }
sqlite3 -csv "$DB" 'SELECT kind, asset, atSeconds, quantity, priceUsd, feeUsd FROM movement ORDER BY atSeconds, id' \
    >"$WORK/events.csv"
cat "$DB" >/dev/null

timed python python3 Benchmarks/reference_fifo.py "$YEAR" "$WORK/events.csv"
PY_WALL=$WALL PY_MB=$RSS_MB
PY_EPS=$(calc "$EVENTS / $PY_WALL")

echo "tax: $PAIRS lots + $PAIRS disposals = $EVENTS events, 10 assets, 20 wallets, year $YEAR"
machine_line
printf '  %-54s %7.2f s  %9.0f events/s  peak %5s MB\n' "reference_fifo.py (Python Decimal, FIFO)" "$PY_WALL" "$PY_EPS" "$PY_MB"
for run in fifo:universal lifo:universal hifo:universal fifo:per-wallet; do
    method=${run%%:*} basis=${run#*:}
    timed "tax-$method-$basis" "$BIN" tax summary --year "$YEAR" --method "$method" --basis "$basis" --format json
    EPS=$(calc "$EVENTS / $WALL")
    printf '  %-54s %7.2f s  %9.0f events/s  peak %5s MB  %sx the Python events/s\n' \
        "airledger tax summary --method $method --basis $basis" "$WALL" "$EPS" "$RSS_MB" "$(ratio "$EPS" "$PY_EPS")"
done

# The FIFO universal totals must agree with the reference (to a millionth of a cent: the engine holds
# split bases to 20 fractional digits).
python3 - "$WORK/tax-fifo-universal.out" "$WORK/python.out" <<'PY'
import json, sys
from decimal import Decimal
r = json.load(open(sys.argv[1]))
ref = dict(zip(*[iter(open(sys.argv[2]).read().split())] * 2))
tot = lambda k: Decimal(r["shortTerm"][k]) + Decimal(r["longTerm"][k])
checks = [("disposals", Decimal(r["disposalEvents"]), Decimal(ref["disposals"])),
          ("proceeds", tot("proceeds"), Decimal(ref["proceeds"])),
          ("costBasis", tot("costBasis"), Decimal(ref["costBasis"])),
          ("gain", tot("gain"), Decimal(ref["gain"])),
          ("income", Decimal(r["income"]["total"]), Decimal(ref["income"]))]
bad = [c for c in checks if abs(c[1] - c[2]) > Decimal("0.00000001")]
for name, a, b in checks:
    print(f"  check fifo {name}: airledger {a} reference {b}" + ("  MISMATCH" if (name, a, b) in bad else ""))
sys.exit(1 if bad else 0)
PY
echo "  (ratio = airledger events/s / reference_fifo.py events/s, same run, same events)"
