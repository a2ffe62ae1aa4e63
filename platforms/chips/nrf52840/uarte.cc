// nRF52840 UARTE driver.
#include "platforms/chips/nrf52840/uarte.h"

namespace tock::nrf52840 {

using tock::ErrorCode;
using tock::Result;

namespace {
// BAUDRATE register values (nRF52840 PS, UARTE BAUDRATE).
uint32_t BaudValue(uint32_t baud) {
  switch (baud) {
    case 9600:
      return 0x0027'5000;
    case 38400:
      return 0x009D'0000;
    case 115200:
      return 0x01D6'0000;
    case 230400:
      return 0x03B0'0000;
    case 1000000:
      return 0x1000'0000;
    default:
      return 0;
  }
}
}  // namespace

void Uarte::Init(unsigned tx_pin, unsigned rx_pin) {
  regs_->enable.Write(UarteEnable::kEnable.Val(0));
  regs_->psel_txd.Write(Psel::kPin.Val(tx_pin % 32) + Psel::kPort.Val(tx_pin / 32));
  regs_->psel_rxd.Write(Psel::kPin.Val(rx_pin % 32) + Psel::kPort.Val(rx_pin / 32));
  regs_->psel_rts.Write(Psel::kDisconnect.Set());
  regs_->psel_cts.Write(Psel::kDisconnect.Set());
  regs_->baudrate.Set(BaudValue(115200));
  regs_->config.Set(0);  // 8N1, no flow control
  regs_->enable.Write(UarteEnable::kEnable.Val(UarteEnable::kOn));
}

void Uarte::WriteBlocking(const char* data, size_t len) {
  static uint8_t bounce[32];  // EasyDMA reads RAM only
  // Let a transmit the interrupt path has in flight end first, and keep its byte count: the
  // transfers below reuse EVENTS_ENDTX and TXD.AMOUNT. ENDTX is left set, so the interrupt
  // (still enabled) reports that transmit to its client afterwards.
  if (tx_buf_ != nullptr && !tx_finished_) {
    while (!regs_->events_endtx.IsSet(Event::kGenerated)) {
    }
    tx_sent_ = regs_->txd_amount.Get();
    tx_finished_ = true;
  }
  while (len > 0) {
    size_t n = len < sizeof(bounce) ? len : sizeof(bounce);
    for (size_t i = 0; i < n; ++i) {
      bounce[i] = static_cast<uint8_t>(data[i]);
    }
    regs_->events_endtx.Set(0);
    regs_->txd_ptr.Set(cm::DmaAddress(bounce));
    regs_->txd_maxcnt.Set(static_cast<uint32_t>(n));
    regs_->tasks_starttx.Set(1);
    while (!regs_->events_endtx.IsSet(Event::kGenerated)) {
    }
    data += n;
    len -= n;
  }
}

Result<void> Uarte::TransmitBuffer(uint8_t* buffer, size_t len) {
  if (tx_buf_ != nullptr) {
    return ErrorCode::kBusy;
  }
  if (len == 0 || len > 0xFFFF) {
    return ErrorCode::kSize;
  }
  tx_buf_ = buffer;
  tx_aborting_ = false;
  tx_finished_ = false;
  regs_->events_endtx.Set(0);
  regs_->txd_ptr.Set(cm::DmaAddress(buffer));
  regs_->txd_maxcnt.Set(static_cast<uint32_t>(len));
  regs_->intenset.Write(UarteInt::kEndTx.Set());
  regs_->tasks_starttx.Set(1);
  return Result<void>::Ok();
}

Result<void> Uarte::TransmitAbort() {
  if (tx_buf_ == nullptr) {
    return Result<void>::Ok();
  }
  tx_aborting_ = true;
  regs_->tasks_stoptx.Set(1);  // ENDTX follows with the bytes sent so far
  return ErrorCode::kBusy;
}

Result<void> Uarte::ReceiveBuffer(uint8_t* buffer, size_t len) {
  if (rx_buf_ != nullptr) {
    return ErrorCode::kBusy;
  }
  if (len == 0 || len > 0xFFFF) {
    return ErrorCode::kSize;
  }
  rx_buf_ = buffer;
  rx_aborting_ = false;
  regs_->events_endrx.Set(0);
  regs_->rxd_ptr.Set(cm::DmaAddress(buffer));
  regs_->rxd_maxcnt.Set(static_cast<uint32_t>(len));
  regs_->intenset.Write(UarteInt::kEndRx.Set());
  regs_->tasks_startrx.Set(1);
  return Result<void>::Ok();
}

Result<void> Uarte::ReceiveAbort() {
  if (rx_buf_ == nullptr) {
    return Result<void>::Ok();
  }
  rx_aborting_ = true;
  regs_->tasks_stoprx.Set(1);  // ENDRX follows
  return ErrorCode::kBusy;
}

Result<void> Uarte::SetParameters(const tock::hil::uart::Parameters& params) {
  const uint32_t value = BaudValue(params.baud_rate);
  if (value == 0 || params.width != tock::hil::uart::Width::kEight ||
      params.stop_bits != tock::hil::uart::StopBits::kOne ||
      params.parity != tock::hil::uart::Parity::kNone || params.hw_flow_control) {
    return ErrorCode::kNoSupport;
  }
  regs_->baudrate.Set(value);
  return Result<void>::Ok();
}

void Uarte::HandleInterrupt() {
  if (regs_->events_endtx.IsSet(Event::kGenerated) && tx_buf_ != nullptr) {
    regs_->events_endtx.Set(0);
    regs_->intenclr.Write(UarteInt::kEndTx.Set());
    uint8_t* buf = tx_buf_;
    const size_t sent = tx_finished_ ? tx_sent_ : regs_->txd_amount.Get();
    const Result<void> status =
        tx_aborting_ ? Result<void>(ErrorCode::kCancel) : Result<void>::Ok();
    tx_buf_ = nullptr;
    tx_finished_ = false;
    if (tx_client_ != nullptr) {
      tx_client_->TransmittedBuffer(buf, sent, status);
    }
  }
  if (regs_->events_endrx.IsSet(Event::kGenerated) && rx_buf_ != nullptr) {
    regs_->events_endrx.Set(0);
    regs_->intenclr.Write(UarteInt::kEndRx.Set());
    uint8_t* buf = rx_buf_;
    size_t got = regs_->rxd_amount.Get();
    rx_buf_ = nullptr;
    if (rx_client_ != nullptr) {
      rx_client_->ReceivedBuffer(
          buf, got, rx_aborting_ ? Result<void>(ErrorCode::kCancel) : Result<void>::Ok(),
          rx_aborting_ ? tock::hil::uart::Error::kAborted : tock::hil::uart::Error::kNone);
    }
  }
  if (regs_->events_error.IsSet(Event::kGenerated)) {
    regs_->events_error.Set(0);
    regs_->errorsrc.Set(regs_->errorsrc.Get());  // write 1 to clear
  }
}

}  // namespace tock::nrf52840
