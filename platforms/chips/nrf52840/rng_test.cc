// Rng against a register-level model of the RNG (nRF52840 PS §6.21): after START, each new
// random byte lands in VALUE with EVENTS_VALRDY until STOP.
#include "platforms/chips/nrf52840/rng.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "platforms/chips/nrf52840/nrf_fake.h"

namespace tock::nrf52840 {
namespace {

using tock::hil::entropy::Continue;

#define OFF(field) offsetof(RngRegisters, field)

class FakeRng : public testing::NrfPeripheralFake<RngRegisters> {
 public:
  // The generator produces `byte` (only while started).
  void Produce(uint8_t byte) {
    if (!running_) {
      return;
    }
    Poke(OFF(value), byte);
    RaiseEvent(OFF(events_valrdy));
  }
  bool running() const { return running_; }

 protected:
  void Task(size_t offset) override {
    if (offset == OFF(tasks_start)) {
      running_ = true;
    }
    if (offset == OFF(tasks_stop)) {
      running_ = false;
    }
  }

 private:
  bool running_ = false;
};

struct Client : tock::hil::entropy::Client32 {
  Continue EntropyAvailable(tock::hil::entropy::EntropyIterator& it,
                            tock::Result<void> status) override {
    EXPECT_TRUE(status.ok());
    while (auto w = it.Next()) {
      words.push_back(*w);
    }
    return words.size() < wanted ? Continue::kMore : Continue::kDone;
  }
  std::vector<uint32_t> words;
  size_t wanted = 1;
};

class RngTest : public ::testing::Test {
 protected:
  RngTest() { rng_.SetClient(client_); }
  void Feed(std::initializer_list<uint8_t> bytes) {
    for (uint8_t b : bytes) {
      fake_.Produce(b);
      if (fake_.irq()) {
        rng_.HandleInterrupt();
      }
      EXPECT_FALSE(fake_.irq());
    }
  }

  FakeRng fake_;
  Rng rng_{fake_.base(), kRngIrq};
  Client client_;
};

TEST_F(RngTest, FourBytesMakeOneWordAndTheGeneratorStopsWhenDone) {
  ASSERT_TRUE(rng_.Get().ok());
  EXPECT_TRUE(fake_.running());
  EXPECT_EQ(fake_.Peek(OFF(config)), 1u);  // bias correction
  Feed({0x12, 0x34, 0x56});
  EXPECT_TRUE(client_.words.empty());
  Feed({0x78});
  ASSERT_EQ(client_.words.size(), 1u);
  EXPECT_EQ(client_.words[0], 0x1234'5678u);
  EXPECT_FALSE(fake_.running());
  EXPECT_EQ(fake_.inten(), 0u);
}

TEST_F(RngTest, MoreKeepsItRunningForTheNextWord) {
  client_.wanted = 2;
  ASSERT_TRUE(rng_.Get().ok());
  Feed({1, 2, 3, 4, 5, 6, 7, 8});
  ASSERT_EQ(client_.words.size(), 2u);
  EXPECT_EQ(client_.words[1], 0x0506'0708u);
  EXPECT_FALSE(fake_.running());
}

TEST_F(RngTest, CancelStopsWithoutACallback) {
  ASSERT_TRUE(rng_.Get().ok());
  Feed({1, 2});
  ASSERT_TRUE(rng_.Cancel().ok());
  EXPECT_FALSE(fake_.running());
  fake_.RaiseEvent(OFF(events_valrdy));  // a byte that was already on its way
  rng_.HandleInterrupt();
  Feed({3, 4, 5, 6});
  EXPECT_TRUE(client_.words.empty());
  // A new request starts a fresh word.
  ASSERT_TRUE(rng_.Get().ok());
  Feed({9, 9, 9, 9});
  ASSERT_EQ(client_.words.size(), 1u);
  EXPECT_EQ(client_.words[0], 0x0909'0909u);
}

}  // namespace
}  // namespace tock::nrf52840
