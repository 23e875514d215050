#!/usr/bin/env bash
# Renders the demo ledger's report in headless chromium and checks it: no console error, no outside
# resource, every chart drawn (Tests/browser/check_report.py, Python standard library only).
# Writes OUT_DIR/report.html (the demo's own report), report.png (full page, 1280 px wide), report-top.png
# (the top 1,400 px: README's picture is docs/report.png, made by this script) and report.pdf (A4 print).
# Usage: Tests/browser/check-report.sh [OUT_DIR]      (default: .build/browser-check)
# Exit: 0 passed, 1 a check failed, 2 chromium missing or not drivable.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
command -v chromium >/dev/null 2>&1 || { echo "check-report: chromium is not installed: apt-get install -y chromium" >&2; exit 2; }
out=${1:-.build/browser-check}
mkdir -p "$out"
bin=$(swift build --show-bin-path)/airledger
[ -x "$bin" ] || swift build --product airledger
rm -f "$out/demo.sqlite" "$out/report.html" "$out/report.png" "$out/report-top.png" "$out/report.pdf"
# The demo's own clock, so the page is the same on every run.
export AIRLEDGER_NOW=2024-12-31T12:00:00Z
"$bin" demo --keep "$out/demo.sqlite" --report "$out/report.html" > /dev/null
python3 Tests/browser/check_report.py "$out/report.html" --png "$out/report.png" --top "$out/report-top.png" --pdf "$out/report.pdf"
