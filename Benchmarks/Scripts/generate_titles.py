#!/usr/bin/env python3
"""Writes N distinct synthetic role titles (one per line) and a query sample, deterministically.

About a fifth of the titles are near misses of others (a modifier, a typo, a qualifier, an
abbreviation, a reordering), so similar-title search has real work to do.

Usage: generate_titles.py N TITLES_OUT QUERIES_OUT [QUERY_COUNT]
"""
import random
import sys

RANKS = ["Head of", "Director of", "Deputy Director of", "Lead", "Manager,", "Chief", "Principal", "Senior",
         "Assistant Director of", "Officer,", "Adviser,", "Analyst,", "Statistician,", "Programme Manager,"]
FUNCTIONS = ["Statistics", "Analysis", "Finance", "Communications", "Policy", "Operations", "Procurement", "Audit",
             "Strategy", "Workforce Planning", "Data Science", "Economics", "Press", "Digital Services", "Estates",
             "Security", "Research", "Methodology", "Dissemination", "Governance", "Recruitment", "Pensions", "Pay",
             "Training", "Logistics", "Insight", "Commissioning", "Performance", "Assurance", "Publishing"]
AREAS = ["Defence", "Health", "Education", "Schools", "Hospitals", "Navy", "Army", "Air Force", "Prisons", "Transport",
         "Housing", "Energy", "Agriculture", "Fisheries", "Trade", "Justice", "Culture", "Tourism", "Borders",
         "Veterans", "Pupil Attainment", "Early Years", "Social Care", "Public Spending", "Inflation",
         "Labour Market", "Migration", "Primary Care", "Secondary Care", "Mental Health", "Further Education",
         "Skills", "Apprenticeships", "Childcare", "Nuclear", "Cyber", "Space", "Maritime", "Infrastructure"]
QUALIFIERS = ["North", "South", "East", "West", "Wales", "Scotland", "London", "Capital", "Reserves", "Overnight",
              "Phase 2", "Regional", "Operations", "Policy", "Strategy"]
MODIFIERS = ["Deputy", "Acting", "Interim", "Senior", "Assistant", "Principal"]


def title(rng):
    words = f"{rng.choice(RANKS)} {rng.choice(FUNCTIONS)} {rng.choice(['for', 'of', '', ''])} {rng.choice(AREAS)}"
    if rng.random() < 0.3:
        words += " " + rng.choice(AREAS)
    if rng.random() < 0.35:
        words += ", " + rng.choice(QUALIFIERS)
    if rng.random() < 0.1:
        words += f" {rng.randrange(2, 100)}"
    return " ".join(words.split())


def near_miss(rng, base):
    words = base.split()
    kind = rng.randrange(5)
    if kind == 0:
        return f"{rng.choice(MODIFIERS)} {base}"
    if kind == 1:
        index = rng.randrange(len(words))
        letters = list(words[index])
        if len(letters) > 4:
            i = rng.randrange(1, len(letters) - 2)
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
        words[index] = "".join(letters)
        return " ".join(words)
    if kind == 2:
        return f"{base} ({rng.choice(QUALIFIERS)})"
    if kind == 3:
        return base.replace("Director of", "DD for") if "Deputy Director of" in base else base.replace("Head of", "HoP")
    return " ".join(reversed(words))


def main():
    count, titles_out, queries_out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    query_count = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    rng = random.Random(42)
    titles, seen = [], set()
    while len(titles) < count:
        candidate = near_miss(rng, rng.choice(titles)) if len(titles) > 10 and rng.random() < 0.2 else title(rng)
        if candidate.lower() not in seen:
            seen.add(candidate.lower())
            titles.append(candidate)
    with open(titles_out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(titles) + "\n")
    queries = [rng.choice(titles) for _ in range(query_count // 2)] + [title(rng) for _ in range(query_count - query_count // 2)]
    with open(queries_out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(queries) + "\n")


if __name__ == "__main__":
    main()
