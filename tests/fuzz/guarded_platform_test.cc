// GuardedPlatform::Scan finds every kind of damage the harness reports (guard bytes, flash, RAM
// past the allocation, stray RAM writes) and takes the writes it may: inside an allowed window
// and outside the checked range (the grant region).
#include "tests/fuzz/guarded_platform.h"

#include <array>
#include <cstdint>
#include <string_view>

#include "gtest/gtest.h"

namespace tock::fuzz {
namespace {

class NoObserver final : public GuardedPlatform::Observer {
 public:
  void OnUpcall(size_t, uint32_t, const SyscallRegisters&) override {}
  void OnStart(size_t) override {}
  void OnTerminated(size_t) override {}
};

constexpr uint32_t kAppRam = 1024;

class GuardedPlatformTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<MemoryAllocation> a = pf_.Allocate(MemoryRequest{kAppRam, 256, 0, &pf_.tbf()});
    ASSERT_TRUE(a.ok());
    ram_ = a.value().ram;
    flash_ = const_cast<uint8_t*>(a.value().flash);
  }
  // Checks the app part [ram_base, ram_base + kAppRam) against `windows`.
  GuardedPlatform::Damage Scan(std::span<const Window> windows = {}) {
    return pf_.Scan(pf_.ram_base(), pf_.ram_base() + kAppRam, windows);
  }
  static std::string_view Id(const GuardedPlatform::Damage& d) {
    return d.id == nullptr ? std::string_view("none") : std::string_view(d.id);
  }

  NoObserver observer_;
  GuardedPlatform pf_{1, observer_};
  uint8_t* ram_ = nullptr;
  uint8_t* flash_ = nullptr;
};

TEST_F(GuardedPlatformTest, UntouchedArenaIsClean) { EXPECT_EQ(Id(Scan()), "none"); }

TEST_F(GuardedPlatformTest, WriteInsideAWindowIsTakenOnce) {
  ram_[100] ^= 0xFF;
  const std::array<Window, 1> windows{Window{pf_.ram_base() + 96, pf_.ram_base() + 104}};
  EXPECT_EQ(Id(Scan(windows)), "none");
  EXPECT_EQ(Id(Scan()), "none");  // already in the shadow: no window needed any more
}

TEST_F(GuardedPlatformTest, WriteOutsideEveryWindowIsAStrayWrite) {
  ram_[104] ^= 0xFF;  // one past the window
  const std::array<Window, 1> windows{Window{pf_.ram_base() + 96, pf_.ram_base() + 104}};
  const GuardedPlatform::Damage d = Scan(windows);
  EXPECT_EQ(Id(d), "stray-write");
  EXPECT_EQ(d.address, pf_.ram_base() + 104);
}

TEST_F(GuardedPlatformTest, WritesPastTheCheckedRangeAreTaken) {
  ram_[kAppRam + 8] ^= 0xFF;  // the grant region: the kernel's own
  EXPECT_EQ(Id(Scan()), "none");
}

TEST_F(GuardedPlatformTest, AppWritesAreNotDamage) {
  const std::array<uint8_t, 3> bytes{1, 2, 3};
  pf_.AppWrite(pf_.ram_base() + 10, bytes);
  EXPECT_EQ(Id(Scan()), "none");
}

TEST_F(GuardedPlatformTest, FlashWriteIsFound) {
  flash_[GuardedPlatform::kFlashLen - 1] ^= 0xFF;
  const GuardedPlatform::Damage d = Scan();
  EXPECT_EQ(Id(d), "flash-written");
  EXPECT_STREQ(d.what, "process flash was written");
}

TEST_F(GuardedPlatformTest, GuardWritesAroundEveryRegionAreFound) {
  const uint8_t* below_flash = flash_ - 1;
  const uint8_t* below_ram = ram_ - 1;
  const uint8_t* past_allocation = ram_ + pf_.memory_len;
  const uint8_t* above_ram = ram_ + GuardedPlatform::kRamLen;
  for (const uint8_t* p : {below_flash, below_ram, past_allocation, above_ram}) {
    auto* byte = const_cast<uint8_t*>(p);
    *byte ^= 0xFF;
    EXPECT_EQ(Id(Scan()), "guard-bytes");
    *byte ^= 0xFF;
    EXPECT_EQ(Id(Scan()), "none");
  }
}

TEST_F(GuardedPlatformTest, TakeAllAcceptsKnownDamage) {
  flash_[0] ^= 0xFF;
  ASSERT_EQ(Id(Scan()), "flash-written");
  pf_.TakeAll();
  EXPECT_EQ(Id(Scan()), "none");
}

}  // namespace
}  // namespace tock::fuzz
