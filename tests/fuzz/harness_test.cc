// The harness must catch the deliberately broken fixture capsule: replaying the crash input the
// fuzzer found (testdata/broken_capsule_off_by_one: allow a RW buffer, ask the capsule to copy
// its full length) dies with the stray-write invariant, while an empty input runs clean.
#include <cstdint>
#include <fstream>
#include <iterator>
#include <vector>

#include "gtest/gtest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

std::vector<uint8_t> ReadFile(const char* path) {
  std::ifstream f(path, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(f)),
                              std::istreambuf_iterator<char>());
}

TEST(FuzzHarnessTest, EmptyInputRunsClean) { EXPECT_EQ(LLVMFuzzerTestOneInput(nullptr, 0), 0); }

TEST(FuzzHarnessDeathTest, OffByOneWritePastAnAllowedBufferTraps) {
  std::vector<uint8_t> input = ReadFile("tests/fuzz/testdata/broken_capsule_off_by_one");
  ASSERT_FALSE(input.empty());
  EXPECT_DEATH(LLVMFuzzerTestOneInput(input.data(), input.size()),
               "invariant violated \\[stray-write\\].*outside every buffer");
}

}  // namespace
