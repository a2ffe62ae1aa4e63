// Console syscall driver (0x1): apps write bytes from read-only allow 1 and read into
// read-write allow 1 over a UART, normally a UartDevice on the shared MuxUart (upstream
// capsules_core::console). One write is on the UART at a time; other apps' writes wait and go
// in grant order. One read at a time (others get BUSY). Untrusted capsule; app memory only via
// ProcessBuffers, copied through the kernel's own tx/rx buffers. Lines stay whole across apps:
// an app that left a line open writes next if it has a write waiting; otherwise the next
// app's text starts on a fresh line ("\r\n" inserted), the same rule the UART mux applies.
//
// Wiring (board, statics):
//   uint8_t console_tx[64], console_rx[64];
//   UartDevice console_uart(mux_uart);
//   Console::GrantType console_grant(kernel, Console::kDriverNum, mem_cap);
//   Console console(console_uart, console_grant, console_tx, console_rx);
//   drivers.Register(Console::kDriverNum, console);
#ifndef TOCKPP_CAPSULES_CONSOLE_CONSOLE_H_
#define TOCKPP_CAPSULES_CONSOLE_CONSOLE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "capsules/driver_numbers.h"
#include "hil/uart.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"
#include "kernel/take_cell.h"

namespace tock::capsules {

struct ConsoleApp {
  uint32_t write_len = 0;        // bytes of this write request
  uint32_t write_remaining = 0;  // bytes not yet handed to the UART
  bool pending_write = false;    // waiting for the UART
  uint32_t read_len = 0;
};

class Console final : public SyscallDriver,
                      public hil::uart::TransmitClient,
                      public hil::uart::ReceiveClient {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kConsole;
  static constexpr uint32_t kUpcallWriteDone = 1;
  static constexpr uint32_t kUpcallReadDone = 2;
  static constexpr uint32_t kAllowWrite = 1;  // read-only allow
  static constexpr uint32_t kAllowRead = 1;   // read-write allow
  using GrantType = Grant<ConsoleApp, UpcallCount<3>, AllowRoCount<2>, AllowRwCount<2>>;

  // tx_buffer: chunk size for writes; rx_buffer: the largest read accepted (INVAL above).
  Console(hil::uart::Uart& uart, GrantType& grant, std::span<uint8_t> tx_buffer,
          std::span<uint8_t> rx_buffer);

  // An app waits for console input (a read is in progress).
  bool read_in_progress() const { return rx_in_progress_.has_value(); }
  // Received bytes no app got: its read ended with a line error, its buffer shrank below what
  // arrived, or it was gone when the read completed. Monotonic; the board may report it.
  uint64_t dropped_input_bytes() const { return dropped_input_bytes_; }

  // 0 exists; 1 write min(arg0, allow) bytes; 2 read min(arg0, allow) bytes (BUSY if another
  // read is active, INVAL if larger than rx_buffer); 3 abort read. Other: NOSUPPORT.
  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  Result<void> AllocateGrant(ProcessId pid) override;

  void TransmittedBuffer(uint8_t* buffer, size_t len, Result<void> status) override;
  void ReceivedBuffer(uint8_t* buffer, size_t rx_len, Result<void> status,
                      hil::uart::Error error) override;

 private:
  Result<void> StartWrite(ProcessId pid, ConsoleApp& app, GrantKernelData& kd, uint32_t len);
  // Sends the app's next chunk, queues it if the UART is busy, or reports completion.
  void Send(ProcessId pid, ConsoleApp& app, GrantKernelData& kd);
  Result<void> StartRead(ProcessId pid, ConsoleApp& app, GrantKernelData& kd, uint32_t len);
  // Starts the first queued write of any app, if the UART is free.
  void SendPending();

  hil::uart::Uart& uart_;
  GrantType& grant_;
  // Split-phase buffers: empty while the UART holds them (a chunk or a read in flight).
  TakeCell<uint8_t[]> tx_buffer_;
  const size_t tx_size_;
  TakeCell<uint8_t[]> rx_buffer_;
  const size_t rx_size_;
  std::optional<ProcessId> tx_in_progress_;
  // App whose last output did not end in '\n'. Its next write goes before other apps'; if
  // another app writes first, "\r\n" is sent so lines of two apps never share a line.
  std::optional<ProcessId> line_owner_;
  bool separator_in_flight_ = false;
  uint8_t separator_[2] = {'\r', '\n'};
  std::optional<ProcessId> rx_in_progress_;
  uint64_t dropped_input_bytes_ = 0;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_CONSOLE_CONSOLE_H_
