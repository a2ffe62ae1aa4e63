// Replays every seed in fuzz/corpus through LLVMFuzzerTestOneInput (the fuzzer aborts on any
// broken invariant), plus every prefix of each small seed.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "gtest/gtest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

TEST(TbfParserFuzzerReplayTest, EverySeedAndPrefixRunsClean) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator("tbf-tools/fuzz/corpus")) {
    std::ifstream f(entry.path(), std::ios::binary);
    std::vector<uint8_t> bytes(std::istreambuf_iterator<char>(f), {});
    EXPECT_EQ(LLVMFuzzerTestOneInput(bytes.data(), bytes.size()), 0);
    if (bytes.size() <= 4096) {
      for (size_t n = 0; n < bytes.size(); ++n) {
        std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<long>(n));
        LLVMFuzzerTestOneInput(prefix.data(), prefix.size());
      }
    }
    ++files;
  }
  EXPECT_GE(files, 30u);
}

}  // namespace
