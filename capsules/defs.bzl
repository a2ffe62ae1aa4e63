"""Shared compile options for capsules, and tock_capsule: a capsule folder in one macro call.

Portable capsule code is built without exceptions and RTTI; tests that subclass capsule types
must also be built without RTTI, or they would reference typeinfo the libraries never emit.

tock_capsule(name = "temperature", driver = "TemperatureDriver", fake = "FakeTemperature")
in capsules/temperature/BUILD.bazel declares
  :temperature                 the capsule: every *.h and *.cc of the folder but the tests
                               (each header also compiled alone, for header-only capsules)
  :<stem> (cc_test)            one test per *_test.cc (gtest, capsules/testing, hil/testing,
                               capsules/components:driver_component)
  :temperature_fuzzer          (with driver and fake) a libFuzzer target whose board is
  :temperature_fuzzer_replay_test   DriverComponent<driver> on the fake (tests/fuzz/README.md),
                               replaying the seed corpus in the folder's fuzz_corpus/
driver is the capsule class (in tock::capsules unless qualified), fake its HIL's fake (in
tock::hil::testing unless qualified; header hil/testing/fake_<snake_case>.h unless fake_hdr);
the fake must be a hil::testing::Completable.
"""

load("//platforms:defs.bzl", "HOST_ONLY")
load("//tests/fuzz:defs.bzl", "tock_component_fuzz_target")

CAPSULE_COPTS = [
    "-fno-exceptions",
    "-fno-rtti",
]

TEST_COPTS = ["-fno-rtti"]

def _snake_case(camel):
    out = ""
    for i in range(len(camel)):
        c = camel[i]
        if c.isupper() and i > 0:
            out += "_"
        out += c.lower()
    return out

def _qualify(name, namespace):
    return name if "::" in name else namespace + "::" + name

def tock_capsule(
        name,
        driver = None,
        fake = None,
        fake_hdr = None,
        deps = [],
        test_deps = [],
        fuzz_min_seeds = 1):
    hdrs = native.glob(["*.h"])
    tests = native.glob(["*_test.cc"])

    # Every header compiled on its own, so a header-only capsule is compiled by
    # `bazel build --config=qemu_mps2 //capsules/...` too (freestanding, Cortex-M4).
    check = name + "_headers_compile.cc"
    native.genrule(
        name = name + "_headers_compile",
        outs = [check],
        cmd = "printf '%s\\n' " + " ".join([
            "'#include \"%s/%s\"'" % (native.package_name(), h)
            for h in hdrs
        ]) + " > $@",
    )
    native.cc_library(
        name = name,
        srcs = native.glob(["*.cc"], exclude = tests) + [check],
        hdrs = hdrs,
        copts = CAPSULE_COPTS,
        deps = deps + [
            "//capsules:driver_numbers",
            "//hil",
            "//kernel",
        ],
    )
    for test in tests:
        native.cc_test(
            name = test[:-len(".cc")],
            size = "small",
            srcs = [test],
            copts = TEST_COPTS,
            deps = test_deps + [
                ":" + name,
                "//capsules/components:driver_component",
                "//capsules/testing",
                "//hil/testing",
                "//third_party:gtest_main",
            ],
        )
    if driver == None or fake == None:
        return
    fake_name = fake.split("::")[-1]
    if fake_hdr == None:
        fake_hdr = "hil/testing/" + _snake_case(fake_name) + ".h"
    tock_component_fuzz_target(
        name = name + "_fuzzer",
        component = "tock::capsules::components::DriverComponent<" +
                    _qualify(driver, "tock::capsules") + ">",
        hdrs = ["capsules/components/driver_component.h"] +
               [native.package_name() + "/" + h for h in hdrs] + [fake_hdr],
        fake = _qualify(fake, "tock::hil::testing"),
        corpus = "fuzz_corpus",
        deps = [
            ":" + name,
            "//capsules/components:driver_component",
            "//hil/testing",
        ],
        min_seeds = fuzz_min_seeds,
        target_compatible_with = HOST_ONLY,
    )
