#!/usr/bin/env bash
# Checks a run's HTML report as a person would: renders it in headless Chromium at 1280 px and at a
# 390 px phone width, checks the screenshots are not blank, that every section heading is in the HTML and
# in the rendered DOM, and that the page loads nothing from outside (no script, no remote URL).
#
#   Scripts/check-report.sh RUN_DIR [OUT_DIR]
#
# Writes OUT_DIR/report.html (made fresh with `winnow report`), OUT_DIR/report-1280.png and
# OUT_DIR/report-390.png (default OUT_DIR: a new temporary directory, printed). WINNOW may name the winnow
# binary (default: .build/debug/winnow, else `swift run winnow`). Installs Debian's chromium when missing.
set -euo pipefail

run_dir=${1:?usage: Scripts/check-report.sh RUN_DIR [OUT_DIR]}
out_dir=${2:-$(mktemp -d /tmp/winnow-report-check.XXXXXX)}
mkdir -p "$out_dir"
cd "$(dirname "$0")/.."

if [ -n "${WINNOW:-}" ]; then
    winnow=("$WINNOW")
elif [ -x .build/debug/winnow ]; then
    winnow=(.build/debug/winnow)
else
    winnow=(swift run winnow)
fi

if ! command -v chromium >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing chromium (Debian package)" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

html="$out_dir/report.html"
"${winnow[@]}" report "$run_dir" --out "$html" >/dev/null
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"

# The section headings, as in Sources/WinnowReport/ReportSection.swift (the Swift tests check both agree).
headings=("Summary" "Funnel" "Drop reasons" "Score histograms" "Languages" "Sources and contributors"
    "Duplicate clusters" "Labelers" "Reward weights and ledger" "Provenance" "Plan")

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

for heading in "${headings[@]}"; do
    grep -qF "<h2>$heading</h2>" "$html" || fail "heading '$heading' is not in the HTML"
done
# Self-contained: no script, no remote resource, no external stylesheet or font.
grep -qiE '<script|<link |<img |<iframe|@import|url\(|(src|href)="(https?:)?//' "$html" && fail "the page refers to an outside resource or has a script"

chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --disable-extensions --no-first-run
    --disable-dev-shm-usage --user-data-dir="$out_dir/profile")
dom="$out_dir/report-dom.html"
"${chrome[@]}" --dump-dom "$url" >"$dom" 2>"$out_dir/chromium-dom.log" || fail "chromium --dump-dom failed (see $out_dir/chromium-dom.log)"
for heading in "${headings[@]}"; do
    grep -qF "<h2>$heading</h2>" "$dom" || fail "heading '$heading' is not in the rendered DOM"
done

for width in 1280 390; do
    png="$out_dir/report-$width.png"
    rm -f "$png"
    "${chrome[@]}" --screenshot="$png" --window-size="$width,2400" "$url" >"$out_dir/chromium-$width.log" 2>&1 \
        || fail "chromium screenshot at $width px failed (see $out_dir/chromium-$width.log)"
    [ -s "$png" ] || { fail "no screenshot at $width px"; continue; }
    # Not blank: a tiny PNG decoder (zlib + the five row filters) counts distinct colours and the share of
    # the most common one.
    python3 - "$png" "$width" <<'PY' || fail "screenshot at $2 px looks blank"
import struct, sys, zlib
path, expected_width = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, header = 8, b"", None
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR": header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT": idat += body
    pos += 12 + length
width, height, depth, colour = header[:4]
assert depth == 8 and colour in (2, 6), f"unsupported PNG (depth {depth}, colour type {colour})"
channels = 3 if colour == 2 else 4
raw = zlib.decompress(idat)
stride = width * channels
rows, previous, offset = [], bytearray(stride), 0
for _ in range(height):
    kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
    offset += 1 + stride
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b = previous[i]
        c = previous[i - channels] if i >= channels else 0
        if kind == 1: line[i] = (line[i] + a) & 255
        elif kind == 2: line[i] = (line[i] + b) & 255
        elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line))
    previous = line
counts = {}
for line in rows[::2]:
    for x in range(0, stride, channels * 2):
        key = line[x:x + 3]
        counts[key] = counts.get(key, 0) + 1
total = sum(counts.values())
top = max(counts.values()) / total
print(f"{path}: {width}x{height}, {len(counts)} distinct colours, most common {top:.1%}")
if width != expected_width: sys.exit(f"screenshot is {width} px wide, expected {expected_width}")
if len(counts) < 16 or top > 0.97: sys.exit(1)
PY
done

if [ "$failures" -gt 0 ]; then
    echo "check-report: $failures problem(s); files in $out_dir" >&2
    exit 1
fi
echo "check-report: ok (${#headings[@]} headings in HTML and DOM, screenshots at 1280 and 390 px in $out_dir)"
