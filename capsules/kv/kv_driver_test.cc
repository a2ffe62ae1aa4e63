// KV driver through the kernel harness on a KvStore over a FakeFlash: every command and its
// errors, upstream's error codes (command failures vs. upcall statuses), storage permissions
// against the stored writer id, queueing across apps, operations before the mount finished.
#include "capsules/kv/kv_driver.h"

#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <string>

#include "capsules/kv/kv_store.h"
#include "capsules/testing/capsule_harness.h"
#include "hil/testing/fake_flash.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::testing::FakeFlash;

constexpr uint32_t kDrv = KvDriver::kDriverNum;
using Upcall = std::array<uint32_t, 3>;
constexpr uint32_t kGet = 1, kSet = 2, kDelete = 3, kAdd = 4, kUpdate = 5, kGc = 6;
constexpr uint32_t kNoSupport = 10, kSize = 7, kNoMem = 9;

// Per slot index, settable by the test.
struct TestPolicy final : StoragePermissionsPolicy {
  StoragePermissions For(ProcessId pid) const override { return perms[pid.index()]; }
  std::array<StoragePermissions, 3> perms = {
      StoragePermissions::SelfOnly(1), StoragePermissions::SelfOnly(2), StoragePermissions::Null()};
};

class KvDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(h->Register(kDrv, driver).ok());
    a = h->Load(0).value();
    b = h->Load(1).value();
    c = h->Load(2).value();
    ASSERT_TRUE(store.Mount().ok());
    flash.CompleteAll();
  }
  void Key(ProcessId pid, const std::string& key) {
    uint32_t addr = h->AppBuffer(pid, 256, static_cast<uint32_t>(key.size()));
    std::memcpy(h->platform(pid).Ram(addr), key.data(), key.size());
    EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 0, addr, static_cast<uint32_t>(key.size())).variant(),
              kSuccessU32U32);
  }
  void Value(ProcessId pid, const std::string& value) {
    uint32_t addr = h->AppBuffer(pid, 512, static_cast<uint32_t>(value.size()));
    std::memcpy(h->platform(pid).Ram(addr), value.data(), value.size());
    EXPECT_EQ(h->AllowReadOnly(pid, kDrv, 1, addr, static_cast<uint32_t>(value.size())).variant(),
              kSuccessU32U32);
  }
  uint32_t Out(ProcessId pid, uint32_t len) {
    uint32_t addr = h->AppBuffer(pid, 1536, len);
    std::memset(h->platform(pid).Ram(addr), '.', len);
    EXPECT_EQ(h->AllowReadWrite(pid, kDrv, 0, addr, len).variant(), kSuccessU32U32);
    return addr;
  }
  // Runs a command to its upcall.
  Upcall Do(ProcessId pid, uint32_t cmd) {
    ExpectSuccess(h->Command(pid, kDrv, cmd, 0, 0));
    flash.CompleteAll();
    auto up = TakeUpcall(*h, pid, kDrv, 0);
    EXPECT_TRUE(up.has_value());
    return up.value_or(Upcall{99, 99, 99});
  }
  Upcall Set(ProcessId pid, const std::string& key, const std::string& value, uint32_t cmd = kSet) {
    Key(pid, key);
    Value(pid, value);
    return Do(pid, cmd);
  }
  std::string Get(ProcessId pid, const std::string& key, Upcall* up, uint32_t out_len = 64) {
    Key(pid, key);
    uint32_t out = Out(pid, out_len);
    *up = Do(pid, kGet);
    return std::string(reinterpret_cast<char*>(h->platform(pid).Ram(out)),
                       (*up)[0] == 0 || (*up)[0] == kSize ? std::min((*up)[1], out_len) : 0);
  }

  FakeFlash flash{512, 8};
  std::array<uint8_t, 512> page{};
  std::array<KvPageInfo, 8> index{};
  KvStore store{flash, page, index};
  TestPolicy policy;
  ScopedHarness h = MakeHarness();
  KvDriver::GrantType grant{h->kernel, kDrv, h->memory_cap};
  KvDriver driver{store, grant, policy};
  ProcessId a, b, c;
};

TEST_F(KvDriverTest, ExistsAndUnknownCommands) {
  ExpectSuccess(h->Command(a, kDrv, 0, 0, 0));
  ExpectFailure(h->Command(a, kDrv, 7, 0, 0), ErrorCode::kNoSupport);
}

TEST_F(KvDriverTest, SetThenGet) {
  EXPECT_EQ(Set(a, "name", "tockpp"), (Upcall{0, 0, 0}));
  Upcall up;
  EXPECT_EQ(Get(a, "name", &up), "tockpp");
  EXPECT_EQ(up, (Upcall{0, 6, 0}));
  EXPECT_EQ(Set(a, "name", "again"), (Upcall{0, 0, 0}));  // set replaces
  EXPECT_EQ(Get(a, "name", &up), "again");
}

TEST_F(KvDriverTest, GetOfAMissingKeyIsNoSupportInTheUpcall) {
  Upcall up;
  Get(a, "nothing", &up);
  EXPECT_EQ(up, (Upcall{kNoSupport, 0, 0}));
}

TEST_F(KvDriverTest, GetIntoASmallBufferCopiesThePrefixAndReportsSize) {
  Set(a, "long", "0123456789");
  Upcall up;
  EXPECT_EQ(Get(a, "long", &up, 4), "0123");
  EXPECT_EQ(up, (Upcall{kSize, 10, 0}));
}

TEST_F(KvDriverTest, AddOnlyNewKeysUpdateOnlyExistingOnes) {
  EXPECT_EQ(Set(a, "k", "1", kUpdate), (Upcall{kNoSupport, 0, 0}));
  EXPECT_EQ(Set(a, "k", "1", kAdd), (Upcall{0, 0, 0}));
  EXPECT_EQ(Set(a, "k", "2", kAdd), (Upcall{kNoSupport, 0, 0}));
  EXPECT_EQ(Set(a, "k", "3", kUpdate), (Upcall{0, 0, 0}));
  Upcall up;
  EXPECT_EQ(Get(a, "k", &up), "3");
}

TEST_F(KvDriverTest, DeleteRemovesTheKey) {
  Set(a, "k", "v");
  Key(a, "k");
  EXPECT_EQ(Do(a, kDelete), (Upcall{0, 0, 0}));
  Upcall up;
  Get(a, "k", &up);
  EXPECT_EQ(up[0], kNoSupport);
  Key(a, "k");
  EXPECT_EQ(Do(a, kDelete), (Upcall{kNoSupport, 0, 0}));
}

TEST_F(KvDriverTest, WithoutAWriteIdSetIsInvalAndNothingIsReadable) {
  Set(a, "k", "v");
  Key(c, "k");
  Value(c, "x");
  ExpectFailure(h->Command(c, kDrv, kSet, 0, 0), ErrorCode::kInval);
  ExpectFailure(h->Command(c, kDrv, kAdd, 0, 0), ErrorCode::kInval);
  ExpectFailure(h->Command(c, kDrv, kUpdate, 0, 0), ErrorCode::kInval);
  Upcall up;
  Get(c, "k", &up);
  EXPECT_EQ(up[0], kNoSupport);
  Key(c, "k");
  EXPECT_EQ(Do(c, kDelete)[0], kNoSupport);
}

TEST_F(KvDriverTest, OtherAppsKeysNeedReadAndModifyIds) {
  Set(a, "shared", "from a");
  Upcall up;
  Get(b, "shared", &up);  // b is SelfOnly(2): a's value (writer 1) is not readable
  EXPECT_EQ(up[0], kNoSupport);
  EXPECT_EQ(Set(b, "shared", "from b"), (Upcall{kNoSupport, 0, 0}));
  Key(b, "shared");
  EXPECT_EQ(Do(b, kDelete)[0], kNoSupport);

  const uint32_t reads[] = {1};
  policy.perms[1] = StoragePermissions::Listed(2, true, false, reads, 1, nullptr, 0);
  EXPECT_EQ(Get(b, "shared", &up), "from a");
  EXPECT_EQ(Set(b, "shared", "from b"), (Upcall{kNoSupport, 0, 0}));  // read, not modify

  policy.perms[1] = StoragePermissions::Listed(2, true, false, reads, 1, reads, 1);
  EXPECT_EQ(Set(b, "shared", "from b"), (Upcall{0, 0, 0}));
  EXPECT_EQ(store.Lookup(KvStore::HashKey({reinterpret_cast<const uint8_t*>("shared"), 6}))->writer,
            2u);          // the writer id is now b's
  Get(a, "shared", &up);  // and a (SelfOnly(1)) no longer reads it
  EXPECT_EQ(up[0], kNoSupport);
}

TEST_F(KvDriverTest, OversizedKeyOrValueIsSize) {
  Key(a, std::string(KvDriver::kMaxKeyLength + 1, 'k'));
  ExpectFailure(h->Command(a, kDrv, kGet, 0, 0), ErrorCode::kSize);
  Key(a, std::string(KvDriver::kMaxKeyLength, 'k'));
  Value(a, std::string(store.MaxValueLength() + 1, 'v'));
  ExpectFailure(h->Command(a, kDrv, kSet, 0, 0), ErrorCode::kSize);
  Value(a, std::string(store.MaxValueLength(), 'v'));
  EXPECT_EQ(Do(a, kSet), (Upcall{0, 0, 0}));
}

TEST_F(KvDriverTest, AFullStoreIsNoMemInTheUpcall) {
  for (int i = 0; i < 8; ++i) {
    ASSERT_EQ(Set(a, "k" + std::to_string(i), "v"), (Upcall{0, 0, 0}));
  }
  EXPECT_EQ(Set(a, "one more", "v"), (Upcall{kNoMem, 0, 0}));
}

TEST_F(KvDriverTest, GarbageCollect) {
  Set(a, "k", "1");
  Set(a, "k", "2");
  EXPECT_EQ(Do(a, kGc), (Upcall{0, 0, 0}));
  Upcall up;
  EXPECT_EQ(Get(a, "k", &up), "2");
  EXPECT_EQ(Do(a, kGc), (Upcall{0, 0, 0}));  // nothing left to collect: done at once
  EXPECT_EQ(Get(a, "k", &up), "2");          // and the driver is free again
}

TEST_F(KvDriverTest, OneOperationPerAppQueuedBehindAnother) {
  Key(a, "ka");
  Value(a, "va");
  Key(b, "kb");
  Value(b, "vb");
  ExpectSuccess(h->Command(a, kDrv, kSet, 0, 0));  // running
  ExpectSuccess(h->Command(b, kDrv, kSet, 0, 0));  // queued
  ExpectFailure(h->Command(b, kDrv, kGet, 0, 0), ErrorCode::kNoMem);
  ExpectFailure(h->Command(a, kDrv, kGet, 0, 0), ErrorCode::kNoMem);
  flash.CompleteAll();
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 0), (Upcall{0, 0, 0}));
  EXPECT_EQ(TakeUpcall(*h, b, kDrv, 0), (Upcall{0, 0, 0}));
  Upcall up;
  EXPECT_EQ(Get(b, "kb", &up), "vb");
}

TEST_F(KvDriverTest, AQueuedOperationThatCannotStartReportsInItsUpcall) {
  Key(a, "ka");
  Value(a, "va");
  Key(c, "kc");
  Value(c, "vc");
  ExpectSuccess(h->Command(a, kDrv, kSet, 0, 0));
  ExpectSuccess(h->Command(c, kDrv, kSet, 0, 0));  // queued; c has no write id
  flash.CompleteAll();
  EXPECT_EQ(TakeUpcall(*h, c, kDrv, 0), (Upcall{ToU32(ErrorCode::kInval), 0, 0}));
}

TEST(KvDriverMountTest, OperationsWaitForTheMount) {
  FakeFlash flash{512, 8};
  std::array<uint8_t, 512> page{};
  std::array<KvPageInfo, 8> index{};
  KvStore store{flash, page, index};
  IndividualStoragePermissions policy;
  ScopedHarness h = MakeHarness();
  KvDriver::GrantType grant{h->kernel, kDrv, h->memory_cap};
  KvDriver driver{store, grant, policy};
  ASSERT_TRUE(h->Register(kDrv, driver).ok());
  ProcessId a = h->Load(0).value();
  ASSERT_TRUE(store.Mount().ok());
  uint32_t addr = h->AppBuffer(a, 256, 1);
  *h->platform(a).Ram(addr) = 'k';
  ASSERT_EQ(h->AllowReadOnly(a, kDrv, 0, addr, 1).variant(), kSuccessU32U32);
  ExpectSuccess(h->Command(a, kDrv, kGet, 0, 0));
  EXPECT_FALSE(TakeUpcall(*h, a, kDrv, 0));
  flash.CompleteAll();
  EXPECT_EQ(TakeUpcall(*h, a, kDrv, 0), (Upcall{kNoSupport, 0, 0}));
}

}  // namespace
}  // namespace tock::capsules
