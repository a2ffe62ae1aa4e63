// DebugWriter implementation.
#include "capsules/debug_writer/debug_writer.h"

namespace tock::capsules {

DebugWriter::DebugWriter(hil::uart::Transmit& uart, std::span<uint8_t> ring,
                         std::span<uint8_t> tx_buffer)
    : uart_(uart), ring_(ring), tx_(tx_buffer), tx_len_(tx_buffer.size()) {
  uart_.SetTransmitClient(*this);
}

size_t DebugWriter::Write(std::string_view text) {
  size_t accepted = 0;
  for (char c : text) {
    if (count_ == ring_.size()) {
      dropped_ += text.size() - accepted;
      break;
    }
    ring_[(head_ + count_) % ring_.size()] = static_cast<uint8_t>(c);
    ++count_;
    ++accepted;
  }
  Send();
  return accepted;
}

void DebugWriter::Send() {
  if (tx_.IsEmpty() || count_ == 0 || tx_len_ == 0) {
    return;
  }
  std::span<uint8_t> tx = tx_.Take();
  size_t n = count_ < tx.size() ? count_ : tx.size();
  for (size_t i = 0; i < n; ++i) {
    tx[i] = ring_[(head_ + i) % ring_.size()];
  }
  if (!uart_.TransmitBuffer(tx.data(), n).ok()) {
    tx_.Put(tx);
    return;  // retried on the next Write
  }
  head_ = (head_ + n) % ring_.size();
  count_ -= n;
}

void DebugWriter::TransmittedBuffer(uint8_t* buffer, size_t /*len*/, Result<void> /*status*/) {
  tx_.Put(std::span<uint8_t>(buffer, tx_len_));
  Send();
}

}  // namespace tock::capsules
