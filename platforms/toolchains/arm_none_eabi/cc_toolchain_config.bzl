"""cc_toolchain_config rule for Debian's arm-none-eabi-gcc 12.2 (Cortex-M, Thumb-2).

Bazel 4.2.3 style: tool paths plus features that carry the flags. The legacy features
(includes, defines, output and input flags, archiver flags) stay on, so only the target
and language flags are declared here.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load(
    "@bazel_tools//tools/cpp:cc_toolchain_config_lib.bzl",
    "feature",
    "flag_group",
    "flag_set",
    "tool_path",
    "with_feature_set",
)

_GCC_VERSION = "12.2.1"

_ALL_COMPILE = [
    ACTION_NAMES.assemble,
    ACTION_NAMES.preprocess_assemble,
    ACTION_NAMES.c_compile,
    ACTION_NAMES.cpp_compile,
    ACTION_NAMES.cpp_header_parsing,
    ACTION_NAMES.cpp_module_compile,
    ACTION_NAMES.linkstamp_compile,
]

_C_COMPILE = [ACTION_NAMES.c_compile]

_CXX_COMPILE = [
    ACTION_NAMES.cpp_compile,
    ACTION_NAMES.cpp_header_parsing,
    ACTION_NAMES.cpp_module_compile,
    ACTION_NAMES.linkstamp_compile,
]

_LINK = [
    ACTION_NAMES.cpp_link_executable,
    ACTION_NAMES.cpp_link_dynamic_library,
    ACTION_NAMES.cpp_link_nodeps_dynamic_library,
]

def _flags(actions, flags, with_features = []):
    return flag_set(
        actions = actions,
        flag_groups = [flag_group(flags = flags)],
        with_features = with_features,
    )

def _impl(ctx):
    target_flags = ["-mcpu=" + ctx.attr.cpu, "-mthumb", "-mfloat-abi=" + ctx.attr.float_abi]

    tool_paths = [
        tool_path(name = "gcc", path = "/usr/bin/arm-none-eabi-gcc"),
        tool_path(name = "ld", path = "/usr/bin/arm-none-eabi-ld"),
        tool_path(name = "ar", path = "/usr/bin/arm-none-eabi-ar"),
        tool_path(name = "cpp", path = "/usr/bin/arm-none-eabi-cpp"),
        tool_path(name = "nm", path = "/usr/bin/arm-none-eabi-nm"),
        tool_path(name = "objcopy", path = "/usr/bin/arm-none-eabi-objcopy"),
        tool_path(name = "objdump", path = "/usr/bin/arm-none-eabi-objdump"),
        tool_path(name = "strip", path = "/usr/bin/arm-none-eabi-strip"),
        tool_path(name = "gcov", path = "/bin/false"),
        tool_path(name = "dwp", path = "/bin/false"),
    ]

    default_flags = feature(
        name = "cortex_m_default_flags",
        enabled = True,
        flag_sets = [
            _flags(_ALL_COMPILE + _LINK, target_flags),
            _flags(_ALL_COMPILE, [
                "-ffreestanding",
                "-ffunction-sections",
                "-fdata-sections",
                "-fno-common",
                "-Os",
                "-g",
                # Keep paths stable across sandboxes for reproducible objects.
                "-no-canonical-prefixes",
                "-fno-canonical-system-headers",
                "-Wno-builtin-macro-redefined",
                "-D__DATE__=\"redacted\"",
                "-D__TIMESTAMP__=\"redacted\"",
                "-D__TIME__=\"redacted\"",
            ]),
            _flags(_CXX_COMPILE, [
                "-std=c++20",
                "-fno-exceptions",
                "-fno-rtti",
                "-fno-threadsafe-statics",
                "-fno-use-cxa-atexit",
            ]),
            _flags(_LINK, [
                # Boards bring their own vector table and startup; newlib-nano supplies
                # memcpy/memset and libgcc the rest.
                "-nostartfiles",
                "--specs=nano.specs",
                "-Wl,--gc-sections",
                "-no-canonical-prefixes",
            ]),
        ],
    )

    # Honour -c dbg / -c opt without fighting -Os: dbg drops optimisation, opt adds NDEBUG.
    dbg = feature(
        name = "dbg",
        flag_sets = [_flags(_ALL_COMPILE, ["-O0"])],
    )
    opt = feature(
        name = "opt",
        flag_sets = [_flags(_ALL_COMPILE, ["-DNDEBUG"])],
    )

    # Bazel asks for these by name; the static archives are all this target links.
    static_link = feature(name = "static_link_cpp_runtimes", enabled = False)
    supports_pic = feature(name = "supports_pic", enabled = False)

    gcc_lib = "/usr/lib/gcc/arm-none-eabi/" + _GCC_VERSION
    builtin_includes = [
        "/usr/lib/arm-none-eabi/include",
        "/usr/lib/arm-none-eabi/include/c++/" + _GCC_VERSION,
        gcc_lib + "/include",
        gcc_lib + "/include-fixed",
        # Debian's libstdc++-arm-none-eabi-dev/libnewlib-dev: the c++ directory above links here.
        "/usr/include/newlib",
    ]

    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        toolchain_identifier = "arm-none-eabi-" + ctx.attr.cpu,
        host_system_name = "x86_64-unknown-linux-gnu",
        target_system_name = "arm-none-eabi",
        target_cpu = ctx.attr.cpu,
        target_libc = "newlib",
        compiler = "gcc",
        abi_version = "eabi",
        abi_libc_version = "newlib",
        tool_paths = tool_paths,
        features = [default_flags, dbg, opt, static_link, supports_pic],
        cxx_builtin_include_directories = builtin_includes,
    )

cc_toolchain_config = rule(
    implementation = _impl,
    attrs = {
        "cpu": attr.string(mandatory = True, doc = "GCC -mcpu value, e.g. cortex-m4"),
        "float_abi": attr.string(
            default = "soft",
            values = ["soft", "softfp", "hard"],
            doc = "One ABI for kernel and apps; soft keeps FPU state out of context switches.",
        ),
    },
    provides = [CcToolchainConfigInfo],
)
