// ConsoleComponent: the console syscall driver (0x1, capsules/console) on its own UartDevice of
// the board's UART mux, with its grant and its transmit/receive buffers. The buffers default to
// upstream's console DEFAULT_BUF_SIZE, 64 bytes each: a write goes out in 64-byte chunks and a
// read may ask for up to kRxLen bytes (INVAL above). Every tockpp board uses the defaults.
//
// Wiring (board, static):
//   ConsoleComponent<> console(uart_mux.mux(), kernel, mem_cap);
//   registrar.Add(console);
#ifndef TOCKPP_CAPSULES_COMPONENTS_CONSOLE_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_CONSOLE_COMPONENT_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "capsules/console/console.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

template <size_t kTxLen = 64, size_t kRxLen = 64>
class ConsoleComponent {
  static_assert(kTxLen > 0 && kRxLen > 0);

 public:
  static constexpr uint32_t kDriverNum = Console::kDriverNum;
  static constexpr const char* kName = "console";

  ConsoleComponent(MuxUart& mux, Kernel& kernel, const MemoryAllocationCapability& cap)
      : uart_(mux), grant_(kernel, kDriverNum, cap), console_(uart_, grant_, tx_, rx_) {}
  ConsoleComponent(const ConsoleComponent&) = delete;
  ConsoleComponent& operator=(const ConsoleComponent&) = delete;

  Console& driver() { return console_; }
  const Console& driver() const { return console_; }

 private:
  UartDevice uart_;
  std::array<uint8_t, kTxLen> tx_{};
  std::array<uint8_t, kRxLen> rx_{};
  Console::GrantType grant_;
  Console console_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_CONSOLE_COMPONENT_H_
