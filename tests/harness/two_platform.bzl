"""two_platform_test: one harness test, run against tockd and against the QEMU board.

two_platform_test(name = "x_test", srcs = [...], apps = [TBF labels], deps = [...]) declares
  :x_test       a cc_test under tockd, with `apps` (x32 TBFs) + `host_data` + `data`;
  :x_test_qemu  the same sources with TOCKPP_PLATFORM=qemu: the harness boots
                //platforms/boards/qemu_mps2_an386:kernel.elf under qemu-system-arm with the
                Cortex-M builds of `apps` (same labels, so the same runfiles paths) packed by
                //platforms/userspace:pack_apps.py. `apps` must be tock_app(cortex_m = True).
Both run in a plain `bazel test //...`. Tests mark host-only parts with TOCKPP_HOST_ONLY or
`if (!OnQemu())` (tests/harness/platform.h).
"""

load("//platforms:board_transition.bzl", "ALLOWLIST_ATTR", "board_transition")
load("//platforms:defs.bzl", "HOST_ONLY")

def _cortex_m_files_impl(ctx):
    return [DefaultInfo(runfiles = ctx.runfiles(files = ctx.files.srcs))]

# `srcs` built for `platform` (through board_transition), as runfiles at their usual paths.
cortex_m_files = rule(
    implementation = _cortex_m_files_impl,
    attrs = {
        "srcs": attr.label_list(allow_files = True, cfg = board_transition),
        "platform": attr.label(default = "//platforms:qemu_mps2"),
        "_allowlist_function_transition": ALLOWLIST_ATTR,
    },
)

QEMU_BOARD_DATA = [
    "//platforms/boards/qemu_mps2_an386:kernel.elf",
    "//platforms/userspace:pack_apps",
]

def two_platform_test(
        name,
        srcs,
        apps,
        deps,
        data = [],
        host_data = [],
        size = "small",
        qemu_size = None,
        timeout = None,
        **kwargs):
    """<name> on tockd and <name>_qemu on the QEMU MPS2-AN386 board.

    Args:
      name: the host test's name; the QEMU one is name + "_qemu".
      srcs, deps: as cc_test (deps must include //tests/harness).
      apps: TBF labels the test boots (tock_app(..., cortex_m = True) targets' .tbf).
      data: other data for both.
      host_data: data for the host test only (e.g. apps that only tockd runs).
      size, timeout: of the host test; the QEMU one is qemu_size (default: medium for small,
        as QEMU's wait guards are 4x longer) with its size's default timeout.
      **kwargs: passed to both cc_tests; the QEMU one is also tagged "qemu".
    """
    native.cc_test(
        name = name,
        srcs = srcs,
        data = apps + host_data + data,
        deps = deps,
        size = size,
        timeout = timeout,
        target_compatible_with = HOST_ONLY,
        **kwargs
    )
    cortex_m_files(
        name = name + "_qemu_apps",
        testonly = True,
        srcs = apps,
    )
    native.cc_test(
        name = name + "_qemu",
        srcs = srcs,
        data = [":" + name + "_qemu_apps"] + QEMU_BOARD_DATA + data,
        deps = deps,
        env = {"TOCKPP_PLATFORM": "qemu"},
        size = qemu_size or ("medium" if size == "small" else size),
        # tools/test leaves these out of its sanitizer run: the board code runs in QEMU.
        tags = kwargs.pop("tags", []) + ["qemu"],
        target_compatible_with = HOST_ONLY,
        **kwargs
    )
