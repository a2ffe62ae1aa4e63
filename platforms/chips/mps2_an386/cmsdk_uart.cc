// CMSDK APB UART driver.
#include "platforms/chips/mps2_an386/cmsdk_uart.h"

namespace tock::mps2 {

using tock::ErrorCode;
using tock::Result;

void CmsdkUart::Init(uint32_t baud) {
  regs_->bauddiv.Set(pclk_hz_ / baud);
  regs_->intstatus.Write(UartInt::kTx.Set() + UartInt::kRx.Set() + UartInt::kTxOverrun.Set() +
                         UartInt::kRxOverrun.Set());
  regs_->ctrl.Write(UartCtrl::kTxEnable.Set() + UartCtrl::kRxEnable.Set());
}

void CmsdkUart::WriteBlocking(const char* data, size_t len) {
  for (size_t i = 0; i < len; ++i) {
    while (regs_->state.IsSet(UartState::kTxFull)) {
    }
    regs_->data.Write(UartData::kByte.Val(static_cast<uint8_t>(data[i])));
  }
}

void CmsdkUart::FillTx() {
  while (tx_pos_ < tx_len_ && !regs_->state.IsSet(UartState::kTxFull)) {
    regs_->data.Write(UartData::kByte.Val(tx_buf_[tx_pos_++]));
  }
}

Result<void> CmsdkUart::TransmitBuffer(uint8_t* buffer, size_t len) {
  if (tx_buf_ != nullptr) {
    return ErrorCode::kBusy;
  }
  if (len == 0) {
    return ErrorCode::kSize;
  }
  tx_buf_ = buffer;
  tx_len_ = len;
  tx_pos_ = 0;
  tx_aborted_ = false;
  // The TX interrupt (raised when the holding register drains, only while enabled) moves the
  // rest of the buffer; the one after the last byte completes the call.
  regs_->ctrl.Modify(UartCtrl::kTxIntEnable.Set());
  FillTx();
  return Result<void>::Ok();
}

Result<void> CmsdkUart::TransmitAbort() {
  if (tx_buf_ == nullptr) {
    return Result<void>::Ok();
  }
  tx_len_ = tx_pos_;  // completes with CANCEL at the next TX interrupt
  tx_aborted_ = true;
  return ErrorCode::kBusy;
}

Result<void> CmsdkUart::ReceiveBuffer(uint8_t* buffer, size_t len) {
  if (rx_buf_ != nullptr) {
    return ErrorCode::kBusy;
  }
  if (len == 0) {
    return ErrorCode::kSize;
  }
  rx_buf_ = buffer;
  rx_len_ = len;
  rx_pos_ = 0;
  regs_->ctrl.Modify(UartCtrl::kRxIntEnable.Set());
  // A byte that arrived while no receive was pending raised its interrupt long ago (and it
  // was acknowledged then): take it from the deferred call, or reception would stall.
  if (regs_->state.IsSet(UartState::kRxFull)) {
    deferred_.Set();
  }
  return Result<void>::Ok();
}

Result<void> CmsdkUart::ReceiveAbort() {
  if (rx_buf_ == nullptr) {
    return Result<void>::Ok();
  }
  regs_->ctrl.Modify(UartCtrl::kRxIntEnable.Clear());
  aborted_buf_ = rx_buf_;
  aborted_len_ = rx_pos_;
  rx_buf_ = nullptr;
  deferred_.Set();  // the client hears of it later, never inside its own call
  return ErrorCode::kBusy;
}

void CmsdkUart::HandleDeferredCall() {
  if (aborted_buf_ != nullptr) {
    uint8_t* buf = aborted_buf_;
    aborted_buf_ = nullptr;
    if (rx_client_ != nullptr) {
      rx_client_->ReceivedBuffer(buf, aborted_len_, ErrorCode::kCancel,
                                 tock::hil::uart::Error::kAborted);
    }
  }
  DrainRx();
}

void CmsdkUart::DrainRx() {
  while (rx_buf_ != nullptr && regs_->state.IsSet(UartState::kRxFull)) {
    rx_buf_[rx_pos_++] = static_cast<uint8_t>(regs_->data.Read(UartData::kByte));
    if (rx_pos_ == rx_len_) {
      regs_->ctrl.Modify(UartCtrl::kRxIntEnable.Clear());
      uint8_t* buf = rx_buf_;
      rx_buf_ = nullptr;
      if (rx_client_ != nullptr) {
        rx_client_->ReceivedBuffer(buf, rx_len_, Result<void>::Ok(), tock::hil::uart::Error::kNone);
      }
    }
  }
}

Result<void> CmsdkUart::SetParameters(const tock::hil::uart::Parameters& params) {
  if (params.width != tock::hil::uart::Width::kEight ||
      params.parity != tock::hil::uart::Parity::kNone ||
      params.stop_bits != tock::hil::uart::StopBits::kOne || params.hw_flow_control ||
      params.baud_rate == 0 || pclk_hz_ / params.baud_rate < 16) {
    return ErrorCode::kNoSupport;
  }
  regs_->bauddiv.Set(pclk_hz_ / params.baud_rate);
  return Result<void>::Ok();
}

void CmsdkUart::HandleInterrupt() {
  auto status = regs_->intstatus.Get();
  regs_->intstatus.Set(status);  // acknowledge what we are about to handle
  DrainRx();
  if (tx_buf_ != nullptr) {
    FillTx();
    if (tx_pos_ == tx_len_ && !regs_->state.IsSet(UartState::kTxFull)) {
      regs_->ctrl.Modify(UartCtrl::kTxIntEnable.Clear());
      uint8_t* buf = tx_buf_;
      size_t len = tx_len_;
      tx_buf_ = nullptr;
      if (tx_client_ != nullptr) {
        tx_client_->TransmittedBuffer(
            buf, len, tx_aborted_ ? Result<void>(ErrorCode::kCancel) : Result<void>::Ok());
      }
    }
  }
}

}  // namespace tock::mps2
