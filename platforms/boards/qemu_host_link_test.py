#!/usr/bin/env python3
"""Boots a QEMU board with its host link (UART1) and runs a script against both UARTs.

Usage: qemu_host_link_test.py --machine mps2-an386 --kernel K.elf [--timeout S]
                              [--forbid TEXT ...] STEP [STEP ...]
Steps run strictly in order:
  uart0:TEXT  wait until TEXT appears on UART0 (the console) after the previous uart0 match
  link:TEXT   wait until TEXT appears on the host link after the previous link match
  send:LINE   send LINE + "\\n" on the host link
The host link is a Unix socket this script listens on; QEMU connects to it before the guest
starts (-serial unix:...), so nothing the board sends is lost. QEMU runs with virtual time
(-icount shift=0,sleep=off). Fails on timeout, a --forbid match on either UART, or QEMU
exiting.
"""
import argparse
import os
import selectors
import socket
import subprocess
import sys
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--machine", required=True)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--forbid", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("steps", nargs="+")
    args = ap.parse_args()
    steps = []
    for step in args.steps:
        kind, _, text = step.partition(":")
        if kind not in ("uart0", "link", "send") or not text:
            ap.error("bad step %r" % step)
        steps.append((kind, text))

    # /tmp, not $TMPDIR: a Unix socket path must stay under ~108 bytes.
    tmp = tempfile.mkdtemp(prefix="host_link_", dir="/tmp")
    path = os.path.join(tmp, "link.sock")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    cmd = ["qemu-system-arm", "-M", args.machine, "-nographic", "-monitor", "none",
           "-icount", "shift=0,sleep=off", "-serial", "stdio", "-serial", "unix:" + path,
           "-kernel", args.kernel]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out = {"uart0": b"", "link": b""}
    pos = {"uart0": 0, "link": 0}
    failure = None
    link = None
    deadline = time.monotonic() + args.timeout
    sel = selectors.DefaultSelector()
    try:
        listener.settimeout(args.timeout)
        try:
            link, _ = listener.accept()
        except socket.timeout:
            failure = "QEMU never connected to the host link"
        if link is not None:
            sel.register(proc.stdout, selectors.EVENT_READ, "uart0")
            sel.register(link, selectors.EVENT_READ, "link")
        step = 0
        while failure is None and step < len(steps):
            kind, text = steps[step]
            if kind == "send":
                link.sendall(text.encode() + b"\n")
                step += 1
                continue
            i = out[kind].find(text.encode(), pos[kind])
            if i >= 0:
                pos[kind] = i + len(text.encode())
                step += 1
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                failure = "timeout after %.0fs waiting for %s %r" % (args.timeout, kind, text)
                break
            for key, _ in sel.select(timeout=left):
                if key.data == "uart0":
                    chunk = os.read(proc.stdout.fileno(), 4096)
                else:
                    chunk = link.recv(4096)
                if not chunk:
                    failure = "QEMU closed %s (status %s) before %s %r" % (
                        key.data, proc.poll(), kind, text)
                    break
                out[key.data] += chunk
            for bad in args.forbid:
                for stream in ("uart0", "link"):
                    if bad.encode() in out[stream]:
                        failure = "forbidden output %r on %s" % (bad, stream)
    finally:
        proc.kill()
        proc.wait()
        if link is not None:
            link.close()
        listener.close()
        os.unlink(path)
        os.rmdir(tmp)
    sys.stdout.write("---- UART0 ----\n" + out["uart0"].decode("utf-8", "replace"))
    sys.stdout.write("\n---- host link ----\n" + out["link"].decode("utf-8", "replace"))
    if failure:
        print("\nFAIL: " + failure)
        return 1
    print("\nPASS: %d steps" % len(steps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
