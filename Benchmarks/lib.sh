# Shared helpers for the benchmark scripts (sourced, not run). Bash only; no network.
# Conventions: run from the repo root; the release binary is built once if missing; every script
# works in its own temporary folder under /tmp and removes it on exit.

: "${SCRATCH:=.build-release}"                 # swift build --scratch-path; .build* is gitignored
BIN="${AIRLEDGER_BIN:-$SCRATCH/release/airledger}"

bench_require() {
    if [ ! -f Package.swift ] || [ ! -d Sources/LedgerCore ]; then
        echo "run this from the airledger repository root: Benchmarks/$(basename "$0")" >&2; exit 64
    fi
    for tool in sqlite3 python3 /usr/bin/time; do
        command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
    done
    if [ ! -x "$BIN" ]; then
        echo "building the release binary (once; several minutes on 2 cores) ..." >&2
        swift build -c release --scratch-path "$SCRATCH" >&2
    fi
    BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
    WORK="$(mktemp -d /tmp/airledger-bench.XXXXXX)"
    trap 'rm -rf "$WORK"' EXIT
    export TZ=UTC NO_COLOR=1
}

# timed NAME CMD...: runs CMD under /usr/bin/time (wall seconds, max RSS in KB, user and system CPU
# seconds), stdout to $WORK/NAME.out, stderr to $WORK/NAME.err; sets WALL (seconds), RSS_MB and CPU
# (user + system seconds: above WALL when the command used both cores). Fails loudly.
timed() {
    local name="$1"; shift
    # Start with no dirty pages pending: the previous contender's freshly written database would
    # otherwise be flushed to disk during this one's run.
    sync
    if ! /usr/bin/time -f '%e %M %U %S' -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
        echo "FAILED: $*" >&2; tail -20 "$WORK/$name.err" >&2; exit 1
    fi
    local user_s sys_s
    read -r WALL RSS_KB user_s sys_s <"$WORK/$name.time"
    CPU=$(awk -v u="$user_s" -v s="$sys_s" 'BEGIN { printf "%.2f", u + s }')
    RSS_MB=$(awk -v k="$RSS_KB" 'BEGIN { printf "%.0f", k / 1024 }')
}

# calc EXPR: floating-point arithmetic for the report lines.
calc() { awk "BEGIN { printf \"%s\", $1 }" 2>/dev/null || echo "?"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }

machine_line() {
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ); machine: $(nproc) cores ($(uname -m), shared), $(awk '/MemTotal/ { printf "%.0f GB", $2/1048576 }' /proc/meminfo); sqlite3 $(sqlite3 --version | cut -d' ' -f1); airledger $("$BIN" --version 2>/dev/null | head -1)"
}

# bench_etherscan_csv ROWS: writes a ROWS-row Etherscan normal-transactions CSV (V4) of one wallet to
# $CSV (in $WORK), read once so every contender starts from a warm page cache; sets WALLET and CSV.
bench_etherscan_csv() {
    WALLET=0x6b9e8d1c2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c
    CSV="$WORK/transactions-v4.csv"
    echo "generating $1 rows ..." >&2
    python3 Benchmarks/gen_etherscan.py "$1" "$WALLET" >"$CSV"
    cat "$CSV" >/dev/null
}

# bench_new_ledger: a fresh ledger at $WORK/ledger.sqlite (exported as AIRLEDGER_DB) with the
# watchlist and $WALLET as 'hot'.
bench_new_ledger() {
    export AIRLEDGER_DB="$WORK/ledger.sqlite"
    "$BIN" init >/dev/null
    "$BIN" wallet add "$WALLET" --label hot >/dev/null 2>&1
}
