#!/usr/bin/env bash
# Runs one fuzz target for SECONDS: Fuzz/run.sh TARGET SECONDS [libFuzzer options...]
# Targets: etherscan (CSV stream reader + Etherscan-family importer), sheets (CSV stream reader +
# spreadsheet importers activities/claims/trades + price files), decimal, time, criteria, ledger.
# Seeds come from Fixtures/ (and Fuzz/Seeds/); the corpus grows in Fuzz/.build/corpus/TARGET between runs.
# A crash, leak or timeout leaves its input in Fuzz/.build/artifacts/ and exits non-zero. The last
# line says: TARGET SECONDS EXECS RESULT (for docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: Fuzz/run.sh TARGET SECONDS}
shift 2
Fuzz/build.sh "$target" 2>&1 | grep -v 'ld.gold: warning' >&2 || true
bin=Fuzz/.build/fuzz-$target
[ -x "$bin" ] || { echo "fuzz-$target did not build" >&2; exit 1; }

seeds=Fuzz/.build/seeds/$target corpus=Fuzz/.build/corpus/$target artifacts=Fuzz/.build/artifacts
rm -rf "$seeds"; mkdir -p "$seeds" "$corpus" "$artifacts"
prefixed() {  # byte (octal), files... : copies each file with a leading choice byte
  local byte=$1; shift
  for f in "$@"; do { printf "\\$byte"; cat "$f"; } > "$seeds/$byte-$(echo "$f" | tr / _)"; done
}
max_len=4096
case $target in
  etherscan)
    prefixed 300 Fixtures/etherscan/*.csv Fixtures/etherscan/real/*.csv      # ethereum, whole file in one chunk
    prefixed 205 Fixtures/etherscan/transactions-v4.csv Fixtures/etherscan/token-transfers-v4.csv  # apechain, thousands accepted, 64-byte chunks
    max_len=65536 ;;
  sheets)
    prefixed 300 Fixtures/sheets/activities.csv
    prefixed 301 Fuzz/Seeds/sheets/claims.csv
    prefixed 302 Fuzz/Seeds/sheets/trades.csv
    prefixed 303 Fuzz/Seeds/sheets/prices.csv
    prefixed 100 Fixtures/sheets/activities.csv     # 7-byte chunks
    max_len=16384 ;;
  decimal|time|criteria) cp Fuzz/Seeds/$target/* "$seeds/"; [ "$target" = criteria ] && max_len=16384 ;;
  ledger) cp Fixtures/ledger/*.json "$seeds/"; max_len=65536 ;;
  *) echo "no seeds for $target" >&2; exit 64 ;;
esac

log=Fuzz/.build/$target.log
set +e
"$bin" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
  -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "$@" > "$log" 2>&1
status=$?
set -e
execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1)
if [ $status -eq 0 ]; then result=ok; else result="FAILED (exit $status; see $log)"; tail -40 "$log" >&2; fi
echo "$target $seconds ${execs:-?} $result"
[ $status -eq 0 ]
