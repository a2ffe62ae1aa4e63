#include "alarm.h"

// Each wait owns its alarm and flag on its own stack frame, so waits may nest (a callback that
// runs during one wait may start another).
static void set_flag(uint32_t now, uint32_t scheduled, void* opaque) {
  (void)now;
  (void)scheduled;
  *(volatile bool*)opaque = true;
}

int libtocksync_alarm_delay_ms(uint32_t ms) {
  bool fired = false;
  libtock_alarm_t alarm;
  int rc = libtock_alarm_in_ms(ms, set_flag, &fired, &alarm);
  if (rc != RETURNCODE_SUCCESS) {
    libtock_alarm_ms_cancel(&alarm);
    return rc;
  }
  yield_for(&fired);
  return RETURNCODE_SUCCESS;
}

int libtocksync_alarm_yield_for_with_timeout(bool* cond, uint32_t ms) {
  bool expired = false;
  libtock_alarm_t alarm;
  int rc = libtock_alarm_in_ms(ms, set_flag, &expired, &alarm);
  if (rc != RETURNCODE_SUCCESS) {
    libtock_alarm_ms_cancel(&alarm);
    return rc;
  }
  while (!*(volatile bool*)cond) {
    if (*(volatile bool*)&expired) return RETURNCODE_FAIL;
    yield();
  }
  libtock_alarm_ms_cancel(&alarm);
  return RETURNCODE_SUCCESS;
}
