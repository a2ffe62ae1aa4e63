// Process RAM placement: PMSAv7-expressible blocks that satisfy the kernel's request.
#include "platforms/arch/cortex_m/app_memory_allocator.h"

#include <gtest/gtest.h>

#include "platforms/arch/cortex_m/pmsav7.h"

namespace tockpp::cortex_m {
namespace {

tock::MemoryRequest Request(uint32_t app, uint32_t kernel) {
  return tock::MemoryRequest{app, kernel, tock::kNoFixedAddress, nullptr};
}

TEST(AppMemoryAllocatorTest, BlocksArePowerOfTwoAlignedAndBackToBack) {
  AppMemoryAllocator alloc(0x20002400, 0x20040000);
  auto a = alloc.Allocate(Request(5000, 1500));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value().memory_len, 0x2000u);
  EXPECT_EQ(a.value().memory_start % a.value().memory_len, 0u);
  EXPECT_GE(a.value().memory_start, 0x20002400u);
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
  EXPECT_GE(m.initial_app_break, m.memory_start + 3000);
  EXPECT_LE(m.initial_app_break, kernel_break);
  // The kernel's MPU setup for exactly this layout must succeed.
  MpuConfig config;
  EXPECT_TRUE(
      SetRamRegion(m.memory_start, m.memory_len, m.initial_app_break, kernel_break, config));
  EXPECT_FALSE(config.regions[kRamRegion].Covers(kernel_break));
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
}  // namespace tockpp::cortex_m
