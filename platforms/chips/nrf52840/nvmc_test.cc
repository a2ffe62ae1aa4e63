// Nvmc against register-level models of the NVMC (nRF52840 PS §4.3) and NOR flash: a word
// write only clears bits (flash AND value) and only with CONFIG.WEN = Wen; ERASEPAGE sets a
// page to 0xFF only with CONFIG.WEN = Een; READY reads 0 for a while after each operation.
#include "platforms/chips/nrf52840/nvmc.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "kernel/capability_factory.h"
#include "kernel/deferred_call.h"
#include "platforms/chips/testing/mmio_fake.h"

namespace tock::nrf52840 {
namespace {

using tock::ErrorCode;
using tock::Result;

constexpr size_t kReady = offsetof(NvmcRegisters, ready);
constexpr size_t kConfig = offsetof(NvmcRegisters, config);
constexpr size_t kErasePage = offsetof(NvmcRegisters, erasepage);
constexpr size_t kPage = Nvmc::kPageSize;

struct FlashImage {
  cortex_m::ReadWrite<uint32_t> words[Nvmc::kPageCount * kPage / 4];
};

class FakeNvmc : public chips::testing::FakeBlock<NvmcRegisters> {
 public:
  uint32_t wen() const { return Peek(kConfig) & 3u; }
  // An operation started: READY reads 0 for the next two polls.
  void Busy() { busy_polls_ = 2; }
  bool busy() const { return busy_polls_ > 0; }
  std::function<void(size_t)> erase;
  int violations = 0;

 protected:
  uint32_t Read(size_t offset) override {
    if (offset == kReady) {
      if (busy_polls_ > 0) {
        --busy_polls_;
        return 0;
      }
      return 1;
    }
    return Peek(offset);
  }
  void Write(size_t offset, uint32_t value) override {
    if (offset == kErasePage) {
      if (wen() != NvmcConfig::kErase || busy()) {
        ++violations;
        return;
      }
      erase(value);
      Busy();
      return;
    }
    if (offset == kConfig && busy()) {
      ++violations;  // CONFIG changed mid-operation
    }
    Poke(offset, value);
  }

 private:
  int busy_polls_ = 0;
};

class FakeFlash : public chips::testing::FakeBlock<FlashImage> {
 public:
  explicit FakeFlash(FakeNvmc& nvmc) : nvmc_(nvmc) {
    for (size_t i = 0; i < sizeof(FlashImage); i += 4) {
      Poke(i, 0xFFFF'FFFFu);
    }
    nvmc_.erase = [this](size_t address) {
      for (size_t i = 0; i < kPage; i += 4) {
        Poke(address + i, 0xFFFF'FFFFu);
      }
    };
  }
  std::vector<uint8_t> PageBytes(size_t page) const {
    std::vector<uint8_t> out(kPage);
    for (size_t i = 0; i < kPage; i += 4) {
      const uint32_t w = Peek(page * kPage + i);
      std::memcpy(&out[i], &w, 4);
    }
    return out;
  }

 protected:
  void Write(size_t offset, uint32_t value) override {
    if (nvmc_.wen() != NvmcConfig::kWrite || nvmc_.busy()) {
      ++nvmc_.violations;
      return;
    }
    Poke(offset, Peek(offset) & value);  // NOR: programming only clears bits
    nvmc_.Busy();
  }

 private:
  FakeNvmc& nvmc_;
};

struct Client : tock::hil::flash::Client {
  void ReadComplete(uint8_t* buffer, size_t len, Result<void> status) override {
    ++reads;
    last_buffer = buffer;
    EXPECT_EQ(len, kPage);
    EXPECT_TRUE(status.ok());
  }
  void WriteComplete(uint8_t* buffer, size_t len, Result<void> status) override {
    ++writes;
    last_buffer = buffer;
    EXPECT_EQ(len, kPage);
    EXPECT_TRUE(status.ok());
  }
  void EraseComplete(Result<void> status) override {
    ++erases;
    EXPECT_TRUE(status.ok());
  }
  int reads = 0, writes = 0, erases = 0;
  uint8_t* last_buffer = nullptr;
};

struct FreshDeferredCalls {
  FreshDeferredCalls() { tock::DeferredCall::ResetForTesting(cap); }
  ~FreshDeferredCalls() { tock::DeferredCall::ResetForTesting(cap); }
  tock::DeferredCallCapability cap = tock::CapabilityFactory::DeferredCall();
};

class NvmcTest : public ::testing::Test {
 protected:
  NvmcTest() { nvmc_.SetClient(client_); }
  void RunDeferred() {
    while (tock::DeferredCall::ServiceNext(deferred_.cap)) {
    }
  }
  std::vector<uint8_t> Pattern(uint8_t seed) {
    std::vector<uint8_t> v(kPage);
    for (size_t i = 0; i < kPage; ++i) {
      v[i] = static_cast<uint8_t>(seed + i * 7);
    }
    return v;
  }

  FreshDeferredCalls deferred_;
  FakeNvmc regs_;
  FakeFlash flash_{regs_};
  Nvmc nvmc_{regs_.base(), flash_.base()};
  Client client_;
};

TEST_F(NvmcTest, WriteThenReadBackOneCompletionEachFromADeferredCall) {
  auto data = Pattern(1);
  ASSERT_TRUE(nvmc_.WritePage(5, data.data(), kPage).ok());
  EXPECT_EQ(client_.writes, 0);  // never inside the caller's call
  EXPECT_EQ(nvmc_.ErasePage(6).error(), ErrorCode::kBusy);
  RunDeferred();
  EXPECT_EQ(client_.writes, 1);
  EXPECT_EQ(client_.last_buffer, data.data());
  EXPECT_EQ(flash_.PageBytes(5), data);
  EXPECT_EQ(regs_.wen(), NvmcConfig::kReadOnly);
  std::vector<uint8_t> back(kPage);
  ASSERT_TRUE(nvmc_.ReadPage(5, back.data(), kPage).ok());
  EXPECT_EQ(client_.reads, 0);
  RunDeferred();
  EXPECT_EQ(client_.reads, 1);
  EXPECT_EQ(back, data);
  EXPECT_EQ(flash_.PageBytes(4), std::vector<uint8_t>(kPage, 0xFF));
  EXPECT_EQ(regs_.violations, 0);
}

// Bug: WritePage programmed over the old contents without erasing, so the page read back as
// old AND new (the flash HIL says a write replaces the page, as upstream's NVMC erases first).
TEST_F(NvmcTest, WriteReplacesWhatThePageHeldBefore) {
  auto first = Pattern(1);
  auto second = Pattern(100);
  ASSERT_TRUE(nvmc_.WritePage(9, first.data(), kPage).ok());
  RunDeferred();
  ASSERT_TRUE(nvmc_.WritePage(9, second.data(), kPage).ok());
  RunDeferred();
  EXPECT_EQ(flash_.PageBytes(9), second);
  EXPECT_EQ(regs_.violations, 0);
}

TEST_F(NvmcTest, EraseSetsThePageToOnes) {
  auto data = Pattern(3);
  ASSERT_TRUE(nvmc_.WritePage(255, data.data(), kPage).ok());
  RunDeferred();
  ASSERT_TRUE(nvmc_.ErasePage(255).ok());
  EXPECT_EQ(client_.erases, 0);
  RunDeferred();
  EXPECT_EQ(client_.erases, 1);
  EXPECT_EQ(flash_.PageBytes(255), std::vector<uint8_t>(kPage, 0xFF));
  EXPECT_EQ(regs_.wen(), NvmcConfig::kReadOnly);
  EXPECT_EQ(regs_.violations, 0);
}

TEST_F(NvmcTest, RejectsBadPagesAndSizes) {
  std::vector<uint8_t> buf(kPage);
  EXPECT_EQ(nvmc_.ReadPage(256, buf.data(), kPage).error(), ErrorCode::kInval);
  EXPECT_EQ(nvmc_.WritePage(0, buf.data(), kPage - 1).error(), ErrorCode::kSize);
  EXPECT_EQ(nvmc_.ErasePage(256).error(), ErrorCode::kInval);
  RunDeferred();
  EXPECT_EQ(client_.reads + client_.writes + client_.erases, 0);
  EXPECT_EQ(nvmc_.PageSize(), 4096u);
  EXPECT_EQ(nvmc_.PageCount(), 256u);
}

}  // namespace
}  // namespace tock::nrf52840
