"""board_transition: build a rule's dependency for a board platform from any configuration.

Used by board_image (the kernel ELF) and apps_image (the apps' TBFs), so that board images,
their Cortex-M apps and the QEMU tests build from a plain host `bazel build //...` as well as
under --config=qemu_mps2 / --config=nrf52840dk. The rule needs an attribute `platform` and
`_allowlist_function_transition` (ALLOWLIST_ATTR).
"""

# Bazel 4 cannot transition on --incompatible_* flags, so this selects the same cc_toolchain
# through the legacy --crosstool_top/--cpu route (a cc_toolchain_suite) and sets --platforms
# (target_compatible_with) and --extra_toolchains (cc rules still resolve a toolchain type).
def _board_transition_impl(settings, attr):
    return {
        "//command_line_option:platforms": str(attr.platform),
        "//command_line_option:crosstool_top": "//platforms/toolchains/arm_none_eabi:suite",
        "//command_line_option:cpu": "cortex-m4",
        "//command_line_option:extra_toolchains": [
            "//platforms/toolchains/arm_none_eabi:cortex_m4",
        ],
    }

board_transition = transition(
    implementation = _board_transition_impl,
    inputs = [],
    outputs = [
        "//command_line_option:platforms",
        "//command_line_option:crosstool_top",
        "//command_line_option:cpu",
        "//command_line_option:extra_toolchains",
    ],
)

ALLOWLIST_ATTR = attr.label(
    default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
)
