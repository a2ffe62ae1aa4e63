// RNG driver through the kernel harness with FakeEntropy: fills RW allow 0, upcall
// (0, bytes, 0), partial batches, short buffers, two apps at once.
#include "capsules/rng/rng_driver.h"

#include <gtest/gtest.h>

#include <cstring>

#include "capsules/testing/capsule_harness.h"
#include "hil/testing/fake_entropy.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::testing::FakeEntropy;

constexpr uint32_t kDrv = RngDriver::kDriverNum;
constexpr uint32_t kSeed = 0x11223344;

class RngDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, driver).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
  }
  // Allows a buffer of `len` bytes at RAM offset 512 and returns its app address.
  uint32_t AllowBuffer(ProcessId pid, uint32_t len) {
    uint32_t addr = h->AppBuffer(pid, 512, len);
    std::memset(h->platform(pid).Ram(addr), 0xEE, len);
    EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 0, addr, len).variant(), kSuccessU32U32);
    return addr;
  }
  FakeEntropy entropy{kSeed};
  ScopedHarness h = MakeHarness();
  RngDriver::GrantType grant{h->kernel, kDrv, h->memory_cap};
  RngDriver driver{entropy, grant};
  ProcessId a, b;
};

TEST_F(RngDriverTest, ExistsAndUnknownCommandIsNoSupport) {
  ExpectSuccess(h->Command(a, kDrv, 0, 0, 0));
  ExpectFailure(h->Command(a, kDrv, 2, 0, 0), ErrorCode::kNoSupport);
}

TEST_F(RngDriverTest, FillsRequestedBytesAcrossBatches) {
  uint32_t addr = AllowBuffer(a, 16);
  ExpectSuccess(h->Command(a, kDrv, 1, 10, 0));
  EXPECT_TRUE(entropy.requested());
  ASSERT_TRUE(entropy.Deliver(2));  // 8 bytes: not enough yet
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0).has_value());
  EXPECT_TRUE(entropy.requested());
  ASSERT_TRUE(entropy.Deliver(2));
  auto up = TakeUpcall(*h, a, kDrv, 0);
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(*up, (std::array<uint32_t, 3>{0, 10, 0}));
  EXPECT_FALSE(entropy.requested());
  const uint8_t* ram = h->platform(a).Ram(addr);
  uint32_t w0, w1;
  std::memcpy(&w0, ram, 4);
  std::memcpy(&w1, ram + 4, 4);
  EXPECT_EQ(w0, kSeed);
  EXPECT_EQ(w1, kSeed + 1);
  EXPECT_EQ(ram[8], static_cast<uint8_t>(kSeed + 2));
  EXPECT_EQ(ram[10], 0xEE);  // nothing past the request
}

TEST_F(RngDriverTest, BufferSmallerThanRequestStopsAtBufferEnd) {
  uint32_t addr = AllowBuffer(a, 6);
  ExpectSuccess(h->Command(a, kDrv, 1, 20, 0));
  ASSERT_TRUE(entropy.Deliver(8));
  auto up = TakeUpcall(*h, a, kDrv, 0);
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(*up, (std::array<uint32_t, 3>{0, 6, 0}));
  EXPECT_NE(h->platform(a).Ram(addr)[5], 0xEE);
}

TEST_F(RngDriverTest, NoBufferCompletesWithZeroBytes) {
  ExpectSuccess(h->Command(a, kDrv, 1, 4, 0));
  ASSERT_TRUE(entropy.Deliver(1));
  auto up = TakeUpcall(*h, a, kDrv, 0);
  ASSERT_TRUE(up.has_value());
  EXPECT_EQ(*up, (std::array<uint32_t, 3>{0, 0, 0}));
}

TEST_F(RngDriverTest, TwoAppsShareOneSourceWithDistinctBytes) {
  uint32_t addr_a = AllowBuffer(a, 8);
  uint32_t addr_b = AllowBuffer(b, 8);
  ExpectSuccess(h->Command(a, kDrv, 1, 8, 0));
  ExpectSuccess(h->Command(b, kDrv, 1, 4, 0));
  EXPECT_EQ(entropy.get_count(), 1u);  // one request serves both
  ASSERT_TRUE(entropy.Deliver(8));
  auto ua = TakeUpcall(*h, a, kDrv, 0);
  auto ub = TakeUpcall(*h, b, kDrv, 0);
  ASSERT_TRUE(ua.has_value() && ub.has_value());
  EXPECT_EQ((*ua)[1], 8u);
  EXPECT_EQ((*ub)[1], 4u);
  EXPECT_NE(std::memcmp(h->platform(a).Ram(addr_a), h->platform(b).Ram(addr_b), 4), 0);
}

TEST_F(RngDriverTest, SourceErrorIsReturned) {
  entropy.set_get_result(ErrorCode::kOff);
  ExpectFailure(h->Command(a, kDrv, 1, 4, 0), ErrorCode::kOff);
}

TEST_F(RngDriverTest, AllowNumberBeyondCountIsNoSupport) {
  uint32_t addr = h->AppBuffer(a, 512, 4);
  ExpectFailure2(h->AllowReadWrite(a, kDrv, 1, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->AllowReadOnly(a, kDrv, 0, addr, 4), ErrorCode::kNoSupport);
}

TEST_F(RngDriverTest, SubscribeOneIsNoSupport) {
  EXPECT_EQ(h->Subscribe(a, kDrv, 0, kUpcallFn, 0).variant(), kSuccessU32U32);
  ExpectFailure2(h->Subscribe(a, kDrv, 1, kUpcallFn, 0), ErrorCode::kNoSupport);
}

}  // namespace
}  // namespace tock::capsules
