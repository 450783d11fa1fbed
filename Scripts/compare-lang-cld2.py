#!/usr/bin/env python3
"""Compares Winnow's lang.cld2@1 results (`winnow score` output: {"id", "lang", "lang_score", ...} per line)
with pycld2.detect on the same documents, and both with a reference language in the documents' metadata.

    ~/.venvs/winnow-quality/bin/python Scripts/compare-lang-cld2.py SCORES.jsonl DOCS.jsonl.gz... \
        [--source debian-handbook-html] [--reference-field lang]

Only documents whose `source` starts with --source are compared (default: the Debian handbook, whose
metadata.lang such as "pt-BR" is the page's language). The reference "xx-YY" is mapped to CLD2's code:
the language part, except zh-TW -> zh-Hant and nb -> no. Prints one JSON object.
"""

import argparse
import gzip
import json


def cld2_code(tag):
    lang, _, region = tag.partition("-")
    if lang == "zh" and region in ("TW", "HK"):
        return "zh-Hant"
    if lang == "nb":
        return "no"
    return lang


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scores")
    parser.add_argument("docs", nargs="+")
    parser.add_argument("--source", default="debian-handbook-html")
    parser.add_argument("--reference-field", default="lang")
    args = parser.parse_args()
    import pycld2

    winnow = {}
    with open(args.scores, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            winnow[row["id"]] = (row["lang"], row["lang_score"])
    n = same_lang = same_score = w_correct = p_correct = 0
    by_language = {}
    for path in args.docs:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                if not doc.get("source", "").startswith(args.source) or doc["id"] not in winnow:
                    continue
                reference = cld2_code(doc["metadata"][args.reference_field])
                _, _, details = pycld2.detect(doc["text"])
                p_lang, p_score = details[0][1], details[0][2] / 100
                w_lang, w_score = winnow[doc["id"]]
                n += 1
                same_lang += w_lang == p_lang
                same_score += abs((w_score or 0) - p_score) < 1e-9
                w_correct += w_lang == reference
                p_correct += p_lang == reference
                stats = by_language.setdefault(reference, [0, 0, 0])
                stats[0] += 1
                stats[1] += w_lang == reference
                stats[2] += p_lang == reference
    print(json.dumps({
        "documents": n, "same_language_as_pycld2": same_lang, "same_score_as_pycld2": same_score,
        "winnow_accuracy": round(w_correct / n, 4) if n else None, "pycld2_accuracy": round(p_correct / n, 4) if n else None,
        "by_reference_language": {k: {"documents": v[0], "winnow_correct": v[1], "pycld2_correct": v[2]} for k, v in sorted(by_language.items())},
    }, indent=1))


if __name__ == "__main__":
    main()
