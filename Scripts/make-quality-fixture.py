#!/usr/bin/env python3
"""Builds the datatrove/pycld2 reference fixture for WinnowQuality's agreement tests.

Run once, with a venv holding the reference implementations:

    python3 -m venv ~/.venvs/winnow-quality
    ~/.venvs/winnow-quality/bin/pip install "datatrove[processing]==0.10.1" spacy==3.8.18 pycld2==0.42
    ~/.venvs/winnow-quality/bin/python Scripts/make-quality-fixture.py \
        --data /work/shared/data/neardup --out Tests/WinnowQualityTests/Fixtures

It samples original (not synthetic near-duplicate) documents from the near-dup evaluation set (Debian
package text: kernel C sources, reStructuredText and HTML documentation, the Debian handbook in 26
languages), with a fixed seed, at most MAX_CHARS characters each, and writes:

* quality-docs.jsonl.zst      the documents, Dolma JSON Lines (id, text, source, metadata)
* quality-expected.jsonl.zst  per document, in the same order: datatrove 0.10.1's decision for each of
                              the four heuristic families run independently on the original text
                              ({"keep": bool, "reason": str|null}), the SHA-256 of the text that
                              C4QualityFilter leaves in kept documents, the number of words datatrove's
                              English word tokenizer (spaCy) finds, and pycld2.detect's result.

All filters use their defaults (language English, as FineWeb), which is what Winnow's stages default to.
"""

import argparse
import gzip
import hashlib
import json
import random
import subprocess
import sys

SEED = 20261126
MAX_CHARS = 12_000
QUOTAS = [  # (source, documents)
    ("linux-source", 700),
    ("debian-handbook-html", 650),
    ("linux-doc-rst", 500),
    ("linux-doc-html", 400),
    ("postgresql-doc-html", 200),
    ("python-doc-html", 100),
    ("perl-pod", 50),
]


def load(data_dir):
    by_source = {}
    for name in ("eval-0000.jsonl.gz", "eval-0001.jsonl.gz"):
        with gzip.open(f"{data_dir}/{name}", "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                if doc["source"].endswith("-neardup") or len(doc["text"]) > MAX_CHARS:
                    continue
                by_source.setdefault(doc["source"], []).append(doc)
    for docs in by_source.values():
        docs.sort(key=lambda d: d["id"])
    return by_source


def sample(by_source):
    rng = random.Random(SEED)
    picked = []
    for source, count in QUOTAS:
        docs = by_source[source]
        picked.extend(rng.sample(docs, min(count, len(docs))))
    rng.shuffle(picked)
    return picked


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="directory with eval-0000.jsonl.gz and eval-0001.jsonl.gz")
    parser.add_argument("--out", required=True, help="fixture directory")
    parser.add_argument("--dump-tokens", help="also write datatrove's word tokens per document (JSONL) here")
    args = parser.parse_args()

    import pycld2
    from datatrove.data import Document
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )
    from datatrove.utils.text import split_into_words

    docs = sample(load(args.data))
    families = {
        "gopher_quality": GopherQualityFilter(),
        "gopher_repetition": GopherRepetitionFilter(),
        "c4": C4QualityFilter(),
        "fineweb_quality": FineWebQualityFilter(),
    }
    expected = []
    token_dump = open(args.dump_tokens, "w", encoding="utf-8") if args.dump_tokens else None
    for doc in docs:
        row = {"id": doc["id"]}
        for name, flt in families.items():
            d = Document(text=doc["text"], id=doc["id"], metadata={})
            result = flt.filter(d)
            keep, reason = (result, None) if isinstance(result, bool) else result
            row[name] = {"keep": bool(keep), "reason": reason}
            if name == "c4" and keep:
                row[name]["text_sha256"] = hashlib.sha256(d.text.encode("utf-8")).hexdigest()
        words = split_into_words(doc["text"])
        row["words"] = len(words)
        if token_dump:
            token_dump.write(json.dumps({"id": doc["id"], "words": words}, ensure_ascii=False) + "\n")
        reliable, text_bytes, details = pycld2.detect(doc["text"])
        row["cld2"] = {
            "reliable": reliable,
            "text_bytes": text_bytes,
            "languages": [[code, percent, round(score, 1)] for (_, code, percent, score) in details],
        }
        expected.append(row)

    def write_zst(path, rows):
        payload = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in rows)
        subprocess.run(["zstd", "-q", "-19", "-f", "-o", path], input=payload.encode("utf-8"), check=True)

    write_zst(f"{args.out}/quality-docs.jsonl.zst", [
        {"id": d["id"], "text": d["text"], "source": d["source"], "metadata": d["metadata"]} for d in docs
    ])
    write_zst(f"{args.out}/quality-expected.jsonl.zst", expected)
    for name in families:
        kept = sum(r[name]["keep"] for r in expected)
        print(f"{name}: kept {kept} of {len(expected)}", file=sys.stderr)


if __name__ == "__main__":
    main()
