"""tock_app: builds one Tock userspace app (C, libtock) as an ELF and a TBF.

Every app is compiled together with libtock and the app C library (//apps/libc: <stdio.h>,
<stdlib.h>, <string.h>, ... on the include path with -isystem), -std=gnu11 like upstream
libtock-c, so a folder of libtock-c-style C sources builds unchanged.

Host (default): a freestanding, fixed-address x32 ELF (x86-64 code, 32-bit pointers) for tockd's app processes, linked with
//apps/libtock/arch/host:layout.ld (binary at 0x10000100, RAM at 0x20000000, stack first).
With cortex_m = True, under a Cortex-M board config (//apps:cortex_m: --config=qemu_mps2 /
nrf52840dk, or a board image's transition) the same target is a position-independent Thumb-2
ELF built with //platforms/userspace's crt0, layout and compile command, and its TBF is made
without --fixed-addresses. Apps without cortex_m = True are host-only (skipped on boards).

Targets made for tock_app(name = "hello", ...):
  :hello_elf -> hello.elf   the linked app
  :hello_tbf -> hello.tbf   TBF image (host: `tbf create --fixed-addresses`, header padded to 256)
  :hello                    filegroup of the above
  :hello_host_test          with host_test = [steps]: the steps on tockd (one generic binary)
  :hello_qemu_test          with qemu_expect = [lines]: the QEMU board boots with the app
  :hello_run                host only: `bazel run //apps/examples/hello:hello_run -- [tockd flags]
                            [more apps]` boots tockd with this app (paths in the flags are
                            taken from the directory bazel was run in)
"""

load(
    "//platforms/userspace:cortex_m_app.bzl",
    "CORTEX_M_APP_SRCS",
    "app_sources_of",
    "apps_image",
    "cortex_m_compile_cmd",
)

# Host (x32) apps only; as //platforms:defs.bzl HOST_ONLY.
_HOST_ONLY = ["@platforms//os:linux"]

# The TBF writer (elf2tab equivalent); set to None to stop at the ELF.
_TBF_TOOL = "//tbf-tools:tbf"

_HOST_CFLAGS = " ".join([
    "-mx32",
    "-std=gnu11",
    "-ffreestanding",
    "-nostdinc",
    # The app C library's headers (<stdio.h>, <stdlib.h>, ...) first, then gcc's own
    # freestanding ones (<stdint.h>, <stddef.h>, <stdarg.h>, <limits.h>, ...).
    "-isystem apps/libc/include",
    "-isystem $$(gcc -mx32 -print-file-name=include)",
    "-fno-pie",
    "-no-pie",
    "-nostdlib",
    "-static",
    "-fno-stack-protector",
    "-fno-asynchronous-unwind-tables",
    "-fno-tree-loop-distribute-patterns",
    "-ffunction-sections",
    "-fdata-sections",
    "-O2",
    "-g",
    "-Wall",
    "-Wextra",
    # No -Werror: a user's unchanged libtock-c sources may warn under these flags and must
    # still build; an app that wants it passes copts = ["-Werror"].
    "-Iapps",
    # Generated libtock-c files (//apps:libtock_sensor.bzl) at their upstream paths.
    "-I$(BINDIR)/apps",
    "-I.",
])

# C++ sources: as for Cortex-M (//platforms/userspace:cortex_m_app.bzl), no exceptions, RTTI,
# standard library or static constructors.
_HOST_CXXFLAGS = _HOST_CFLAGS.replace("-std=gnu11", "-std=gnu++20") + " " + " ".join([
    "-fno-exceptions",
    "-fno-rtti",
    "-fno-threadsafe-statics",
    "-fno-use-cxa-atexit",
])

# The :<name>_run script (the same for every app): runs tockd (first argument, a runfiles path)
# with the caller's flags and then the app's TBF (second argument), both made absolute because
# tockd works from the caller's directory (BUILD_WORKING_DIRECTORY) under `bazel run`.
_RUN_SCRIPT = "\n".join([
    "#!/bin/bash",
    "set -eu",
    "tockd=\"$$PWD/$$1\"",
    "tbf=\"$$PWD/$$2\"",
    "shift 2",
    "exec \"$$tockd\" \"$$@\" \"$$tbf\"",
])

_TOCKD = "//hostkernel:tockd"

# host_test: the one harness binary that runs an app's script on the real tockd.
_APP_SCRIPT_TEST = "//tests/harness:app_script_test"

# qemu_expect: the board's kernel, booted with the app packed into its apps flash region.
_QEMU_KERNEL = "//platforms/boards/qemu_mps2_an386:kernel.elf"
_QEMU_APPS_START = "0x00040000"

def _script_file_impl(ctx):
    ctx.actions.write(ctx.outputs.out, "".join([step + "\n" for step in ctx.attr.steps]))

# Writes `steps`, one per line, into `out` (an app's host_test script).
_script_file = rule(
    implementation = _script_file_impl,
    attrs = {
        "steps": attr.string_list(mandatory = True),
        "out": attr.output(mandatory = True),
    },
)

def _shell_quote(text):
    """`text` as one single-quoted word for a test's args (Bazel splits args like a shell)."""
    return "'" + text.replace("'", "'\\''") + "'"

def _host_test(name, steps, tags):
    """:<name>_host_test: tests/harness/app_script.h's steps on tockd with the app."""
    for step in steps:
        if "\n" in step or ": " not in step:
            fail("host_test step %r: one line, 'KIND: TEXT' (tests/harness/app_script.h)" % step)
    _script_file(
        name = name + "_host_test_script",
        out = name + "_host_test.script",
        steps = steps,
        testonly = True,
        visibility = ["//visibility:private"],
    )
    native.sh_test(
        name = name + "_host_test",
        size = "small",
        srcs = [_APP_SCRIPT_TEST],
        args = [
            "$(rootpath :" + name + "_host_test.script)",
            "$(rootpath :" + name + "_tbf)",
        ],
        data = [":" + name + "_host_test.script", ":" + name + "_tbf"],
        target_compatible_with = _HOST_ONLY,
        tags = tags,
    )

def _qemu_test(name, expects, tags):
    """:<name>_qemu_test: the QEMU board boots with the app; `expects` in order on UART0."""
    apps_image(
        name = name + "_qemu_apps",
        testonly = True,
        out = name + "_qemu_apps.bin",
        obj = name + "_qemu_apps.o",
        platform = "//platforms:qemu_mps2",
        start = _QEMU_APPS_START,
        tbfs = [":" + name + "_tbf"],
        visibility = ["//visibility:private"],
    )
    native.sh_test(
        name = name + "_qemu_test",
        size = "small",
        srcs = ["//platforms/boards:qemu_boot_test.py"],
        args = [
            "--machine=mps2-an386",
            "--kernel=$(rootpath " + _QEMU_KERNEL + ")",
            "--device-loader=$(rootpath :" + name + "_qemu_apps.bin)@" + _QEMU_APPS_START,
            "--expect='tockpp: 1 processes loaded, entering main loop'",
        ] + ["--expect=" + _shell_quote(e) for e in expects] + [
            "--forbid='Kernel panic'",
            "--forbid='had a fault'",
            "--timeout=30",
        ],
        data = [_QEMU_KERNEL, ":" + name + "_qemu_apps.bin"],
        # As the board's other QEMU tests: tools/test leaves them out of its sanitizer run.
        tags = tags + ["qemu"],
    )

_HOST_LDFLAGS = " ".join([
    "-Wl,-T,$(location //apps/libtock/arch/host:layout.ld)",
    "-Wl,--build-id=none",
    "-Wl,-z,noexecstack",
    "-Wl,--orphan-handling=error",
    "-Wl,--gc-sections",
])

def _storage_flags(perms):
    if perms == None:
        return ""
    flags = " --write_id " + str(perms.get("write_id", 0))
    for key in ["read_ids", "access_ids"]:
        ids = perms.get(key, [])
        if ids:
            flags += " --" + key + " " + ",".join([str(i) for i in ids])
    return flags

def tock_app(
        name,
        srcs,
        deps = [],
        stack = 2048,
        app_heap = 1024,
        kernel_heap = 1024,
        package_name = None,
        copts = [],
        cortex_m = False,
        host_test = [],
        qemu_expect = [],
        storage_permissions = None,
        visibility = None,
        testonly = False,
        tags = []):
    """Declares <name>.elf (and <name>.tbf once the TBF tool exists).

    Args:
      name: app name; also the TBF package name unless package_name is given.
      srcs: the app's .c/.S/.h files, and .cc/.cpp/.cxx (C++ without its standard library).
      deps: extra source filegroups compiled into the app.
      stack: stack size in bytes (crt0 places it at the bottom of RAM).
      app_heap: bytes of heap the TBF asks for beyond .bss (for sbrk).
      kernel_heap: bytes of grant memory the TBF asks for.
      package_name: TBF PackageName, default name.
      copts: extra compiler flags.
      cortex_m: True if the app also builds for Cortex-M (libtock API only, no host-only
        tricks); otherwise it is an x32 host app, skipped under the board configs.
      host_test: the app's end-to-end test on tockd, as steps ("KIND: TEXT",
        tests/harness/app_script.h): `expect: Temperature: -12.34 deg C`, `control: temperature
        set -1234`, `event: temperature read -1234`, ... -> :<name>_host_test.
      storage_permissions: the TBF storage-permissions TLV (KV store), as elf2tab's flags:
        {"write_id": 1, "read_ids": [1], "access_ids": [1]}; None: no TLV (no KV access).
      qemu_expect: lines the QEMU MPS2-AN386 board must print, in order, booted with this app
        (needs cortex_m = True) -> :<name>_qemu_test (tagged "qemu").
      visibility, testonly, tags: as usual.
    """
    opts = " ".join(copts)
    host_cmd = ("SRCS=''; CXX_SRCS=''; OBJS=''; T=$$(mktemp -d); " +
                app_sources_of("$(locations //apps/libtock:host_srcs)") +
                app_sources_of("$(locations //apps/libc:srcs)") +
                "".join([app_sources_of("$(locations " + s + ")") for s in srcs + deps]) +
                # crt0 goes into an archive, as in libtock-c's libtock.a (see cortex_m_app.bzl).
                "APP=''; for f in $$SRCS; do case $$f in */arch/host/crt0.*) " +
                "gcc " + _HOST_CFLAGS + " -c $$f -o $$T/$$(basename $$f).o || exit 1;; " +
                "*) APP=\"$$APP $$f\";; esac; done; ar rcs $$T/libcrt0.a $$T/crt0.*.o && " +
                "for f in $$CXX_SRCS; do o=$$T/$$(echo $$f | tr / _).o; " +
                "g++ " + _HOST_CXXFLAGS + " " + opts + " -c $$f -o $$o || exit 1; " +
                "OBJS=\"$$OBJS $$o\"; done && " +
                "gcc " + _HOST_CFLAGS + " " + opts +
                " -Wl,--defsym=STACK_SIZE=" + str(stack) + " " + _HOST_LDFLAGS +
                " -o $(location " + name + ".elf) $$APP $$OBJS $$T/libcrt0.a -lgcc; rc=$$?; rm -rf $$T; " +
                "exit $$rc")
    cortex_m_cmd = cortex_m_compile_cmd(srcs + deps, copts, stack)
    native.genrule(
        name = name + "_elf",
        srcs = srcs + deps + [
            "//apps/libtock:host_srcs",
            "//apps/libtock/arch/host:layout.ld",
        ] + CORTEX_M_APP_SRCS,
        target_compatible_with = None if cortex_m else _HOST_ONLY,
        outs = [name + ".elf"],
        cmd = select({
            "//apps:cortex_m": cortex_m_cmd,
            "//conditions:default": host_cmd,
        }),
        visibility = visibility,
        testonly = testonly,
        tags = tags,
    )
    outputs = [":" + name + "_elf"]
    if _TBF_TOOL != None:
        native.genrule(
            name = name + "_tbf",
            srcs = [":" + name + "_elf"],
            outs = [name + ".tbf"],
            tools = [_TBF_TOOL],
            cmd = ("$(location " + _TBF_TOOL + ") create $(location :" + name + "_elf)" +
                   " -o $@ --name " + (package_name or name) +
                   " --stack " + str(stack) +
                   " --app-heap " + str(app_heap) +
                   " --kernel-heap " + str(kernel_heap) +
                   _storage_flags(storage_permissions) +
                   # Host apps are linked at fixed addresses; Cortex-M apps are PIC.
                   select({
                       "//apps:cortex_m": "",
                       "//conditions:default": " --fixed-addresses",
                   })),
            visibility = visibility,
            testonly = testonly,
            tags = tags,
        )
        outputs.append(":" + name + "_tbf")
        native.genrule(
            name = name + "_run_sh",
            outs = [name + "_run.sh"],
            cmd = "cat > $@ <<'EOF'\n" + _RUN_SCRIPT + "\nEOF\n",
            target_compatible_with = _HOST_ONLY,
            testonly = testonly,
            tags = tags,
            visibility = ["//visibility:private"],
        )
        native.sh_binary(
            name = name + "_run",
            srcs = [":" + name + "_run_sh"],
            args = ["$(rootpath " + _TOCKD + ")", "$(rootpath :" + name + "_tbf)"],
            data = [_TOCKD, ":" + name + "_tbf"],
            target_compatible_with = _HOST_ONLY,
            visibility = visibility,
            testonly = testonly,
            tags = tags,
        )
    if host_test:
        _host_test(name, host_test, tags)
    if qemu_expect:
        if not cortex_m:
            fail("qemu_expect needs cortex_m = True")
        _qemu_test(name, qemu_expect, tags)
    native.filegroup(
        name = name,
        srcs = outputs,
        visibility = visibility,
        testonly = testonly,
        tags = tags,
    )
