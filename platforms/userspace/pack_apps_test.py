#!/usr/bin/env python3
"""Unit tests of pack_apps.py: placement, padding TBFs and errors."""

import os
import struct
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import pack_apps  # noqa: E402


def fake_tbf(size, fill):
    first = 2 | 40 << 16
    header = struct.pack("<III", first, size, 1)
    return header + bytes([fill]) * (size - len(header))


def parse_objects(image, start):
    """Walks the image as the kernel's scan does: [(address, header_size, total_size)]."""
    objects, at = [], 0
    while True:
        version, header_size, total = struct.unpack_from("<HHI", image, at)
        if version != 2:
            return objects
        if header_size == 16:
            words = struct.unpack_from("<IIII", image, at)
            assert words[0] ^ words[1] ^ words[2] == words[3], "bad padding checksum"
            assert words[2] == 0, "padding flags"
        objects.append((start + at, header_size, total))
        at += total


class LayoutTest(unittest.TestCase):
    def test_mixed_sizes_in_given_order_get_padding(self):
        plan = pack_apps.layout([("small", 1024), ("big", 8192)], 0x40000, "given")
        self.assertEqual(plan, [
            ("app", "small", 0x40000, 1024),
            ("padding", None, 0x40400, 8192 - 1024),
            ("app", "big", 0x42000, 8192),
        ])

    def test_size_descending_needs_no_padding_for_powers_of_two(self):
        plan = pack_apps.layout([("a", 1024), ("b", 8192), ("c", 512), ("d", 1024)], 0x40000)
        self.assertEqual([(k, n, a) for k, n, a, _ in plan], [
            ("app", "b", 0x40000), ("app", "a", 0x42000), ("app", "d", 0x42400),
            ("app", "c", 0x42800)])

    def test_every_app_is_aligned_to_its_power_of_two_size(self):
        sizes = [512, 4096, 1024, 2048, 512, 16384, 1536, 700 * 4]
        for order in ("given", "size_descending"):
            plan = pack_apps.layout([(str(i), s) for i, s in enumerate(sizes)], 0x40000, order)
            at = 0x40000
            for kind, _, address, size in plan:
                self.assertEqual(address, at)  # contiguous: padding fills every gap
                if kind == "app":
                    self.assertEqual(address % pack_apps.mpu_alignment(size), 0)
                else:
                    self.assertGreaterEqual(size, 16)
                at = address + size

    def test_non_power_of_two_size_aligns_to_next_power(self):
        self.assertEqual(pack_apps.mpu_alignment(1536), 2048)
        self.assertEqual(pack_apps.mpu_alignment(8), 32)
        self.assertEqual(pack_apps.mpu_alignment(4096), 4096)

    def test_gap_too_small_for_a_padding_header_moves_to_next_boundary(self):
        # 32-byte app after 8 bytes: next 32-aligned address leaves 24 bytes (fine) ...
        plan = pack_apps.layout([("x", 40), ("y", 32)], 0x1000, "given")
        # x at 0x1000 (align 64), ends 0x1028; y needs 32: 0x1040 leaves a 24-byte gap.
        self.assertEqual(plan[1], ("padding", None, 0x1028, 24))
        # ... but a 4-byte gap cannot hold a padding TBF: skip one more boundary.
        plan = pack_apps.layout([("x", 28), ("y", 32)], 0x1000, "given")
        self.assertEqual(plan[1], ("padding", None, 0x101C, 36))
        self.assertEqual(plan[2][2], 0x1040)


class PackTest(unittest.TestCase):
    def test_image_walks_like_the_kernel_scan(self):
        small, big = fake_tbf(1024, 0xA1), fake_tbf(8192, 0xB2)
        image, _ = pack_apps.pack([("small", small), ("big", big)], 0x40000, "given")
        self.assertEqual(parse_objects(image, 0x40000),
                         [(0x40000, 40, 1024), (0x40400, 16, 7168), (0x42000, 40, 8192)])
        self.assertEqual(image[0:1024], small)
        self.assertEqual(image[0x2000:0x4000], big)
        self.assertEqual(image[0x400 + 16:0x2000], b"\0" * (7168 - 16))
        self.assertEqual(image[-8:], b"\0" * 8)
        self.assertEqual(len(image), 0x4000 + 8)

    def test_padding_header_fields(self):
        pad = pack_apps.padding_tbf(7168)
        self.assertEqual(struct.unpack_from("<HHIII", pad), (2, 16, 7168, 0, 2 ^ 16 << 16 ^ 7168))
        with self.assertRaises(pack_apps.PackError):
            pack_apps.padding_tbf(12)

    def test_rejects_files_that_are_not_tbfs(self):
        with self.assertRaises(pack_apps.PackError):
            pack_apps.pack([("junk", b"\xff" * 64)], 0x40000)
        truncated = fake_tbf(1024, 1)[:1000]
        with self.assertRaises(pack_apps.PackError):
            pack_apps.pack([("short", truncated)], 0x40000)


if __name__ == "__main__":
    unittest.main()
