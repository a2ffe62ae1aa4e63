// PMSAv7 region arithmetic: size/alignment/subregion rules and the app RAM layout.
#include "platforms/arch/cortex_m/pmsav7.h"

#include <gtest/gtest.h>

namespace tockpp::cortex_m {
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

TEST(Pmsav7Test, AppMemoryKeepsGrantRegionInaccessible) {
  MpuConfig config;
  auto layout = AllocateAppMemory(0x20004100, 0x10000, 4096, 3000, 1024, config);
  ASSERT_TRUE(layout.has_value());
  // 3000 B rounds to 6 subregions of 512 B in a 4 KiB block; the 1 KiB grant fits above.
  EXPECT_EQ(layout->size, 0x1000u);
  EXPECT_EQ(layout->start % layout->size, 0u);
  EXPECT_GE(layout->start, 0x20004100u);
  const MpuRegion& ram = config.regions[kRamRegion];
  ExpectCoversExactly(ram, layout->start, layout->start + 0xC00);
  uint32_t kernel_break = layout->start + layout->size - 1024;
  EXPECT_FALSE(ram.Covers(kernel_break));
  EXPECT_FALSE(ram.Covers(layout->start + layout->size - 1));
}

TEST(Pmsav7Test, AppMemoryFailsWhenItDoesNotFit) {
  MpuConfig config;
  EXPECT_FALSE(AllocateAppMemory(0x20000000, 0x1000, 8192, 4096, 1024, config).has_value());
}

TEST(Pmsav7Test, BreakMovesBySubregionsButNeverOverGrants) {
  MpuConfig config;
  auto layout = AllocateAppMemory(0x20000000, 0x10000, 8192, 1000, 1024, config);
  ASSERT_TRUE(layout.has_value());
  uint32_t start = layout->start;
  uint32_t kernel_break = start + layout->size - 1000;  // grants need not be aligned
  uint32_t id = config.id;
  ASSERT_TRUE(UpdateAppMemory(start + 5000, kernel_break, config));
  EXPECT_NE(config.id, id);
  const MpuRegion& ram = config.regions[kRamRegion];
  EXPECT_TRUE(ram.Covers(start + 4999));
  EXPECT_FALSE(ram.Covers(kernel_break));
  // A break whose rounded-up subregion would reach the grant region is refused unchanged.
  uint32_t before = ram.rasr;
  EXPECT_FALSE(UpdateAppMemory(kernel_break - 8, kernel_break, config));
  EXPECT_EQ(ram.rasr, before);
  EXPECT_FALSE(UpdateAppMemory(kernel_break + 4, kernel_break, config));
}

TEST(Pmsav7Test, RamRegionNeedsAPowerOfTwoBlockAlignedToItsSize) {
  MpuConfig config;
  EXPECT_FALSE(SetRamRegion(0x20001000, 0x2000, 0x20001400, 0x20002800, config));
  EXPECT_FALSE(SetRamRegion(0x20000000, 0x3000, 0x20000400, 0x20002800, config));
  ASSERT_TRUE(SetRamRegion(0x20002000, 0x2000, 0x20002400, 0x20003800, config));
  const MpuRegion& ram = config.regions[kRamRegion];
  ExpectCoversExactly(ram, 0x20002000, 0x20002400);
  EXPECT_FALSE(ram.Covers(0x20003800));
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
}  // namespace tockpp::cortex_m
