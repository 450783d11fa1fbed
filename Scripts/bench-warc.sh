#!/usr/bin/env bash
# WARC reading throughput: MB/s of compressed input on one core for `read.warc` (through `winnow extract
# --timing`, which reports the reader's own CPU time apart from extraction and writing) next to `zcat` on the
# same file, the physical reference (gzip decompression alone).
#
#   Scripts/bench-warc.sh
#
# The input is built once from the shared extraction benchmark pages (ScrapingHub + WCXB dev, 1,539 HTML
# pages, 433 MB): a Common Crawl-style .warc.gz (one gzip member per record, level 6) with a warcinfo record
# and, per page, a request and an HTTP 200 response record. Environment: WINNOW (binary; default: a
# release build in .build-extract-rel), CORE (default 0), RUNS (default 3), OUT (default /tmp/winnow-warc-bench),
# EXTRACTION_DATA_DIR.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${EXTRACTION_DATA_DIR:-$root/../shared/data/extraction}"
out="${OUT:-/tmp/winnow-warc-bench}"
core="${CORE:-0}"
runs="${RUNS:-3}"
winnow="${WINNOW:-}"
if [[ -z "$winnow" ]]; then
    (cd "$root" && swift build -c release --scratch-path .build-extract-rel --product winnow >&2)
    winnow="$root/.build-extract-rel/release/winnow"
fi
mkdir -p "$out"
warc="$out/pages.warc.gz"
if [[ ! -s "$warc" ]]; then
    python3 - "$data" "$warc.tmp" <<'PY'
import csv, gzip, hashlib, os, sys, uuid
data, target = sys.argv[1], sys.argv[2]
def member(headers, block):
    head = "WARC/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + f"Content-Length: {len(block)}\r\n\r\n"
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6, mtime=0)
with open(target, "wb") as out:
    info = b"software: Winnow Scripts/bench-warc.sh\r\nformat: WARC File Format 1.1\r\n"
    out.write(member([("WARC-Type", "warcinfo"), ("WARC-Date", "2026-01-01T00:00:00Z"),
                      ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'warcinfo')}>"),
                      ("Content-Type", "application/warc-fields")], info))
    for name in ("scrapinghub", "wcxb"):
        rows = sorted(csv.DictReader(open(os.path.join(data, name, "manifest.csv"))), key=lambda r: r["id"])
        for row in rows:
            path = os.path.join(data, name, "html", f"{row['id']}.html.gz")
            html = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
            url = row.get("url") or f"https://{name}.example/{row['id']}"
            host = url.split("/")[2] if "//" in url else "example"
            request = f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
            out.write(member([("WARC-Type", "request"), ("WARC-Date", "2026-01-01T00:00:00Z"), ("WARC-Target-URI", url),
                              ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'request ' + url + row['id'])}>"),
                              ("Content-Type", "application/http; msgtype=request")], request))
            http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(html)}\r\n\r\n".encode() + html
            out.write(member([("WARC-Type", "response"), ("WARC-Date", "2026-01-01T00:00:00Z"), ("WARC-Target-URI", url),
                              ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'response ' + url + row['id'])}>"),
                              ("WARC-Payload-Digest", "sha1:" + hashlib.sha1(html).hexdigest()),
                              ("Content-Type", "application/http; msgtype=response")], http))
PY
    mv "$warc.tmp" "$warc"
fi
bytes=$(stat -c %s "$warc")
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
zcat_times=()
read_times=()
for ((run = 1; run <= runs; run++)); do
    /usr/bin/time -f "%U %S" -o "$out/zcat.time" taskset -c "$core" zcat "$warc" > /dev/null
    read -r user sys < "$out/zcat.time"
    zcat_times+=("$(echo "$user + $sys" | bc -l)")
    rm -rf "$out/text"
    taskset -c "$core" "$winnow" extract "$warc" --to "$out/text" --timing 2> "$out/winnow.log"
    read_times+=("$(awk '/^WARC reading CPU s/ { print $5 }' "$out/winnow.log")")
done
grep '^extracted' "$out/winnow.log"
z=$(median "${zcat_times[@]}")
r=$(median "${read_times[@]}")
uncompressed=$(zcat "$warc" | wc -c)
python3 - "$bytes" "$uncompressed" "$z" "$r" "$runs" <<'PY'
import sys
size, raw, z, r, runs = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
mb = size / 1e6
print(f"input: {mb:.1f} MB .warc.gz ({raw / 1e6:.1f} MB uncompressed); median of {runs} runs, CPU seconds on one core")
print(f"zcat:      {z:.2f} CPU-s = {mb / z:.1f} MB/s compressed ({raw / 1e6 / z:.0f} MB/s uncompressed)")
print(f"read.warc: {r:.2f} CPU-s = {mb / r:.1f} MB/s compressed ({raw / 1e6 / r:.0f} MB/s uncompressed); {z / r * 100:.0f}% of zcat's speed")
PY
