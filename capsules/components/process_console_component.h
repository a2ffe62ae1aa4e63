// ProcessConsoleComponent: upstream's process console (capsules/process_console) on its own
// UartDevice of the board's UART mux, with its view of the kernel (KernelProcessManagement).
// Not a syscall driver: nothing to register. The board keeps the capabilities alive (they are
// held by reference) and chooses how the console starts (Start, StartHibernated, or not).
//
// Wiring (board, static):
//   ProcessConsoleComponent pconsole(uart_mux.mux(), kernel, process_cap, loop_cap, &Panic,
//                                    &Reset, &kernel_addresses, "tockpp myboard");
//   pconsole.Start();   // after the board's polled boot lines
#ifndef TOCKPP_CAPSULES_COMPONENTS_PROCESS_CONSOLE_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_PROCESS_CONSOLE_COMPONENT_H_

#include "capsules/process_console/kernel_process_management.h"
#include "capsules/process_console/process_console.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

class ProcessConsoleComponent {
 public:
  // panic/reset: what the `panic` and `reset` commands do (nullptr: not supported);
  // addresses: what `kernel` prints (nullptr: no memory map); build: the version line's build.
  ProcessConsoleComponent(MuxUart& mux, Kernel& kernel,
                          const ProcessManagementCapability& process_cap,
                          const MainLoopCapability& loop_cap,
                          KernelProcessManagement::PanicFn panic = nullptr,
                          KernelProcessManagement::ResetFn reset = nullptr,
                          const ProcessConsole::KernelAddresses* addresses = nullptr,
                          const char* build = nullptr)
      : uart_(mux),
        management_(kernel, process_cap, loop_cap, panic, reset),
        console_(uart_, management_, addresses, build) {}
  ProcessConsoleComponent(const ProcessConsoleComponent&) = delete;
  ProcessConsoleComponent& operator=(const ProcessConsoleComponent&) = delete;

  // Welcome lines, prompt, listening (upstream boards start it active).
  void Start() {
    console_.DisplayWelcome();
    console_.Start();
  }
  // Listening, obeying only console-start.
  void StartHibernated() { console_.StartHibernated(); }

  ProcessConsole& console() { return console_; }

 private:
  UartDevice uart_;
  KernelProcessManagement management_;
  ProcessConsole console_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_PROCESS_CONSOLE_COMPONENT_H_
