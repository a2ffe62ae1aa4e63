"""board_image: a kernel ELF built for a board platform, plus .bin, .hex and a size report.

To ship apps inside the image, link the kernel with an apps object (apps_image's `.o`, placed
in the board's apps flash region by its layout.ld) and package that binary.

The ELF dependency is built through a transition to the board's platform, so the image (and
tests that boot it under QEMU) build from a plain host `bazel build //...` as well as under
--config=qemu_mps2 / --config=nrf52840dk.
"""

load("//platforms/userspace:cortex_m_app.bzl", "apps_image")
load("//platforms:board_transition.bzl", "ALLOWLIST_ATTR", "board_transition")

_OBJCOPY = "/usr/bin/arm-none-eabi-objcopy"
_SIZE = "/usr/bin/arm-none-eabi-size"

def _board_image_impl(ctx):
    src = ctx.files.elf[0]
    inputs = [src]
    elf = ctx.outputs.elf_out
    binf = ctx.outputs.bin
    hexf = ctx.outputs.hex
    size = ctx.outputs.size
    ctx.actions.run_shell(
        inputs = inputs,
        outputs = [elf, binf, hexf, size],
        command = """
set -e
cp "$1" "$2"
{objcopy} -O binary "$2" "$3"
{objcopy} -O ihex "$2" "$4"
{size} -A "$2" > "$5.sections"
{size} -B "$1" | awk 'NR == 2 {{
  printf "flash (text+data, incl. linked apps): %d bytes\\nRAM (data+bss, incl. 8 KiB kernel stack): %d bytes\\n", $1 + $2, $2 + $3
}}' > "$5"
cat "$5.sections" >> "$5"
rm "$5.sections"
""".format(objcopy = _OBJCOPY, size = _SIZE),
        arguments = [src.path, elf.path, binf.path, hexf.path, size.path],
        mnemonic = "BoardImage",
        progress_message = "Packaging board image %s" % ctx.label,
    )
    return [DefaultInfo(files = depset([elf, binf, hexf, size]), runfiles = ctx.runfiles([elf]))]

board_image = rule(
    implementation = _board_image_impl,
    outputs = {
        "elf_out": "%{name}.elf",
        "bin": "%{name}.bin",
        "hex": "%{name}.hex",
        "size": "%{name}.size.txt",
    },
    attrs = {
        "elf": attr.label(mandatory = True, cfg = board_transition, allow_files = True),
        "platform": attr.label(mandatory = True),
        "_allowlist_function_transition": ALLOWLIST_ATTR,
    },
)

def cortex_m_board(platform, deps, srcs = ["main.cc"], layout = "layout.ld", apps = None):
    """The standard targets of a board package.

    :kernel_link / :kernel -> kernel.elf/.bin/.hex/.size.txt (kernel only);
    with `apps` (an apps_image's .o): :image_link / :image -> image.* (kernel + apps).
    """
    for name, extra in [("kernel", [])] + ([("image", [apps])] if apps else []):
        native.cc_binary(
            name = name + "_link",
            srcs = srcs + extra,
            additional_linker_inputs = [layout],
            linkopts = ["-T$(location " + layout + ")"],
            target_compatible_with = ["//platforms/constraints:cortex_m4"],
            deps = deps,
        )
        board_image(
            name = name,
            elf = ":" + name + "_link",
            platform = platform,
            visibility = ["//visibility:public"],
        )

def board_test_image(name, tbfs, platform, deps, srcs = [], order = "size_descending",
                     layout = "layout.ld"):
    """A testonly board image with apps linked in, for boot tests.

    :<name>_apps (the TBFs packed by apps_image, in `order`), :<name>_link (the kernel from
    `deps` + `srcs` with the apps' object) and :<name> -> <name>.elf/.bin/.hex/.size.txt.
    """
    apps_image(
        name = name + "_apps",
        testonly = True,
        out = name + "_apps.bin",
        obj = name + "_apps.o",
        order = order,
        platform = platform,
        tbfs = tbfs,
    )
    native.cc_binary(
        name = name + "_link",
        testonly = True,
        srcs = srcs + [":" + name + "_apps.o"],
        additional_linker_inputs = [layout],
        linkopts = ["-T$(location " + layout + ")"],
        target_compatible_with = ["//platforms/constraints:cortex_m4"],
        deps = deps,
    )
    board_image(
        name = name,
        testonly = True,
        elf = ":" + name + "_link",
        platform = platform,
    )
