#!/usr/bin/env python3
"""The second peer for LDIF throughput: python-ldap's LDIFParser, counting records and values."""
import sys

from ldif import LDIFParser


class Counter(LDIFParser):
    records = 0
    values = 0

    def handle(self, dn, entry):
        self.records += 1
        self.values += sum(len(v) for v in entry.values())


with open(sys.argv[1], "rb") as handle:
    parser = Counter(handle)
    parser.parse()
print(f"python-ldap: records={parser.records} values={parser.values}")
