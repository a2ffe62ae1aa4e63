// ProcessConsoleParts: upstream's process console for a Cortex-M board, on the board's console
// UART mux: the ProcessConsoleComponent (capsules/components, as on the host board) plus what
// only a Cortex-M board has: the capabilities it needs, a panic and a SCB reset, and the kernel
// addresses its `kernel` command prints, taken from the linker symbols every board's layout.ld
// defines. A board declares one
// as a static next to its CoreParts and calls Start() once its polled boot lines are out.
#ifndef TOCKPP_PLATFORMS_BOARDS_COMMON_PROCESS_CONSOLE_PARTS_H_
#define TOCKPP_PLATFORMS_BOARDS_COMMON_PROCESS_CONSOLE_PARTS_H_

#include <cstdint>

#include "capsules/components/process_console_component.h"
#include "capsules/process_console/process_console.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "kernel/capability_factory.h"
#include "kernel/kernel.h"
#include "platforms/arch/cortex_m/fault_dump.h"
#include "platforms/arch/cortex_m/scb.h"
#include "platforms/arch/cortex_m/vector_table.h"

extern "C" {
// Kernel layout symbols (board layout.ld); _estack comes from vector_table.h.
extern uint8_t _stext[], _srodata[], _etext[], _sstack[], _sdata[], _edata[], _sbss[], _ebss[];
}

namespace tock::boards {

class ProcessConsoleParts {
 public:
  // `build` names the kernel in the console's "Kernel version: ... (build <build>)".
  ProcessConsoleParts(tock::capsules::MuxUart& mux, tock::Kernel& kernel, const char* build)
      : component_(mux, kernel, process_cap_, loop_cap_, &Panic, &Reset, &kAddresses, build) {}

  // Prints the welcome and starts listening (upstream's boards start it active).
  void Start() { component_.Start(); }

  tock::capsules::ProcessConsole& console() { return component_.console(); }

 private:
  static uint32_t Addr(const void* p) {
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p));
  }
  [[noreturn]] static void Panic(const char* message) { cortex_m::Panic(message); }
  static void Reset() {
    cortex_m::kScb->aircr.Write(cortex_m::Aircr::kVectKey.Val(cortex_m::Aircr::kKey) +
                                cortex_m::Aircr::kSysResetReq.Set());
    for (;;) {
    }
  }

  inline static const tock::capsules::ProcessConsole::KernelAddresses kAddresses = {
      Addr(_sstack), static_cast<uint32_t>(reinterpret_cast<uintptr_t>(&_estack)),
      Addr(_sbss),   Addr(_ebss),
      Addr(_sdata),  Addr(_edata),
      Addr(_stext),  Addr(_etext),
      Addr(_srodata)};

  const tock::ProcessManagementCapability process_cap_ =
      tock::CapabilityFactory::ProcessManagement();
  const tock::MainLoopCapability loop_cap_ = tock::CapabilityFactory::MainLoop();
  tock::capsules::components::ProcessConsoleComponent component_;
};

}  // namespace tock::boards

#endif  // TOCKPP_PLATFORMS_BOARDS_COMMON_PROCESS_CONSOLE_PARTS_H_
