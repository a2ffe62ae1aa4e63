// NonvolatileToPages on a FakeFlash: unaligned reads across pages, partial-page writes keep
// neighbouring bytes, whole-page writes skip the fetch, range and busy errors.
#include "capsules/nonvolatile_storage/nonvolatile_to_pages.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "hil/testing/fake_flash.h"

namespace tock::capsules {
namespace {

using hil::testing::FakeFlash;

struct Recorder : hil::nonvolatile_storage::Client {
  void ReadDone(uint8_t*, size_t length) override { read = static_cast<int>(length); }
  void WriteDone(uint8_t*, size_t length) override { written = static_cast<int>(length); }
  int read = -1, written = -1;
};

class NonvolatileToPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    nv.SetClient(rec);
    for (size_t i = 0; i < 64; ++i) {
      flash.page(0)[i] = static_cast<uint8_t>(i);  // pages are contiguous in the fake
    }
  }
  FakeFlash flash{16, 4};
  uint8_t page[16];
  NonvolatileToPages nv{flash, page};
  Recorder rec;
};

TEST_F(NonvolatileToPagesTest, UnalignedReadAcrossPages) {
  uint8_t buf[20] = {};
  ASSERT_TRUE(nv.Read(buf, 10, 20).ok());
  EXPECT_EQ(flash.CompleteAll(), 2u);
  EXPECT_EQ(rec.read, 20);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(buf[i], 10 + i) << i;
  }
}

TEST_F(NonvolatileToPagesTest, PartialWriteKeepsNeighbours) {
  uint8_t data[4] = {0xA0, 0xA1, 0xA2, 0xA3};
  ASSERT_TRUE(nv.Write(data, 14, 4).ok());  // 2 bytes in page 0, 2 in page 1
  EXPECT_EQ(flash.CompleteAll(), 4u);       // fetch + write per page
  EXPECT_EQ(rec.written, 4);
  EXPECT_EQ(flash.page(0)[13], 13);
  EXPECT_EQ(flash.page(0)[14], 0xA0);
  EXPECT_EQ(flash.page(0)[15], 0xA1);
  EXPECT_EQ(flash.page(1)[0], 0xA2);
  EXPECT_EQ(flash.page(1)[1], 0xA3);
  EXPECT_EQ(flash.page(1)[2], 18);
}

TEST_F(NonvolatileToPagesTest, WholePageWriteSkipsTheFetch) {
  uint8_t data[16];
  std::memset(data, 0x55, sizeof(data));
  ASSERT_TRUE(nv.Write(data, 32, 16).ok());
  EXPECT_EQ(flash.CompleteAll(), 1u);
  EXPECT_EQ(flash.page(2)[0], 0x55);
  EXPECT_EQ(flash.page(3)[0], 48);
}

TEST_F(NonvolatileToPagesTest, OutOfRangeIsInvalAndSecondRequestBusy) {
  uint8_t buf[8];
  EXPECT_EQ(nv.Read(buf, 60, 8).error(), ErrorCode::kInval);
  EXPECT_EQ(nv.Read(buf, 64, 0).error(), ErrorCode::kInval);
  ASSERT_TRUE(nv.Read(buf, 0, 8).ok());
  EXPECT_EQ(nv.Write(buf, 0, 8).error(), ErrorCode::kBusy);
  flash.CompleteAll();
  EXPECT_EQ(rec.read, 8);
  ASSERT_TRUE(nv.Write(buf, 0, 8).ok());
}

}  // namespace
}  // namespace tock::capsules
