// nRF52840 clock start-up.
#include "platforms/chips/nrf52840/clock.h"

namespace tock::nrf52840 {

void StartClocks(uintptr_t base) {
  const cm::StaticRef<ClockRegisters> clock{base};
  clock->events_hfclkstarted.Set(0);
  clock->tasks_hfclkstart.Set(1);
  while (!clock->events_hfclkstarted.IsSet(Event::kGenerated)) {
  }
  clock->events_lfclkstarted.Set(0);
  clock->lfclksrc.Write(LfClkSrc::kSource.Val(LfClkSrc::kXtal));
  clock->tasks_lfclkstart.Set(1);
  while (!clock->events_lfclkstarted.IsSet(Event::kGenerated)) {
  }
}

}  // namespace tock::nrf52840
