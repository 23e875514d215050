#!/usr/bin/env bash
# Undo of a large import: a ROWS-row Etherscan normal-transactions CSV (default 1,000,000) imported into
# a fresh ledger, then `airledger undo`. The import is the reference, measured in the same run: prints
# both wall times, their ratio (target: undo <= 2x the import) and both peak memories (bounded: the
# undo deletes the import's rowid range, it never loads the rows), and checks that the ledger export
# after the undo is byte-identical to the one before the import.
# Usage: Benchmarks/undo.sh [ROWS]   (run from the repo root)
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
bench_require

ROWS="${1:-1000000}"
bench_etherscan_csv "$ROWS"
bench_new_ledger
"$BIN" export ledger -o "$WORK/before.json" 2>/dev/null

timed import "$BIN" import etherscan "$CSV" --wallet hot --chain ethereum --project zksync
IMP_WALL=$WALL IMP_MB=$RSS_MB
N=$(sqlite3 "$AIRLEDGER_DB" 'SELECT COUNT(*) FROM activity')
[ "$N" = "$ROWS" ] || { echo "imported $N rows, expected $ROWS" >&2; exit 1; }

timed undo "$BIN" undo
UNDO_WALL=$WALL UNDO_MB=$RSS_MB
"$BIN" export ledger -o "$WORK/after.json" 2>/dev/null
if cmp -s "$WORK/before.json" "$WORK/after.json"; then SAME="byte-identical"; else SAME="DIFFERENT"; fi

R=$(ratio "$UNDO_WALL" "$IMP_WALL")
echo "undo of an import: $ROWS rows"
machine_line
printf '  airledger import etherscan (reference): %6.2f s  peak %s MB\n' "$IMP_WALL" "$IMP_MB"
printf '  airledger undo:                         %6.2f s  peak %s MB\n' "$UNDO_WALL" "$UNDO_MB"
echo "  ratio undo / import: ${R}x (target <= 2x: $(awk -v r="$R" 'BEGIN { print (r <= 2) ? "met" : "not met" }'))"
echo "  export after the undo vs before the import: $SAME"
echo "  airledger said: $(head -1 "$WORK/undo.out")"
[ "$SAME" = "byte-identical" ]
