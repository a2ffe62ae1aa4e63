// The hostile generator's inputs from a test's runfiles: hello's TBF and ELF as the base, the
// witness app as the good app run beside, and the upstream Cortex-M/RISC-V vectors
// (tbf-tools/testdata/vectors) as foreign builds. Host only.
#ifndef TOCKPP_TESTS_LOADING_INPUTS_H_
#define TOCKPP_TESTS_LOADING_INPUTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tests/loading/hostile_tbf.h"

namespace tock::loading {

inline constexpr char kBaseTbf[] = "//apps/examples/hello:hello.tbf";
inline constexpr char kBaseElf[] = "//apps/examples/hello:hello.elf";
inline constexpr char kBaseOutput[] = "Hello, World!";
inline constexpr char kGoodTbf[] = "//tests/loading/apps:witness.tbf";
inline constexpr char kGoodName[] = "witness";
inline constexpr char kGoodOutput[] = "witness: done";

absl::StatusOr<std::vector<uint8_t>> ReadBytes(const std::string& path);

// Reads the inputs (seed 1) from the runfiles.
absl::StatusOr<GeneratorInput> LoadGeneratorInput();

}  // namespace tock::loading

#endif  // TOCKPP_TESTS_LOADING_INPUTS_H_
