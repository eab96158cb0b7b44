#!/usr/bin/env python3
"""The peer for similar-title search: RapidFuzz token_set_ratio over every title (brute force).

Prints the median and p90 milliseconds per query, one query at a time, as RoleCall is asked.
Usage: rapidfuzz_similar_titles.py TITLES QUERIES [THRESHOLD]
"""
import statistics
import sys
import time

from rapidfuzz import fuzz, process, utils

titles = open(sys.argv[1], encoding="utf-8").read().splitlines()
queries = open(sys.argv[2], encoding="utf-8").read().splitlines()
threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 81
choices = [utils.default_process(t) for t in titles]
timings = []
for query in queries:
    start = time.perf_counter()
    process.extract(utils.default_process(query), choices, scorer=fuzz.token_set_ratio, score_cutoff=threshold, limit=10)
    timings.append((time.perf_counter() - start) * 1000)
timings.sort()
print(f"rapidfuzz token_set_ratio brute force: titles={len(titles)} queries={len(queries)} "
      f"median_ms={statistics.median(timings):.3f} p90_ms={timings[int(len(timings) * 0.9)]:.3f}")
