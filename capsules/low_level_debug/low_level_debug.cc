// Low-level debug syscall driver implementation.
#include "capsules/low_level_debug/low_level_debug.h"

#include "capsules/text_writer.h"

namespace tock::capsules {

using Kind = LowLevelDebugEntry::Kind;

LowLevelDebug::LowLevelDebug(hil::uart::Transmit& uart, GrantType& grant, std::span<uint8_t> buffer)
    : uart_(uart), grant_(grant), buffer_(buffer), buffer_len_(buffer.size()) {
  uart_.SetTransmitClient(*this);
}

CommandReturn LowLevelDebug::Command(uint32_t command_num, uint32_t arg0, uint32_t arg1,
                                     ProcessId pid) {
  switch (command_num) {
    case 0:
      return CommandReturn::Success();
    case 1:
      Push({Kind::kAlertCode, arg0, 0}, pid);
      return CommandReturn::Success();
    case 2:
      Push({Kind::kPrint1, arg0, 0}, pid);
      return CommandReturn::Success();
    case 3:
      Push({Kind::kPrint2, arg0, arg1}, pid);
      return CommandReturn::Success();
    default:
      return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
}

Result<void> LowLevelDebug::AllocateGrant(ProcessId pid) { return grant_.Allocate(pid); }

void LowLevelDebug::Push(const LowLevelDebugEntry& entry, ProcessId pid) {
  if (buffer_.IsSome()) {
    Transmit(pid.id(), entry);
    return;
  }
  auto r = grant_.Enter(pid, [&](LowLevelDebugApp& app, GrantKernelData&) {
    for (LowLevelDebugEntry& slot : app.queue) {
      if (slot.kind == Kind::kNone) {
        slot = entry;
        return;
      }
    }
    // Full: the last slot becomes (or counts up) a drop marker. A new marker starts at 2: the
    // entry it replaces plus this one.
    LowLevelDebugEntry& last = app.queue[LowLevelDebugApp::kQueueSize - 1];
    if (last.kind == Kind::kDropped) {
      ++last.a;
    } else {
      last = {Kind::kDropped, 2, 0};
    }
  });
  if (!r.ok()) {
    grant_failed_ = true;
  }
}

void LowLevelDebug::Transmit(uint32_t app_id, const LowLevelDebugEntry& entry) {
  if (entry.kind == Kind::kNone) {
    return;
  }
  std::span<uint8_t> buffer = buffer_.Take();
  TextWriter w(buffer);
  w.Str("LowLevelDebug: ");
  switch (entry.kind) {
    case Kind::kDropped:
      w.Str("Dropped 0x").Hex(entry.a).Str(" entries for app 0x").Hex(app_id);
      break;
    case Kind::kAlertCode:
      w.Str("App 0x").Hex(app_id).Str(" alert code 0x").Hex(entry.a);
      break;
    case Kind::kPrint1:
      w.Str("App 0x").Hex(app_id).Str(" prints 0x").Hex(entry.a);
      break;
    case Kind::kPrint2:
      w.Str("App 0x").Hex(app_id).Str(" prints 0x").Hex(entry.a).Str(" 0x").Hex(entry.b);
      break;
    case Kind::kNone:
      break;
  }
  w.Char('\n');
  TransmitText(buffer, w.size());
}

void LowLevelDebug::TransmitText(std::span<uint8_t> buffer, size_t len) {
  if (!uart_.TransmitBuffer(buffer.data(), len).ok()) {
    buffer_.Put(buffer);
  }
}

void LowLevelDebug::TransmittedBuffer(uint8_t* buffer, size_t /*len*/, Result<void> /*status*/) {
  buffer_.Put(std::span<uint8_t>(buffer, buffer_len_));
  if (grant_failed_) {
    grant_failed_ = false;
    std::span<uint8_t> line = buffer_.Take();
    TextWriter w(line);
    w.Str("LowLevelDebug: grant init failed\n");
    TransmitText(line, w.size());
    return;
  }
  bool sent = false;
  grant_.Iterate([&](LowLevelDebugApp& app, GrantKernelData& kd) {
    if (sent || app.queue[0].kind == Kind::kNone) {
      return;
    }
    const LowLevelDebugEntry entry = app.queue[0];
    for (size_t i = 0; i + 1 < LowLevelDebugApp::kQueueSize; ++i) {
      app.queue[i] = app.queue[i + 1];
    }
    app.queue[LowLevelDebugApp::kQueueSize - 1] = LowLevelDebugEntry{};
    sent = true;
    Transmit(kd.process_id().id(), entry);
  });
}

}  // namespace tock::capsules
