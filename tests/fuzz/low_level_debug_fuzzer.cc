// Fuzz target: the low-level debug driver (0x8) on a UartDevice of the shared UART mux.
#include "capsules/low_level_debug/low_level_debug.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using tock::capsules::LowLevelDebug;

struct LowLevelDebugBoard {
  explicit LowLevelDebugBoard(tock::fuzz::Harness& h)
      : grant(h.kernel(), LowLevelDebug::kDriverNum, h.memory_cap()),
        lld(h.NewUartDevice(), grant, buffer) {
    h.Register(LowLevelDebug::kDriverNum, lld);
  }
  uint8_t buffer[LowLevelDebug::kBufferLen] = {};
  LowLevelDebug::GrantType grant;
  LowLevelDebug lld;
};

}  // namespace

TOCK_FUZZ_BOARD(LowLevelDebugBoard)
