// Nonvolatile storage driver through the kernel harness on NonvolatileToPages over a
// FakeFlash: size, write/read round trip through allows and upcalls, bounds, RESERVE, two apps
// queued, NOMEM for a second queued request, unsupported numbers.
#include "capsules/nonvolatile_storage/nonvolatile_storage_driver.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "capsules/nonvolatile_storage/nonvolatile_to_pages.h"
#include "capsules/testing/capsule_harness.h"
#include "hil/testing/fake_flash.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::testing::FakeFlash;

constexpr uint32_t kDrv = NonvolatileStorageDriver::kDriverNum;
using Upcall = std::array<uint32_t, 3>;

class NvDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, driver).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
  }
  uint32_t AllowWrite(ProcessId pid, const std::string& text) {
    uint32_t addr = h->AppBuffer(pid, 512, static_cast<uint32_t>(text.size()));
    std::memcpy(h->platform(pid).Ram(addr), text.data(), text.size());
    EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 0, addr, static_cast<uint32_t>(text.size())).variant(),
              kSuccessU32U32);
    return addr;
  }
  uint32_t AllowRead(ProcessId pid, uint32_t len) {
    uint32_t addr = h->AppBuffer(pid, 1024, len);
    EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 0, addr, len).variant(), kSuccessU32U32);
    return addr;
  }
  std::string Ram(ProcessId pid, uint32_t addr, size_t n) {
    return std::string(reinterpret_cast<char*>(h->platform(pid).Ram(addr)), n);
  }

  FakeFlash flash{64, 8};  // 512 bytes
  uint8_t page[64];
  NonvolatileToPages pages{flash, page};
  uint8_t buffer[32];
  ScopedHarness h = MakeHarness();
  NonvolatileStorageDriver::GrantType grant{h->kernel, kDrv, h->memory_cap};
  // Userspace owns bytes [128, 384) of the storage.
  NonvolatileStorageDriver driver{pages, grant, 128, 256, buffer};
  ProcessId a, b;
};

TEST_F(NvDriverTest, ExistsSizeAndUnsupported) {
  ExpectSuccess(h->Command(a, kDrv, 0, 0, 0));
  ExpectSuccessU32(h->Command(a, kDrv, 1, 0, 0), 256);
  ExpectFailure(h->Command(a, kDrv, 4, 0, 0), ErrorCode::kNoSupport);
}

TEST_F(NvDriverTest, WriteThenReadRoundTrip) {
  AllowWrite(a, "persistent!");
  ExpectSuccess(h->Command(a, kDrv, 3, 10, 11));
  flash.CompleteAll();
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 1), (Upcall{11, 0, 0}));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(flash.page(0)) + 138, 11), "persistent!");
  uint32_t dst = AllowRead(a, 16);
  ExpectSuccess(h->Command(a, kDrv, 2, 10, 11));
  flash.CompleteAll();
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 0), (Upcall{11, 0, 0}));
  EXPECT_EQ(Ram(a, dst, 11), "persistent!");
}

TEST_F(NvDriverTest, OutOfRegionIsInval) {
  AllowRead(a, 16);
  ExpectFailure(h->Command(a, kDrv, 2, 256, 1), ErrorCode::kInval);
  ExpectFailure(h->Command(a, kDrv, 2, 250, 10), ErrorCode::kInval);
  ExpectFailure(h->Command(a, kDrv, 2, 0, 257), ErrorCode::kInval);
}

TEST_F(NvDriverTest, NoAllowedBufferIsReserve) {
  ExpectFailure(h->Command(a, kDrv, 2, 0, 4), ErrorCode::kReserve);
  ExpectFailure(h->Command(a, kDrv, 3, 0, 4), ErrorCode::kReserve);
}

TEST_F(NvDriverTest, LengthIsClampedToTheAllowedBuffer) {
  AllowWrite(a, "abc");
  ExpectSuccess(h->Command(a, kDrv, 3, 0, 100));
  flash.CompleteAll();
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 1), (Upcall{3, 0, 0}));
}

TEST_F(NvDriverTest, SecondAppIsQueuedAndBothComplete) {
  AllowWrite(a, "AAAA");
  AllowWrite(b, "BBBB");
  ExpectSuccess(h->Command(a, kDrv, 3, 0, 4));
  ExpectSuccess(h->Command(b, kDrv, 3, 4, 4));
  ExpectFailure(h->Command(b, kDrv, 3, 4, 4), ErrorCode::kNoMem);
  flash.CompleteAll();
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 1), (Upcall{4, 0, 0}));
  EXPECT_EQ(TakeUpcall(*h, b, kDrv, 1), (Upcall{4, 0, 0}));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(flash.page(0)) + 128, 8), "AAAABBBB");
}

TEST_F(NvDriverTest, AllowAndSubscribeNumbersBeyondCountsAreNoSupport) {
  uint32_t addr = h->AppBuffer(a, 512, 4);
  ExpectFailure2(h->AllowReadOnly(a, kDrv, 1, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->AllowReadWrite(a, kDrv, 1, addr, 4), ErrorCode::kNoSupport);
  ExpectFailure2(h->Subscribe(a, kDrv, 2, kUpcallFn, 0), ErrorCode::kNoSupport);
}

}  // namespace
}  // namespace tock::capsules
