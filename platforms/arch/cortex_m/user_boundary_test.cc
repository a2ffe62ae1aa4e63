// The stacked-frame ABI: where the first frame goes, which registers a return writes, how an
// upcall frame is built (syscall-abi.md §5), and that nothing is written outside the process.
#include "platforms/arch/cortex_m/user_boundary.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstring>

namespace tock::cortex_m {
namespace {

// Process RAM at a 32-bit address, as on the MCU.
class UserBoundaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    void* p = mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
                   -1, 0);
    ASSERT_NE(p, MAP_FAILED);
    ram_ = static_cast<uint8_t*>(p);
    std::memset(ram_, 0xA5, kSize);
    start_ = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(ram_));
  }
  void TearDown() override { munmap(ram_, kSize); }

  ProcessMemory Mem(uint32_t brk_offset) const { return {start_, start_ + brk_offset}; }

  static constexpr size_t kSize = 4096;
  uint8_t* ram_ = nullptr;
  uint32_t start_ = 0;
};

TEST_F(UserBoundaryTest, FirstFrameSitsBelowTheBreakAndEntersCrt0WithItsArguments) {
  StoredState s;
  const uint32_t args[4] = {0x40000, start_, 4096, start_ + 0x800};
  ASSERT_TRUE(UserBoundary::StartProcess(s, Mem(0x800), start_ + 0x800, 0x40069, args));
  EXPECT_EQ(s.psp, start_ + 0x800 - 32);
  const HwFrame* f = UserBoundary::FrameOf(s, Mem(0x800));
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->r0, 0x40000u);
  EXPECT_EQ(f->r1, start_);
  EXPECT_EQ(f->r2, 4096u);
  EXPECT_EQ(f->r3, start_ + 0x800);
  EXPECT_EQ(f->pc, 0x40068u);    // Thumb bit lives in xPSR, not the stacked PC
  EXPECT_EQ(f->xpsr, 1u << 24);  // T bit
}

TEST_F(UserBoundaryTest, FrameOutsideProcessMemoryIsRejected) {
  StoredState s;
  const uint32_t args[4] = {};
  EXPECT_FALSE(UserBoundary::StartProcess(s, Mem(16), start_ + 16, 0x40001, args));
  s.psp = start_ - 32;  // below the process's RAM
  EXPECT_EQ(UserBoundary::FrameOf(s, Mem(0x800)), nullptr);
  s.psp = start_ + 0x800 - 16;  // frame would cross the break
  EXPECT_EQ(UserBoundary::FrameOf(s, Mem(0x800)), nullptr);
  s.psp = start_ + 2;  // misaligned
  EXPECT_EQ(UserBoundary::FrameOf(s, Mem(0x800)), nullptr);
}

TEST_F(UserBoundaryTest, SyscallReturnWritesOnlyTheGivenRegisters) {
  StoredState s;
  const uint32_t args[4] = {1, 2, 3, 4};
  ASSERT_TRUE(UserBoundary::StartProcess(s, Mem(0x800), start_ + 0x800, 0x40001, args));
  const uint32_t ret[2] = {130, 0xDEAD};
  ASSERT_TRUE(UserBoundary::SetSyscallReturn(s, Mem(0x800), ret, 2));
  const HwFrame* f = UserBoundary::FrameOf(s, Mem(0x800));
  EXPECT_EQ(f->r0, 130u);
  EXPECT_EQ(f->r1, 0xDEADu);
  EXPECT_EQ(f->r2, 3u);
  EXPECT_EQ(f->r3, 4u);
}

TEST_F(UserBoundaryTest, UpcallReturnsToTheInstructionAfterTheYield) {
  StoredState s;
  s.psp = start_ + 0x400;
  s.yield_pc = 0x40122;  // address after the app's `svc 0`
  HwFrame* f = UserBoundary::FrameOf(s, Mem(0x800));
  ASSERT_NE(f, nullptr);
  *f = HwFrame{0, 0, 0, 0, 0x77, 0x4011D, 0x40122, (1u << 24) | (1u << 9)};
  const uint32_t args[4] = {10, 20, 30, 0xCAFE};
  ASSERT_TRUE(UserBoundary::DeliverUpcall(s, Mem(0x800), 0x40201, args));
  EXPECT_EQ(f->r0, 10u);
  EXPECT_EQ(f->r1, 20u);
  EXPECT_EQ(f->r2, 30u);
  EXPECT_EQ(f->r3, 0xCAFEu);
  EXPECT_EQ(f->pc, 0x40200u);
  EXPECT_EQ(f->lr, 0x40123u);  // yield_pc | 1: returns in Thumb state
  // The padding flag must survive, or the app's SP is off by 4 after the upcall returns.
  EXPECT_EQ(f->xpsr, (1u << 24) | (1u << 9));
  EXPECT_EQ(f->r12, 0x77u);
}

TEST_F(UserBoundaryTest, NothingIsWrittenWhenTheStackPointerIsBad) {
  StoredState s;
  s.psp = start_ + 0x800 - 8;
  const uint32_t args[4] = {1, 2, 3, 4};
  EXPECT_FALSE(UserBoundary::DeliverUpcall(s, Mem(0x800), 0x40201, args));
  const uint32_t ret[4] = {1, 2, 3, 4};
  EXPECT_FALSE(UserBoundary::SetSyscallReturn(s, Mem(0x800), ret, 4));
  for (size_t i = 0; i < kSize; ++i) {
    ASSERT_EQ(ram_[i], 0xA5) << i;
  }
}

}  // namespace
}  // namespace tock::cortex_m
