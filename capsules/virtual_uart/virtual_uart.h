// Virtual UART mux: many UartDevices share one hardware hil::uart::Uart (upstream
// capsules_core::virtualizers::virtual_uart), with whole-line interleaving: output lines from
// different devices never mix mid-line. Untrusted capsule code: touches only the buffers its
// devices are handed.
//
// Transmit: one device's buffer goes out at a time. A device whose last output did not end in
// '\n' owns the line: its next buffer goes before anyone else's. If another device has data
// while the owner has none queued, the mux first emits "\r\n" so the other device starts on a
// fresh line (the owner continues on a later line). Otherwise devices are served round-robin.
// Receive: every device with a receive outstanding gets a copy of every byte; the hardware is
// asked for min(smallest remaining request, mux buffer) bytes at a time.
//
// Wiring (board, statics):
//   uint8_t rx_buf[64];
//   MuxUart mux(chip_uart, rx_buf);
//   UartDevice console_uart(mux), debug_uart(mux), pconsole_uart(mux);
#ifndef TOCKPP_CAPSULES_VIRTUAL_UART_VIRTUAL_UART_H_
#define TOCKPP_CAPSULES_VIRTUAL_UART_VIRTUAL_UART_H_

#include <cstddef>
#include <cstdint>
#include <span>

#include "hil/uart.h"

namespace tock::capsules {

class MuxUart;

class UartDevice final : public hil::uart::Uart {
 public:
  explicit UartDevice(MuxUart& mux);
  UartDevice(const UartDevice&) = delete;
  UartDevice& operator=(const UartDevice&) = delete;

  void SetTransmitClient(hil::uart::TransmitClient& client) override { tx_client_ = &client; }
  void SetReceiveClient(hil::uart::ReceiveClient& client) override { rx_client_ = &client; }
  // Forwarded to the shared hardware (affects every device).
  Result<void> SetParameters(const hil::uart::Parameters& params) override;
  // BUSY if this device already has a buffer queued or in flight; SIZE if len is 0.
  Result<void> TransmitBuffer(uint8_t* buffer, size_t len) override;
  // Queued but not started: dropped, Ok, no callback. In flight: BUSY, then TransmittedBuffer
  // with CANCEL.
  Result<void> TransmitAbort() override;
  Result<void> ReceiveBuffer(uint8_t* buffer, size_t len) override;
  // BUSY, then ReceivedBuffer(CANCEL) with the bytes received so far. Ok if none outstanding.
  Result<void> ReceiveAbort() override;

  bool transmitting() const { return tx_state_ != TxState::kIdle; }
  bool receiving() const { return rx_buffer_ != nullptr; }

 private:
  friend class MuxUart;
  enum class TxState : uint8_t { kIdle, kQueued, kInFlight };

  MuxUart& mux_;
  UartDevice* next_ = nullptr;
  hil::uart::TransmitClient* tx_client_ = nullptr;
  hil::uart::ReceiveClient* rx_client_ = nullptr;
  uint8_t* tx_buffer_ = nullptr;
  size_t tx_len_ = 0;
  TxState tx_state_ = TxState::kIdle;
  uint8_t* rx_buffer_ = nullptr;
  size_t rx_len_ = 0;
  size_t rx_got_ = 0;
  bool rx_abort_ = false;
  bool rx_eligible_ = false;
};

class MuxUart final : public hil::uart::TransmitClient, public hil::uart::ReceiveClient {
 public:
  // rx_buffer: the mux's staging buffer for received bytes (at least 1 byte).
  MuxUart(hil::uart::Uart& uart, std::span<uint8_t> rx_buffer);
  MuxUart(const MuxUart&) = delete;
  MuxUart& operator=(const MuxUart&) = delete;

  void TransmittedBuffer(uint8_t* buffer, size_t len, Result<void> status) override;
  void ReceivedBuffer(uint8_t* buffer, size_t rx_len, Result<void> status,
                      hil::uart::Error error) override;

 private:
  friend class UartDevice;

  void Add(UartDevice& device);
  // Starts the next transmission if the hardware is idle. Errors starting `caller`'s buffer
  // are returned (the caller keeps it); errors for other devices go to their clients.
  Result<void> StartTransmit(UartDevice* caller);
  UartDevice* NextQueued() const;
  // Starts a hardware receive if any device waits and none is in flight.
  Result<void> StartReceive();
  void FinishReceive(UartDevice& device, Result<void> status, hil::uart::Error error);

  hil::uart::Uart& uart_;
  std::span<uint8_t> rx_buffer_;
  UartDevice* head_ = nullptr;
  UartDevice* tail_ = nullptr;
  UartDevice* tx_current_ = nullptr;  // device whose buffer the hardware is sending
  UartDevice* line_owner_ = nullptr;  // device with an unterminated output line
  UartDevice* rr_cursor_ = nullptr;   // last device served (round-robin)
  UartDevice* serve_next_ = nullptr;  // goes first after a line-separating "\r\n"
  bool newline_in_flight_ = false;
  bool in_tx_callback_ = false;
  bool rx_in_flight_ = false;
  bool rx_shrinking_ = false;  // aborted the hardware receive to request fewer bytes
  size_t rx_requested_ = 0;
  bool in_rx_callback_ = false;
  uint8_t newline_[2] = {'\r', '\n'};
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_VIRTUAL_UART_VIRTUAL_UART_H_
