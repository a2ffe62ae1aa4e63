"""board_transition: build a rule's dependency for a board platform from any configuration.

Used by board_image (the kernel ELF) and apps_image (the apps' TBFs), so that board images,
their Cortex-M apps and the QEMU tests build from a plain host `bazel build //...` as well as
under --config=qemu_mps2 / --config=nrf52840dk. The rule needs an attribute `platform` and
`_allowlist_function_transition` (ALLOWLIST_ATTR).
"""

# Compiler and linker flags that only the host toolchain understands: --config=asan's
# sanitizers have no runtime for arm-none-eabi (-lasan/-lubsan would not link), so they are
# dropped on the way to a board. The rest of the command line (-Wall, -O1, -g, ...) carries over.
_HOST_ONLY_FLAG_PREFIXES = ["-fsanitize", "-fno-sanitize"]

_FLAG_OPTIONS = [
    "//command_line_option:copt",
    "//command_line_option:cxxopt",
    "//command_line_option:conlyopt",
    "//command_line_option:linkopt",
]

def _board_flags(flags):
    return [
        f
        for f in flags
        if not [p for p in _HOST_ONLY_FLAG_PREFIXES if f.startswith(p)]
    ]

# Bazel 4 cannot transition on --incompatible_* flags, so this selects the same cc_toolchain
# through the legacy --crosstool_top/--cpu route (a cc_toolchain_suite) and sets --platforms
# (target_compatible_with) and --extra_toolchains (cc rules still resolve a toolchain type).
def _board_transition_impl(settings, attr):
    out = {
        "//command_line_option:platforms": str(attr.platform),
        "//command_line_option:crosstool_top": "//platforms/toolchains/arm_none_eabi:suite",
        "//command_line_option:cpu": "cortex-m4",
        "//command_line_option:extra_toolchains": [
            "//platforms/toolchains/arm_none_eabi:cortex_m4",
        ],
    }
    for option in _FLAG_OPTIONS:
        out[option] = _board_flags(settings[option])
    return out

board_transition = transition(
    implementation = _board_transition_impl,
    inputs = _FLAG_OPTIONS,
    outputs = [
        "//command_line_option:platforms",
        "//command_line_option:crosstool_top",
        "//command_line_option:cpu",
        "//command_line_option:extra_toolchains",
    ] + _FLAG_OPTIONS,
)

ALLOWLIST_ATTR = attr.label(
    default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
)
