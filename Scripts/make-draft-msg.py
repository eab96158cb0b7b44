#!/usr/bin/env python3
"""Writes Docs/examples/draft.msg: an Outlook message ([MS-OXMSG]) in a compound file ([MS-CFB],
version 3) addressed to the example department's recipients, for `rolecall verify` and its tests.

Outlook is not needed (and not available on Linux); the file holds what Outlook writes for a
recipient table: one `__recip_version1.0_#XXXXXXXX` storage per recipient with its display name,
SMTP address and e-mail address as Unicode property streams, and a properties stream with the
recipient type (To, Cc, Bcc). Check it with an independent reader:
    python3 -m pip install extract-msg && python3 -c "import extract_msg; m = extract_msg.Message('Docs/examples/draft.msg'); print([(r.name, r.email, r.type) for r in m.recipients])"
"""
import os
import struct
import sys

SECTOR = 512
MINI = 64
CUTOFF = 4096
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF

# (display name, SMTP address, type: 1 To, 2 Cc, 3 Bcc) — the example department's recipients.txt
# as a mail client holds them (uid and DN lines there are addresses here).
RECIPIENTS = [
    ("Smith, Ann", "asmith@dda.example", 1),
    ("Allen, Victor", "vallen@dda.example", 1),
    ("Clarke, Sam", "sclarke@dda.example", 1),
    ("Khan, Hana", "hkhan@dda.example", 2),
    ("Lewis, Iwan", "ilewis@dda.example", 2),
    ("Jones, Bilal", "bjones@dda.example", 2),
    ("Patel, Farah", "fpatel@dda.example", 1),
    ("Okafor, Dele", "dokafor@dda.example", 3),
    ("someone@elsewhere.example", "someone@elsewhere.example", 1),
]


def utf16(text):
    """A Unicode string property's stream: UTF-16LE without a terminator (its length in the
    properties stream counts one)."""
    return text.encode("utf-16-le")


def properties_header(top_level, recipients):
    if top_level:  # 32 bytes: reserved, next recipient id, next attachment id, counts, reserved
        return struct.pack("<8sIIII8s", b"", recipients, 0, recipients, 0, b"")
    return struct.pack("<8s", b"")  # recipient and attachment storages: 8 reserved bytes


def fixed_property(tag, value):
    return struct.pack("<IIQ", tag, 0x6, value)  # flags: readable | writable


def variable_property(tag, length):
    return struct.pack("<IIII", tag, 0x6, length, 0)


class Node:
    def __init__(self, name, kind, data=b"", children=()):
        self.name, self.kind, self.data, self.children = name, kind, data, list(children)


def message():
    recipients = []
    for number, (name, address, kind) in enumerate(RECIPIENTS):
        streams = {
            "__substg1.0_3001001F": utf16(name),
            "__substg1.0_39FE001F": utf16(address),
            "__substg1.0_3003001F": utf16(address),
            "__substg1.0_3002001F": utf16("SMTP"),
        }
        props = properties_header(False, 0) + fixed_property(0x0C150003, kind) + fixed_property(0x30000003, number)
        for stream, data in streams.items():
            props += variable_property(int(stream[-8:], 16), len(data) + 2)
        children = [Node(n, 2, d) for n, d in streams.items()] + [Node("__properties_version1.0", 2, props)]
        recipients.append(Node(f"__recip_version1.0_#{number:08X}", 1, children=children))
    subject = utf16("Defence Statistics Bulletin: pre-release copy")
    body = utf16("Please find attached the pre-release copy. Not for onward distribution.")
    props = properties_header(True, len(RECIPIENTS)) + fixed_property(0x0E070003, 0x8)  # PR_MESSAGE_FLAGS: unsent
    props += variable_property(0x0037001F, len(subject) + 2) + variable_property(0x1000001F, len(body) + 2)
    nameid = Node("__nameid_version1.0", 1, children=[
        Node("__substg1.0_00020102", 2, b""), Node("__substg1.0_00030102", 2, b""), Node("__substg1.0_00040102", 2, b"")])
    return Node("Root Entry", 5, children=[
        Node("__substg1.0_0037001F", 2, subject), Node("__substg1.0_1000001F", 2, body),
        Node("__substg1.0_001A001F", 2, utf16("IPM.Note")),
        Node("__properties_version1.0", 2, props), nameid] + recipients)


def cfb_key(node):
    """Siblings are ordered by name length, then by upper-cased name ([MS-CFB] 2.6.4)."""
    return (len(node.name), node.name.upper())


def build(root):
    entries = []  # flattened: root first

    def add(node):
        node.index = len(entries)
        entries.append(node)
        for child in sorted(node.children, key=cfb_key):
            add(child)
    add(root)

    # Small streams go into the mini stream, big ones into regular sectors.
    mini = bytearray()
    minifat = []
    regular = bytearray()
    regular_chains = {}
    for node in entries:
        node.start, node.size = END, len(node.data)
        if node.kind != 2 or not node.data:
            continue
        if len(node.data) < CUTOFF:
            node.start = len(mini) // MINI
            count = (len(node.data) + MINI - 1) // MINI
            minifat += [node.start + i + 1 for i in range(count - 1)] + [END]
            mini += node.data + b"\0" * (count * MINI - len(node.data))
        else:
            regular_chains[node.index] = (len(regular) // SECTOR, len(node.data))
            regular += node.data + b"\0" * ((-len(node.data)) % SECTOR)

    def sectors(data):
        return (len(data) + SECTOR - 1) // SECTOR

    # Layout: [FAT] [directory] [mini FAT] [mini stream] [regular streams]
    directory = bytearray()
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    minifat_bytes += b"\xff" * ((-len(minifat_bytes)) % SECTOR)
    mini_padded = bytes(mini) + b"\0" * ((-len(mini)) % SECTOR)
    dir_sectors = sectors(b"\0" * (128 * len(entries)))
    body_sectors = dir_sectors + sectors(minifat_bytes) + sectors(mini_padded) + sectors(regular)
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < fat_sectors + body_sectors:
        fat_sectors += 1
    fat = [FATSECT] * fat_sectors
    def chain(count):
        start = len(fat)
        fat.extend(start + i + 1 for i in range(count - 1))
        fat.append(END)
        return start
    dir_start = chain(dir_sectors)
    minifat_start = chain(sectors(minifat_bytes)) if minifat else END
    mini_start = chain(sectors(mini_padded)) if mini else END
    for index, (offset, length) in regular_chains.items():
        entries[index].start = len(fat)
        chain(sectors(b"\0" * length))
    fat += [FREE] * (fat_sectors * (SECTOR // 4) - len(fat))
    root.start, root.size = mini_start, len(mini)

    for node in entries:
        ordered = sorted(node.children, key=cfb_key)
        node.child = ordered[0].index if ordered else NOSTREAM
        for left, right in zip(ordered, ordered[1:]):
            left.right = right.index
        if ordered:
            ordered[-1].right = NOSTREAM
    for node in entries:
        name = node.name.encode("utf-16-le") + b"\0\0"
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ", name, len(name), node.kind, 1, NOSTREAM,
            getattr(node, "right", NOSTREAM), node.child, b"", 0, 0, 0, node.start, node.size)
    directory += b"\0" * ((-len(directory)) % SECTOR)
    # Unused directory slots: empty entries with no siblings.
    directory = bytearray(directory)
    for offset in range(128 * len(entries), len(directory), 128):
        directory[offset + 68:offset + 80] = struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM)

    header = bytearray(SECTOR)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x28, 0, fat_sectors, dir_start, 0, CUTOFF,
                     minifat_start, sectors(minifat_bytes) if minifat else 0, END)
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    return bytes(header) + fat_bytes + bytes(directory) + (minifat_bytes if minifat else b"") + mini_padded + bytes(regular)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Docs", "examples", "draft.msg")
    with open(out, "wb") as handle:
        handle.write(build(message()))
    print(f"wrote {out}")
