// CMSDK APB UART (ARM DDI0479 §4.3) as the tock::hil::uart::Uart HIL: interrupt-driven,
// split-phase transmit/receive serviced from the kernel loop (HandleInterrupt), plus a polled
// WriteBlocking for panics. Trusted chip code; touches only its own register block.
#ifndef TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_CMSDK_UART_H_
#define TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_CMSDK_UART_H_

#include <cstddef>
#include <cstdint>

#include "hil/uart.h"
#include "kernel/deferred_call.h"
#include "platforms/arch/cortex_m/registers.h"

namespace tock::mps2 {

namespace cm = tock::cortex_m;

struct UartState {
  static constexpr cm::Field<uint32_t, UartState, 0, 1> kTxFull{};
  static constexpr cm::Field<uint32_t, UartState, 1, 1> kRxFull{};
  static constexpr cm::Field<uint32_t, UartState, 2, 1> kTxOverrun{};
  static constexpr cm::Field<uint32_t, UartState, 3, 1> kRxOverrun{};
};
struct UartCtrl {
  static constexpr cm::Field<uint32_t, UartCtrl, 0, 1> kTxEnable{};
  static constexpr cm::Field<uint32_t, UartCtrl, 1, 1> kRxEnable{};
  static constexpr cm::Field<uint32_t, UartCtrl, 2, 1> kTxIntEnable{};
  static constexpr cm::Field<uint32_t, UartCtrl, 3, 1> kRxIntEnable{};
};
struct UartInt {
  static constexpr cm::Field<uint32_t, UartInt, 0, 1> kTx{};
  static constexpr cm::Field<uint32_t, UartInt, 1, 1> kRx{};
  static constexpr cm::Field<uint32_t, UartInt, 2, 1> kTxOverrun{};
  static constexpr cm::Field<uint32_t, UartInt, 3, 1> kRxOverrun{};
};
struct UartData {
  static constexpr cm::Field<uint32_t, UartData, 0, 8> kByte{};
};

struct CmsdkUartRegisters {
  cm::ReadWrite<uint32_t, UartData> data;      // 0x00
  cm::ReadWrite<uint32_t, UartState> state;    // 0x04 (write 1 clears overrun)
  cm::ReadWrite<uint32_t, UartCtrl> ctrl;      // 0x08
  cm::ReadWrite<uint32_t, UartInt> intstatus;  // 0x0C read: status, write 1: clear
  cm::ReadWrite<uint32_t> bauddiv;             // 0x10 (>= 16)
};

// Callbacks never run inside the caller's request: an abort, and bytes that were already
// waiting when a receive starts, are delivered from a deferred call.
class CmsdkUart final : public tock::hil::uart::Uart, public tock::DeferredCallClient {
 public:
  CmsdkUart(uintptr_t base, uint32_t pclk_hz, unsigned rx_irq, unsigned tx_irq)
      : regs_(base), pclk_hz_(pclk_hz), rx_irq_(rx_irq), tx_irq_(tx_irq) {
    deferred_.RegisterClient(*this);
  }

  // Enable TX/RX at `baud`; used before the HIL is (and for panics).
  void Init(uint32_t baud);
  void WriteBlocking(const char* data, size_t len);

  // Kernel-loop bottom half for this UART's interrupts.
  bool OwnsIrq(unsigned irq) const { return irq == rx_irq_ || irq == tx_irq_; }
  void HandleInterrupt();

  void SetTransmitClient(tock::hil::uart::TransmitClient& client) override { tx_client_ = &client; }
  tock::Result<void> TransmitBuffer(uint8_t* buffer, size_t len) override;
  tock::Result<void> TransmitAbort() override;
  void SetReceiveClient(tock::hil::uart::ReceiveClient& client) override { rx_client_ = &client; }
  tock::Result<void> ReceiveBuffer(uint8_t* buffer, size_t len) override;
  tock::Result<void> ReceiveAbort() override;
  tock::Result<void> SetParameters(const tock::hil::uart::Parameters& params) override;

  void HandleDeferredCall() override;

 private:
  void FillTx();
  // Moves waiting bytes into the pending receive; completes it when full.
  void DrainRx();

  cm::StaticRef<CmsdkUartRegisters> regs_;
  uint32_t pclk_hz_;
  unsigned rx_irq_;
  unsigned tx_irq_;
  tock::hil::uart::TransmitClient* tx_client_ = nullptr;
  tock::hil::uart::ReceiveClient* rx_client_ = nullptr;
  uint8_t* tx_buf_ = nullptr;
  size_t tx_len_ = 0;
  size_t tx_pos_ = 0;
  bool tx_aborted_ = false;  // TransmitAbort: the completion reports CANCEL
  uint8_t* rx_buf_ = nullptr;
  size_t rx_len_ = 0;
  size_t rx_pos_ = 0;
  // An aborted receive, delivered (kCancel, kAborted) by the deferred call.
  uint8_t* aborted_buf_ = nullptr;
  size_t aborted_len_ = 0;
  tock::DeferredCall deferred_;
};

}  // namespace tock::mps2

#endif  // TOCKPP_PLATFORMS_CHIPS_MPS2_AN386_CMSDK_UART_H_
