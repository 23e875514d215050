#!/usr/bin/env bash
# Read-side reports over a big ledger: 1,000 wallets x 50 projects x 100 activities (5,000,000 rows),
# generated straight into the SQLite file with SQL after `airledger init` created the schema; each
# activity has its own tx hash, as imported rows do (a summary folds the legs of one transaction).
# Times `activity summary`, `value`, `estimate` (JSON), `tax summary --year 2024` (JSON: its farming costs
# stream the year's activity fees) and the HTML `report` with peak memory (and the report's size: the
# issue's bounds are 10 s and 5 MB, the charts aggregate, never one element per row), against a
# plain sqlite3 aggregate over the same table (per project and wallet: entries, distinct transactions, active days, weeks,
# months, first, last, volume, bridged, fees) measured in the same run.
# Usage: Benchmarks/summary.sh [WALLETS] [PROJECTS] [PER_PAIR]   (defaults 1000 50 100)
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
bench_require

WALLETS="${1:-1000}" PROJECTS="${2:-50}" PER="${3:-100}"
ROWS=$((WALLETS * PROJECTS * PER))
export AIRLEDGER_DB="$WORK/ledger.sqlite" AIRLEDGER_NOW=2025-06-01T00:00:00Z
DB="$AIRLEDGER_DB"

"$BIN" init >/dev/null
BUNDLED=$(sqlite3 "$DB" 'SELECT COUNT(*) FROM project')
echo "generating $WALLETS wallets, $PROJECTS projects ($BUNDLED bundled), $ROWS activities ..." >&2
# Indexes are dropped for the bulk insert and re-created from their own stored DDL afterwards
# (faster, and the script never repeats the schema).
IDX_DROP=$(sqlite3 "$DB" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activity' AND sql IS NOT NULL")
IDX_MAKE=$(sqlite3 "$DB" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activity' AND sql IS NOT NULL")
GEN_START=$(date +%s.%N)
sqlite3 "$DB" <<SQL
PRAGMA foreign_keys = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $WALLETS)
INSERT INTO wallet(label, address, chain, family, status, createdAt)
SELECT printf('w%05d', i), printf('0x%040x', i), 'ethereum', 'evm', 'active', '2024-01-01T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < max(0, $PROJECTS - $BUNDLED))
INSERT INTO project(slug, name, status, category, origin, createdAt, updatedAt)
SELECT printf('bench%03d', i), printf('Bench %d', i), 'speculative', 'other', 'bench',
       '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z' FROM n WHERE $PROJECTS > $BUNDLED;
$IDX_DROP
WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < $PER),
p AS (SELECT id FROM project ORDER BY id LIMIT $PROJECTS),
s AS (SELECT p.id AS pid, w.id AS wid, j,
             1704067200 + ((j * 3 + w.id + p.id) % 366) * 86400 + (w.id * 37 + p.id * 11 + j * 7) % 86400 AS t
      FROM p, wallet w, k)
INSERT INTO activity(projectId, walletId, kind, at, atSeconds, chain, txHash, volumeQuantity, volumeAsset, volumeUsd,
                     feeQuantity, feeAsset, feeUsd, points, note, source, failed, counterparty, createdAt)
SELECT pid, wid,
       CASE j % 5 WHEN 0 THEN 'bridge' WHEN 1 THEN 'swap' WHEN 2 THEN 'liquidity' WHEN 3 THEN 'mint' ELSE 'other' END,
       strftime('%Y-%m-%dT%H:%M:%SZ', t, 'unixepoch'), t, 'ethereum', printf('0x%064x', (pid * 100000 + wid) * 1000 + j),
       printf('%d.5', j), 'ETH', printf('%d.25', j * 30), '0.0012', 'ETH', '3.1', NULL, NULL,
       'bench', 0, NULL, '2024-01-01T00:00:00Z'
FROM s;
$IDX_MAKE
COMMIT;
ANALYZE;
SQL
GEN_SECS=$(calc "$(date +%s.%N) - $GEN_START")
N=$(sqlite3 "$DB" 'SELECT COUNT(*) FROM activity')
[ "$N" = "$ROWS" ] || { echo "generated $N activities, expected $ROWS" >&2; exit 1; }
cat "$DB" >/dev/null   # warm page cache for every contender

# Reference: the same per (project, wallet) figures with one sqlite3 aggregate (doubles, not decimals).
REF_SQL="SELECT p.slug, w.label, COUNT(*), COUNT(DISTINCT a.chain || a.txHash), COUNT(DISTINCT a.atSeconds / 86400),
  COUNT(DISTINCT (a.atSeconds / 86400 + 3) / 7), COUNT(DISTINCT substr(a.at, 1, 7)), MIN(a.at), MAX(a.at),
  SUM(CAST(a.volumeUsd AS REAL)), SUM(CASE WHEN a.kind = 'bridge' THEN CAST(a.volumeUsd AS REAL) END),
  SUM(CAST(a.feeUsd AS REAL))
FROM activity a JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId
GROUP BY a.projectId, a.walletId ORDER BY 1, 2"
timed reference sqlite3 -json "$DB" "$REF_SQL"
REF_WALL=$WALL REF_MB=$RSS_MB
REF_PAIRS=$(sqlite3 "$DB" "SELECT COUNT(*) FROM (SELECT 1 FROM activity GROUP BY projectId, walletId)")

echo "summary: $WALLETS wallets x $PROJECTS projects x $PER = $ROWS activities ($REF_PAIRS pairs; generated in $(printf '%.0f' "$GEN_SECS") s)"
machine_line
printf '  %-44s %7.2f s  peak %5s MB\n' "sqlite3 GROUP BY aggregate (reference)" "$REF_WALL" "$REF_MB"
report() {   # report NAME COMMAND-WORDS...: times the release binary with those words
    local name="$1"; shift
    timed "$name" "$BIN" "$@"
    printf '  %-44s %7.2f s  peak %5s MB  ratio %6sx  (%s activities/s)\n' "airledger $*" "$WALL" "$RSS_MB" \
        "$(ratio "$WALL" "$REF_WALL")" "$(calc "$ROWS / $WALL" | awk '{ printf "%.0f", $1 }')"
}
report activity-summary activity summary --format json
PAIRS_OUT=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/activity-summary.out")
[ "$PAIRS_OUT" = "$REF_PAIRS" ] || { echo "activity summary has $PAIRS_OUT rows, the aggregate $REF_PAIRS" >&2; exit 1; }
report value value --format json
report estimate estimate --format json
report tax-summary tax summary --year 2024 --format json
timed report "$BIN" report --year 2024 -o "$WORK/farm.html"
REPORT_BYTES=$(stat -c %s "$WORK/farm.html")
printf '  %-44s %7.2f s  peak %5s MB  ratio %6sx  page %s bytes (%s MB)\n' "airledger report --year 2024" "$WALL" "$RSS_MB" \
    "$(ratio "$WALL" "$REF_WALL")" "$REPORT_BYTES" "$(calc "$REPORT_BYTES / 1048576" | awk '{ printf "%.2f", $1 }')"
echo "  (ratio = airledger wall time / the sqlite3 aggregate's wall time, same run, same file)"
