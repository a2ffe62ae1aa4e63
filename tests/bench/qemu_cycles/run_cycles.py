#!/usr/bin/env python3
"""Cycle counts on the QEMU MPS2-AN386 board: boots the kernel with the null_command app, then
with switch_a + switch_b, under `qemu-system-arm -icount shift=0,sleep=off`, and prints a table.

With -icount shift=0 QEMU's virtual clock advances exactly 1 ns per guest instruction, so the
board's 25 MHz alarm counter ticks once every 40 instructions; the apps time long loops with it
and this script turns ticks into instructions per operation. These are QEMU instruction counts:
they approximate the cycles of an in-order Cortex-M4 with zero-wait-state memory (QEMU models
no pipeline, branch or memory timing).

Usage: run_cycles.py --kernel K.elf --null-apps A.bin --switch-apps B.bin [--check]
--check: exit 1 unless every figure was produced and is positive (the smoke test; no timing
assertion).
"""
import argparse
import os
import re
import selectors
import subprocess
import sys
import time

ICOUNT = "shift=0,sleep=off"
NS_PER_INSTRUCTION = 1  # 2 ** shift
UPSTREAM = "5,172 cycles for a trivial command (tock#1730)"
FIELDS = re.compile(r"(\w+)=(\d+)")


def boot(kernel, apps, done, count, timeout=60.0):
    """Boots `kernel` with `apps` at 0x40000 until `count` whole lines contain `done`; the
    lines."""
    cmd = ["qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none",
           "-serial", "stdio", "-icount", ICOUNT, "-kernel", kernel,
           "-device", "loader,file=%s,addr=0x00040000,force-raw=on" % apps]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    out = b""
    marker = done.encode()
    try:
        # Whole lines only: a line still being printed does not count.
        while sum(marker in line for line in out.split(b"\n")[:-1]) < count:
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(timeout=left):
                if time.monotonic() >= deadline:
                    break
                continue
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            out += chunk
    finally:
        proc.kill()
        proc.wait()
    return out.decode("utf-8", "replace").splitlines()


def instructions(ticks, hz):
    return ticks * 1e9 / hz / NS_PER_INSTRUCTION


def null_figures(lines):
    """{name: instructions per operation}, the loop overhead (baseline) subtracted."""
    raw = {}
    for line in lines:
        m = re.match(r"cycles: (\w+) (.*)", line.strip())
        if m and m.group(1) != "switch" and "n=" in m.group(2):
            raw[m.group(1)] = {k: int(v) for k, v in FIELDS.findall(m.group(2))}
    if "baseline_loop" not in raw:
        return {}
    base = raw.pop("baseline_loop")
    return {name: instructions(f["ticks"] - base["ticks"], f["hz"]) / f["n"]
            for name, f in raw.items()}


def switch_figure(lines):
    """Instructions per context switch from both apps' gap statistics, or None.

    A gap seen by one app = 2 switches + the other app's run (its first-to-last-read span plus,
    on average, one step) + one step of its own; so switch = (gap - span - 2 * step) / 2."""
    total = {}
    apps = 0
    for line in lines:
        if line.strip().startswith("cycles: switch "):
            apps += 1
            for k, v in FIELDS.findall(line):
                total[k] = total.get(k, 0) + int(v)
    if apps != 2 or not total.get("gaps") or not total.get("runs") or not total.get("steps"):
        return None, 0
    gap = total["gap_ticks"] / total["gaps"]
    span = total["run_ticks"] / total["runs"]
    step = total["step_ticks"] / total["steps"]
    hz = total["hz"] / apps
    return instructions((gap - span - 2 * step) / 2, hz), total["gaps"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--null-apps", required=True)
    ap.add_argument("--switch-apps", required=True)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    null_lines = boot(args.kernel, args.null_apps, "cycles: null_command done", 1)
    switch_lines = boot(args.kernel, args.switch_apps, "cycles: switch ", 2)
    figures = null_figures(null_lines)
    switch, gaps = switch_figure(switch_lines)

    rows = [
        ("null command round trip (no such driver: NODEVICE)",
         figures.get("command_no_driver"), UPSTREAM),
        ("command 0 to the alarm driver (returns Success)",
         figures.get("command_alarm_exists"), ""),
        ("yield-no-wait, no upcall pending", figures.get("yield_no_wait"), ""),
        ("context switch between two apps (timeslice end; %d gaps)" % gaps, switch, ""),
    ]
    print("QEMU MPS2-AN386, qemu-system-arm -icount %s: QEMU instruction counts per operation" %
          ICOUNT)
    print("(1 instruction = 1 ns of virtual time; the 25 MHz alarm counter ticks every 40; ~ cycles")
    print("of an in-order Cortex-M4 with zero-wait-state memory: QEMU models no pipeline or memory")
    print("timing, so these approximate, never measure, cycles)\n")
    print("%-62s %12s   %s" % ("operation", "instructions", "upstream Tock"))
    missing = []
    for name, value, upstream in rows:
        shown = "%12.0f" % value if value is not None else "%12s" % "missing"
        print("%-62s %s   %s" % (name, shown, upstream))
        if value is None or value <= 0:
            missing.append(name)
    if missing:
        print("\nmissing figures: %s" % ", ".join(missing))
        print("\n".join(null_lines + switch_lines))
    if args.check:
        return 1 if missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
