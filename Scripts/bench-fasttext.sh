#!/usr/bin/env bash
# fastText inference throughput: Winnow (`winnow predict`) against fastText 0.9.2's C++ library through its
# Python binding (`model.predict(list_of_texts, k=1)`), on the same documents and the same models, one core
# (taskset -c 0), back to back in one session, each repeated and the fastest of the repeats kept. Times are
# CPU seconds of the process during the prediction loop (the machine is shared; wall time is printed too).
#
#   Scripts/bench-fasttext.sh [SHARED_DIR]      (default ../shared; needs ~/.venvs/winnow-fasttext)
#
# Documents: shared/data/bench (3,185 documents, 40 MB of text, half prose, half code). Models, trained
# here with fastText on bench-0000 (label = source): dim 32, word bigrams, char n-grams 3..6, 200,000
# buckets, softmax (bench.bin), and the same quantized (bench.ftz); plus the fixture's hierarchical
# softmax model (dim 8). Both sides read the texts into memory before timing; fastText needs newlines
# replaced by spaces first (done before its clock starts), Winnow treats them as spaces itself.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${1:-../shared}
PY=~/.venvs/winnow-fasttext/bin/python
REPEATS=${REPEATS:-3}
if [ ! -x "$PY" ]; then
    # fastText 0.9.2's wheel; its predict needs numpy < 2 (np.array(copy=False)).
    python3 -m venv ~/.venvs/winnow-fasttext
    ~/.venvs/winnow-fasttext/bin/pip install -q fasttext-wheel==0.9.2 "numpy<2"
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

swift build --scratch-path .build-rel -c release --product winnow >/dev/null
WINNOW=.build-rel/release/winnow

zcat "$SHARED/data/bench/bench-0000.jsonl.gz" "$SHARED/data/bench/bench-0001.jsonl.gz" > "$WORK/docs.jsonl"
"$PY" - "$SHARED" "$WORK" <<'PYEOF' 2>&1 | { grep -v "^Warning" || true; }
import gzip, json, os, sys
import fasttext
shared, work = sys.argv[1], sys.argv[2]
with open(os.path.join(work, "train.txt"), "w") as f:
    for line in gzip.open(os.path.join(shared, "data/bench/bench-0000.jsonl.gz"), "rt"):
        d = json.loads(line)
        f.write("__label__%s %s\n" % (d["source"], " ".join(d["text"].split("\n"))))
m = fasttext.train_supervised(input=os.path.join(work, "train.txt"), dim=32, epoch=5, wordNgrams=2, minn=3, maxn=6,
                              bucket=200000, thread=1, seed=1, verbose=0)
m.save_model(os.path.join(work, "bench.bin"))
m.quantize(input=None, qout=False, cutoff=0, retrain=False, qnorm=True, dsub=2)
m.save_model(os.path.join(work, "bench.ftz"))
PYEOF

cat > "$WORK/peer.py" <<'PYEOF'
import json, sys, time
import fasttext
model_path, docs, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
model = fasttext.load_model(model_path)
texts = [json.loads(line)["text"] for line in open(docs)]
lines = [" ".join(t.split("\n")) for t in texts]
size = sum(len(t.encode("utf-8")) for t in texts)
best = best_wall = 1e9
for _ in range(repeats):
    start, wall = time.process_time(), time.perf_counter()
    labels, probs = model.predict(lines, k=1)
    best = min(best, time.process_time() - start)
    best_wall = min(best_wall, time.perf_counter() - wall)
print("fastText %s: %d documents, %.1f MB; predict k=1: %.3f CPU s (%.3f wall) = %.0f docs/s, %.2f MB/s per CPU second"
      % (model_path.split("/")[-1], len(texts), size / 1e6, best, best_wall, len(texts) / best, size / 1e6 / best))
PYEOF

for model in "$WORK/bench.bin" "$WORK/bench.ftz" Tests/WinnowModelTests/Fixtures/source-hs.bin; do
    taskset -c 0 "$WINNOW" predict --model "$model" --repeats "$REPEATS" "$WORK/docs.jsonl" 2>&1 | sed "s|$WORK/||"
    taskset -c 0 "$PY" "$WORK/peer.py" "$model" "$WORK/docs.jsonl" "$REPEATS" 2>&1 | { grep -v "^Warning" || true; }
done
