#!/usr/bin/env bash
# Import throughput: a 1,000,000-row Etherscan normal-transactions CSV (V4) into a fresh ledger,
# against sqlite3 importing the same file raw (.mode csv + .import into a plain table) in the same run.
# Prints both wall times, the ratio, rows/s and airledger's peak memory (max RSS).
# Usage: Benchmarks/import.sh [ROWS]   (default 1000000; run from the repo root)
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
bench_require

ROWS="${1:-1000000}"
bench_etherscan_csv "$ROWS"     # both importers start from a warm page cache
BYTES=$(wc -c <"$CSV")

# (a) reference: sqlite3 importing the file raw into a plain table in a fresh db file
timed sqlite sqlite3 "$WORK/raw.sqlite" -cmd '.mode csv' ".import $CSV rawtable"
SQL_WALL=$WALL SQL_MB=$RSS_MB SQL_CPU=$CPU
RAW_ROWS=$(sqlite3 "$WORK/raw.sqlite" 'SELECT COUNT(*) FROM rawtable')

# (b) airledger into a fresh ledger
bench_new_ledger
cp "$AIRLEDGER_DB" "$WORK/indexed.sqlite"     # the same empty ledger, for the informative line below
timed airledger "$BIN" import etherscan "$CSV" --wallet hot --chain ethereum --project zksync
AL_WALL=$WALL AL_MB=$RSS_MB AL_CPU=$CPU
AL_ROWS=$(sqlite3 "$AIRLEDGER_DB" 'SELECT COUNT(*) FROM activity')
if [ "$AL_ROWS" != "$ROWS" ] || [ "$RAW_ROWS" != "$ROWS" ]; then
    echo "row counts differ: generated $ROWS, sqlite3 $RAW_ROWS, airledger $AL_ROWS" >&2; exit 1
fi

# Informative, not the reference: sqlite3 alone moving the raw rows into the ledger's own activity
# table (its three indexes, the unique natural key on the tx hash), so the ratio can be split into
# what the indexed table costs SQLite and what airledger adds (parsing, validation, bindings).
timed indexed sqlite3 "$WORK/indexed.sqlite" "ATTACH '$WORK/raw.sqlite' AS raw;
INSERT INTO activity(projectId, walletId, kind, at, atSeconds, chain, txHash, volumeQuantity, volumeAsset,
  volumeUsd, feeQuantity, feeAsset, feeUsd, source, failed, counterparty, createdAt)
SELECT (SELECT id FROM project WHERE slug = 'zksync'), (SELECT id FROM wallet WHERE label = 'hot'), 'other',
  strftime('%Y-%m-%dT%H:%M:%SZ', CAST(UnixTimestamp AS INTEGER), 'unixepoch'), CAST(UnixTimestamp AS INTEGER),
  'ethereum', \"Transaction Hash\", \"Value_OUT(ETH)\", 'ETH', NULL, \"TxnFee(ETH)\", 'ETH', \"TxnFee(USD)\",
  'import', 0, \"To\", '2024-01-01T00:00:00Z' FROM raw.rawtable;"
IDX_WALL=$WALL

R=$(ratio "$AL_WALL" "$SQL_WALL")
echo "import: $ROWS rows, $(calc "$BYTES / 1048576" | awk '{ printf "%.0f", $1 }') MB CSV"
machine_line
printf '  sqlite3 .import (reference): %6.2f s  %9.0f rows/s  peak %s MB  (cpu %s s)\n' "$SQL_WALL" "$(calc "$ROWS / $SQL_WALL")" "$SQL_MB" "$SQL_CPU"
printf '  airledger import etherscan:  %6.2f s  %9.0f rows/s  peak %s MB  (cpu %s s: the file is parsed on a second thread)\n' "$AL_WALL" "$(calc "$ROWS / $AL_WALL")" "$AL_MB" "$AL_CPU"
printf '  (informative) sqlite3 INSERT..SELECT of the raw rows into the ledger activity table (its indexes): %.2f s; airledger / that: %sx\n' "$IDX_WALL" "$(ratio "$AL_WALL" "$IDX_WALL")"
echo "  ratio airledger / sqlite3: ${R}x (target <= 3x: $(awk -v r="$R" 'BEGIN { print (r <= 3) ? "met" : "not met" }')); in CPU time: $(ratio "$AL_CPU" "$SQL_CPU")x"
echo "  airledger peak memory: $AL_MB MB (target < 200 MB: $(awk -v m="$AL_MB" 'BEGIN { print (m < 200) ? "met" : "not met" }'))"
echo "  airledger said: $(head -1 "$WORK/airledger.out")"
