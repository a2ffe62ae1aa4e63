// StartClocks against a model of CLOCK (nRF52840 PS §5.4): each start task raises its
// STARTED event; LFCLKSRC must be chosen before LFCLKSTART.
#include "platforms/chips/nrf52840/clock.h"

#include <gtest/gtest.h>

#include <cstddef>

#include "platforms/chips/nrf52840/nrf_fake.h"

namespace tock::nrf52840 {
namespace {

#define OFF(field) offsetof(ClockRegisters, field)

class FakeClock : public testing::NrfPeripheralFake<ClockRegisters> {
 public:
  uint32_t lf_source_at_start = 0xFF;

 protected:
  void Task(size_t offset) override {
    if (offset == OFF(tasks_hfclkstart)) {
      RaiseEvent(OFF(events_hfclkstarted));
    }
    if (offset == OFF(tasks_lfclkstart)) {
      lf_source_at_start = Peek(OFF(lfclksrc));
      RaiseEvent(OFF(events_lfclkstarted));
    }
  }
};

TEST(ClockTest, StartsBothCrystals) {
  FakeClock fake;
  StartClocks(fake.base());
  EXPECT_EQ(fake.lf_source_at_start, LfClkSrc::kXtal);
  EXPECT_EQ(fake.StoreCount(OFF(tasks_hfclkstart)), 1u);
  EXPECT_EQ(fake.StoreCount(OFF(tasks_lfclkstart)), 1u);
}

}  // namespace
}  // namespace tock::nrf52840
