#!/usr/bin/env bash
# Checks that a run's shards load with Hugging Face `datasets.load_dataset("json", data_files=...)`, and that
# every line has a non-empty id, text and source. Installs `datasets` into a private virtualenv when the
# python3 on PATH lacks it.
#
#   Scripts/check-hf-datasets.sh RUN_DIR [EXPECTED_DOCUMENTS]
set -euo pipefail
run_dir=${1:?usage: check-hf-datasets.sh RUN_DIR [EXPECTED_DOCUMENTS]}
expected=${2:-}
python=python3
if ! python3 -c 'import datasets' 2>/dev/null; then
    venv=${WINNOW_DATASETS_VENV:-$HOME/.cache/winnow/venv-datasets}
    if ! "$venv/bin/python" -c 'import datasets' 2>/dev/null; then
        echo "installing datasets into $venv" >&2
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check "datasets>=2.19"
    fi
    python="$venv/bin/python"
fi
HF_DATASETS_OFFLINE=1 HF_HUB_OFFLINE=1 "$python" - "$run_dir" "$expected" <<'PY'
import glob, os, sys, tempfile
import datasets
run_dir, expected = sys.argv[1], sys.argv[2]
files = sorted(glob.glob(os.path.join(run_dir, "shards", "*.jsonl*")))
if not files:
    sys.exit(f"no shards in {run_dir}/shards")
with tempfile.TemporaryDirectory() as cache:
    ds = datasets.load_dataset("json", data_files=files, split="train", cache_dir=cache)
    for column in ("id", "text", "source", "added", "created", "metadata"):
        if column not in ds.column_names:
            sys.exit(f"column {column!r} missing; columns: {ds.column_names}")
    for i, row in enumerate(ds):
        if not row["id"] or not row["text"] or not row["source"]:
            sys.exit(f"row {i} lacks id, text or source")
    if expected and len(ds) != int(expected):
        sys.exit(f"{len(ds)} rows, expected {expected}")
    print(f"datasets {datasets.__version__}: loaded {len(ds)} documents from {len(files)} shards; columns {ds.column_names}")
PY
