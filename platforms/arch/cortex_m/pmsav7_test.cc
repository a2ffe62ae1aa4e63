// PMSAv7 region arithmetic: size/alignment/subregion rules and the app RAM layout.
#include "platforms/arch/cortex_m/pmsav7.h"

#include <gtest/gtest.h>

namespace tock::cortex_m {
namespace {

// Every byte of [start, end) accessible and the bytes just outside not.
void ExpectCoversExactly(const MpuRegion& r, uint32_t start, uint32_t end) {
  EXPECT_TRUE(r.Covers(start));
  EXPECT_TRUE(r.Covers(end - 1));
  if (start > 0) {
    EXPECT_FALSE(r.Covers(start - 1));
  }
  EXPECT_FALSE(r.Covers(end));
}

TEST(Pmsav7Test, AlignedPowerOfTwoUsesWholeRegion) {
  auto r = ExactRegion(0x20000, 0x10000, MpuPermissions::kReadExecuteOnly);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->base(), 0x20000u);
  EXPECT_EQ(r->size(), 0x10000u);
  EXPECT_EQ(Rasr::kSrd.Read(r->rasr), 0u);
  EXPECT_EQ(Rasr::kSize.Read(r->rasr), 15u);  // 2^(15+1)
  EXPECT_EQ(Rasr::kXn.Read(r->rasr), 0u);     // executable
  EXPECT_EQ(Rasr::kAp.Read(r->rasr), Rasr::kApReadOnly);
}

TEST(Pmsav7Test, UnalignedSpanUsesSubregions) {
  // 3 KiB starting 1 KiB into a 4 KiB block: subregions 2..7 of 512 B each.
  auto r = ExactRegion(0x40400, 0xC00, MpuPermissions::kReadWriteOnly);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->base(), 0x40000u);
  EXPECT_EQ(r->size(), 0x1000u);
  EXPECT_EQ(Rasr::kSrd.Read(r->rasr), 0b0000'0011u);
  EXPECT_EQ(Rasr::kXn.Read(r->rasr), 1u);
  ExpectCoversExactly(*r, 0x40400, 0x41000);
}

TEST(Pmsav7Test, SpanNotOnSubregionBoundaryIsRejected) {
  EXPECT_FALSE(ExactRegion(0x40010, 0x100, MpuPermissions::kReadOnly).has_value());
  EXPECT_FALSE(ExactRegion(0x1000, 0, MpuPermissions::kReadOnly).has_value());
}

TEST(Pmsav7Test, SmallRegionsHaveNoSubregions) {
  auto r = ExactRegion(0x100, 32, MpuPermissions::kReadOnly);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->size(), 32u);
  ExpectCoversExactly(*r, 0x100, 0x120);
}

// The process RAM numbers below follow upstream Tock's Cortex-M allocate_app_memory_region /
// update_app_memory_region (arch/cortex-m/src/mpu.rs), worked by hand: block = max(min, app +
// kernel) rounded up to a power of two (>= 512), two regions of block/2 aligned to block/2,
// subregion = block/16; allocation enables app * 8 / (block/2) + 1 subregions and doubles the
// block once if they would reach block end - kernel; an update enables ceil(app / subregion).

uint32_t Srd(const MpuRegion& r) { return Rasr::kSrd.Read(r.rasr); }

TEST(Pmsav7Test, AllocationOpensOneSubregionPastTheBreak) {
  // 3000 + 1024 -> 4096-byte block, 256-byte subregions; 3000 * 8 / 2048 + 1 = 12 subregions,
  // ending exactly at the kernel break 0x20000C00.
  MpuConfig config;
  auto layout = AllocateAppMemory(0x20000000, 0x40000, 0, 3000, 1024, config);
  ASSERT_TRUE(layout.has_value());
  EXPECT_EQ(layout->start, 0x20000000u);
  EXPECT_EQ(layout->size, 0x1000u);
  const MpuRegion& low = config.regions[kRamRegion];
  const MpuRegion& high = config.regions[kRamRegionHigh];
  EXPECT_EQ(low.base(), 0x20000000u);
  EXPECT_EQ(low.size(), 0x800u);
  EXPECT_EQ(Srd(low), 0x00u);
  EXPECT_EQ(high.base(), 0x20000800u);
  EXPECT_EQ(high.size(), 0x800u);
  EXPECT_EQ(Srd(high), 0xF0u);
  EXPECT_EQ(AppAccessibleEnd(config), 0x20000C00u);
  EXPECT_TRUE(ConfigCovers(config, 0x20000BFC));
  EXPECT_FALSE(ConfigCovers(config, 0x20000C00));
  EXPECT_FALSE(ConfigCovers(config, 0x20000FFF));
}

TEST(Pmsav7Test, SubregionAlignedBreakStaysReadableByDoublingTheBlock) {
  // 1024 + 1024 -> 2048 block, 128-byte subregions: 9 subregions end at +1152, past the kernel
  // break +1024, so the block doubles to 4096 (256-byte subregions): 1024 * 8 / 2048 + 1 = 5,
  // ending at +1280. The word at the break (+1024) is readable (before: block 2048, end +1024).
  MpuConfig config;
  auto layout = AllocateAppMemory(0x20000000, 0x40000, 0, 1024, 1024, config);
  ASSERT_TRUE(layout.has_value());
  EXPECT_EQ(layout->start, 0x20000000u);
  EXPECT_EQ(layout->size, 0x1000u);
  EXPECT_EQ(Srd(config.regions[kRamRegion]), 0xE0u);
  EXPECT_FALSE(config.regions[kRamRegionHigh].enabled());
  EXPECT_EQ(AppAccessibleEnd(config), 0x20000500u);
  EXPECT_TRUE(ConfigCovers(config, 0x20000400));
  EXPECT_FALSE(ConfigCovers(config, 0x20000500));
}

TEST(Pmsav7Test, BlockIsAlignedToHalfItsSize) {
  // 5000 + 1500 -> 8192 block; start rounds 0x20000C00 up to a 4096 multiple, 0x20001000 (not
  // an 8192 multiple); 40000 / 4096 + 1 = 10 subregions of 512 -> end 0x20002400.
  MpuConfig config;
  auto layout = AllocateAppMemory(0x20000C00, 0x40000, 0, 5000, 1500, config);
  ASSERT_TRUE(layout.has_value());
  EXPECT_EQ(layout->start, 0x20001000u);
  EXPECT_EQ(layout->size, 0x2000u);
  EXPECT_EQ(config.regions[kRamRegionHigh].base(), 0x20002000u);
  EXPECT_EQ(Srd(config.regions[kRamRegionHigh]), 0xFCu);
  EXPECT_EQ(AppAccessibleEnd(config), 0x20002400u);
}

TEST(Pmsav7Test, SmallestBlockIs512Bytes) {
  // 32 + 100 -> 512 block of two 256-byte regions, 32-byte subregions: 32 * 8 / 256 + 1 = 2.
  MpuConfig config;
  auto layout = AllocateAppMemory(0x20000010, 0x40000, 0, 32, 100, config);
  ASSERT_TRUE(layout.has_value());
  EXPECT_EQ(layout->start, 0x20000100u);
  EXPECT_EQ(layout->size, 512u);
  EXPECT_EQ(Srd(config.regions[kRamRegion]), 0xFCu);
  EXPECT_EQ(AppAccessibleEnd(config), 0x20000140u);
}

TEST(Pmsav7Test, AppMemoryFailsWhenItDoesNotFit) {
  MpuConfig config;
  EXPECT_FALSE(AllocateAppMemory(0x20000000, 0x1000, 8192, 4096, 1024, config).has_value());
  // Doubled to 4096 and aligned to 2048: 0x20000800 + 0x1000 is past the end.
  EXPECT_FALSE(AllocateAppMemory(0x20000100, 0x1000, 0, 1024, 1024, config).has_value());
}

TEST(Pmsav7Test, BreakMovesBySubregionsRoundedUp) {
  MpuConfig config;
  auto layout = AllocateAppMemory(0x20000000, 0x40000, 0, 3000, 1024, config);
  ASSERT_TRUE(layout.has_value());
  const uint32_t kernel_break = 0x20000C00;
  uint32_t id = config.id;
  ASSERT_TRUE(UpdateAppMemory(0x20000800, kernel_break, config));  // 2048 / 256 = 8
  EXPECT_NE(config.id, id);
  EXPECT_EQ(AppAccessibleEnd(config), 0x20000800u);
  EXPECT_FALSE(config.regions[kRamRegionHigh].enabled());
  EXPECT_FALSE(ConfigCovers(config, 0x20000800));
  ASSERT_TRUE(UpdateAppMemory(0x20000801, kernel_break, config));  // ceil(2049 / 256) = 9
  EXPECT_EQ(AppAccessibleEnd(config), 0x20000900u);
  EXPECT_EQ(Srd(config.regions[kRamRegionHigh]), 0xFEu);
  ASSERT_TRUE(UpdateAppMemory(0x20000BB9, kernel_break, config));  // ceil(3001 / 256) = 12
  EXPECT_EQ(AppAccessibleEnd(config), 0x20000C00u);
  ASSERT_TRUE(UpdateAppMemory(0x20000001, kernel_break, config));  // ceil(1 / 256) = 1
  EXPECT_EQ(AppAccessibleEnd(config), 0x20000100u);
  // ceil(3073 / 256) = 13 would reach the kernel break: refused, unchanged.
  const MpuConfig before = config;
  EXPECT_FALSE(UpdateAppMemory(0x20000C01, kernel_break, config));
  EXPECT_EQ(config.regions[kRamRegion].rasr, before.regions[kRamRegion].rasr);
  EXPECT_EQ(config.regions[kRamRegionHigh].rasr, before.regions[kRamRegionHigh].rasr);
  EXPECT_FALSE(UpdateAppMemory(kernel_break + 4, kernel_break, config));
}

TEST(Pmsav7Test, GrantAllocationKeepsTheSubregionPastTheBreakWhileItFits) {
  // The QEMU board's case: TBF minimum RAM 3072, 312 kernel bytes -> 4096 block, 13 subregions
  // of 256 (end +3328) with the break at +3072.
  MpuConfig config;
  auto layout = AllocateAppMemory(0x20003000, 0x40000, 0, 3072, 312, config);
  ASSERT_TRUE(layout.has_value());
  EXPECT_EQ(AppAccessibleEnd(config), 0x20003D00u);
  const uint32_t app_break = 0x20003C00;
  ASSERT_TRUE(UpdateAppMemory(app_break, 0x20003E00, config));  // kernel break lowered
  EXPECT_EQ(AppAccessibleEnd(config), 0x20003D00u);
  EXPECT_TRUE(ConfigCovers(config, app_break));
  // Once the grant region would overlap it, the extra subregion goes (upstream's rounding).
  ASSERT_TRUE(UpdateAppMemory(app_break, 0x20003C80, config));
  EXPECT_EQ(AppAccessibleEnd(config), 0x20003C00u);
  // A real brk uses upstream's rounding: ceil(3072 / 256) = 12.
  ASSERT_TRUE(SetRamRegion(0x20003000, 0x1000, app_break, 0x20003EC8, config));
  EXPECT_EQ(AppAccessibleEnd(config), 0x20003D00u);
  ASSERT_TRUE(UpdateAppMemory(app_break - 8, 0x20003EC8, config));
  ASSERT_TRUE(UpdateAppMemory(app_break, 0x20003EC8, config));
  EXPECT_EQ(AppAccessibleEnd(config), 0x20003C00u);
}

TEST(Pmsav7Test, RamRegionNeedsAPowerOfTwoBlockAlignedToHalfItsSize) {
  MpuConfig config;
  EXPECT_FALSE(SetRamRegion(0x20000800, 0x2000, 0x20000C00, 0x20002000, config));
  EXPECT_FALSE(SetRamRegion(0x20000000, 0x3000, 0x20000400, 0x20002800, config));
  EXPECT_FALSE(SetRamRegion(0x20000000, 0x100, 0x20000020, 0x20000080, config));
  // Start of a process: 0x400 * 8 / 0x1000 + 1 = 3 subregions of 0x200 -> end 0x20002600.
  ASSERT_TRUE(SetRamRegion(0x20002000, 0x2000, 0x20002400, 0x20003800, config));
  EXPECT_EQ(AppAccessibleEnd(config), 0x20002600u);
  EXPECT_TRUE(ConfigCovers(config, 0x20002400));
  EXPECT_FALSE(ConfigCovers(config, 0x20002600));
  ASSERT_TRUE(SetRamRegion(0x20001000, 0x2000, 0x20001400, 0x20002800, config));
  EXPECT_EQ(AppAccessibleEnd(config), 0x20001600u);
  // The extra subregion would reach the kernel break: only up to the break.
  ASSERT_TRUE(SetRamRegion(0x20002000, 0x2000, 0x20002400, 0x20002500, config));
  EXPECT_EQ(AppAccessibleEnd(config), 0x20002400u);
  EXPECT_FALSE(SetRamRegion(0x20002000, 0x2000, 0x20002400, 0x20002300, config));
}

TEST(Pmsav7Test, FlashRegionWidensOnlyUpwardWhenUnaligned) {
  MpuConfig config;
  ASSERT_TRUE(SetFlashRegion(0x40000, 0x2000, config));
  ExpectCoversExactly(config.regions[kFlashRegion], 0x40000, 0x42000);
  ASSERT_TRUE(SetFlashRegion(0x40000, 0x1F10, config));
  const MpuRegion& r = config.regions[kFlashRegion];
  EXPECT_TRUE(r.Covers(0x40000));
  EXPECT_TRUE(r.Covers(0x41F0F));
  EXPECT_FALSE(r.Covers(0x3FFFF));
}

}  // namespace
}  // namespace tock::cortex_m
