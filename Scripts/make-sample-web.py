#!/usr/bin/env python3
"""Builds SampleData/html/ and SampleData/warc/ from the hand-written pages in Scripts/sample-pages/.

Deterministic (fixed dates, UUIDs derived from URLs, gzip mtime 0), so a rerun rewrites the same bytes.

* SampleData/html/: five pages as files, in their declared charsets (UTF-8, ISO-8859-1, Shift_JIS), one gzip.
* SampleData/warc/sample.warc.gz: Common Crawl layout (one gzip member per record): warcinfo, then for each
  of the eight pages a request and a 200 response (windows-1251 declared only in the HTTP header for the
  Russian page; chunked transfer coding and gzip content coding on two of them), plus a 404, a 301, a PNG
  image, a PDF and a metadata record, which the reader skips and counts.
* SampleData/warc/sample.warc.wet.gz: WET conversion records (plain text) for three of the pages.

    python3 Scripts/make-sample-web.py
"""
import gzip, html.parser, os, uuid

here = os.path.dirname(os.path.abspath(__file__))
pages_dir = os.path.join(here, "sample-pages")
root = os.path.join(here, "..", "SampleData")
DATE = "2024-05-06T07:08:09Z"

PAGES = [  # file, url, charset used to encode the file, charset in the HTTP header (None: not sent)
    ("en-article.html", "https://fieldnotebook.example/rivers/why-rivers-meander", "utf-8", "utf-8"),
    ("fr-recette.html", "https://cuisine-de-saison.example/plats/gratin-dauphinois", "iso-8859-1", None),
    ("ru-news.html", "https://gorod-novosti.example/news/2023/10/most", "windows-1251", "windows-1251"),
    ("ja-blog.html", "https://tabi-no-kiroku.example/kyoto/koyo", "shift_jis", None),
    ("de-docs.html", "https://handbuch.example/logging.html", "utf-8", "utf-8"),
    ("en-forum.html", "https://homebaking.example/bread/sourdough/starter-smell", "utf-8", "utf-8"),
    ("en-listing.html", "https://outdoorgear.example/hiking-boots", "utf-8", "utf-8"),
    ("es-enciclopedia.html", "https://enciclopedia.example/wiki/Colibri", "utf-8", None),
]


def page_bytes(name, charset):
    with open(os.path.join(pages_dir, name), encoding="utf-8") as f:
        return f.read().encode(charset)


def record_id(key):
    return "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, key)


def warc_record(warc_type, url, block, extra=(), key=None):
    headers = [("WARC-Type", warc_type), ("WARC-Date", DATE), ("WARC-Record-ID", record_id(key or (warc_type + url)))]
    if url:
        headers.append(("WARC-Target-URI", url))
    headers += list(extra)
    headers.append(("Content-Length", str(len(block))))
    head = "WARC/1.1\r\n" + "".join("%s: %s\r\n" % h for h in headers) + "\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def http_response(status, reason, headers, body):
    head = "HTTP/1.1 %d %s\r\n" % (status, reason) + "".join("%s: %s\r\n" % h for h in headers) + "\r\n"
    return head.encode("latin-1") + body


def chunked(body, size=700):
    out = b""
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


class Text(html.parser.HTMLParser):
    """A plain-text rendering for the WET sample (what a simple converter would store)."""
    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form"}

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag in ("p", "h1", "h2", "h3", "li", "tr", "div", "pre"):
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    def text(self):
        lines = [" ".join(l.split()) for l in "".join(self.parts).split("\n")]
        return "\n".join(l for l in lines if l) + "\n"


def main():
    os.makedirs(os.path.join(root, "html"), exist_ok=True)
    os.makedirs(os.path.join(root, "warc"), exist_ok=True)
    for name in ("en-article.html", "fr-recette.html", "ja-blog.html", "de-docs.html", "es-enciclopedia.html"):
        charset = next(c for f, _, c, _ in PAGES if f == name)
        with open(os.path.join(root, "html", name), "wb") as f:
            f.write(page_bytes(name, charset))
    with open(os.path.join(root, "html", "en-forum.html.gz"), "wb") as f:
        f.write(gz(page_bytes("en-forum.html", "utf-8")))

    members = []
    info = b"software: Winnow sample generator\r\nformat: WARC File Format 1.1\r\nrobots: obey\r\n"
    members.append(warc_record("warcinfo", None, info, [("Content-Type", "application/warc-fields")], key="warcinfo"))
    for name, url, charset, header_charset in PAGES:
        body = page_bytes(name, charset)
        request = ("GET /%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: winnow-sample/1.0\r\n\r\n" % (url.split("/", 3)[3], url.split("/")[2])).encode()
        members.append(warc_record("request", url, request, [("Content-Type", "application/http; msgtype=request")]))
        content_type = "text/html" + ("; charset=%s" % header_charset if header_charset else "")
        headers = [("Date", "Mon, 06 May 2024 07:08:09 GMT"), ("Server", "nginx"), ("Content-Type", content_type)]
        if name == "en-forum.html":
            headers.append(("Transfer-Encoding", "chunked"))
            payload = chunked(body)
        elif name == "de-docs.html":
            headers.append(("Content-Encoding", "gzip"))
            payload = gz(body)
            headers.append(("Content-Length", str(len(payload))))
        else:
            payload = body
            headers.append(("Content-Length", str(len(payload))))
        block = http_response(200, "OK", headers, payload)
        members.append(warc_record("response", url, block, [("Content-Type", "application/http; msgtype=response"), ("WARC-Identified-Payload-Type", "text/html")]))
    extras = [
        ("https://fieldnotebook.example/missing-page", 404, "Not Found", "text/html; charset=utf-8", b"<html><body><h1>Page not found</h1></body></html>"),
        ("http://fieldnotebook.example/rivers", 301, "Moved Permanently", "text/html", b""),
        ("https://fieldnotebook.example/static/logo.png", 200, "OK", "image/png", bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(range(64))),
        ("https://handbuch.example/handbuch.pdf", 200, "OK", "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
    ]
    for url, status, reason, content_type, body in extras:
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        if status == 301:
            headers.append(("Location", "https://fieldnotebook.example/rivers/"))
        members.append(warc_record("response", url, http_response(status, reason, headers, body), [("Content-Type", "application/http; msgtype=response")]))
    members.append(warc_record("metadata", PAGES[0][1], b"fetchTimeMs: 231\r\n", [("Content-Type", "application/warc-fields")]))
    with open(os.path.join(root, "warc", "sample.warc.gz"), "wb") as f:
        for member in members:
            f.write(gz(member))

    wet = [warc_record("warcinfo", None, b"software: Winnow sample generator\r\n", [("Content-Type", "application/warc-fields")], key="wetinfo")]
    for name, url, charset, _ in PAGES[:3]:
        parser = Text()
        parser.feed(page_bytes(name, charset).decode(charset))
        text = parser.text().encode("utf-8")
        wet.append(warc_record("conversion", url, text, [("WARC-Refers-To", record_id("response" + url)), ("Content-Type", "text/plain")], key="conversion" + url))
    with open(os.path.join(root, "warc", "sample.warc.wet.gz"), "wb") as f:
        for member in wet:
            f.write(gz(member))
    print("wrote SampleData/html (6 files), SampleData/warc/sample.warc.gz (%d records), sample.warc.wet.gz (%d records)" % (len(members), len(wet)))


main()
