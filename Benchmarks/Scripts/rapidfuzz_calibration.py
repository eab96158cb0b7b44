#!/usr/bin/env python3
"""RapidFuzz baselines on the labelled title pairs: the best each plain fuzzy ratio can do.

For each scorer, every threshold 0..100 is tried; a pair is "flagged" when its score is at or
above the threshold. Prints, per scorer, the threshold that maximises recall - false alarms, and
the best recall reachable while false alarms stay at or below 2%.

Usage: rapidfuzz_calibration.py [path/to/title-pairs.tsv]
"""
import sys
from pathlib import Path

from rapidfuzz import fuzz, utils

default = Path(__file__).resolve().parents[3] / "shared" / "eval" / "title-pairs.tsv"
path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
pairs = []
with open(path, encoding="utf-8") as handle:
    next(handle)
    for line in handle:
        a, b, label, note = line.rstrip("\n").split("\t")
        pairs.append((a, b, label))

confusable = [(a, b) for a, b, label in pairs if label == "confusable"]
distinct = [(a, b) for a, b, label in pairs if label == "distinct"]
scorers = {"ratio": fuzz.ratio, "token_set_ratio": fuzz.token_set_ratio, "WRatio": fuzz.WRatio}

print("| scorer | threshold (best recall − false alarms) | confusable recall | false alarms (distinct) | best recall with false alarms ≤ 2% |")
print("| --- | ---: | ---: | ---: | ---: |")
for name, scorer in scorers.items():
    c_scores = [scorer(a, b, processor=utils.default_process) for a, b in confusable]
    d_scores = [scorer(a, b, processor=utils.default_process) for a, b in distinct]
    best = None
    best_recall_at_2 = (0.0, None)
    for threshold in range(0, 101):
        recall = sum(s >= threshold for s in c_scores) / len(c_scores)
        alarms = sum(s >= threshold for s in d_scores) / len(d_scores)
        if best is None or recall - alarms > best[1] - best[2]:
            best = (threshold, recall, alarms)
        if alarms <= 0.02 and recall > best_recall_at_2[0]:
            best_recall_at_2 = (recall, threshold)
    threshold, recall, alarms = best
    print(f"| {name} | {threshold} | {recall:.1%} | {alarms:.1%} | {best_recall_at_2[0]:.1%} (at {best_recall_at_2[1]}) |")
