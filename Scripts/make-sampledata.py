#!/usr/bin/env python3
"""Rebuilds SampleData/jsonl from the near-duplicate evaluation set in ../shared/data/neardup.

Deterministic: a fixed seed picks the documents. Adds, on purpose, what a curation run must handle:
exact copies that differ only in case and white space (for dedup.exact), and very short documents (for the
length filter). Writes three files: plain, gzip and zstd JSON Lines.

    python3 Scripts/make-sampledata.py [--shared ../shared]
"""
import argparse, gzip, json, os, random, subprocess

ap = argparse.ArgumentParser()
ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
args = ap.parse_args()
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "SampleData", "jsonl")
os.makedirs(root, exist_ok=True)

docs = []
with gzip.open(os.path.join(args.shared, "data", "neardup", "eval-0000.jsonl.gz"), "rt", encoding="utf-8") as f:
    for line in f:
        d = json.loads(line)
        if 300 <= len(d["text"]) <= 4000 and d["metadata"].get("kind") == "prose":
            docs.append(d)
rng = random.Random(20261125)
rng.shuffle(docs)
picked = docs[:240]
picked.sort(key=lambda d: d["id"])

# Exact duplicates modulo case and white space: 12 copies with a new id.
extra = []
for d in rng.sample(picked, 12):
    copy = json.loads(json.dumps(d))
    copy["id"] = d["id"] + "#copy"
    copy["text"] = "  " + d["text"].upper().replace("\n", "\n\n") + "\n"
    copy["metadata"]["copied_from"] = d["id"]
    extra.append(copy)
# Very short documents.
for i, text in enumerate(["Home", "Next page", "Copyright 2024", "Login | Register"]):
    extra.append({"id": f"short-{i}", "text": text, "source": "sampledata-boilerplate",
                  "added": "2026-11-25T00:00:00.000Z", "metadata": {"kind": "boilerplate"}})
allDocs = picked + extra
rng.shuffle(allDocs)
thirds = [allDocs[0::3], allDocs[1::3], allDocs[2::3]]

def lines(ds):
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in ds).encode("utf-8")

with open(os.path.join(root, "docs-a.jsonl"), "wb") as f:
    f.write(lines(thirds[0]))
with open(os.path.join(root, "docs-b.jsonl.gz"), "wb") as f:
    f.write(gzip.compress(lines(thirds[1]), mtime=0))
subprocess.run(["zstd", "-q", "-f", "-19", "-o", os.path.join(root, "docs-c.jsonl.zst")], input=lines(thirds[2]), check=True)
print(f"{len(allDocs)} documents: {len(picked)} picked, {len(extra)} added")
