// The one tockpp-only helper left in the old flat alarm header.
#include "libtock/alarm.h"

uint32_t libtock_alarm_ms_to_ticks(uint32_t ms, uint32_t hz) {
  const uint32_t seconds = ms / 1000, millis = ms % 1000;
  const uint64_t ticks =
      (uint64_t)seconds * hz + (uint64_t)millis * (hz / 1000) + (millis * (hz % 1000)) / 1000;
  return ticks > UINT32_MAX ? UINT32_MAX : (uint32_t)ticks;
}
