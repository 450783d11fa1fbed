#!/usr/bin/env python3
"""Builds the fastText fixtures of Tests/WinnowModelTests/Fixtures/ with the real fastText (pip).

Usage (from the repository root), with a venv holding fastText 0.9.2 (Scripts/bench-fasttext.sh makes it:
`python3 -m venv ~/.venvs/winnow-fasttext && ~/.venvs/winnow-fasttext/bin/pip install fasttext-wheel==0.9.2 "numpy<2"`):

    ~/.venvs/winnow-fasttext/bin/python Scripts/make-fasttext-fixture.py [--shared ../shared]
    ~/.venvs/winnow-fasttext/bin/python Scripts/make-fasttext-fixture.py --check MODEL.bin DOCS.jsonl

The first form trains four small supervised models on public text, the throughput sample in
shared/data/bench (Debian documentation and Linux sources; see its README), with the document's `source`
as the label (7 classes), and writes:

* `source-softmax.bin`  softmax loss, word bigrams, char n-grams 2..4
* `source-softmax.ftz`  the same model quantized (product quantization of input and output, norms
                        quantized, input pruned to the 1,000 most useful rows: exercises the prune index)
* `source-hs.bin`       hierarchical softmax, no char n-grams, word trigrams
* `source-ova.bin`      one-vs-all (independent sigmoids), char n-grams 3..5
* `buckets-qout.ftz`    300 labels (a bucket of the document's position, meaningless as a class but
                        enough for fastText to quantize the output matrix, which needs 256 rows)
* `predictions.jsonl.gz`  1,200 held-out documents (the first 600 characters of each, newlines made
                        spaces, as fastText predicts one line) plus a few edge cases, each with every
                        model's top-3 labels and probabilities as `model.predict(text, k=3)` returns them.

`--crowd-labels` writes `train-labels.csv`: simulated crowd labels (three labelers, 80% accurate) of
prose/code for the 1,200 held-out documents; the training test reads the consensus of them that

    winnow consensus Tests/WinnowModelTests/Fixtures/train-labels.csv --method ds --classes code,prose \
        --output Tests/WinnowModelTests/Fixtures/train-consensus.csv

writes.

The `--check` form loads a model written by `winnow train` with fastText and prints its accuracy on the
labelled documents given (JSON lines with `text` and `label`): proof that the format is fastText's own.

The training is seeded and single-threaded; the fixture is committed, so reruns need not be identical.
"""
import argparse
import csv
import gzip
import json
import os
import random
import sys
import tempfile

import fasttext

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Tests", "WinnowModelTests", "Fixtures")

EDGE_CASES = [
    "",
    "   ",
    "\t\v\f\r",
    "__label__linux-source is a label token and not a feature",
    "ünïcödé wörds — «guillemets» 日本語のテキスト Ελληνικά русский текст",
    "int main(void) { return 0; } /* kernel */ struct file_operations fops;",
    "SELECT * FROM pg_catalog.pg_class WHERE relkind = 'r';",
    "a",
    "\x00nul\x00separated\x00words",
    "repeated " * 200,
]


def read_docs(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def one_line(text):
    return " ".join(text.replace("\r", " ").split("\n"))


def train(train_file, buckets_file, out_dir):
    common = dict(input=train_file, dim=8, epoch=5, lr=0.5, minCount=60, bucket=3000, thread=1, seed=7, verbose=0)
    models = {}
    m = fasttext.train_supervised(loss="softmax", wordNgrams=2, minn=2, maxn=4, **common)
    m.save_model(os.path.join(out_dir, "source-softmax.bin"))
    models["source-softmax.bin"] = m
    q = fasttext.load_model(os.path.join(out_dir, "source-softmax.bin"))
    q.quantize(input=None, qout=False, cutoff=1000, retrain=False, qnorm=True, dsub=2)
    q.save_model(os.path.join(out_dir, "source-softmax.ftz"))
    models["source-softmax.ftz"] = q
    h = fasttext.train_supervised(loss="hs", wordNgrams=3, minn=0, maxn=0, **common)
    h.save_model(os.path.join(out_dir, "source-hs.bin"))
    models["source-hs.bin"] = h
    o = fasttext.train_supervised(loss="ova", wordNgrams=1, minn=3, maxn=5, **common)
    o.save_model(os.path.join(out_dir, "source-ova.bin"))
    models["source-ova.bin"] = o
    # fastText quantizes the output matrix only with at least 256 labels: a model with 300 labels (the
    # document id's bucket: meaningless as a classifier, but it exercises the quantized output path).
    b = fasttext.train_supervised(input=buckets_file, loss="softmax", dim=8, epoch=2, lr=0.5, minCount=20,
                                  bucket=2000, wordNgrams=1, minn=3, maxn=3, thread=1, seed=7, verbose=0)
    b.quantize(input=None, qout=True, cutoff=0, retrain=False, qnorm=False, dsub=2)
    b.save_model(os.path.join(out_dir, "buckets-qout.ftz"))
    models["buckets-qout.ftz"] = b
    return models


def make(shared):
    bench = os.path.join(shared, "data", "bench")
    train_docs = list(read_docs(os.path.join(bench, "bench-0000.jsonl.gz")))
    test_docs = list(read_docs(os.path.join(bench, "bench-0001.jsonl.gz")))
    rng = random.Random(20261125)
    rng.shuffle(test_docs)
    os.makedirs(FIXTURES, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        train_file = os.path.join(tmp, "train.txt")
        with open(train_file, "w", encoding="utf-8") as f:
            for d in train_docs:
                f.write("__label__%s %s\n" % (d["source"], one_line(d["text"])))
        buckets_file = os.path.join(tmp, "buckets.txt")
        with open(buckets_file, "w", encoding="utf-8") as f:
            for i, d in enumerate(train_docs[:1200]):
                f.write("__label__b%03d %s\n" % (i % 300, one_line(d["text"][:2000])))
        models = train(train_file, buckets_file, FIXTURES)
    texts = [(d["id"], d["source"], one_line(d["text"][:600])) for d in test_docs[:1200]]
    texts += [("edge-%d" % i, None, t) for i, t in enumerate(EDGE_CASES)]
    out = os.path.join(FIXTURES, "predictions.jsonl.gz")
    with gzip.GzipFile(out, "wb", mtime=0) as g:
        for doc_id, source, text in texts:
            row = {"id": doc_id, "text": text}
            if source is not None:
                row["source"] = source
            for name, model in sorted(models.items()):
                labels, probs = model.predict(text, k=3)
                row[name] = [[l, float(p)] for l, p in zip(labels, probs)]
            g.write((json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    for name in sorted(models):
        size = os.path.getsize(os.path.join(FIXTURES, name))
        hits = 0 if name.startswith("buckets") else sum(1 for _, s, t in texts if s is not None and models[name].predict(t)[0][0] == "__label__" + s)
        print("%-20s %8d bytes  held-out accuracy %.4f" % (name, size, hits / 1200))
    print("predictions.jsonl.gz %8d bytes, %d documents" % (os.path.getsize(out), len(texts)))


def make_crowd_labels():
    """Simulated crowd labels for the training test: three labelers per held-out document, each right with
    probability 0.8 (else a uniformly wrong class), on the `kind` prose/code of the document's source.
    `winnow consensus` turns them into train-consensus.csv (see the docstring)."""
    rng = random.Random(12)
    classes = ["code", "prose"]
    rows = []
    with gzip.open(os.path.join(FIXTURES, "predictions.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if "source" not in d:
                continue
            truth = "code" if d["source"] == "linux-source" else "prose"
            for labeler in ("ann", "bob", "cat"):
                label = truth if rng.random() < 0.8 else [c for c in classes if c != truth][0]
                rows.append((d["id"], labeler, label))
    with open(os.path.join(FIXTURES, "train-labels.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["item", "labeler", "label"])
        writer.writerows(rows)


def check(model_path, docs_path):
    model = fasttext.load_model(model_path)
    total = hits = 0
    opener = gzip.open if docs_path.endswith(".gz") else open
    with opener(docs_path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            labels, _ = model.predict(one_line(d["text"]), k=1)
            total += 1
            hits += labels[0] == "__label__" + d["label"]
    print("fastText loaded %s: %d labels, dim %d; accuracy %.4f on %d documents"
          % (model_path, len(model.labels), model.get_dimension(), hits / max(total, 1), total))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    parser.add_argument("--check", nargs=2, metavar=("MODEL", "DOCS"))
    parser.add_argument("--crowd-labels", action="store_true", help="only write train-labels.csv")
    args = parser.parse_args()
    if args.check:
        check(*args.check)
    elif args.crowd_labels:
        make_crowd_labels()
    else:
        make(args.shared)
