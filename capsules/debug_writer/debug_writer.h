// DebugWriter: the kernel's debug output sink. Text is appended to a fixed ring and sent
// through a UART (normally a UartDevice of the shared MuxUart, so it interleaves with the
// console by whole lines). Never blocks: bytes that do not fit are dropped and counted.
// Untrusted capsule; touches only its buffers and UART.
//
// Wiring (board, statics):
//   uint8_t debug_ring[1024], debug_tx[128];
//   UartDevice debug_uart(mux_uart);
//   DebugWriter debug(debug_uart, debug_ring, debug_tx);
//   debug.Write("Initialization complete. Entering main loop\r\n");
#ifndef TOCKPP_CAPSULES_DEBUG_WRITER_DEBUG_WRITER_H_
#define TOCKPP_CAPSULES_DEBUG_WRITER_DEBUG_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "hil/uart.h"
#include "kernel/take_cell.h"

namespace tock::capsules {

class DebugWriter final : public hil::uart::TransmitClient {
 public:
  DebugWriter(hil::uart::Transmit& uart, std::span<uint8_t> ring, std::span<uint8_t> tx_buffer);

  // Queues text and starts sending if the UART is idle. Returns the bytes accepted.
  size_t Write(std::string_view text);
  // Bytes queued and not yet handed to the UART.
  size_t pending() const { return count_; }
  // Bytes dropped because the ring was full.
  size_t dropped() const { return dropped_; }

  void TransmittedBuffer(uint8_t* buffer, size_t len, Result<void> status) override;

 private:
  void Send();

  hil::uart::Transmit& uart_;
  std::span<uint8_t> ring_;
  TakeCell<uint8_t[]> tx_;  // empty while a chunk is with the UART
  const size_t tx_len_;
  size_t head_ = 0;  // next byte to send
  size_t count_ = 0;
  size_t dropped_ = 0;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_DEBUG_WRITER_DEBUG_WRITER_H_
