#!/usr/bin/env bash
# Price fetching: `price fetch --missing` for N claims (default 1,000) without a price, spread over 2024
# across 10 coins, against the local price server (Tests/prices/price_server.py, DefiLlama's documented
# /batchHistorical shape) on 127.0.0.1. Reference in the same run, same server, same claim times: a
# minimal Python client asking one time per request (what an unbatched fetcher sends). Prints both
# wall times and request counts and their ratios; checks every claim is priced afterwards (the tax
# summary refuses an unpriced claim). No internet: the server answers on 127.0.0.1 only.
# Usage: Benchmarks/price-fetch.sh [CLAIMS]   (default 1000; run from the repo root)
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
bench_require

CLAIMS="${1:-1000}"
COINS="OP:optimism TIA:celestia ETH:ethereum UNI:uniswap ZRO:layerzero JTO:jito-governance-token ENA:ethena EIGEN:eigenlayer SOL:solana APT:aptos"

# The claims file: unique times (seeded), amounts with up to 6 decimals, no price.
python3 - "$CLAIMS" "$COINS" >"$WORK/claims.csv" <<'PY'
import random, sys, datetime
n, coins = int(sys.argv[1]), [c.split(":")[0] for c in sys.argv[2].split()]
rng = random.Random(14)
start = int(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc).timestamp())
times = sorted(rng.sample(range(start, start + 365 * 86400), n))
print("date,project,wallet,amount,asset")
for i, t in enumerate(times):
    at = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    print(f"{at},starknet,main,{rng.randint(1, 5000)}.{rng.randint(0, 999999):06d},{coins[i % len(coins)]}")
PY

# The local server: its port through a file, its request log per contender.
python3 Tests/prices/price_server.py "$WORK/requests.log" "$WORK/port" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
PORT=$(cat "$WORK/port")
export AIRLEDGER_DEFILLAMA_URL="http://127.0.0.1:$PORT"
# No pause between requests: the real service is asked at most ~1.4 requests/s (700 ms apart by
# default), which would add 0.7 s per request to airledger's time and measure the pacing, not the client.
export AIRLEDGER_HTTP_INTERVAL_MS=0
unset COINGECKO_API_KEY

export AIRLEDGER_DB="$WORK/ledger.sqlite" AIRLEDGER_NOW=2025-01-01T00:00:00Z
"$BIN" init >/dev/null
"$BIN" wallet add 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed --label main >/dev/null
"$BIN" import claims "$WORK/claims.csv" >/dev/null 2>&1

# (a) reference: one request per claim time, sequential, a new connection each (urllib), same server.
: >"$WORK/requests.log"
cat >"$WORK/naive.py" <<'PY'
import csv, json, sys, urllib.parse, urllib.request, datetime
base, coins = sys.argv[1], dict(c.split(":") for c in sys.argv[3].split())
n = 0
for row in csv.DictReader(open(sys.argv[2])):
    t = int(datetime.datetime.strptime(row["date"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp())
    q = urllib.parse.quote(json.dumps({"coingecko:" + coins[row["asset"]]: [t]}, separators=(",", ":")))
    body = json.load(urllib.request.urlopen(f"{base}/batchHistorical?coins={q}&searchWidth=1440m"))
    n += len(body["coins"])
print(n)
PY
timed naive python3 "$WORK/naive.py" "$AIRLEDGER_DEFILLAMA_URL" "$WORK/claims.csv" "$COINS"
REF_WALL=$WALL REF_REQ=$(wc -l <"$WORK/requests.log")

# (b) airledger: the coins named once, then price fetch --missing.
for c in $COINS; do "$BIN" asset set "${c%%:*}" --coin "coingecko:${c#*:}" >/dev/null; done
: >"$WORK/requests.log"
timed airledger "$BIN" price fetch --missing
AL_WALL=$WALL AL_MB=$RSS_MB AL_REQ=$(wc -l <"$WORK/requests.log")

# Correctness: every claim priced by the rule (the tax summary refuses an unpriced claim), stored once.
if ! "$BIN" tax summary --year 2024 --format json >"$WORK/tax.json" 2>"$WORK/tax.err"; then
    echo "not every claim was priced:" >&2; head -5 "$WORK/tax.err" >&2; exit 1
fi
UNPRICED=$("$BIN" history --format csv | awk -F, 'NR > 1 && $3 == "claim" && $9 == ""' | wc -l)
PRICES=$(sqlite3 "$AIRLEDGER_DB" "SELECT COUNT(*) FROM price WHERE source = 'defillama'")

echo "price fetch --missing: $CLAIMS claims over 2024, 10 coins, local server (127.0.0.1, no pacing)"
echo "  airledger:  $(printf '%6.2f' "$AL_WALL") s, $AL_REQ requests (batched /batchHistorical), ${AL_MB} MB max RSS; $PRICES prices stored, $UNPRICED claims unpriced after"
echo "  reference:  $(printf '%6.2f' "$REF_WALL") s, $REF_REQ requests (python urllib, one time per request)"
echo "  ratio airledger/reference: time $(ratio "$AL_WALL" "$REF_WALL"), requests $(ratio "$AL_REQ" "$REF_REQ")"
echo "  first line of airledger's output: $(head -1 "$WORK/airledger.out")"
echo "  last line: $(tail -1 "$WORK/airledger.out")"
machine_line
