"""tock_fuzz_target: one libFuzzer target over the syscall fuzz harness, OSS-Fuzz style.

tock_fuzz_target(name = "rng_fuzzer", srcs = ["rng_fuzzer.cc"], deps = ["//capsules/rng"])
declares
  :rng_fuzzer              the fuzzer (libFuzzer under --config=fuzz, else a file replayer)
  :rng_fuzzer_replay_test  replays corpus/rng/ (every file there is a regression test)
and expects corpus/rng/ (seed corpus; `corpus` names another folder of the package) and
rng_fuzzer.dict (optional) next to the BUILD file.

tock_component_fuzz_target(name = "temperature_fuzzer",
    component = "tock::capsules::components::DriverComponent<tock::capsules::TemperatureDriver>",
    hdrs = ["capsules/components/driver_component.h", ...],
    fake = "tock::hil::testing::FakeTemperature", deps = [...])
is the same with no source file: it generates the board (a fake, the component built from
(fake, kernel, memory capability), the fake added to the harness, the driver registered).
tock_capsule (capsules/defs.bzl) calls it for every capsule that names its driver and fake.
"""

FUZZ_COPTS = ["-fno-rtti"]

# Bazel links with `clang` (the C driver), which leaves out UBSan's C++ runtime that
# -fsanitize=function (part of =undefined) needs for calls through function pointers.
_CLANG_LINKOPTS = ["-fsanitize-link-c++-runtime"]

def tock_fuzz_target(name, srcs, deps = [], min_seeds = 1, tags = [], corpus = None, target_compatible_with = None):
    if not name.endswith("_fuzzer"):
        fail("fuzz target names end in _fuzzer: " + name)
    base = name[:-len("_fuzzer")]
    if corpus == None:
        corpus = "corpus/" + base
    native.cc_library(
        name = name + "_lib",
        srcs = srcs,
        copts = FUZZ_COPTS,
        deps = deps + ["//tests/fuzz:harness"],
        alwayslink = True,
        tags = tags,
        target_compatible_with = target_compatible_with,
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
        target_compatible_with = target_compatible_with,
    )
    native.filegroup(
        name = base + "_corpus",
        srcs = native.glob([corpus + "/**"], allow_empty = True),
    )
    native.cc_test(
        name = name + "_replay_test",
        size = "small",
        deps = [":" + name + "_lib", "//tests/fuzz:standalone_main"],
        data = [":" + base + "_corpus"],
        args = ["--min-files=%d" % min_seeds, native.package_name() + "/" + corpus],
        linkopts = select({
            "//tests/fuzz:libfuzzer": _CLANG_LINKOPTS,
            "//conditions:default": [],
        }),
        tags = tags,
        target_compatible_with = target_compatible_with,
    )

def tock_component_fuzz_target(name, component, hdrs, fake, deps = [], min_seeds = 1, tags = [], corpus = None, target_compatible_with = None):
    src = name + "_generated.cc"

    # The same expansion as tools/oss-fuzz/build.sh's (one template, two callers): each
    # @INCLUDES@ line becomes the headers' #include lines, @COMPONENT@ and @FAKE@ the types.
    includes = "\\n".join(["#include \"" + h + "\"" for h in hdrs])
    native.genrule(
        name = name + "_gen",
        srcs = ["//tests/fuzz:component_fuzzer.cc.in"],
        outs = [src],
        cmd = "sed -e 's|@INCLUDES@|%s|' -e 's|@COMPONENT@|%s|g' -e 's|@FAKE@|%s|g' $< > $@" % (
            includes,
            component,
            fake,
        ),
        tags = tags,
        target_compatible_with = target_compatible_with,
    )
    tock_fuzz_target(
        name = name,
        srcs = [src],
        deps = deps,
        min_seeds = min_seeds,
        tags = tags,
        corpus = corpus,
        target_compatible_with = target_compatible_with,
    )
