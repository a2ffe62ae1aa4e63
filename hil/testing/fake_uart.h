// FakeUart: a hil::uart::Uart for tests. Transmissions stay in flight until the test completes
// them; received bytes are injected by the test. Freestanding: completed output is kept in a
// fixed buffer of kOutputCapacity bytes (16 KiB; BasicFakeUart<N> keeps N, for users that copy
// the fake around, like the fuzz harness); what does not fit is counted, not stored.
#ifndef TOCKPP_HIL_TESTING_FAKE_UART_H_
#define TOCKPP_HIL_TESTING_FAKE_UART_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hil/uart.h"

namespace tock::hil::testing {

template <size_t OutputCapacity>
class BasicFakeUart final : public uart::Uart {
 public:
  void SetTransmitClient(uart::TransmitClient& client) override { tx_client_ = &client; }
  void SetReceiveClient(uart::ReceiveClient& client) override { rx_client_ = &client; }
  Result<void> SetParameters(const uart::Parameters& params) override {
    params_ = params;
    return Result<void>::Ok();
  }

  Result<void> TransmitBuffer(uint8_t* buffer, size_t len) override {
    if (tx_buffer_ != nullptr) {
      return ErrorCode::kBusy;
    }
    if (len == 0) {
      return ErrorCode::kSize;
    }
    tx_buffer_ = buffer;
    tx_len_ = len;
    ++transmit_count_;
    return Result<void>::Ok();
  }
  Result<void> TransmitAbort() override {
    if (tx_buffer_ == nullptr) {
      return Result<void>::Ok();
    }
    tx_abort_ = true;
    return ErrorCode::kBusy;
  }

  Result<void> ReceiveBuffer(uint8_t* buffer, size_t len) override {
    if (rx_buffer_ != nullptr) {
      return ErrorCode::kBusy;
    }
    if (len == 0) {
      return ErrorCode::kSize;
    }
    rx_buffer_ = buffer;
    rx_len_ = len;
    rx_got_ = 0;
    return Result<void>::Ok();
  }
  Result<void> ReceiveAbort() override {
    if (rx_buffer_ == nullptr) {
      return Result<void>::Ok();
    }
    rx_abort_ = true;
    return ErrorCode::kBusy;
  }

  // --- test controls ---
  bool transmitting() const { return tx_buffer_ != nullptr; }
  std::string_view in_flight() const {
    return tx_buffer_ ? std::string_view(reinterpret_cast<const char*>(tx_buffer_), tx_len_)
                      : std::string_view();
  }
  static constexpr size_t kOutputCapacity = OutputCapacity;
  // Everything completed so far, in order (up to kOutputCapacity bytes).
  std::string_view output() const { return std::string_view(output_, output_len_); }
  size_t output_dropped() const { return output_dropped_; }
  void ClearOutput() {
    output_len_ = 0;
    output_dropped_ = 0;
  }
  size_t transmit_count() const { return transmit_count_; }
  const uart::Parameters& parameters() const { return params_; }

  // Finishes the in-flight transmission (or delivers a pending abort as CANCEL). Returns false
  // if nothing was in flight.
  bool CompleteTransmit() {
    if (tx_buffer_ == nullptr) {
      return false;
    }
    uint8_t* buf = tx_buffer_;
    size_t len = tx_len_;
    tx_buffer_ = nullptr;
    if (tx_abort_) {
      tx_abort_ = false;
      if (tx_client_) {
        tx_client_->TransmittedBuffer(buf, 0, ErrorCode::kCancel);
      }
      return true;
    }
    const size_t room = kOutputCapacity - output_len_;
    const size_t kept = len < room ? len : room;
    for (size_t i = 0; i < kept; ++i) {
      output_[output_len_ + i] = static_cast<char>(buf[i]);
    }
    output_len_ += kept;
    output_dropped_ += len - kept;
    if (tx_client_) {
      tx_client_->TransmittedBuffer(buf, len, Result<void>::Ok());
    }
    return true;
  }
  // Completes transmissions until the client stops starting new ones (bounded).
  size_t CompleteAllTransmits(size_t limit = 100000) {
    size_t n = 0;
    while (n < limit && CompleteTransmit()) {
      ++n;
    }
    return n;
  }

  bool receiving() const { return rx_buffer_ != nullptr; }
  size_t receive_requested() const { return rx_len_; }
  // Feeds bytes into pending receives, completing each when full; the client may re-arm in its
  // callback. Returns how many bytes were consumed (the rest had no receive waiting).
  size_t Inject(std::string_view bytes) {
    size_t used = 0;
    while (used < bytes.size() && rx_buffer_ != nullptr) {
      rx_buffer_[rx_got_++] = static_cast<uint8_t>(bytes[used++]);
      if (rx_got_ == rx_len_) {
        FinishReceive(Result<void>::Ok(), uart::Error::kNone);
      }
    }
    return used;
  }
  // Delivers a pending receive abort (CANCEL with the bytes so far) or ends the receive with
  // a line error.
  bool CompleteReceiveAbort() {
    if (rx_buffer_ == nullptr || !rx_abort_) {
      return false;
    }
    FinishReceive(ErrorCode::kCancel, uart::Error::kAborted);
    return true;
  }
  void FailReceive(uart::Error error) {
    if (rx_buffer_ != nullptr) {
      FinishReceive(ErrorCode::kFail, error);
    }
  }

 private:
  void FinishReceive(Result<void> status, uart::Error error) {
    uint8_t* buf = rx_buffer_;
    size_t got = rx_got_;
    rx_buffer_ = nullptr;
    rx_abort_ = false;
    rx_got_ = 0;
    if (rx_client_) {
      rx_client_->ReceivedBuffer(buf, got, status, error);
    }
  }

  uart::TransmitClient* tx_client_ = nullptr;
  uart::ReceiveClient* rx_client_ = nullptr;
  uart::Parameters params_;
  uint8_t* tx_buffer_ = nullptr;
  size_t tx_len_ = 0;
  bool tx_abort_ = false;
  size_t transmit_count_ = 0;
  uint8_t* rx_buffer_ = nullptr;
  size_t rx_len_ = 0;
  size_t rx_got_ = 0;
  bool rx_abort_ = false;
  char output_[kOutputCapacity];  // only [0, output_len_) is ever read
  size_t output_len_ = 0;
  size_t output_dropped_ = 0;
};

using FakeUart = BasicFakeUart<size_t{16} * 1024>;

}  // namespace tock::hil::testing

#endif  // TOCKPP_HIL_TESTING_FAKE_UART_H_
