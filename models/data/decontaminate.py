#!/usr/bin/env python3
"""Drops training lines that are too close to an evaluation line, in place.

    models/data/decontaminate.py models/data/crisis_chat_train_r6_*.tsv

"Too close" = the two texts' word sets (lower case, accents folded) have a Jaccard overlap of
0.6 or more. Evaluation lines: tests/data/crisis_blind*.tsv and models/data/crisis_chat_dev.tsv.
Prints only counts, never evaluation text, so the sets stay unread by whoever runs it. Written
for the round-6 training files (December 2026), whose writers were briefed with example
wordings that could echo evaluation lines.
"""
import glob
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
THRESHOLD = 0.6


def words(text):
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return frozenset(re.findall(r"[a-z0-9ñ]+", folded))


def evaluation_word_sets():
    files = sorted(glob.glob(os.path.join(ROOT, "tests/data/crisis_blind*.tsv")))
    files.append(os.path.join(ROOT, "models/data/crisis_chat_dev.tsv"))
    sets = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            for line in f.read().splitlines()[1:]:
                sets.append(words(line.rsplit("\t", 1)[0]))
    return sets


def too_close(candidate, references):
    return any(candidate and ref and len(candidate & ref) / len(candidate | ref) >= THRESHOLD
               for ref in references)


def main(paths):
    references = evaluation_word_sets()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        kept = [lines[0]] + [l for l in lines[1:]
                             if not too_close(words(l.rsplit("\t", 1)[0]), references)]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(kept) + "\n")
        print(f"{os.path.relpath(path, ROOT)}: kept {len(kept) - 1}, dropped {len(lines) - len(kept)}")


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        sys.exit(0 if len(sys.argv) > 1 else 2)
    main(sys.argv[1:])
