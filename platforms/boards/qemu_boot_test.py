#!/usr/bin/env python3
"""Boots a kernel image under qemu-system-arm and checks its UART output.

Usage: qemu_boot_test.py --machine mps2-an386 --kernel K.elf [--device-loader FILE@ADDR]
                         --expect TEXT [--expect TEXT ...] [--expect-anywhere TEXT ...]
                         [--expect-count TEXT::N ...] [--send-after TRIGGER::TEXT ...]
                         [--forbid TEXT] [--timeout S] [--icount [OPTIONS]]
Each --expect must appear in the given order; each --expect-anywhere somewhere. The test stops
QEMU as soon as everything was seen; it fails on timeout or on a --forbid match.
--expect-count needs TEXT at least N times (anywhere). --send-after types TEXT on the board's
UART once TRIGGER has appeared.
--icount runs QEMU with -icount OPTIONS (default "shift=0,sleep=off"): virtual time advances one
nanosecond per instruction and jumps over idle periods, so board time no longer follows the
host's (loaded) clock: alarms fire exactly on their tick, and minutes of board time pass in
moments. Without it QEMU's clock is host real time (alarms fire late by the host's timer
latency, ~15 ms on a loaded machine). Not the default: tests that type on the UART after a
delay measured in board time need real time, and the other QEMU tests were written for it.
"""
import argparse
import os
import selectors
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--machine", required=True)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--device-loader", action="append", default=[])
    ap.add_argument("--expect", action="append", default=[])
    ap.add_argument("--expect-anywhere", action="append", default=[])
    ap.add_argument("--forbid", action="append", default=[])
    ap.add_argument("--send-after", action="append", default=[])
    ap.add_argument("--expect-count", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--icount", nargs="?", const="shift=0,sleep=off", default=None)
    args = ap.parse_args()

    cmd = ["qemu-system-arm", "-M", args.machine, "-nographic", "-monitor", "none",
           "-serial", "stdio", "-kernel", args.kernel]
    if args.icount:
        cmd += ["-icount", args.icount]
    for spec in args.device_loader:
        path, addr = spec.rsplit("@", 1)
        cmd += ["-device", "loader,file=%s,addr=%s,force-raw=on" % (path, addr)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    sends = [spec.split("::", 1) for spec in args.send_after]
    counts = [(t, int(n)) for t, n in (spec.rsplit("::", 1) for spec in args.expect_count)]
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + args.timeout
    pending = list(args.expect) + list(args.expect_anywhere) + list(args.expect_count)
    output = b""
    failure = None
    try:
        while pending and failure is None:
            left = deadline - time.monotonic()
            if left <= 0:
                failure = "timeout after %.0fs waiting for %r" % (args.timeout, pending[0])
                break
            if not sel.select(timeout=left):
                continue
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                failure = "qemu exited (status %s) before %r" % (proc.poll(), pending[0])
                break
            output += chunk
            text = output.decode("utf-8", "replace")
            for trigger_text in list(sends):
                if trigger_text[0] in text:
                    proc.stdin.write(trigger_text[1].encode())
                    proc.stdin.flush()
                    sends.remove(trigger_text)
            for bad in args.forbid:
                if bad in text:
                    failure = "forbidden output %r" % bad
            # Match expectations in order against the text after the previous match.
            pos = 0
            remaining = list(args.expect)
            while remaining:
                i = text.find(remaining[0], pos)
                if i < 0:
                    break
                pos = i + len(remaining[0])
                remaining.pop(0)
            pending = (remaining + [t for t in args.expect_anywhere if t not in text] +
                       ["%s (x%d)" % (t, n) for t, n in counts if text.count(t) < n])
    finally:
        proc.kill()
        proc.wait()
    sys.stdout.write(output.decode("utf-8", "replace"))
    if failure:
        print("\nFAIL: " + failure)
        return 1
    print("\nPASS: saw all %d expected texts" %
          (len(args.expect) + len(args.expect_anywhere) + len(args.expect_count)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
