// Fuzz target: process console input. The process console and the console driver share the
// UART mux; the fuzzer types bytes (commands, escapes, history) while apps run, and the
// console's stop/start/terminate/fault/boot commands act on the real kernel.
#include "capsules/console/console.h"
#include "capsules/process_console/kernel_process_management.h"
#include "capsules/process_console/process_console.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using tock::capsules::Console;

struct ProcessConsoleBoard {
  explicit ProcessConsoleBoard(tock::fuzz::Harness& h)
      : grant(h.kernel(), Console::kDriverNum, h.memory_cap()),
        console(h.NewUartDevice(), grant, tx, rx),
        pm(
            h.kernel(), h.process_cap(), h.loop_cap(), [](const char*) {}, [] {}),
        pconsole(h.NewUartDevice(), pm) {
    h.Register(Console::kDriverNum, console);
    pconsole.Start();
  }
  uint8_t tx[64] = {};
  uint8_t rx[64] = {};
  Console::GrantType grant;
  Console console;
  tock::capsules::KernelProcessManagement pm;
  tock::capsules::ProcessConsole pconsole;
};

}  // namespace

TOCK_FUZZ_BOARD(ProcessConsoleBoard)
