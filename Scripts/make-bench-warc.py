#!/usr/bin/env python3
"""Wraps the real pages of ../shared/data/extraction (ScrapingHub 181 + WCXB dev 1,358 = 1,539 pages, 433 MB
of HTML) into WARC files for the end-to-end benchmark (Scripts/bench.sh e2e / scale).

Layout: Common Crawl's (one gzip member per record, gzip level 6): a warcinfo record, then for each page a
request and a 200 `response` record with the page's exact bytes, its URL from the manifest, a fixed date and a
record id derived from the URL and the copy number. Pages are sorted by (set, id) and dealt round-robin into
FILES files per copy, so two workers get equal shares. Responses carry `WARC-Identified-Payload-Type: text/html`,
as Common Crawl writes (datatrove's WarcReader otherwise guesses the type with libmagic and skips some pages).

    make-bench-warc.py OUT_DIR [--copies 4] [--files 8]

writes OUT_DIR/copy-KK/part-FF.warc.gz for KK < copies (Scripts/bench.sh picks its 1x, 4x, 16x inputs from
them). Copy k > 0 repeats every page under the URL `<url>#copy-k` and its own record ids: exact duplicates
that MinHash dedup must remove. Deterministic: rerunning writes the same bytes, and
existing complete files are kept. Nothing is written into ../shared.
"""
import argparse, csv, gzip, os, sys, uuid, zlib
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "shared", "data", "extraction")
if not os.path.isdir(DATA):
    DATA = "/work/shared/data/extraction"
DATE = "2025-11-01T00:00:00Z"


def pages():
    out = []
    for dataset in ("scrapinghub", "wcxb"):
        base = os.path.join(DATA, dataset)
        with open(os.path.join(base, "manifest.csv"), newline="") as f:
            for row in csv.DictReader(f):
                path = row["source_path"]
                if dataset == "wcxb":
                    path = path.split("/", 1)[1]  # dev/html/... -> html/...
                # A few pages have no URL in the manifest: give them one (WARC readers need WARC-Target-URI).
                url = row["url"] or "https://%s.invalid/%s" % (dataset, row["id"])
                out.append((dataset, row["id"], url, os.path.join(base, path)))
    out.sort(key=lambda p: (p[0], p[1]))
    return out


def member(data):
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(data) + c.flush()


def record(warc_type, url, block, key, extra=()):
    rid = "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, key)
    headers = [("WARC-Type", warc_type), ("WARC-Date", DATE), ("WARC-Record-ID", rid)]
    if url:
        headers.append(("WARC-Target-URI", url))
    headers += list(extra)
    headers.append(("Content-Length", str(len(block))))
    head = "WARC/1.1\r\n" + "".join("%s: %s\r\n" % h for h in headers) + "\r\n"
    return member(head.encode("utf-8") + block + b"\r\n\r\n")


def write_file(job):
    path, copy, items = job
    if os.path.exists(path):
        return path
    tmp = path + ".tmp"
    with open(tmp, "wb") as out:
        info = b"software: Winnow Scripts/make-bench-warc.py\r\nformat: WARC File Format 1.1\r\n"
        out.write(record("warcinfo", None, info, "warcinfo:%s" % os.path.basename(path) + ":%d" % copy,
                         [("WARC-Filename", os.path.basename(path)), ("Content-Type", "application/warc-fields")]))
        for dataset, pid, url, html_path in items:
            if copy:
                url = "%s#copy-%d" % (url, copy)
            with gzip.open(html_path, "rb") as f:
                body = f.read()
            host = url.split("/")[2] if "://" in url else "example.invalid"
            request = ("GET /%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: winnow-bench\r\n\r\n"
                       % (url.split("/", 3)[3] if url.count("/") >= 3 else "", host)).encode("latin-1", "replace")
            out.write(record("request", url, request, "request:%s:%s:%d" % (dataset, pid, copy),
                             [("Content-Type", "application/http; msgtype=request")]))
            http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body)).encode("latin-1")
            out.write(record("response", url, http + body, "response:%s:%s:%d" % (dataset, pid, copy),
                             [("Content-Type", "application/http; msgtype=response"),
                              ("WARC-Identified-Payload-Type", "text/html")]))
    os.rename(tmp, path)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--copies", type=int, default=1)
    ap.add_argument("--files", type=int, default=8)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    items = pages()
    jobs = []
    for copy in range(args.copies):
        directory = os.path.join(args.out, "copy-%02d" % copy)
        os.makedirs(directory, exist_ok=True)
        for f in range(args.files):
            jobs.append((os.path.join(directory, "part-%02d.warc.gz" % f), copy, items[f::args.files]))
    with ProcessPoolExecutor(args.jobs) as pool:
        for path in pool.map(write_file, jobs):
            print(path, file=sys.stderr)
    print("%d pages x %d copies in %d files" % (len(items), args.copies, len(jobs)), file=sys.stderr)


if __name__ == "__main__":
    main()
