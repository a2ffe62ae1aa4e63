// LowLevelDebugComponent: the low-level debug syscall driver (0x8, capsules/low_level_debug) on
// its own UartDevice of the board's UART mux, with its grant and its kBufferLen-byte line
// buffer (upstream's BUF_LEN, 64).
//
// Wiring (board, static):
//   LowLevelDebugComponent lld(uart_mux.mux(), kernel, mem_cap);
//   registrar.Add(lld);
#ifndef TOCKPP_CAPSULES_COMPONENTS_LOW_LEVEL_DEBUG_COMPONENT_H_
#define TOCKPP_CAPSULES_COMPONENTS_LOW_LEVEL_DEBUG_COMPONENT_H_

#include <array>
#include <cstdint>

#include "capsules/low_level_debug/low_level_debug.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::capsules::components {

class LowLevelDebugComponent {
 public:
  static constexpr uint32_t kDriverNum = LowLevelDebug::kDriverNum;
  static constexpr const char* kName = "low-level debug";

  LowLevelDebugComponent(MuxUart& mux, Kernel& kernel, const MemoryAllocationCapability& cap)
      : uart_(mux), grant_(kernel, kDriverNum, cap), lld_(uart_, grant_, buffer_) {}
  LowLevelDebugComponent(const LowLevelDebugComponent&) = delete;
  LowLevelDebugComponent& operator=(const LowLevelDebugComponent&) = delete;

  LowLevelDebug& driver() { return lld_; }

 private:
  UartDevice uart_;
  std::array<uint8_t, LowLevelDebug::kBufferLen> buffer_{};
  LowLevelDebug::GrantType grant_;
  LowLevelDebug lld_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_LOW_LEVEL_DEBUG_COMPONENT_H_
