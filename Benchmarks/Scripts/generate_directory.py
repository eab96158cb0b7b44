#!/usr/bin/env python3
"""Writes a synthetic directory export of N people (about 370 bytes each) plus role entries.

Titles come from TITLES (a file of distinct titles, e.g. generate_titles.py's output); about 1 in 50
accounts is disabled, locked or expired; one organizationalRole per 1,000 people.

Usage: generate_directory.py N TITLES OUT.ldif [SUFFIX]   (SUFFIX defaults to dc=big,dc=example)
"""
import base64
import random
import sys

count, titles_path, out_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
suffix = sys.argv[4] if len(sys.argv) > 4 else "dc=big,dc=example"
dc = suffix.split(",")[0].split("=")[1]
titles = open(titles_path, encoding="utf-8").read().splitlines()
rng = random.Random(7)
first = ["Ann", "Bilal", "Carys", "Dele", "Eleanor", "Farah", "Gareth", "Hana", "Iwan", "Jo", "Kirsty", "Linh", "Morag", "Niamh"]
last = ["Smith", "Jones", "Wong", "Okafor", "Brown", "Patel", "Evans", "Khan", "Lewis", "Murray", "Reid", "Nguyen", "Campbell"]
with open(out_path, "w", encoding="utf-8") as out:
    out.write(f"dn: {suffix}\nobjectClass: dcObject\nobjectClass: organization\ndc: {dc}\no: Generated\n\n")
    out.write(f"dn: ou=People,{suffix}\nobjectClass: organizationalUnit\nou: People\n\n")
    out.write(f"dn: ou=Roles,{suffix}\nobjectClass: organizationalUnit\nou: Roles\n\n")
    for i in range(count):
        given, sn = rng.choice(first), rng.choice(last)
        title = titles[i % len(titles)]
        out.write(f"dn: uid=u{i:07d},ou=People,{suffix}\n")
        out.write("objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: inetOrgPerson\n")
        out.write(f"uid: u{i:07d}\ncn: {given} {sn}\nsn: {sn}\ngivenName: {given}\n")
        out.write(f"mail: {given.lower()}.{sn.lower()}.{i}@big.example\n")
        if any(ord(c) > 127 for c in title):
            out.write("title:: " + base64.b64encode(title.encode()).decode() + "\n")
        else:
            out.write(f"title: {title}\n")
        out.write(f"telephoneNumber: +44 20 7946 {i % 10000:04d}\nemployeeNumber: {i}\n")
        out.write(f"description: Synthetic person number {i} for RoleCall benchmarks\n")
        if i % 50 == 7:
            out.write(rng.choice(["pwdAccountLockedTime: 000001010000Z\n", "nsAccountLock: true\n", "shadowExpire: 19000\n"]))
        out.write("\n")
        if i % 1000 == 999:
            role = titles[(i * 7) % len(titles)]
            out.write(f"dn: cn=Role {i},ou=Roles,{suffix}\nobjectClass: organizationalRole\ncn: {role}\n")
            out.write(f"roleOccupant: uid=u{i - 3:07d},ou=People,{suffix}\n\n")
