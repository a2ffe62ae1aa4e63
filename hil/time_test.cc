// Tests for the Ticks arithmetic every alarm user depends on: wrap at the tick width,
// WithinRange across wrap, left-justification of narrow counters.
#include "hil/time.h"

#include <gtest/gtest.h>

#include "hil/alarm.h"
#include "hil/button.h"
#include "hil/entropy.h"
#include "hil/flash.h"
#include "hil/led.h"
#include "hil/uart.h"

namespace tock::hil::time {
namespace {

TEST(TicksTest, ConstructionMasksToWidth) {
  EXPECT_EQ(Ticks24(0x12345678).value(), 0x345678u);
  EXPECT_EQ(Ticks32(0xFFFFFFFF).value(), 0xFFFFFFFFu);
  EXPECT_EQ(Ticks16::Max().value(), 0xFFFFu);
}

TEST(TicksTest, AddAndSubWrapAtWidth) {
  EXPECT_EQ(Ticks32(0xFFFFFFF0).WrappingAdd(Ticks32(0x20)).value(), 0x10u);
  EXPECT_EQ(Ticks24(0xFFFFF0).WrappingAdd(Ticks24(0x20)).value(), 0x10u);
  EXPECT_EQ(Ticks24(0x10).WrappingSub(Ticks24(0x20)).value(), 0xFFFFF0u);
}

TEST(TicksTest, WithinRangeHandlesWrap) {
  Ticks32 start(0xFFFFFF00), end(0x100);
  EXPECT_TRUE(Ticks32(0xFFFFFF00).WithinRange(start, end));
  EXPECT_TRUE(Ticks32(0xFFFFFFFF).WithinRange(start, end));
  EXPECT_TRUE(Ticks32(0).WithinRange(start, end));
  EXPECT_TRUE(Ticks32(0xFF).WithinRange(start, end));
  EXPECT_FALSE(Ticks32(0x100).WithinRange(start, end));
  EXPECT_FALSE(Ticks32(0x80000000).WithinRange(start, end));
}

TEST(TicksTest, EmptyRangeContainsNothing) {
  EXPECT_FALSE(Ticks32(5).WithinRange(Ticks32(5), Ticks32(5)));
}

TEST(TicksTest, LeftJustifiedScalesNarrowCounters) {
  EXPECT_EQ(Ticks24(0xFFFFFF).LeftJustified(), 0xFFFFFF00u);
  EXPECT_EQ(Ticks32(0x1234).LeftJustified(), 0x1234u);
}

}  // namespace
}  // namespace tock::hil::time
