// Flash virtualizer on a FakeFlash: windows map to the right pages, a second user's operation
// waits for the first and then runs, bounds and one-operation-per-user errors.
#include "capsules/virtual_flash/virtual_flash.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "hil/testing/fake_flash.h"

namespace tock::capsules {
namespace {

using hil::testing::FakeFlash;

struct Counter final : hil::flash::Client {
  void ReadComplete(uint8_t*, size_t, Result<void> s) override { ++reads, ok = s.ok(); }
  void WriteComplete(uint8_t*, size_t, Result<void> s) override { ++writes, ok = s.ok(); }
  void EraseComplete(Result<void> s) override { ++erases, ok = s.ok(); }
  int reads = 0, writes = 0, erases = 0;
  bool ok = false;
};

TEST(VirtualFlashTest, UsersSeeTheirOwnWindowsAndWaitForEachOther) {
  FakeFlash flash(64, 8);
  MuxFlash mux(flash);
  FlashUser low(mux, 0, 2);
  FlashUser high(mux, 2, 6);
  Counter lc, hc;
  low.SetClient(lc);
  high.SetClient(hc);
  EXPECT_EQ(low.PageCount(), 2u);
  EXPECT_EQ(high.PageCount(), 6u);
  EXPECT_EQ(high.PageSize(), 64u);

  std::array<uint8_t, 64> a{}, b{};
  a.fill(0xA1);
  b.fill(0xB2);
  ASSERT_TRUE(low.WritePage(1, a.data(), a.size()).ok());
  ASSERT_TRUE(high.WritePage(0, b.data(), b.size()).ok());  // waits for low's write
  EXPECT_EQ(low.WritePage(0, a.data(), a.size()).error(), ErrorCode::kBusy);
  ASSERT_TRUE(flash.Complete());
  EXPECT_EQ(lc.writes, 1);
  EXPECT_EQ(hc.writes, 0);
  ASSERT_TRUE(flash.Complete());
  EXPECT_EQ(hc.writes, 1);
  EXPECT_TRUE(hc.ok);
  EXPECT_EQ(flash.page(1)[0], 0xA1);
  EXPECT_EQ(flash.page(2)[0], 0xB2);

  ASSERT_TRUE(high.ErasePage(0).ok());
  flash.CompleteAll();
  EXPECT_EQ(hc.erases, 1);
  EXPECT_EQ(flash.page(2)[0], 0xFF);
  ASSERT_TRUE(low.ReadPage(1, b.data(), b.size()).ok());
  flash.CompleteAll();
  EXPECT_EQ(lc.reads, 1);
  EXPECT_EQ(b[0], 0xA1);
}

TEST(VirtualFlashTest, OutOfWindowAndWrongSizeAreRefusedWithoutCompletion) {
  FakeFlash flash(64, 8);
  MuxFlash mux(flash);
  FlashUser user(mux, 6, 2);
  FlashUser past(mux, 7, 4);  // does not fit: no pages
  Counter c;
  user.SetClient(c);
  std::array<uint8_t, 64> buf{};
  EXPECT_EQ(user.ReadPage(2, buf.data(), buf.size()).error(), ErrorCode::kInval);
  EXPECT_EQ(user.ReadPage(0, buf.data(), 10).error(), ErrorCode::kSize);
  EXPECT_EQ(past.PageCount(), 0u);
  EXPECT_EQ(past.ErasePage(0).error(), ErrorCode::kInval);
  EXPECT_EQ(flash.CompleteAll(), 0u);
  EXPECT_EQ(c.reads, 0);
}

}  // namespace
}  // namespace tock::capsules
