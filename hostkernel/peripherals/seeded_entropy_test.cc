// SeededEntropy: same seed -> same words, different seed -> different words; completions come
// from the loop, not from Get(); kMore asks for another batch; Cancel drops a pending one.
#include "hostkernel/peripherals/seeded_entropy.h"

#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/poll_reactor.h"

namespace tock::hostkernel {
namespace {

namespace entropy = ::tock::hil::entropy;

struct Collector : entropy::Client32 {
  explicit Collector(size_t want) : want(want) {}
  entropy::Continue EntropyAvailable(entropy::EntropyIterator& it,
                                     ::tock::Result<void> status) override {
    ++callbacks;
    EXPECT_TRUE(status.ok());
    while (words.size() < want) {
      auto w = it.Next();
      if (!w) {
        break;
      }
      words.push_back(*w);
    }
    return words.size() < want ? entropy::Continue::kMore : entropy::Continue::kDone;
  }
  size_t want;
  int callbacks = 0;
  std::vector<uint32_t> words;
};

std::vector<uint32_t> Draw(uint64_t seed, size_t n, size_t batch = 64) {
  PollReactor r;
  SeededEntropy e(r, seed, batch);
  Collector c(n);
  e.SetClient(c);
  EXPECT_TRUE(e.Get().ok());
  r.RunPosted();
  return c.words;
}

TEST(SeededEntropyTest, SameSeedSameWordsRegardlessOfBatching) {
  auto a = Draw(42, 100, 64);
  auto b = Draw(42, 100, 7);
  ASSERT_EQ(a.size(), 100u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, Draw(43, 100));
}

TEST(SeededEntropyTest, GeneratorMatchesReferenceXoshiro256StarStar) {
  // Values from an independent reference implementation (splitmix64-seeded xoshiro256**), so
  // a refactor cannot silently change every seeded run.
  Xoshiro256 g(1);
  EXPECT_EQ(g.Next(), 0xb3f2af6d0fc710c5ull);
  EXPECT_EQ(g.Next(), 0x853b559647364ceaull);
  EXPECT_EQ(g.Next(), 0x92f89756082a4514ull);
  EXPECT_EQ(Draw(42, 3), (std::vector<uint32_t>{0x15780b2e, 0x6104d986, 0xae175332}));
}

TEST(SeededEntropyTest, CompletionIsNeverInsideGet) {
  PollReactor r;
  SeededEntropy e(r, 1);
  Collector c(4);
  e.SetClient(c);
  ASSERT_TRUE(e.Get().ok());
  EXPECT_EQ(c.callbacks, 0);
  r.RunPosted();
  EXPECT_EQ(c.callbacks, 1);
  EXPECT_EQ(c.words.size(), 4u);
}

TEST(SeededEntropyTest, MoreRequestsAnotherBatch) {
  PollReactor r;
  SeededEntropy e(r, 9, /*batch_words=*/3);
  Collector c(10);
  e.SetClient(c);
  ASSERT_TRUE(e.Get().ok());
  r.RunPosted();
  EXPECT_EQ(c.callbacks, 4);  // 3 + 3 + 3 + 1
  EXPECT_EQ(c.words.size(), 10u);
  EXPECT_EQ(e.words_delivered(), 10u);
}

TEST(SeededEntropyTest, CancelDropsThePendingCallback) {
  PollReactor r;
  SeededEntropy e(r, 9);
  Collector c(4);
  e.SetClient(c);
  ASSERT_TRUE(e.Get().ok());
  ASSERT_TRUE(e.Cancel().ok());
  r.RunPosted();
  EXPECT_EQ(c.callbacks, 0);
}

}  // namespace
}  // namespace tock::hostkernel
