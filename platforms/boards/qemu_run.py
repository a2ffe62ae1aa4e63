#!/usr/bin/env python3
"""Boots the QEMU MPS2-AN386 board with apps, its console on this terminal.

    bazel run //platforms/boards/qemu_mps2_an386:run                   # the demo apps
    bazel run //platforms/boards/qemu_mps2_an386:run -- a.tbf b.tbf    # these TBFs instead

TBF paths are relative to the directory bazel was run from. They are packed into one apps
image with platforms/userspace/pack_apps.py (each at the alignment its MPU region needs, as
tockloader does) and loaded at the board's apps region (0x00040000) next to the kernel. QEMU
runs with -nographic: UART0 (the kernel's and the apps' console) is this terminal; type
Ctrl-A x to quit (Ctrl-A h lists QEMU's other keys).

Options (before the TBFs):
  --icount MODE   QEMU -icount setting, default "shift=auto": time advances by instruction
                  count, and QEMU adjusts the time per instruction so the board's clock keeps
                  pace with real time (blink blinks once a second, typed input is answered
                  promptly). "shift=0,sleep=off" fast-forwards idle time instead (minutes of
                  alarms in moments); "off" uses the host's clock directly.
  --until TEXT    exit 0 as soon as TEXT appears on the console (non-interactive; for tests)
  --timeout S     with --until: exit 1 if TEXT has not appeared after S seconds (default 60)
  --gdb           start QEMU's gdb stub (-s -S: port 1234, the CPU waits for gdb) and print
                  the gdb-multiarch command with the kernel's symbols and each given app's
                  (its ELF beside its TBF, at the flash address the packer gave it); see
                  platforms/boards/qemu_mps2_an386/README.md
"""
import argparse
import os
import shlex
import struct
import selectors
import subprocess
import sys
import tempfile
import time

APPS_ADDRESS = "0x00040000"


def parse_args(argv):
    ap = argparse.ArgumentParser(description="Boot the QEMU MPS2-AN386 board with apps.")
    ap.add_argument("--kernel", required=True, help="kernel ELF (set by the :run target)")
    ap.add_argument("--packer", required=True, help="pack_apps.py (set by the :run target)")
    ap.add_argument("--demo-apps", required=True,
                    help="packed demo apps image, used when no TBF is given")
    ap.add_argument("--icount", default="shift=auto")
    ap.add_argument("--until", default=None)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--gdb", action="store_true")
    ap.add_argument("tbfs", nargs="*", help="TBF files (relative to the calling directory)")
    return ap.parse_args(argv)


def caller_path(path):
    """A path given on the command line, relative to where `bazel run` was called."""
    base = os.environ.get("BUILD_WORKING_DIRECTORY", os.getcwd())
    return os.path.normpath(os.path.join(base, path))


def pack(packer, tbfs, out):
    """Packs `tbfs` into the apps image `out`; prints the placement."""
    layout = out + ".map.txt"
    cmd = [sys.executable, packer, "--start=" + APPS_ADDRESS, "--out=" + out, "--map=" + layout]
    result = subprocess.run(cmd + tbfs, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit("qemu_run: packing the apps failed")
    with open(layout) as f:
        text = f.read()
    sys.stderr.write(text)
    return text


# Cortex-M apps are linked with their flash at 0x80000000 (platforms/userspace/layout.ld).
APP_ELF_FLASH = 0x80000000


def gdb_command(kernel, layout):
    """The gdb-multiarch command for the kernel and every app of `layout` with an ELF."""
    cmd = ["gdb-multiarch", "-q", kernel, "-ex", "target remote :1234"]
    for line in layout.splitlines():
        parts = line.split(None, 2)
        if len(parts) != 3 or parts[2] == "(padding)":
            continue
        address, tbf = int(parts[0], 16), parts[2]
        elf = tbf[:-4] + ".elf" if tbf.endswith(".tbf") else tbf + ".elf"
        if not os.path.exists(elf):
            sys.stderr.write("qemu_run: no ELF beside %s: no symbols for that app\n" % tbf)
            continue
        with open(tbf, "rb") as f:
            header_size = struct.unpack("<H", f.read(4)[2:4])[0]
        # The app's binary follows its TBF header; the ELF puts it at APP_ELF_FLASH.
        # Negative: gdb's addresses do not wrap at 32 bits.
        offset = address + header_size - APP_ELF_FLASH
        sign = "-" if offset < 0 else ""
        cmd += ["-ex", "add-symbol-file %s -o %s0x%x" % (elf, sign, abs(offset))]
    return " ".join(shlex.quote(c) for c in cmd)


def qemu_command(args, apps_image, interactive):
    cmd = ["qemu-system-arm", "-M", "mps2-an386", "-nographic", "-kernel", args.kernel,
           "-device", "loader,file=%s,addr=%s,force-raw=on" % (apps_image, APPS_ADDRESS)]
    if not interactive:
        # No QEMU monitor multiplexed on the console: the output is the board's only.
        cmd += ["-monitor", "none", "-serial", "stdio"]
    if args.icount != "off":
        cmd += ["-icount", args.icount]
    if args.gdb:
        cmd += ["-s", "-S"]
    return cmd


def run_until(cmd, text, timeout):
    """Runs QEMU until `text` appears on its console; echoes the console."""
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    seen = b""
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                print("\nqemu_run: %r not seen after %.0f s" % (text, timeout))
                return 1
            if not sel.select(timeout=left):
                continue
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                print("\nqemu_run: QEMU exited (%s) before %r" % (proc.poll(), text))
                return 1
            sys.stdout.write(chunk.decode("utf-8", "replace"))
            sys.stdout.flush()
            seen += chunk
            if text.encode() in seen:
                print("\nqemu_run: saw %r" % text)
                return 0
    finally:
        proc.kill()
        proc.wait()


def main(argv):
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="qemu_run.") as tmp:
        layout = ""
        if args.tbfs:
            apps_image = os.path.join(tmp, "apps.bin")
            layout = pack(args.packer, [caller_path(t) for t in args.tbfs], apps_image)
        else:
            apps_image = args.demo_apps
        if args.gdb:
            sys.stderr.write("qemu_run: the CPU waits for gdb; in another terminal run:\n  %s\n"
                             % gdb_command(os.path.abspath(args.kernel), layout))
        interactive = args.until is None
        cmd = qemu_command(args, apps_image, interactive)
        if interactive:
            sys.stderr.write("qemu_run: %s\nqemu_run: Ctrl-A x quits\n" % " ".join(cmd))
            return subprocess.call(cmd)
        return run_until(cmd, args.until, args.timeout)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
