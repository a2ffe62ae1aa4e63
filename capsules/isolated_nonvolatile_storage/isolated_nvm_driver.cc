// Isolated nonvolatile storage driver implementation.
#include "capsules/isolated_nonvolatile_storage/isolated_nvm_driver.h"

#include <cstring>

namespace tock::capsules {
namespace {
constexpr uint32_t kUpcallSize = 0;
constexpr uint32_t kUpcallRead = 1;
constexpr uint32_t kUpcallWrite = 2;
constexpr uint32_t Min(uint32_t a, uint32_t b) { return a < b ? a : b; }
}  // namespace

IsolatedNvmDriver::IsolatedNvmDriver(KvStore& store, GrantType& grant,
                                     const StoragePermissionsPolicy& permissions,
                                     uint32_t region_bytes, uint32_t block_bytes)
    : store_(store),
      grant_(grant),
      permissions_(permissions),
      region_bytes_(region_bytes),
      block_bytes_(block_bytes) {
  store_.SetClient(*this);
}

Result<void> IsolatedNvmDriver::AllocateGrant(ProcessId pid) { return grant_.Allocate(pid); }

uint64_t IsolatedNvmDriver::BlockKey(uint32_t block) const {
  uint8_t key[8];
  for (int i = 0; i < 4; ++i) {
    key[i] = static_cast<uint8_t>(write_id_ >> (8 * i));
    key[4 + i] = static_cast<uint8_t>(block >> (8 * i));
  }
  return KvStore::HashKey(key);
}

CommandReturn IsolatedNvmDriver::Command(uint32_t command_num, uint32_t arg0, uint32_t arg1,
                                         ProcessId pid) {
  if (command_num == 0) {
    return CommandReturn::Success();
  }
  if (command_num > kWrite) {
    return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
  auto r = grant_.Enter(pid, [&](IsolatedNvmApp& app, GrantKernelData& kd) -> Result<void> {
    if (app.op != kNone) {
      return ErrorCode::kNoMem;
    }
    app.op = static_cast<uint8_t>(command_num);
    app.offset = static_cast<uint64_t>(arg1) << 32 | arg0;
    if (current_ || !store_.mounted()) {
      return Result<void>::Ok();  // queued
    }
    return Start(pid, app, kd);
  });
  if (!r.ok()) {
    return CommandReturn::Failure(r.error());
  }
  if (!r.value().ok()) {
    return CommandReturn::Failure(r.value().error());
  }
  if (current_ && *current_ == pid) {
    Step();
  }
  return CommandReturn::Success();
}

Result<void> IsolatedNvmDriver::Start(ProcessId pid, IsolatedNvmApp& app, GrantKernelData& kd) {
  const Op op = static_cast<Op>(app.op);
  const StoragePermissions perms = permissions_.For(pid);
  const std::optional<uint32_t> id = perms.WriteId();
  Result<void> check = Result<void>::Ok();
  uint32_t length = 0;
  if (!id || (op == kRead && !perms.CheckRead(*id)) || (op == kWrite && !perms.CheckModify(*id))) {
    check = ErrorCode::kNoSupport;
  } else if (op != kGetSize) {
    length = static_cast<uint32_t>(op == kRead ? kd.GetReadWriteBuffer(0).size()
                                               : kd.GetReadOnlyBuffer(0).size());
    if (app.offset > region_bytes_ || length > region_bytes_ - app.offset) {
      check = ErrorCode::kInval;
    }
  }
  if (!check.ok()) {
    app.op = kNone;
    return check;
  }
  current_ = pid;
  op_ = op;
  write_id_ = *id;
  offset_ = app.offset;
  length_ = length;
  done_ = 0;
  patching_ = false;
  return Result<void>::Ok();
}

void IsolatedNvmDriver::Step() {
  while (op_ != kNone) {
    if (op_ == kGetSize || done_ == length_) {
      Finish(Result<void>::Ok());
      return;
    }
    const uint64_t at = offset_ + done_;
    const uint32_t block = static_cast<uint32_t>(at / block_bytes_);
    const uint32_t within = static_cast<uint32_t>(at % block_bytes_);
    const uint32_t n = Min(block_bytes_ - within, length_ - done_);
    const uint64_t key = BlockKey(block);
    const bool stored = store_.Lookup(key).has_value();
    if (op_ == kRead && !stored) {
      // Never written: erased bytes.
      static_cast<void>(grant_.Enter(*current_, [&](IsolatedNvmApp&, GrantKernelData& kd) {
        ReadWriteProcessBuffer out = kd.GetReadWriteBuffer(0);
        for (uint32_t i = 0; i < n; ++i) {
          static_cast<void>(out.Set(done_ + i, 0xFF));
        }
      }));
      done_ += n;
      continue;
    }
    if (stored && (op_ == kRead || n < block_bytes_)) {
      patching_ = op_ == kWrite;
      const Result<void> r = store_.Get(key);
      if (!r.ok()) {
        Finish(r);
      }
      return;  // GetDone goes on
    }
    // A write of a whole block, or into a block never written: build it in the store's buffer.
    const std::span<uint8_t> staging = store_.ValueBuffer();
    std::memset(staging.data(), 0xFF, block_bytes_);
    Result<void> r = ErrorCode::kFail;
    static_cast<void>(grant_.Enter(*current_, [&](IsolatedNvmApp&, GrantKernelData& kd) {
      r = kd.GetReadOnlyBuffer(0).CopyOut(done_, staging.subspan(within, n));
    }));
    if (r.ok()) {
      r = store_.Put(key, write_id_, block_bytes_);
    }
    if (!r.ok()) {
      Finish(r);
    }
    return;  // WriteDone goes on
  }
}

void IsolatedNvmDriver::GetDone(Result<void> status, std::span<const uint8_t> value) {
  if (op_ == kNone) {
    return;
  }
  if (!status.ok()) {
    Finish(status);
    return;
  }
  const uint64_t at = offset_ + done_;
  const uint32_t block = static_cast<uint32_t>(at / block_bytes_);
  const uint32_t within = static_cast<uint32_t>(at % block_bytes_);
  const uint32_t n = Min(block_bytes_ - within, length_ - done_);
  if (!patching_) {
    static_cast<void>(grant_.Enter(*current_, [&](IsolatedNvmApp&, GrantKernelData& kd) {
      ReadWriteProcessBuffer out = kd.GetReadWriteBuffer(0);
      for (uint32_t i = 0; i < n; ++i) {
        const uint32_t b = within + i;
        static_cast<void>(out.Set(done_ + i, b < value.size() ? value[b] : 0xFF));
      }
    }));
    done_ += n;
    Step();
    return;
  }
  // Patch the old block (it is already at the start of the store's buffer) and write it back.
  patching_ = false;
  const std::span<uint8_t> staging = store_.ValueBuffer();
  if (value.size() < block_bytes_) {
    std::memset(staging.data() + value.size(), 0xFF, block_bytes_ - value.size());
  }
  Result<void> r = ErrorCode::kFail;
  static_cast<void>(grant_.Enter(*current_, [&](IsolatedNvmApp&, GrantKernelData& kd) {
    r = kd.GetReadOnlyBuffer(0).CopyOut(done_, staging.subspan(within, n));
  }));
  if (r.ok()) {
    r = store_.Put(BlockKey(block), write_id_, block_bytes_);
  }
  if (!r.ok()) {
    Finish(r);
  }
}

void IsolatedNvmDriver::WriteDone(Result<void> status) {
  if (op_ == kNone) {
    return;
  }
  if (!status.ok()) {
    Finish(status);
    return;
  }
  const uint64_t at = offset_ + done_;
  done_ += Min(block_bytes_ - static_cast<uint32_t>(at % block_bytes_), length_ - done_);
  Step();
}

void IsolatedNvmDriver::Finish(Result<void> status) {
  const Op op = op_;
  op_ = kNone;
  if (current_) {
    const ProcessId pid = *current_;
    current_.reset();
    static_cast<void>(grant_.Enter(pid, [&](IsolatedNvmApp& app, GrantKernelData& kd) {
      app.op = kNone;
      const uint32_t code = ToStatusCode(status);
      if (op == kGetSize) {
        static_cast<void>(kd.ScheduleUpcall(kUpcallSize, code, region_bytes_, 0));
      } else {
        static_cast<void>(kd.ScheduleUpcall(op == kRead ? kUpcallRead : kUpcallWrite, code, 0, 0));
      }
    }));
  }
  CheckQueue();
}

void IsolatedNvmDriver::MountDone() { CheckQueue(); }

void IsolatedNvmDriver::CheckQueue() {
  if (!store_.mounted() || current_) {
    return;
  }
  grant_.Iterate([&](IsolatedNvmApp& app, GrantKernelData& kd) {
    if (current_ || app.op == kNone) {
      return;
    }
    const Op op = static_cast<Op>(app.op);
    const Result<void> r = Start(kd.process_id(), app, kd);
    if (!r.ok()) {
      const uint32_t upcall = op == kGetSize ? kUpcallSize
                              : op == kRead  ? kUpcallRead
                                             : kUpcallWrite;
      static_cast<void>(kd.ScheduleUpcall(upcall, ToU32(r.error()), 0, 0));
    }
  });
  if (current_) {
    Step();
  }
}

}  // namespace tock::capsules
