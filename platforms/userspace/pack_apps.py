#!/usr/bin/env python3
"""Packs TBF apps into one Cortex-M apps-region image, as tockloader does for Cortex-M.

The PMSAv7 MPU protects an app's flash with one region whose size is a power of two and whose
base is a multiple of that size, so each TBF is placed at an address that is a multiple of its
total_size rounded up to a power of two. Gaps before an app are filled with padding TBFs (a
16-byte base header, version 2, no flags, total_size = the gap, zeros after it) so the kernel's
scan walks across them. With --order=size_descending (tockloader's Cortex-M default) the largest
apps come first and no padding is needed when sizes are powers of two; --order=given keeps the
order of the command line. Eight zero bytes end the scan, as erased flash would.

Usage: pack_apps.py --start ADDR [--order size_descending|given] --out FILE TBF...
"""

import argparse
import struct
import sys

BASE_HEADER = 16
END_MARKER = b"\0" * 8


class PackError(Exception):
    pass


def checksum(words):
    value = 0
    for w in words:
        value ^= w
    return value


def padding_tbf(size):
    """A padding TBF of `size` bytes (header then zeros)."""
    if size < BASE_HEADER or size % 4 != 0:
        raise PackError("padding of %d bytes: must be >= 16 and a multiple of 4" % size)
    version, header_size, flags = 2, BASE_HEADER, 0
    first = version | header_size << 16
    header = struct.pack("<IIII", first, size, flags, checksum([first, size, flags]))
    return header + b"\0" * (size - BASE_HEADER)


def tbf_total_size(data, name):
    if len(data) < BASE_HEADER:
        raise PackError("%s: shorter than a TBF base header" % name)
    version, header_size, total_size = struct.unpack_from("<HHI", data, 0)
    if version != 2 or header_size < BASE_HEADER or total_size < header_size:
        raise PackError("%s: not a TBF v2 object" % name)
    if total_size != len(data):
        raise PackError("%s: total_size %d but the file has %d bytes" % (name, total_size, len(data)))
    return total_size


def mpu_alignment(size):
    """The alignment an app of `size` bytes needs: its size rounded up to a power of two."""
    align = 32  # smallest PMSAv7 region
    while align < size:
        align *= 2
    return align


def layout(apps, start, order="size_descending"):
    """apps: list of (name, total_size). Returns [(kind, name, address, size)], kind "app" or
    "padding", in flash order."""
    if order == "size_descending":
        apps = sorted(apps, key=lambda a: a[1], reverse=True)  # stable: ties keep their order
    elif order != "given":
        raise PackError("unknown order %r" % order)
    placed = []
    at = start
    for name, size in apps:
        align = mpu_alignment(size)
        target = (at + align - 1) // align * align
        while 0 < target - at < BASE_HEADER:  # too small for a padding header
            target += align
        if target > at:
            placed.append(("padding", None, at, target - at))
        placed.append(("app", name, target, size))
        at = target + size
    return placed


def pack(tbfs, start, order="size_descending"):
    """tbfs: list of (name, bytes). Returns (image bytes, layout)."""
    sizes = [(name, tbf_total_size(data, name)) for name, data in tbfs]
    by_name = dict(tbfs)
    if len(by_name) != len(tbfs):
        raise PackError("the same TBF is listed twice")
    plan = layout(sizes, start, order)
    out = bytearray()
    for kind, name, address, size in plan:
        assert start + len(out) == address
        out += padding_tbf(size) if kind == "padding" else by_name[name]
    return bytes(out + END_MARKER), plan


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--start", required=True, type=lambda s: int(s, 0))
    p.add_argument("--order", default="size_descending", choices=["size_descending", "given"])
    p.add_argument("--out", required=True)
    p.add_argument("--map", help="write the placement, one line per object")
    p.add_argument("tbfs", nargs="+")
    args = p.parse_args(argv)
    tbfs = []
    for path in args.tbfs:
        with open(path, "rb") as f:
            tbfs.append((path, f.read()))
    try:
        image, plan = pack(tbfs, args.start, args.order)
    except PackError as e:
        print("pack_apps: " + str(e), file=sys.stderr)
        return 1
    with open(args.out, "wb") as f:
        f.write(image)
    if args.map:
        with open(args.map, "w") as f:
            for kind, name, address, size in plan:
                f.write("0x%08x %7d %s\n" % (address, size, name if kind == "app" else "(padding)"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
