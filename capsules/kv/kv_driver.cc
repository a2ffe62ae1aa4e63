// KV store syscall driver implementation.
#include "capsules/kv/kv_driver.h"

namespace tock::capsules {

KvDriver::KvDriver(KvStore& store, GrantType& grant, const StoragePermissionsPolicy& permissions)
    : store_(store), grant_(grant), permissions_(permissions) {
  store_.SetClient(*this);
}

Result<void> KvDriver::AllocateGrant(ProcessId pid) { return grant_.Allocate(pid); }

CommandReturn KvDriver::Command(uint32_t command_num, uint32_t, uint32_t, ProcessId pid) {
  if (command_num == 0) {
    return CommandReturn::Success();
  }
  if (command_num > kGarbageCollect) {
    return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
  auto r = grant_.Enter(pid, [&](KvApp& app, GrantKernelData& kd) -> Result<void> {
    if (app.op != kNone) {
      return ErrorCode::kNoMem;  // one operation per app, queued or running
    }
    app.op = static_cast<uint8_t>(command_num);
    if (current_ || !store_.mounted()) {
      return Result<void>::Ok();  // queued: runs from CheckQueue
    }
    Result<bool> started = Start(pid, app, kd);
    if (!started.ok()) {
      return started.error();
    }
    return Result<void>::Ok();
  });
  if (!r.ok()) {
    return CommandReturn::Failure(r.error());
  }
  if (!r.value().ok()) {
    return CommandReturn::Failure(r.value().error());
  }
  return CommandReturn::Success();
}

Result<bool> KvDriver::Start(ProcessId pid, KvApp& app, GrantKernelData& kd) {
  const Op op = static_cast<Op>(app.op);
  Result<bool> r = StartOp(op, pid, kd);
  if (r.ok() && r.value()) {
    current_ = pid;
  } else {
    app.op = kNone;
  }
  return r;
}

Result<bool> KvDriver::StartOp(Op op, ProcessId pid, GrantKernelData& kd) {
  // Errors the store reports later upstream arrive as the upcall here too.
  auto report = [&](ErrorCode e) -> Result<bool> {
    static_cast<void>(kd.ScheduleUpcall(0, ToU32(e), 0, 0));
    return false;
  };
  if (op == kGarbageCollect) {
    Result<void> gc = store_.GarbageCollect();
    if (!gc.ok() && gc.error() == ErrorCode::kAlready) {
      static_cast<void>(kd.ScheduleUpcall(0, 0, 0, 0));  // nothing to collect: done
      return false;
    }
    TOCK_TRY(gc);
    return true;
  }
  const ReadOnlyProcessBuffer key = kd.GetReadOnlyBuffer(0);
  if (key.size() > kMaxKeyLength) {
    return ErrorCode::kSize;
  }
  const std::span<uint8_t> key_bytes(key_, key.size());
  TOCK_TRY(key.CopyOut(0, key_bytes));
  const uint64_t hash = KvStore::HashKey(key_bytes);
  const StoragePermissions perms = permissions_.For(pid);
  const std::optional<KvStore::Entry> entry = store_.Lookup(hash);

  switch (op) {
    case kGet:
      if (!entry || !perms.CheckRead(entry->writer)) {
        return report(ErrorCode::kNoSupport);
      }
      TOCK_TRY(store_.Get(hash));
      return true;
    case kDelete:
      if (!entry || !perms.CheckModify(entry->writer)) {
        return report(ErrorCode::kNoSupport);
      }
      TOCK_TRY(store_.Delete(hash));
      return true;
    case kSet:
    case kAdd:
    case kUpdate: {
      const std::optional<uint32_t> write_id = perms.WriteId();
      if (!write_id) {
        return ErrorCode::kInval;
      }
      const ReadOnlyProcessBuffer value = kd.GetReadOnlyBuffer(1);
      const std::span<uint8_t> staging = store_.ValueBuffer();
      if (staging.empty()) {
        return ErrorCode::kBusy;
      }
      if (value.size() > staging.size()) {
        return ErrorCode::kSize;
      }
      if (op == kAdd && entry) {
        return report(ErrorCode::kNoSupport);
      }
      if (op == kUpdate && !entry) {
        return report(ErrorCode::kNoSupport);
      }
      if (entry && !perms.CheckModify(entry->writer)) {
        return report(ErrorCode::kNoSupport);
      }
      TOCK_TRY(value.CopyOut(0, staging.first(value.size())));
      Result<void> put = store_.Put(hash, *write_id, value.size());
      if (!put.ok()) {
        return report(put.error());  // full: NOMEM, as upstream's FlashFull
      }
      return true;
    }
    default:
      return ErrorCode::kNoSupport;
  }
}

void KvDriver::MountDone() { CheckQueue(); }

void KvDriver::GetDone(Result<void> status, std::span<const uint8_t> value) {
  if (current_) {
    const ProcessId pid = *current_;
    current_.reset();
    static_cast<void>(grant_.Enter(pid, [&](KvApp& app, GrantKernelData& kd) {
      app.op = kNone;
      if (!status.ok()) {
        static_cast<void>(kd.ScheduleUpcall(0, ToStatusCode(status), 0, 0));
        return;
      }
      ReadWriteProcessBuffer out = kd.GetReadWriteBuffer(0);
      const size_t n = value.size() < out.size() ? value.size() : out.size();
      static_cast<void>(out.CopyIn(0, value.first(n)));
      const uint32_t code = n < value.size() ? ToU32(ErrorCode::kSize) : 0;
      static_cast<void>(kd.ScheduleUpcall(0, code, static_cast<uint32_t>(value.size()), 0));
    }));
  }
  CheckQueue();
}

void KvDriver::WriteDone(Result<void> status) {
  if (current_) {
    const ProcessId pid = *current_;
    current_.reset();
    static_cast<void>(grant_.Enter(pid, [&](KvApp& app, GrantKernelData& kd) {
      app.op = kNone;
      static_cast<void>(kd.ScheduleUpcall(0, ToStatusCode(status), 0, 0));
    }));
  }
  CheckQueue();
}

void KvDriver::CheckQueue() {
  if (!store_.mounted()) {
    return;
  }
  grant_.Iterate([&](KvApp& app, GrantKernelData& kd) {
    if (current_ || app.op == kNone) {
      return;
    }
    Result<bool> r = Start(kd.process_id(), app, kd);
    if (!r.ok()) {
      // The command already returned success: the error comes as the upcall.
      static_cast<void>(kd.ScheduleUpcall(0, ToU32(r.error()), 0, 0));
    }
  });
}

}  // namespace tock::capsules
