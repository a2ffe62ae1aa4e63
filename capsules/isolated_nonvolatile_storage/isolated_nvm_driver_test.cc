// Isolated nonvolatile storage driver through the kernel harness on a KvStore over a FakeFlash:
// size, write/read round trips across block boundaries, never-written bytes, isolation between
// apps, permissions, bounds, queueing, persistence across a remount, a full store.
#include "capsules/isolated_nonvolatile_storage/isolated_nvm_driver.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <memory>
#include <string>

#include "capsules/kv/kv_store.h"
#include "capsules/testing/capsule_harness.h"
#include "hil/testing/fake_flash.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::testing::FakeFlash;

constexpr uint32_t kDrv = IsolatedNvmDriver::kDriverNum;
using Upcall = std::array<uint32_t, 3>;
constexpr uint32_t kRegion = 512, kBlock = 128;

struct TestPolicy final : StoragePermissionsPolicy {
  StoragePermissions For(ProcessId pid) const override { return perms[pid.index()]; }
  std::array<StoragePermissions, 3> perms = {
      StoragePermissions::SelfOnly(1), StoragePermissions::SelfOnly(2), StoragePermissions::Null()};
};

// One boot over `flash`.
struct Board {
  explicit Board(FakeFlash& f) : flash(f), store(f, page, index) {
    EXPECT_TRUE(h->Register(kDrv, driver).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
    c = h->Load(2).value();
    EXPECT_TRUE(store.Mount().ok());
    flash.CompleteAll();
  }
  Upcall Do(ProcessId pid, uint32_t cmd, uint64_t offset, uint32_t upcall) {
    ExpectSuccess(h->Command(pid, kDrv, cmd, static_cast<uint32_t>(offset),
                             static_cast<uint32_t>(offset >> 32)));
    flash.CompleteAll();
    return TakeUpcall(*h, pid, kDrv, upcall).value_or(Upcall{99, 99, 99});
  }
  Upcall Write(ProcessId pid, uint64_t offset, const std::string& data) {
    uint32_t addr = h->AppBuffer(pid, 256, static_cast<uint32_t>(data.size()));
    std::memcpy(h->platform(pid).Ram(addr), data.data(), data.size());
    EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 0, addr, static_cast<uint32_t>(data.size())).variant(),
              kSuccessU32U32);
    return Do(pid, 3, offset, 2);
  }
  std::string Read(ProcessId pid, uint64_t offset, uint32_t len, Upcall* up) {
    uint32_t addr = h->AppBuffer(pid, 1024, len);
    EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 0, addr, len).variant(), kSuccessU32U32);
    *up = Do(pid, 2, offset, 1);
    return std::string(reinterpret_cast<char*>(h->platform(pid).Ram(addr)), len);
  }

  FakeFlash& flash;
  std::array<uint8_t, 512> page{};
  std::array<KvPageInfo, 8> index{};
  KvStore store;
  TestPolicy policy;
  ScopedHarness h = MakeHarness();
  IsolatedNvmDriver::GrantType grant{h->kernel, kDrv, h->memory_cap};
  IsolatedNvmDriver driver{store, grant, policy, kRegion, kBlock};
  ProcessId a, b, c;
};

TEST(IsolatedNvmTest, ExistsSizeAndUnknownCommands) {
  FakeFlash flash(512, 8);
  Board x(flash);
  ExpectSuccess(x.h->Command(x.a, kDrv, 0, 0, 0));
  EXPECT_EQ(x.Do(x.a, 1, 0, 0), (Upcall{0, kRegion, 0}));
  ExpectFailure(x.h->Command(x.a, kDrv, 4, 0, 0), ErrorCode::kNoSupport);
}

TEST(IsolatedNvmTest, WriteThenReadAcrossBlocksAndErasedBytesElsewhere) {
  FakeFlash flash(512, 8);
  Board x(flash);
  const std::string data = "spans-two-blocks";
  EXPECT_EQ(x.Write(x.a, kBlock - 5, data), (Upcall{0, 0, 0}));
  Upcall up;
  EXPECT_EQ(x.Read(x.a, kBlock - 5, static_cast<uint32_t>(data.size()), &up), data);
  EXPECT_EQ(up, (Upcall{0, 0, 0}));
  // Around it: erased bytes, in a written block and in one never written.
  EXPECT_EQ(x.Read(x.a, kBlock - 7, 2, &up), std::string(2, '\xFF'));
  EXPECT_EQ(x.Read(x.a, uint64_t{3} * kBlock, 4, &up), std::string(4, '\xFF'));
  // A partial write keeps the rest of its block.
  EXPECT_EQ(x.Write(x.a, kBlock + 2, "XY"), (Upcall{0, 0, 0}));
  EXPECT_EQ(x.Read(x.a, kBlock - 5, static_cast<uint32_t>(data.size()), &up), "spans-tXY-blocks");
}

TEST(IsolatedNvmTest, AppsCannotSeeEachOthersRegions) {
  FakeFlash flash(512, 8);
  Board x(flash);
  EXPECT_EQ(x.Write(x.a, 0, "mine"), (Upcall{0, 0, 0}));
  Upcall up;
  EXPECT_EQ(x.Read(x.b, 0, 4, &up), std::string(4, '\xFF'));
  EXPECT_EQ(x.Write(x.b, 0, "yours"), (Upcall{0, 0, 0}));
  EXPECT_EQ(x.Read(x.a, 0, 4, &up), "mine");
}

TEST(IsolatedNvmTest, WithoutPermissionsEverythingIsNoSupport) {
  FakeFlash flash(512, 8);
  Board x(flash);
  ExpectFailure(x.h->Command(x.c, kDrv, 1, 0, 0), ErrorCode::kNoSupport);
  ExpectFailure(x.h->Command(x.c, kDrv, 2, 0, 0), ErrorCode::kNoSupport);
  ExpectFailure(x.h->Command(x.c, kDrv, 3, 0, 0), ErrorCode::kNoSupport);
  // A write id without read permission for itself (upstream: not read_modify_self).
  x.policy.perms[1] = StoragePermissions::Listed(2, true, false, nullptr, 0, nullptr, 0);
  ExpectFailure(x.h->Command(x.b, kDrv, 2, 0, 0), ErrorCode::kNoSupport);
  ExpectFailure(x.h->Command(x.b, kDrv, 3, 0, 0), ErrorCode::kNoSupport);
}

TEST(IsolatedNvmTest, RangesOutsideTheRegionAreInval) {
  FakeFlash flash(512, 8);
  Board x(flash);
  uint32_t addr = x.h->AppBuffer(x.a, 256, 8);
  ASSERT_EQ(x.h->AllowReadOnly(x.a, kDrv, 0, addr, 8).variant(), kSuccessU32U32);
  ExpectFailure(x.h->Command(x.a, kDrv, 3, kRegion - 7, 0), ErrorCode::kInval);
  ExpectFailure(x.h->Command(x.a, kDrv, 3, 0, 1), ErrorCode::kInval);  // offset >= 2^32
  EXPECT_EQ(x.Do(x.a, 3, kRegion - 8, 2), (Upcall{0, 0, 0}));
}

TEST(IsolatedNvmTest, OneOperationPerAppQueuedBehindAnother) {
  FakeFlash flash(512, 8);
  Board x(flash);
  uint32_t addr = x.h->AppBuffer(x.a, 256, 4);
  ASSERT_EQ(x.h->AllowReadOnly(x.a, kDrv, 0, addr, 4).variant(), kSuccessU32U32);
  addr = x.h->AppBuffer(x.b, 256, 4);
  ASSERT_EQ(x.h->AllowReadOnly(x.b, kDrv, 0, addr, 4).variant(), kSuccessU32U32);
  ExpectSuccess(x.h->Command(x.a, kDrv, 3, 0, 0));
  ExpectSuccess(x.h->Command(x.b, kDrv, 3, 0, 0));
  ExpectFailure(x.h->Command(x.b, kDrv, 1, 0, 0), ErrorCode::kNoMem);
  flash.CompleteAll();
  EXPECT_EQ(TakeUpcall(*x.h, x.a, kDrv, 2), (Upcall{0, 0, 0}));
  EXPECT_EQ(TakeUpcall(*x.h, x.b, kDrv, 2), (Upcall{0, 0, 0}));
}

TEST(IsolatedNvmTest, DataSurvivesARemount) {
  FakeFlash flash(512, 8);
  {
    Board x(flash);
    EXPECT_EQ(x.Write(x.a, 200, "persistent"), (Upcall{0, 0, 0}));
  }
  Board again(flash);
  Upcall up;
  EXPECT_EQ(again.Read(again.a, 200, 10, &up), "persistent");
}

TEST(IsolatedNvmTest, AFullStoreIsNoMemInTheUpcall) {
  FakeFlash flash(512, 8);
  Board x(flash);
  // 8 pages: a's 4 blocks and b's 4 blocks fill the store; nothing is free for a replacement.
  EXPECT_EQ(x.Write(x.a, 0, std::string(kRegion, 'a')), (Upcall{0, 0, 0}));
  EXPECT_EQ(x.Write(x.b, 0, std::string(kRegion, 'b')), (Upcall{0, 0, 0}));
  EXPECT_EQ(x.Write(x.a, 0, "z"), (Upcall{ToU32(ErrorCode::kNoMem), 0, 0}));
  Upcall up;
  EXPECT_EQ(x.Read(x.a, 0, 2, &up), "aa");  // unchanged
}

}  // namespace
}  // namespace tock::capsules
