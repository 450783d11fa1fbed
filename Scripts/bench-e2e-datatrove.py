#!/usr/bin/env python3
"""datatrove 0.10.1's equivalent of Winnow's `bench-e2e` pipeline, for Scripts/bench.sh:

  WarcReader -> Trafilatura -> language (CLD2, English, score >= 0.65) -> GopherQualityFilter ->
  GopherRepetitionFilter -> C4QualityFilter -> FineWebQualityFilter -> JsonlWriter (filtered)
  -> MinHash (5-grams, 14 buckets x 8 hashes, seed 1, 64-bit xxhash) signatures, buckets, cluster, filter
  -> JsonlWriter (gzip shards)

as in FineWeb's published recipe (datatrove's examples/fineweb.py), in the order of Winnow's pipeline.

Language ID: datatrove's LanguageFilter needs fastText's lid.176 model, which it downloads at run time; this
machine has no network, so the filter here is a datatrove BaseFilter calling pycld2 (the library Winnow's
`lang.cld2@1` reproduces) with the same rule: top language `en` and percent / 100 >= 0.65.

Trafilatura's per-document timeout is raised from 1 s to 120 s so that a loaded machine does not drop pages
(CPU time, not wall time, is what the benchmark compares).

    bench-e2e-datatrove.py INPUT_DIR WORK_DIR [--workers 1]

Prints one JSON line: documents read, documents each step forwarded, kept after dedup, wall time per phase.
"""
import argparse, json, os, shutil, sys, time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("work")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()

    import pycld2
    from datatrove.executor.local import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                                  MinhashDedupFilter, MinhashDedupSignature)
    from datatrove.pipeline.extractors import Trafilatura
    from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter, GopherQualityFilter,
                                            GopherRepetitionFilter)
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.pipeline.readers import JsonlReader, WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.hashing import HashConfig

    class CLD2LanguageFilter(BaseFilter):
        name = "🌍 CLD2 language"

        def __init__(self, languages=("en",), threshold=0.65):
            super().__init__()
            self.languages = set(languages)
            self.threshold = threshold

        def filter(self, doc):
            try:
                _, _, details = pycld2.detect(doc.text)
            except pycld2.error:
                return False, "cld2_error"
            code, percent = details[0][1], details[0][2]
            doc.metadata["language"] = code
            doc.metadata["language_score"] = percent / 100
            if code not in self.languages:
                return False, "language_not_allowed"
            return (True if percent / 100 >= self.threshold else (False, "low_language_score"))

    if os.path.exists(args.work):
        shutil.rmtree(args.work)
    files = sorted(f for f in os.listdir(args.input) if f.endswith(".warc.gz"))
    ntasks = len(files)
    W = args.workers
    work = args.work
    cfg = MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1,
                        hash_config=HashConfig(precision=64, hash_fc="xxhash"))
    times = {}

    def run(name, pipeline, tasks):
        t = time.perf_counter()
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=min(W, tasks),
                              logging_dir=os.path.join(work, "logs", name), skip_completed=False).run()
        times[name] = round(time.perf_counter() - t, 2)

    run("filter", [
        WarcReader(args.input, glob_pattern="*.warc.gz"),
        Trafilatura(favour_precision=True, timeout=120.0),
        CLD2LanguageFilter(),
        GopherQualityFilter(),
        GopherRepetitionFilter(),
        C4QualityFilter(),
        FineWebQualityFilter(),
        JsonlWriter(os.path.join(work, "filtered")),
        MinhashDedupSignature(output_folder=os.path.join(work, "sigs"), config=cfg),
    ], ntasks)
    run("buckets", [MinhashDedupBuckets(input_folder=os.path.join(work, "sigs"),
                                        output_folder=os.path.join(work, "buckets"), config=cfg)], cfg.num_buckets)
    run("cluster", [MinhashDedupCluster(input_folder=os.path.join(work, "buckets"),
                                        output_folder=os.path.join(work, "remove"), config=cfg)], 1)
    run("dedup", [JsonlReader(os.path.join(work, "filtered")),
                  MinhashDedupFilter(input_folder=os.path.join(work, "remove")),
                  JsonlWriter(os.path.join(work, "output"))], ntasks)

    with open(os.path.join(work, "logs", "filter", "stats.json")) as f:
        steps = json.load(f)
    read = steps[0]["stats"]["documents"]["total"]
    forwarded = {step["name"].split(": ", 1)[-1]: step["stats"].get("forwarded") for step in steps[1:7]}
    import gzip
    kept_final = sum(1 for f in os.listdir(os.path.join(work, "output")) for _ in gzip.open(os.path.join(work, "output", f)))
    print(json.dumps({"tool": "datatrove", "workers": W, "files": ntasks, "documents": read,
                      "forwarded_by_step": forwarded, "kept_after_dedup": kept_final, "wall_s_per_phase": times},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
