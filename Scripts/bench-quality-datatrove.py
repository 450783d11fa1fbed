#!/usr/bin/env python3
"""Times datatrove 0.10.1's four heuristic filters on JSON Lines documents: CPU seconds (process time)
spent inside GopherQualityFilter, GopherRepetitionFilter, C4QualityFilter and FineWebQualityFilter
.filter(), each run on every document's original text (nothing dropped), as `winnow score --timing` does.
Reading and JSON parsing are not counted. Prints one JSON line."""

import gzip
import json
import sys
import time

from datatrove.data import Document
from datatrove.pipeline.filters import C4QualityFilter, FineWebQualityFilter, GopherQualityFilter, GopherRepetitionFilter


def main(paths):
    filters = [GopherQualityFilter(), GopherRepetitionFilter(), C4QualityFilter(), FineWebQualityFilter()]
    docs = 0
    chars = 0
    kept = [0, 0, 0, 0]
    cpu = 0.0
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                text = record["text"]
                docs += 1
                chars += len(text)
                start = time.process_time()
                for k, flt in enumerate(filters):
                    result = flt.filter(Document(text=text, id=record.get("id", ""), metadata={}))
                    if result is True or (not isinstance(result, tuple) and result):
                        kept[k] += 1
                cpu += time.process_time() - start
    print(json.dumps({"documents": docs, "characters": chars, "kept": kept, "filter_cpu_seconds": round(cpu, 3)}))


if __name__ == "__main__":
    main(sys.argv[1:])
