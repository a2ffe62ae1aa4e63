// Process RAM placement: PMSAv7-expressible blocks that satisfy the kernel's request.
#include "platforms/arch/cortex_m/app_memory_allocator.h"

#include <gtest/gtest.h>

#include "platforms/arch/cortex_m/pmsav7.h"

namespace tock::cortex_m {
namespace {

tock::MemoryRequest Request(uint32_t app, uint32_t kernel) {
  return tock::MemoryRequest{app, kernel, tock::kNoFixedAddress, nullptr};
}

TEST(AppMemoryAllocatorTest, BlocksArePowerOfTwoAlignedAndBackToBack) {
  AppMemoryAllocator alloc(0x20002400, 0x20040000);
  auto a = alloc.Allocate(Request(5000, 1500));
  ASSERT_TRUE(a.ok());
  // 5000 + 1500 -> an 8 KiB block aligned to 4 KiB (upstream's two half-size regions).
  EXPECT_EQ(a.value().memory_len, 0x2000u);
  EXPECT_EQ(a.value().memory_start, 0x20003000u);
  EXPECT_EQ(a.value().initial_app_break, 0x20003000u + 5000);
  auto b = alloc.Allocate(Request(5000, 1500));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b.value().memory_start, a.value().memory_start + a.value().memory_len);
}

TEST(AppMemoryAllocatorTest, InitialBreakLeavesTheKernelRegionOutOfReach) {
  AppMemoryAllocator alloc(0x20000000, 0x20040000);
  auto a = alloc.Allocate(Request(3000, 1024));
  ASSERT_TRUE(a.ok());
  const tock::MemoryAllocation& m = a.value();
  const uint32_t kernel_break = m.memory_start + m.memory_len - 1024;
  EXPECT_EQ(m.initial_app_break, m.memory_start + 3000);
  EXPECT_LE(m.initial_app_break, kernel_break);
  // The kernel's MPU setup for exactly this layout must succeed.
  MpuConfig config;
  EXPECT_TRUE(
      SetRamRegion(m.memory_start, m.memory_len, m.initial_app_break, kernel_break, config));
  EXPECT_TRUE(ConfigCovers(config, m.initial_app_break));
  EXPECT_FALSE(ConfigCovers(config, kernel_break));
}

TEST(AppMemoryAllocatorTest, WordAtTheInitialBreakIsReadable) {
  // A subregion-aligned minimum RAM (3072, as tbf gives a 1 KiB stack, app and kernel heap):
  // the break is start + 3072 and the MPU opens the subregion above it (upstream's allocation
  // rule), as upstream's mpu_no_libc expects.
  AppMemoryAllocator alloc(0x20003000, 0x20040000);
  auto a = alloc.Allocate(Request(3072, 312));
  ASSERT_TRUE(a.ok());
  const tock::MemoryAllocation& m = a.value();
  EXPECT_EQ(m.memory_start, 0x20003000u);
  EXPECT_EQ(m.memory_len, 0x1000u);
  EXPECT_EQ(m.initial_app_break, 0x20003C00u);
  MpuConfig config;
  ASSERT_TRUE(SetRamRegion(m.memory_start, m.memory_len, m.initial_app_break,
                           m.memory_start + m.memory_len - 312, config));
  EXPECT_TRUE(ConfigCovers(config, 0x20003C00));
  EXPECT_EQ(AppAccessibleEnd(config), 0x20003D00u);
}

TEST(AppMemoryAllocatorTest, TinyRequestsGetTheExceptionFrame) {
  AppMemoryAllocator alloc(0x20000000, 0x20040000);
  auto a = alloc.Allocate(Request(0, 100));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().memory_len, 512u);
  EXPECT_EQ(a.value().initial_app_break, a.value().memory_start + 32);
}

TEST(AppMemoryAllocatorTest, RunsOutOfMemoryCleanly) {
  AppMemoryAllocator alloc(0x20000000, 0x20004000);
  ASSERT_TRUE(alloc.Allocate(Request(6000, 1024)).ok());  // 8 KiB
  ASSERT_TRUE(alloc.Allocate(Request(6000, 1024)).ok());  // 8 KiB
  auto c = alloc.Allocate(Request(100, 100));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error(), tock::ErrorCode::kNoMem);
}

TEST(AppMemoryAllocatorTest, FixedRamAddressesAreNotSupported) {
  AppMemoryAllocator alloc(0x20000000, 0x20040000);
  tock::MemoryRequest r = Request(1000, 1000);
  r.fixed_ram_address = 0x20010000;
  auto a = alloc.Allocate(r);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error(), tock::ErrorCode::kNoSupport);
}

}  // namespace
}  // namespace tock::cortex_m
