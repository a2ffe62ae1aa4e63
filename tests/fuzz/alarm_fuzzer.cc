// Fuzz target: the alarm driver (0x0) on a virtual alarm of the shared alarm mux, wired as in
// capsules/alarm/alarm_driver.h; the harness moves the fake clock and fires it.
#include "capsules/alarm/alarm_driver.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using AlarmDriver = tock::capsules::AlarmDriver<tock::hil::time::Ticks32>;

struct AlarmBoard {
  explicit AlarmBoard(tock::fuzz::Harness& h)
      : grant(h.kernel(), AlarmDriver::kDriverNum, h.memory_cap()),
        alarm(h.NewVirtualAlarm(), grant) {
    h.Register(AlarmDriver::kDriverNum, alarm);
  }
  AlarmDriver::GrantType grant;
  AlarmDriver alarm;
};

}  // namespace

TOCK_FUZZ_BOARD(AlarmBoard)
