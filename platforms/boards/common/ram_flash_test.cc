// RamFlash: fresh pages read erased; writes land in the region at completion time, never inside
// the request; one operation at a time; bad pages and lengths are refused without a callback.
#include "platforms/boards/common/ram_flash.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "kernel/capability_factory.h"

namespace tock::boards {
namespace {

constexpr size_t kPage = 64;

// The error of a refused request (fails the test if it was accepted).
tock::ErrorCode Refused(tock::Result<void> r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? tock::ErrorCode::kFail : r.error();
}

struct Recorder : tock::hil::flash::Client {
  void ReadComplete(uint8_t* buffer, size_t len, tock::Result<void> status) override {
    ++reads;
    last_buffer = buffer;
    last_len = len;
    ok = status.ok();
  }
  void WriteComplete(uint8_t* buffer, size_t len, tock::Result<void> status) override {
    ++writes;
    last_buffer = buffer;
    last_len = len;
    ok = status.ok();
  }
  void EraseComplete(tock::Result<void> status) override {
    ++erases;
    ok = status.ok();
  }
  int reads = 0, writes = 0, erases = 0;
  uint8_t* last_buffer = nullptr;
  size_t last_len = 0;
  bool ok = false;
};

// Clears the deferred-call registry before the flash under test registers its call.
struct FreshDeferredCalls {
  FreshDeferredCalls() { tock::DeferredCall::ResetForTesting(cap); }
  ~FreshDeferredCalls() { tock::DeferredCall::ResetForTesting(cap); }
  tock::DeferredCallCapability cap = tock::CapabilityFactory::DeferredCall();
};

class RamFlashTest : public ::testing::Test, private FreshDeferredCalls {
 protected:
  void RunDeferred() {
    while (tock::DeferredCall::ServiceNext(cap)) {
    }
  }

  // 3 whole pages and a partial one that is not used.
  std::array<uint8_t, 3 * kPage + 10> region_{};
  RamFlash flash_{region_.data(), region_.size(), kPage};
  Recorder client_;
};

TEST_F(RamFlashTest, GeometryCountsWholePagesOnly) {
  EXPECT_EQ(flash_.PageSize(), kPage);
  EXPECT_EQ(flash_.PageCount(), 3u);
}

TEST_F(RamFlashTest, InitErasesEveryPageAndReadSeesIt) {
  flash_.SetClient(client_);
  flash_.Init();
  std::array<uint8_t, kPage> buf{};
  ASSERT_TRUE(flash_.ReadPage(2, buf.data(), buf.size()).ok());
  EXPECT_EQ(client_.reads, 0) << "completion must not run inside the request";
  RunDeferred();
  EXPECT_EQ(client_.reads, 1);
  EXPECT_EQ(client_.last_buffer, buf.data());
  EXPECT_EQ(client_.last_len, kPage);
  EXPECT_TRUE(client_.ok);
  for (uint8_t b : buf) {
    ASSERT_EQ(b, 0xFF);
  }
  EXPECT_EQ(region_[3 * kPage], 0) << "the partial page past the last whole one is not touched";
}

TEST_F(RamFlashTest, WriteReplacesOnePageThenEraseRestoresIt) {
  flash_.SetClient(client_);
  flash_.Init();
  std::array<uint8_t, kPage> out{};
  for (size_t i = 0; i < kPage; ++i) {
    out[i] = static_cast<uint8_t>(i);
  }
  ASSERT_TRUE(flash_.WritePage(1, out.data(), out.size()).ok());
  EXPECT_EQ(region_[kPage + 5], 0xFF) << "data moves at completion, not at the request";
  RunDeferred();
  EXPECT_EQ(client_.writes, 1);
  EXPECT_EQ(region_[kPage + 5], 5);
  EXPECT_EQ(region_[kPage - 1], 0xFF);
  EXPECT_EQ(region_[2 * kPage], 0xFF);

  ASSERT_TRUE(flash_.ErasePage(1).ok());
  RunDeferred();
  EXPECT_EQ(client_.erases, 1);
  EXPECT_EQ(region_[kPage + 5], 0xFF);
}

TEST_F(RamFlashTest, OneOperationAtATimeAndBadRequestsRefused) {
  flash_.SetClient(client_);
  std::array<uint8_t, kPage> buf{};
  EXPECT_EQ(Refused(flash_.ReadPage(3, buf.data(), buf.size())), tock::ErrorCode::kInval);
  EXPECT_EQ(Refused(flash_.WritePage(0, buf.data(), kPage - 1)), tock::ErrorCode::kSize);
  EXPECT_EQ(Refused(flash_.ErasePage(7)), tock::ErrorCode::kInval);
  ASSERT_TRUE(flash_.ReadPage(0, buf.data(), buf.size()).ok());
  EXPECT_EQ(Refused(flash_.ErasePage(0)), tock::ErrorCode::kBusy);
  RunDeferred();
  EXPECT_EQ(client_.reads, 1);
  EXPECT_EQ(client_.erases, 0);
  // Free again once the completion has run.
  EXPECT_TRUE(flash_.ErasePage(0).ok());
  RunDeferred();
  EXPECT_EQ(client_.erases, 1);
}

}  // namespace
}  // namespace tock::boards
