// Typed register helpers behave like tock-registers on plain memory.
#include "platforms/arch/cortex_m/registers.h"

#include <gtest/gtest.h>

namespace tock::cortex_m {
namespace {

struct Ctrl {
  static constexpr Field<uint32_t, Ctrl, 0, 1> kEnable{};
  static constexpr Field<uint32_t, Ctrl, 4, 3> kMode{};
  static constexpr Field<uint32_t, Ctrl, 31, 1> kTop{};
};

struct Block {
  ReadWrite<uint32_t, Ctrl> ctrl;
  ReadOnly<uint32_t> status;
  WriteOnly<uint32_t, Ctrl> command;
};

TEST(RegistersTest, WriteReplacesAllBitsAndModifyKeepsOthers) {
  Block b{};
  b.ctrl.Set(0xFFFF'0000u);
  b.ctrl.Write(Ctrl::kMode.Val(5));
  EXPECT_EQ(b.ctrl.Get(), 5u << 4);
  b.ctrl.Set(0xFFFF'0000u);
  b.ctrl.Modify(Ctrl::kEnable.Set() + Ctrl::kMode.Val(2));
  EXPECT_EQ(b.ctrl.Get(), 0xFFFF'0000u | 1u | (2u << 4));
  b.ctrl.Modify(Ctrl::kTop.Clear());
  EXPECT_EQ(b.ctrl.Get(), 0x7FFF'0000u | 1u | (2u << 4));
}

TEST(RegistersTest, ReadExtractsFieldAndTruncatesValues) {
  Block b{};
  b.ctrl.Write(Ctrl::kMode.Val(0xF));  // only 3 bits fit
  EXPECT_EQ(b.ctrl.Read(Ctrl::kMode), 7u);
  EXPECT_FALSE(b.ctrl.IsSet(Ctrl::kEnable));
  EXPECT_TRUE(b.ctrl.MatchesAll(Ctrl::kMode.Val(7) + Ctrl::kEnable.Clear()));
  EXPECT_FALSE(b.ctrl.MatchesAll(Ctrl::kMode.Val(7) + Ctrl::kEnable.Set()));
}

TEST(RegistersTest, FullWidthFieldMaskIsAllOnes) {
  using Whole = Field<uint32_t, Ctrl, 0, 32>;
  EXPECT_EQ(Whole::kMask, 0xFFFF'FFFFu);
  EXPECT_EQ(Whole::Val(0x1234'5678u).value, 0x1234'5678u);
}

TEST(RegistersTest, BlockLayoutMatchesRegisterOffsets) {
  EXPECT_EQ(offsetof(Block, status), 4u);
  EXPECT_EQ(offsetof(Block, command), 8u);
  EXPECT_EQ(sizeof(Block), 12u);
}

TEST(RegistersTest, StaticRefPointsAtAddress) {
  Block b{};
  StaticRef<Block> ref(reinterpret_cast<uintptr_t>(&b));
  ref->command.Write(Ctrl::kEnable.Set());
  EXPECT_EQ(&*ref, &b);
}

}  // namespace
}  // namespace tock::cortex_m
