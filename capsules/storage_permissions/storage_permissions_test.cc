// StoragePermissions checks (upstream semantics) and the TBF-header policy.
#include "capsules/storage_permissions/storage_permissions.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "capsules/storage_permissions/tbf_storage_permissions.h"
#include "tbf-tools/writer/writer.h"

namespace tock::capsules {
namespace {

TEST(StoragePermissionsTest, NullAllowsNothing) {
  const StoragePermissions p = StoragePermissions::Null();
  EXPECT_FALSE(p.WriteId());
  EXPECT_FALSE(p.CheckRead(0));
  EXPECT_FALSE(p.CheckRead(7));
  EXPECT_FALSE(p.CheckModify(7));
}

TEST(StoragePermissionsTest, SelfOnlyMatchesItsOwnIdOnly) {
  const StoragePermissions p = StoragePermissions::SelfOnly(7);
  EXPECT_EQ(p.WriteId(), 7u);
  EXPECT_TRUE(p.CheckRead(7));
  EXPECT_TRUE(p.CheckModify(7));
  EXPECT_FALSE(p.CheckRead(8));
  EXPECT_FALSE(p.CheckModify(0));
  EXPECT_FALSE(StoragePermissions::SelfOnly(0).WriteId());  // id 0 is the kernel's
}

TEST(StoragePermissionsTest, KernelOwnsIdZero) {
  const StoragePermissions p = StoragePermissions::Kernel();
  EXPECT_EQ(p.WriteId(), 0u);
  EXPECT_TRUE(p.CheckRead(0));
  EXPECT_FALSE(p.CheckRead(1));
}

TEST(StoragePermissionsTest, ListedChecksEachListAndNeverIdZero) {
  const uint32_t reads[] = {1, 2, 0};
  const uint32_t modifies[] = {2};
  const StoragePermissions p = StoragePermissions::Listed(5, true, false, reads, 3, modifies, 1);
  EXPECT_EQ(p.WriteId(), 5u);
  EXPECT_TRUE(p.CheckRead(1));
  EXPECT_TRUE(p.CheckRead(2));
  EXPECT_FALSE(p.CheckRead(0));  // listed, but 0 never matches
  EXPECT_FALSE(p.CheckRead(5));  // not read_modify_self
  EXPECT_FALSE(p.CheckModify(1));
  EXPECT_TRUE(p.CheckModify(2));
  const StoragePermissions self = StoragePermissions::Listed(5, false, true, reads, 0, modifies, 0);
  EXPECT_FALSE(self.WriteId());
  EXPECT_TRUE(self.CheckRead(5));
  EXPECT_TRUE(self.CheckModify(5));
}

TEST(StoragePermissionsTest, ListsLongerThanEightAreCapped) {
  uint32_t ids[10];
  for (uint32_t i = 0; i < 10; ++i) {
    ids[i] = i + 1;
  }
  const StoragePermissions p = StoragePermissions::Listed(1, true, false, ids, 10, ids, 10);
  EXPECT_TRUE(p.CheckRead(8));
  EXPECT_FALSE(p.CheckRead(9));
  EXPECT_FALSE(p.CheckModify(10));
}

TEST(StoragePermissionsTest, IndividualPolicyGivesEachSlotItsOwnId) {
  const IndividualStoragePermissions policy(10);
  const StoragePermissions a = policy.For(ProcessId(0, 1));
  const StoragePermissions b = policy.For(ProcessId(1, 2));
  EXPECT_EQ(a.WriteId(), 10u);
  EXPECT_EQ(b.WriteId(), 11u);
  EXPECT_FALSE(b.CheckRead(10));
}

std::vector<uint8_t> Tbf(bool with_storage, uint32_t write_id, const std::vector<uint32_t>& reads,
                         const std::vector<uint32_t>& modifies, uint32_t short_id = 0) {
  tbf::TbfWriter w;
  w.AddMain({0, 0, 1024}).AddPackageName("app");
  if (with_storage) {
    w.AddStoragePermissions(write_id, reads, modifies);
  }
  if (short_id != 0) {
    w.AddShortId(short_id);
  }
  w.SetBinary(std::vector<uint8_t>(16, 0));
  return w.Build();
}

TEST(TbfStoragePermissionsTest, NoTlvMeansNoAccess) {
  const std::vector<uint8_t> image = Tbf(false, 0, {}, {});
  const StoragePermissions p = StoragePermissionsFromTbf(image);
  EXPECT_FALSE(p.WriteId());
  EXPECT_FALSE(p.CheckRead(0));
}

TEST(TbfStoragePermissionsTest, TlvGivesWriteReadAndModifyIds) {
  const std::vector<uint8_t> image = Tbf(true, 42, {42, 7}, {42});
  const StoragePermissions p = StoragePermissionsFromTbf(image);
  EXPECT_EQ(p.WriteId(), 42u);
  EXPECT_TRUE(p.CheckRead(42));
  EXPECT_TRUE(p.CheckRead(7));
  EXPECT_TRUE(p.CheckModify(42));
  EXPECT_FALSE(p.CheckModify(7));
}

TEST(TbfStoragePermissionsTest, ZeroWriteIdMayOnlyRead) {
  const StoragePermissions p = StoragePermissionsFromTbf(Tbf(true, 0, {3}, {}));
  EXPECT_FALSE(p.WriteId());
  EXPECT_TRUE(p.CheckRead(3));
}

TEST(TbfStoragePermissionsTest, ShortIdIsTheStoredIdWhenPresent) {
  const StoragePermissions p = StoragePermissionsFromTbf(Tbf(true, 42, {42}, {42}, 99));
  EXPECT_EQ(p.WriteId(), 99u);
}

TEST(TbfStoragePermissionsTest, GarbageMeansNoAccess) {
  const std::vector<uint8_t> junk(64, 0xAB);
  EXPECT_FALSE(StoragePermissionsFromTbf(junk).WriteId());
}

}  // namespace
}  // namespace tock::capsules
