// HostUart implementation: non-re-entrant split-phase transmit/receive over fds on the loop.
#include "hostkernel/peripherals/host_uart.h"

#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "spdlog/spdlog.h"

namespace tock::hostkernel {

namespace uart = ::tock::hil::uart;
using ::tock::ErrorCode;
using ::tock::Result;

namespace {
// send() with MSG_NOSIGNAL so a vanished console client is EPIPE, not SIGPIPE; write() for
// non-sockets (stdout, pipes, ttys).
ssize_t WriteSome(int fd, const uint8_t* data, size_t len) {
  ssize_t n = ::send(fd, data, len, MSG_NOSIGNAL);
  if (n < 0 && errno == ENOTSOCK) {
    n = ::write(fd, data, len);
  }
  return n;
}
}  // namespace

HostUart::~HostUart() {
  StopWatches();
  EndDropBurst();
}

void HostUart::StopWatches() {
  if (read_watch_ != 0) {
    reactor_.Unwatch(read_watch_);
  }
  if (write_watch_ != 0) {
    reactor_.Unwatch(write_watch_);
  }
  read_watch_ = write_watch_ = 0;
}

void HostUart::Attach(int in_fd, int out_fd) {
  Detach();
  in_fd_ = in_fd;
  out_fd_ = out_fd;
  if (in_fd_ >= 0) {
    read_watch_ = reactor_.WatchReadable(in_fd_, [this] { OnReadable(); });
  }
}

void HostUart::Detach() {
  StopWatches();
  EndDropBurst();
  in_fd_ = out_fd_ = -1;
  // Unplugged: whatever was still queued counts as sent.
  if (tx_buf_ != nullptr && !tx_completion_posted_) {
    tx_done_ = tx_len_;
    PostTransmitDone();
  }
}

uint64_t HostUart::AddOutputTap(OutputTap tap) {
  uint64_t id = next_tap_++;
  taps_.emplace(id, std::move(tap));
  return id;
}

Result<void> HostUart::TransmitBuffer(uint8_t* buffer, size_t len) {
  if (tx_buf_ != nullptr) {
    return ErrorCode::kBusy;
  }
  if (buffer == nullptr || len == 0) {
    return ErrorCode::kSize;
  }
  tx_buf_ = buffer;
  tx_len_ = len;
  tx_done_ = 0;
  tx_abort_ = false;
  tx_completion_posted_ = false;
  std::string_view bytes(reinterpret_cast<const char*>(buffer), len);
  for (auto it = taps_.begin(); it != taps_.end();) {
    auto next = std::next(it);  // a tap may remove itself
    it->second(bytes);
    it = next;
  }
  TryWrite();
  return Result<void>::Ok();
}

void HostUart::TryWrite() {
  while (tx_done_ < tx_len_) {
    if (out_fd_ < 0) {
      tx_done_ = tx_len_;
      break;
    }
    ssize_t n = WriteSome(out_fd_, tx_buf_ + tx_done_, tx_len_ - tx_done_);
    if (n > 0) {
      tx_done_ += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (write_watch_ == 0) {
        write_watch_ = reactor_.WatchWritable(out_fd_, [this] { TryWrite(); });
      }
      return;
    }
    // EPIPE and friends: the other end is gone; behave as unplugged.
    tx_done_ = tx_len_;
  }
  if (write_watch_ != 0) {
    reactor_.Unwatch(write_watch_);
    write_watch_ = 0;
  }
  PostTransmitDone();
}

void HostUart::PostTransmitDone() {
  if (tx_completion_posted_) {
    return;
  }
  tx_completion_posted_ = true;
  reactor_.Post([this, token = guard_.token()] {
    if (token.expired() || tx_buf_ == nullptr) {
      return;
    }
    uint8_t* buf = tx_buf_;
    size_t done = tx_done_;
    Result<void> status = tx_abort_ ? Result<void>(ErrorCode::kCancel) : Result<void>::Ok();
    tx_buf_ = nullptr;
    tx_completion_posted_ = false;
    tx_abort_ = false;
    if (tx_client_ != nullptr) {
      tx_client_->TransmittedBuffer(buf, done, status);
    }
  });
}

Result<void> HostUart::TransmitAbort() {
  if (tx_buf_ == nullptr) {
    return Result<void>::Ok();
  }
  tx_abort_ = true;
  if (write_watch_ != 0) {
    reactor_.Unwatch(write_watch_);
    write_watch_ = 0;
  }
  PostTransmitDone();
  return ErrorCode::kBusy;
}

void HostUart::OnReadable() {
  char buf[4096];
  ssize_t n = ::read(in_fd_, buf, sizeof buf);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
    return;
  }
  if (n <= 0) {
    if (read_watch_ != 0) {
      reactor_.Unwatch(read_watch_);
    }
    read_watch_ = 0;
    EndDropBurst();
    if (input_closed_) {
      input_closed_();
    }
    return;
  }
  TakeInput(std::string_view(buf, static_cast<size_t>(n)));
}

void HostUart::InjectInput(std::string_view bytes) { TakeInput(bytes); }

void HostUart::TakeInput(std::string_view bytes) {
  if (!input_gate_) {
    AddInput(bytes);
    Pump();
    return;
  }
  input_gate_(bytes, [this, copy = std::string(bytes), token = guard_.token()] {
    if (token.expired()) {
      return;
    }
    AddInput(copy);
    Pump();
  });
}

void HostUart::AddInput(std::string_view bytes) {
  size_t room = kMaxPendingInput - std::min(kMaxPendingInput, pending_in_.size());
  size_t take = std::min(room, bytes.size());
  if (take > 0) {
    EndDropBurst();
    pending_in_.append(bytes.substr(0, take));
  }
  if (take < bytes.size()) {
    Drop(bytes.size() - take);
  }
}

void HostUart::Drop(size_t n) {
  dropped_input_ += n;
  drop_burst_total_ += n;
  if (drop_burst_) {
    drop_unreported_ += n;
    return;
  }
  drop_burst_ = true;
  Warn(absl::StrCat("console: dropped ", n, " input bytes (no app was reading and ",
                    kMaxPendingInput / 1024, " KiB were already waiting)"));
}

void HostUart::EndDropBurst() {
  if (!drop_burst_) {
    return;
  }
  drop_burst_ = false;
  if (drop_unreported_ > 0) {
    Warn(absl::StrCat("console: dropped ", drop_unreported_, " more input bytes (",
                      drop_burst_total_, " in this burst; no app was reading)"));
  }
  drop_unreported_ = 0;
  drop_burst_total_ = 0;
}

void HostUart::Warn(const std::string& line) {
  if (warn_) {
    warn_(line);
  } else {
    spdlog::warn("{}", line);
  }
}

void HostUart::Pump() {
  if (pumping_) {
    return;  // a client callback fed more input; the outer loop picks it up
  }
  pumping_ = true;
  while (rx_buf_ != nullptr && !rx_abort_ && !pending_in_.empty()) {
    size_t n = std::min(rx_len_ - rx_got_, pending_in_.size());
    std::memcpy(rx_buf_ + rx_got_, pending_in_.data(), n);
    pending_in_.erase(0, n);
    rx_got_ += n;
    if (rx_got_ == rx_len_) {
      FinishReceive(Result<void>::Ok(), uart::Error::kNone);
    }
  }
  pumping_ = false;
}

void HostUart::FinishReceive(Result<void> status, uart::Error error) {
  uint8_t* buf = rx_buf_;
  size_t got = rx_got_;
  rx_buf_ = nullptr;
  rx_got_ = 0;
  rx_len_ = 0;
  rx_abort_ = false;
  if (rx_client_ != nullptr) {
    rx_client_->ReceivedBuffer(buf, got, status, error);
  }
}

Result<void> HostUart::ReceiveBuffer(uint8_t* buffer, size_t len) {
  if (rx_buf_ != nullptr) {
    return ErrorCode::kBusy;
  }
  if (buffer == nullptr || len == 0) {
    return ErrorCode::kSize;
  }
  rx_buf_ = buffer;
  rx_len_ = len;
  rx_got_ = 0;
  rx_abort_ = false;
  if (!pending_in_.empty() && !pump_posted_ && !pumping_) {
    pump_posted_ = true;
    reactor_.Post([this, token = guard_.token()] {
      if (token.expired()) {
        return;
      }
      pump_posted_ = false;
      Pump();
    });
  }
  return Result<void>::Ok();
}

Result<void> HostUart::ReceiveAbort() {
  if (rx_buf_ == nullptr) {
    return Result<void>::Ok();
  }
  if (rx_abort_) {
    return ErrorCode::kBusy;
  }
  rx_abort_ = true;
  uint8_t* buf = rx_buf_;
  reactor_.Post([this, buf, token = guard_.token()] {
    if (token.expired() || rx_buf_ != buf || !rx_abort_) {
      return;
    }
    FinishReceive(ErrorCode::kCancel, uart::Error::kReset);
  });
  return ErrorCode::kBusy;
}

}  // namespace tock::hostkernel
