// Virtual UART mux implementation; see virtual_uart.h for the interleaving rules.
#include "capsules/virtual_uart/virtual_uart.h"

#include <cstring>

namespace tock::capsules {

// ---------------------------------------------------------------- UartDevice

UartDevice::UartDevice(MuxUart& mux) : mux_(mux) { mux_.Add(*this); }

Result<void> UartDevice::SetParameters(const hil::uart::Parameters& params) {
  return mux_.uart_.SetParameters(params);
}

Result<void> UartDevice::TransmitBuffer(uint8_t* buffer, size_t len) {
  if (tx_state_ != TxState::kIdle) {
    return ErrorCode::kBusy;
  }
  if (buffer == nullptr || len == 0) {
    return ErrorCode::kSize;
  }
  tx_buffer_ = buffer;
  tx_len_ = len;
  tx_state_ = TxState::kQueued;
  return mux_.StartTransmit(this);
}

Result<void> UartDevice::TransmitAbort() {
  switch (tx_state_) {
    case TxState::kIdle:
      return Result<void>::Ok();
    case TxState::kQueued:
      tx_state_ = TxState::kIdle;
      tx_buffer_ = nullptr;
      return Result<void>::Ok();
    case TxState::kInFlight:
      break;
  }
  // The hardware owes us a callback either way; it will carry CANCEL (or complete normally if
  // the last byte was already out).
  static_cast<void>(mux_.uart_.TransmitAbort());
  return ErrorCode::kBusy;
}

Result<void> UartDevice::ReceiveBuffer(uint8_t* buffer, size_t len) {
  if (rx_buffer_ != nullptr) {
    return ErrorCode::kBusy;
  }
  if (buffer == nullptr || len == 0) {
    return ErrorCode::kSize;
  }
  rx_buffer_ = buffer;
  rx_len_ = len;
  rx_got_ = 0;
  rx_abort_ = false;
  Result<void> r = mux_.StartReceive();
  if (!r.ok()) {
    rx_buffer_ = nullptr;
  }
  return r;
}

Result<void> UartDevice::ReceiveAbort() {
  if (rx_buffer_ == nullptr) {
    return Result<void>::Ok();
  }
  rx_abort_ = true;
  if (mux_.in_rx_callback_) {
    return ErrorCode::kBusy;  // finished when the callback ends
  }
  if (mux_.rx_in_flight_ && !mux_.uart_.ReceiveAbort().ok()) {
    return ErrorCode::kBusy;  // the hardware calls back with CANCEL
  }
  // Nothing in flight at the hardware (should not happen while we wait): drop the request;
  // per the HIL contract Ok means no callback follows.
  rx_buffer_ = nullptr;
  rx_abort_ = false;
  return Result<void>::Ok();
}

// ---------------------------------------------------------------- MuxUart

MuxUart::MuxUart(hil::uart::Uart& uart, std::span<uint8_t> rx_buffer)
    : uart_(uart), rx_buffer_(rx_buffer) {
  uart_.SetTransmitClient(*this);
  uart_.SetReceiveClient(*this);
}

void MuxUart::Add(UartDevice& device) {
  if (tail_ == nullptr) {
    head_ = tail_ = &device;
  } else {
    tail_->next_ = &device;
    tail_ = &device;
  }
}

UartDevice* MuxUart::NextQueued() const {
  if (line_owner_ != nullptr && line_owner_->tx_state_ == UartDevice::TxState::kQueued) {
    return line_owner_;
  }
  if (serve_next_ != nullptr && serve_next_->tx_state_ == UartDevice::TxState::kQueued) {
    return serve_next_;
  }
  // Round-robin starting after the last device served.
  UartDevice* start =
      (rr_cursor_ != nullptr && rr_cursor_->next_ != nullptr) ? rr_cursor_->next_ : head_;
  UartDevice* d = start;
  do {
    if (d == nullptr) {
      return nullptr;
    }
    if (d->tx_state_ == UartDevice::TxState::kQueued) {
      return d;
    }
    d = d->next_ != nullptr ? d->next_ : head_;
  } while (d != start);
  return nullptr;
}

Result<void> MuxUart::StartTransmit(UartDevice* caller) {
  Result<void> caller_result;
  while (!in_tx_callback_ && tx_current_ == nullptr && !newline_in_flight_) {
    UartDevice* d = NextQueued();
    if (d == nullptr) {
      break;
    }
    if (line_owner_ != nullptr && line_owner_ != d) {
      // Close the other device's open line before this one starts.
      line_owner_ = nullptr;
      serve_next_ = d;
      if (uart_.TransmitBuffer(newline_, sizeof(newline_)).ok()) {
        newline_in_flight_ = true;
        break;
      }
      continue;  // could not send the separator; send the data anyway
    }
    rr_cursor_ = d;
    serve_next_ = nullptr;
    Result<void> r = uart_.TransmitBuffer(d->tx_buffer_, d->tx_len_);
    if (r.ok()) {
      d->tx_state_ = UartDevice::TxState::kInFlight;
      tx_current_ = d;
      break;
    }
    d->tx_state_ = UartDevice::TxState::kIdle;
    uint8_t* buf = d->tx_buffer_;
    d->tx_buffer_ = nullptr;
    if (d == caller) {
      caller_result = r;
    } else if (d->tx_client_ != nullptr) {
      d->tx_client_->TransmittedBuffer(buf, 0, r);
    }
  }
  return caller_result;
}

void MuxUart::TransmittedBuffer(uint8_t* buffer, size_t len, Result<void> status) {
  if (newline_in_flight_) {
    newline_in_flight_ = false;
  } else if (tx_current_ != nullptr) {
    UartDevice* d = tx_current_;
    tx_current_ = nullptr;
    d->tx_state_ = UartDevice::TxState::kIdle;
    d->tx_buffer_ = nullptr;
    if (len > 0) {
      line_owner_ = buffer[len - 1] == '\n' ? nullptr : d;
    }
    in_tx_callback_ = true;
    if (d->tx_client_ != nullptr) {
      d->tx_client_->TransmittedBuffer(buffer, len, status);
    }
    in_tx_callback_ = false;
  }
  static_cast<void>(StartTransmit(nullptr));
}

Result<void> MuxUart::StartReceive() {
  if (in_rx_callback_ || rx_buffer_.empty()) {
    return Result<void>::Ok();
  }
  size_t want = rx_buffer_.size();
  bool any = false;
  for (UartDevice* d = head_; d != nullptr; d = d->next_) {
    if (d->rx_buffer_ == nullptr || d->rx_abort_) {
      continue;
    }
    any = true;
    size_t remaining = d->rx_len_ - d->rx_got_;
    if (remaining < want) {
      want = remaining;
    }
  }
  if (!any) {
    return Result<void>::Ok();
  }
  if (rx_in_flight_) {
    // A new, shorter request cannot wait for the longer one in flight: cut it short; the
    // CANCEL completion distributes what arrived and restarts with the new size.
    if (want < rx_requested_ && !rx_shrinking_) {
      rx_shrinking_ = true;
      static_cast<void>(uart_.ReceiveAbort());
    }
    return Result<void>::Ok();
  }
  Result<void> r = uart_.ReceiveBuffer(rx_buffer_.data(), want);
  if (r.ok()) {
    rx_in_flight_ = true;
    rx_requested_ = want;
  }
  return r;
}

void MuxUart::FinishReceive(UartDevice& d, Result<void> status, hil::uart::Error error) {
  uint8_t* buf = d.rx_buffer_;
  size_t got = d.rx_got_;
  d.rx_buffer_ = nullptr;
  d.rx_abort_ = false;
  if (d.rx_client_ != nullptr) {
    d.rx_client_->ReceivedBuffer(buf, got, status, error);
  }
}

void MuxUart::ReceivedBuffer(uint8_t* buffer, size_t rx_len, Result<void> status,
                             hil::uart::Error error) {
  rx_in_flight_ = false;
  rx_shrinking_ = false;
  in_rx_callback_ = true;
  const bool line_error = !status.ok() && status.error() != ErrorCode::kCancel;
  // Only devices that were waiting when these bytes arrived get them (a client may re-arm
  // another device from its callback).
  for (UartDevice* d = head_; d != nullptr; d = d->next_) {
    d->rx_eligible_ = d->rx_buffer_ != nullptr;
  }
  for (UartDevice* d = head_; d != nullptr; d = d->next_) {
    if (!d->rx_eligible_ || d->rx_buffer_ == nullptr) {
      continue;
    }
    size_t n = d->rx_len_ - d->rx_got_;
    if (rx_len < n) {
      n = rx_len;
    }
    if (n > 0) {
      std::memcpy(d->rx_buffer_ + d->rx_got_, buffer, n);
    }
    d->rx_got_ += n;
    if (d->rx_got_ == d->rx_len_) {
      FinishReceive(*d, Result<void>::Ok(), hil::uart::Error::kNone);
    } else if (line_error) {
      FinishReceive(*d, status, error);
    }
  }
  // Aborts requested before or during the callbacks above.
  for (UartDevice* d = head_; d != nullptr; d = d->next_) {
    if (d->rx_buffer_ != nullptr && d->rx_abort_) {
      FinishReceive(*d, ErrorCode::kCancel, hil::uart::Error::kAborted);
    }
  }
  in_rx_callback_ = false;
  Result<void> r = StartReceive();
  if (!r.ok()) {
    for (UartDevice* d = head_; d != nullptr; d = d->next_) {
      if (d->rx_buffer_ != nullptr) {
        FinishReceive(*d, r, hil::uart::Error::kOther);
      }
    }
  }
}

}  // namespace tock::capsules
