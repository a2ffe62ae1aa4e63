// Fuzz target: the console driver (0x1) on a UartDevice of the shared UART mux, wired as in
// capsules/console/console.h, with two processes writing and reading.
#include "capsules/console/console.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using tock::capsules::Console;

struct ConsoleBoard {
  explicit ConsoleBoard(tock::fuzz::Harness& h)
      : grant(h.kernel(), Console::kDriverNum, h.memory_cap()),
        console(h.NewUartDevice(), grant, tx, rx) {
    h.Register(Console::kDriverNum, console);
  }
  uint8_t tx[64] = {};
  uint8_t rx[64] = {};
  Console::GrantType grant;
  Console console;
};

}  // namespace

TOCK_FUZZ_BOARD(ConsoleBoard)
