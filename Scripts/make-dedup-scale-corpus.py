#!/usr/bin/env python3
"""Builds a scale corpus for the MinHash dedup benchmark from the near-duplicate eval set.

usage: Scripts/make-dedup-scale-corpus.py OUT REPLICAS [EVAL_DIR]

Writes OUT/part-RRR-S.jsonl.gz for replica R in 0..REPLICAS-1 and eval shard S. Replica 0 is the eval set
as it is; replica R > 0 is a perturbed copy: every document's id gets "@R" appended, and every space and
newline of its text gets the replica's tag (a short word) glued to the word before it, so a replica's
documents share almost no 5-word shingle with any other replica's, while the near-duplicate structure
inside each replica stays what it is in the eval set (both members of a pair are perturbed alike). The
result has the eval set's text statistics and duplicate rate at REPLICAS times its size (291.8 MB of text
per replica). Deterministic; never commit its output (put it under /tmp or ~/.cache).
"""
import gzip
import json
import os
import subprocess
import sys


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, replicas = sys.argv[1], int(sys.argv[2])
    root = os.path.dirname(os.path.abspath(__file__))
    eval_dir = sys.argv[3] if len(sys.argv) > 3 else os.path.join(root, "..", "..", "..", "shared", "data", "neardup")
    if not os.path.isdir(eval_dir):
        eval_dir = "/work/shared/data/neardup"
    shards = sorted(f for f in os.listdir(eval_dir) if f.startswith("eval-") and f.endswith(".jsonl.gz"))
    os.makedirs(out, exist_ok=True)
    total = 0
    for replica in range(replicas):
        tag = "q%dz" % replica
        for number, shard in enumerate(shards):
            path = os.path.join(out, "part-%03d-%d.jsonl.gz" % (replica, number))
            with gzip.open(os.path.join(eval_dir, shard), "rt", encoding="utf-8") as source, \
                    open(path + ".tmp", "wb") as sink:
                gz = subprocess.Popen(["pigz", "-1", "-n", "-p", "1"], stdin=subprocess.PIPE, stdout=sink)
                for line in source:
                    document = json.loads(line)
                    if replica > 0:
                        document["id"] = "%s@%d" % (document["id"], replica)
                        document["text"] = document["text"].replace(" ", tag + " ").replace("\n", tag + "\n")
                    total += len(document["text"].encode("utf-8"))
                    gz.stdin.write((json.dumps(document, ensure_ascii=False) + "\n").encode("utf-8"))
                gz.stdin.close()
                if gz.wait() != 0:
                    sys.exit("pigz failed on " + path)
            os.replace(path + ".tmp", path)
    print(json.dumps({"replicas": replicas, "files": replicas * len(shards), "text_bytes": total}))


if __name__ == "__main__":
    main()
