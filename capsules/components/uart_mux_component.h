// UartMuxComponent: one hardware UART shared by whole lines (capsules/virtual_uart), with the
// mux's receive staging buffer. The console, low-level debug and process console components
// each take a UartDevice on it. kRxLen defaults to upstream's virtual_uart RX_BUF_LEN (64).
//
// Wiring (board, static):
//   UartMuxComponent<> uart_mux(chip_uart);
//   ConsoleComponent<> console(uart_mux.mux(), kernel, mem_cap);
#ifndef TOCKPP_CAPSULES_COMPONENTS_UART_MUX_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_UART_MUX_COMPONENT_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "capsules/virtual_uart/virtual_uart.h"
#include "hil/uart.h"

namespace tock::capsules::components {

template <size_t kRxLen = 64>
class UartMuxComponent {
  static_assert(kRxLen > 0);

 public:
  explicit UartMuxComponent(hil::uart::Uart& uart) : mux_(uart, rx_buffer_) {}
  UartMuxComponent(const UartMuxComponent&) = delete;
  UartMuxComponent& operator=(const UartMuxComponent&) = delete;

  MuxUart& mux() { return mux_; }

 private:
  std::array<uint8_t, kRxLen> rx_buffer_{};
  MuxUart mux_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_UART_MUX_COMPONENT_H_
