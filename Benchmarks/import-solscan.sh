#!/usr/bin/env bash
# Import throughput for a non-EVM explorer: a 1,000,000-row Solscan transfers CSV (SOL and SPL
# transfers, base units over decimals) into a fresh ledger, against sqlite3 importing the same file raw
# (.mode csv + .import into a plain table) in the same run, as Benchmarks/import.sh does for Etherscan.
# Prints both wall times, the ratio, rows/s and airledger's peak memory (max RSS).
# Usage: Benchmarks/import-solscan.sh [ROWS]   (default 1000000; run from the repo root)
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
bench_require

ROWS="${1:-1000000}"
WALLET=3Q8mvVzvCRNeXhRW2LT7nckrboLZ1fAh9LkBC3t1Fqhx
CSV="$WORK/solscan-transfers.csv"

echo "generating $ROWS rows ..." >&2
python3 Benchmarks/gen_solscan.py "$ROWS" "$WALLET" >"$CSV"
BYTES=$(wc -c <"$CSV")
cat "$CSV" >/dev/null     # both importers start from a warm page cache

# (a) reference: sqlite3 importing the file raw into a plain table in a fresh db file
timed sqlite sqlite3 "$WORK/raw.sqlite" -cmd '.mode csv' ".import $CSV rawtable"
SQL_WALL=$WALL SQL_MB=$RSS_MB SQL_CPU=$CPU
RAW_ROWS=$(sqlite3 "$WORK/raw.sqlite" 'SELECT COUNT(*) FROM rawtable')

# (b) airledger into a fresh ledger
export AIRLEDGER_DB="$WORK/ledger.sqlite"
"$BIN" init >/dev/null
"$BIN" wallet add "$WALLET" --chain solana --label phantom >/dev/null 2>&1
timed airledger "$BIN" import solscan "$CSV" --wallet phantom --project parcl
AL_WALL=$WALL AL_MB=$RSS_MB AL_CPU=$CPU
AL_ROWS=$(sqlite3 "$AIRLEDGER_DB" 'SELECT COUNT(*) FROM activity')
if [ "$AL_ROWS" != "$ROWS" ] || [ "$RAW_ROWS" != "$ROWS" ]; then
    echo "row counts differ: generated $ROWS, sqlite3 $RAW_ROWS, airledger $AL_ROWS" >&2; exit 1
fi

R=$(ratio "$AL_WALL" "$SQL_WALL")
echo "import solscan: $ROWS rows, $(calc "$BYTES / 1048576" | awk '{ printf "%.0f", $1 }') MB CSV"
machine_line
printf '  sqlite3 .import (reference): %6.2f s  %9.0f rows/s  peak %s MB  (cpu %s s)\n' "$SQL_WALL" "$(calc "$ROWS / $SQL_WALL")" "$SQL_MB" "$SQL_CPU"
printf '  airledger import solscan:    %6.2f s  %9.0f rows/s  peak %s MB  (cpu %s s: the file is parsed on a second thread)\n' "$AL_WALL" "$(calc "$ROWS / $AL_WALL")" "$AL_MB" "$AL_CPU"
echo "  ratio airledger / sqlite3: ${R}x (the Etherscan target, <= 3x: $(awk -v r="$R" 'BEGIN { print (r <= 3) ? "met" : "not met" }')); in CPU time: $(ratio "$AL_CPU" "$SQL_CPU")x"
echo "  airledger peak memory: $AL_MB MB (target < 200 MB: $(awk -v m="$AL_MB" 'BEGIN { print (m < 200) ? "met" : "not met" }'))"
echo "  airledger said: $(head -1 "$WORK/airledger.out")"
