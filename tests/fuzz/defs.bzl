"""tock_fuzz_target: one libFuzzer target over the syscall fuzz harness, OSS-Fuzz style.

tock_fuzz_target(name = "rng_fuzzer", srcs = ["rng_fuzzer.cc"], deps = ["//capsules/rng"])
declares
  :rng_fuzzer              the fuzzer (libFuzzer under --config=fuzz, else a file replayer)
  :rng_fuzzer_replay_test  replays corpus/rng/ (every file there is a regression test)
and expects corpus/rng/ (seed corpus) and rng_fuzzer.dict next to the BUILD file.
"""

FUZZ_COPTS = ["-fno-rtti"]

# Bazel links with `clang` (the C driver), which leaves out UBSan's C++ runtime that
# -fsanitize=function (part of =undefined) needs for calls through function pointers.
_CLANG_LINKOPTS = ["-fsanitize-link-c++-runtime"]

def tock_fuzz_target(name, srcs, deps = [], min_seeds = 1, tags = []):
    if not name.endswith("_fuzzer"):
        fail("fuzz target names end in _fuzzer: " + name)
    base = name[:-len("_fuzzer")]
    corpus = native.package_name() + "/corpus/" + base
    native.cc_library(
        name = name + "_lib",
        srcs = srcs,
        copts = FUZZ_COPTS,
        deps = deps + ["//tests/fuzz:harness"],
        alwayslink = True,
        tags = tags,
    )
    native.cc_binary(
        name = name,
        deps = [":" + name + "_lib"] + select({
            "//tests/fuzz:libfuzzer": [],
            "//conditions:default": ["//tests/fuzz:standalone_main"],
        }),
        linkopts = select({
            "//tests/fuzz:libfuzzer": ["-fsanitize=fuzzer"] + _CLANG_LINKOPTS,
            "//conditions:default": [],
        }),
        tags = tags,
    )
    native.filegroup(
        name = base + "_corpus",
        srcs = native.glob(["corpus/" + base + "/**"], allow_empty = True),
    )
    native.cc_test(
        name = name + "_replay_test",
        size = "small",
        deps = [":" + name + "_lib", "//tests/fuzz:standalone_main"],
        data = [":" + base + "_corpus"],
        args = ["--min-files=%d" % min_seeds, corpus],
        linkopts = select({
            "//tests/fuzz:libfuzzer": _CLANG_LINKOPTS,
            "//conditions:default": [],
        }),
        tags = tags,
    )
