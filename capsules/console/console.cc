// Console syscall driver implementation.
#include "capsules/console/console.h"

namespace tock::capsules {
namespace {
constexpr size_t Min(size_t a, size_t b) { return a < b ? a : b; }
}  // namespace

Console::Console(hil::uart::Uart& uart, GrantType& grant, std::span<uint8_t> tx_buffer,
                 std::span<uint8_t> rx_buffer)
    : uart_(uart),
      grant_(grant),
      tx_buffer_(tx_buffer),
      tx_size_(tx_buffer.size()),
      rx_buffer_(rx_buffer),
      rx_size_(rx_buffer.size()) {
  uart_.SetTransmitClient(*this);
  uart_.SetReceiveClient(*this);
}

CommandReturn Console::Command(uint32_t command_num, uint32_t arg0, uint32_t /*arg1*/,
                               ProcessId pid) {
  auto r = grant_.Enter(pid, [&](ConsoleApp& app, GrantKernelData& kd) -> Result<void> {
    switch (command_num) {
      case 0:
        return Result<void>::Ok();
      case 1:
        return StartWrite(pid, app, kd, arg0);
      case 2:
        return StartRead(pid, app, kd, arg0);
      case 3:
        // Delivers what was received so far through the read-done upcall (if a read runs).
        static_cast<void>(uart_.ReceiveAbort());
        return Result<void>::Ok();
      default:
        return ErrorCode::kNoSupport;
    }
  });
  if (!r.ok()) {
    return CommandReturn::Failure(r.error());
  }
  // A write that finished at once (empty) may have freed the UART for others.
  if (command_num == 1 && !tx_in_progress_ && !separator_in_flight_) {
    SendPending();
  }
  return CommandReturn::FromResult(r.value());
}

Result<void> Console::AllocateGrant(ProcessId pid) { return grant_.Allocate(pid); }

Result<void> Console::StartWrite(ProcessId pid, ConsoleApp& app, GrantKernelData& kd,
                                 uint32_t len) {
  const size_t allowed = kd.GetReadOnlyBuffer(kAllowWrite).size();
  app.write_len = static_cast<uint32_t>(Min(len, allowed));
  app.write_remaining = app.write_len;
  Send(pid, app, kd);
  return Result<void>::Ok();
}

void Console::Send(ProcessId pid, ConsoleApp& app, GrantKernelData& kd) {
  if (tx_in_progress_ || separator_in_flight_) {
    app.pending_write = true;
    return;
  }
  app.pending_write = false;
  if (app.write_remaining > 0 && line_owner_ && *line_owner_ != pid) {
    // Another app left its line open: end that line before this app's text starts.
    line_owner_.reset();
    if (uart_.TransmitBuffer(separator_, sizeof(separator_)).ok()) {
      separator_in_flight_ = true;
      app.pending_write = true;
      return;
    }
  }
  if (app.write_remaining > 0) {
    ReadOnlyProcessBuffer data = kd.GetReadOnlyBuffer(kAllowWrite);
    const size_t offset = app.write_len - app.write_remaining;
    const std::span<uint8_t> chunk = tx_buffer_.Take();  // present: no chunk is in flight
    const size_t n = Min(app.write_remaining, chunk.size());
    // The app may have shrunk or swapped its buffer since the write began: the copy re-checks
    // bounds, and on failure the write ends with what was already sent.
    if (data.CopyOut(offset, chunk.first(n)).ok() && uart_.TransmitBuffer(chunk.data(), n).ok()) {
      app.write_remaining -= static_cast<uint32_t>(n);
      tx_in_progress_ = pid;
      return;
    }
    tx_buffer_.Put(chunk);
    app.write_len -= app.write_remaining;
    app.write_remaining = 0;
  }
  const uint32_t written = app.write_len;
  app.write_len = 0;
  static_cast<void>(kd.ScheduleUpcall(kUpcallWriteDone, written, 0, 0));
}

void Console::SendPending() {
  // The app whose line is still open goes first, so its line stays whole if it can.
  if (line_owner_) {
    const ProcessId owner = *line_owner_;
    static_cast<void>(grant_.Enter(owner, [&](ConsoleApp& app, GrantKernelData& kd) {
      if (app.pending_write) {
        Send(owner, app, kd);
      }
    }));
  }
  grant_.Iterate([&](ConsoleApp& app, GrantKernelData& kd) {
    if (tx_in_progress_ || separator_in_flight_ || !app.pending_write) {
      return;
    }
    Send(kd.process_id(), app, kd);
  });
}

void Console::TransmittedBuffer(uint8_t* buffer, size_t len, Result<void> /*status*/) {
  if (separator_in_flight_) {
    separator_in_flight_ = false;
  } else if (tx_in_progress_) {
    const ProcessId pid = *tx_in_progress_;
    tx_in_progress_.reset();
    tx_buffer_.Put(std::span<uint8_t>(buffer, tx_size_));
    if (len > 0) {
      line_owner_.reset();
      if (buffer[len - 1] != '\n') {
        line_owner_ = pid;
      }
    }
    // A process that died meanwhile has no grant any more: nothing to report.
    static_cast<void>(
        grant_.Enter(pid, [&](ConsoleApp& app, GrantKernelData& kd) { Send(pid, app, kd); }));
  }
  if (!tx_in_progress_ && !separator_in_flight_) {
    SendPending();
  }
}

Result<void> Console::StartRead(ProcessId pid, ConsoleApp& app, GrantKernelData& kd, uint32_t len) {
  if (rx_buffer_.IsEmpty()) {
    return ErrorCode::kBusy;  // another app's read holds the buffer
  }
  const size_t allowed = kd.GetReadWriteBuffer(kAllowRead).size();
  const size_t read_len = Min(len, allowed);
  if (read_len > rx_size_) {
    return ErrorCode::kInval;
  }
  app.read_len = static_cast<uint32_t>(read_len);
  const std::span<uint8_t> buffer = rx_buffer_.Take();
  rx_in_progress_ = pid;
  Result<void> r = uart_.ReceiveBuffer(buffer.data(), read_len);
  if (!r.ok()) {
    rx_in_progress_.reset();
    rx_buffer_.Put(buffer);
  }
  return r;
}

void Console::ReceivedBuffer(uint8_t* buffer, size_t rx_len, Result<void> status,
                             hil::uart::Error error) {
  if (rx_buffer_.IsEmpty() && buffer != nullptr) {
    rx_buffer_.Put(std::span<uint8_t>(buffer, rx_size_));
  }
  if (!rx_in_progress_) {
    dropped_input_bytes_ += rx_len;
    return;
  }
  const ProcessId pid = *rx_in_progress_;
  rx_in_progress_.reset();
  const Result<void> entered = grant_.Enter(pid, [&](ConsoleApp& app, GrantKernelData& kd) {
    app.read_len = 0;
    if (error != hil::uart::Error::kNone && error != hil::uart::Error::kAborted) {
      dropped_input_bytes_ += rx_len;
      static_cast<void>(kd.ScheduleUpcall(kUpcallReadDone, ToU32(ErrorCode::kFail), 0, 0));
      return;
    }
    ReadWriteProcessBuffer dest = kd.GetReadWriteBuffer(kAllowRead);
    const size_t n = Min(rx_len, dest.size());
    static_cast<void>(dest.CopyIn(0, std::span<const uint8_t>(buffer, n)));
    Result<void> result = status;
    if (rx_len > dest.size()) {
      result = ErrorCode::kSize;  // bytes were dropped
      dropped_input_bytes_ += rx_len - n;
    }
    static_cast<void>(
        kd.ScheduleUpcall(kUpcallReadDone, ToStatusCode(result), static_cast<uint32_t>(n), 0));
  });
  if (!entered.ok()) {
    dropped_input_bytes_ += rx_len;  // the reader is gone (exited, faulted, restarted)
  }
}

}  // namespace tock::capsules
