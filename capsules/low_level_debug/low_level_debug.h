// Low-level debug syscall driver (0x8): apps print an alert code or one or two numbers as a
// line on the kernel's debug UART, without allow or subscribe (upstream
// capsules_core::low_level_debug). While the UART is busy each app queues up to 4 entries in
// its grant; overflow turns the last entry into "Dropped N entries". Untrusted capsule.
//
// Lines (numbers in lower-case hex, app = ProcessId::id()):
//   LowLevelDebug: App 0x<app> alert code 0x<code>
//   LowLevelDebug: App 0x<app> prints 0x<a>            / ... prints 0x<a> 0x<b>
//   LowLevelDebug: Dropped 0x<n> entries for app 0x<app>
//   LowLevelDebug: grant init failed
//
// Wiring (board, statics):
//   uint8_t lld_buffer[LowLevelDebug::kBufferLen];
//   UartDevice lld_uart(mux_uart);
//   LowLevelDebug::GrantType lld_grant(kernel, LowLevelDebug::kDriverNum, mem_cap);
//   LowLevelDebug lld(lld_uart, lld_grant, lld_buffer);
//   drivers.Register(LowLevelDebug::kDriverNum, lld);
#ifndef TOCKPP_CAPSULES_LOW_LEVEL_DEBUG_LOW_LEVEL_DEBUG_H_
#define TOCKPP_CAPSULES_LOW_LEVEL_DEBUG_LOW_LEVEL_DEBUG_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "capsules/driver_numbers.h"
#include "hil/uart.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"
#include "kernel/take_cell.h"

namespace tock::capsules {

struct LowLevelDebugEntry {
  enum class Kind : uint8_t { kNone, kAlertCode, kPrint1, kPrint2, kDropped };
  Kind kind = Kind::kNone;
  uint32_t a = 0;
  uint32_t b = 0;
};

struct LowLevelDebugApp {
  static constexpr size_t kQueueSize = 4;
  LowLevelDebugEntry queue[kQueueSize];
};

class LowLevelDebug final : public SyscallDriver, public hil::uart::TransmitClient {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kLowLevelDebug;
  // Longest line: "LowLevelDebug: Dropped 0x" + 8 + " entries for app 0x" + 8 + "\n".
  static constexpr size_t kBufferLen = 64;
  using GrantType = Grant<LowLevelDebugApp, UpcallCount<0>, AllowRoCount<0>, AllowRwCount<0>>;

  // buffer: at least kBufferLen bytes.
  LowLevelDebug(hil::uart::Transmit& uart, GrantType& grant, std::span<uint8_t> buffer);

  // 0 exists; 1 alert code arg0; 2 print arg0; 3 print arg0 arg1 (all Success). Other:
  // NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  Result<void> AllocateGrant(ProcessId pid) override;

  void TransmittedBuffer(uint8_t* buffer, size_t len, Result<void> status) override;

 private:
  void Push(const LowLevelDebugEntry& entry, ProcessId pid);
  void Transmit(uint32_t app_id, const LowLevelDebugEntry& entry);
  // Sends the first `len` bytes of `buffer` (taken from buffer_); back in the cell on failure.
  void TransmitText(std::span<uint8_t> buffer, size_t len);

  hil::uart::Transmit& uart_;
  GrantType& grant_;
  // Empty while a line is with the UART (split-phase: the UART returns it when done).
  TakeCell<uint8_t[]> buffer_;
  const size_t buffer_len_;
  bool grant_failed_ = false;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_LOW_LEVEL_DEBUG_LOW_LEVEL_DEBUG_H_
