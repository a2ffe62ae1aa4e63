// Nonvolatile storage syscall driver implementation.
#include "capsules/nonvolatile_storage/nonvolatile_storage_driver.h"

namespace tock::capsules {
namespace {
constexpr size_t Min(size_t a, size_t b) { return a < b ? a : b; }
}  // namespace

NonvolatileStorageDriver::NonvolatileStorageDriver(
    hil::nonvolatile_storage::NonvolatileStorage& storage, GrantType& grant,
    uint32_t userspace_start, uint32_t userspace_length, std::span<uint8_t> buffer)
    : storage_(storage),
      grant_(grant),
      userspace_start_(userspace_start),
      userspace_length_(userspace_length),
      buffer_(buffer),
      buffer_size_(buffer.size()) {
  storage_.SetClient(*this);
}

CommandReturn NonvolatileStorageDriver::Command(uint32_t command_num, uint32_t arg0, uint32_t arg1,
                                                ProcessId pid) {
  switch (command_num) {
    case 0:
      return CommandReturn::Success();
    case 1:
      return CommandReturn::SuccessU32(userspace_length_);
    case 2:
    case 3:
      return CommandReturn::FromResult(Enqueue(command_num == 3, arg0, arg1, pid));
    default:
      return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
}

Result<void> NonvolatileStorageDriver::AllocateGrant(ProcessId pid) { return grant_.Allocate(pid); }

Result<void> NonvolatileStorageDriver::Enqueue(bool write, uint32_t offset, uint32_t length,
                                               ProcessId pid) {
  // Userspace addresses start at 0 of its region.
  if (offset >= userspace_length_ || length > userspace_length_ - offset) {
    return ErrorCode::kInval;
  }
  auto r = grant_.Enter(pid, [&](NonvolatileStorageApp& app, GrantKernelData& kd) -> Result<void> {
    const size_t allowed = write ? kd.GetReadOnlyBuffer(0).size() : kd.GetReadWriteBuffer(0).size();
    if (allowed == 0 || buffer_size_ == 0) {
      return ErrorCode::kReserve;
    }
    if (buffer_.IsEmpty()) {  // another request is in flight
      if (app.pending) {
        return ErrorCode::kNoMem;  // one queued request per app
      }
      app.pending = true;
      app.write = write;
      app.offset = offset;
      app.length = length;
      return Result<void>::Ok();
    }
    app.write = write;
    app.offset = offset;
    app.length = length;
    return Start(pid, app, kd);
  });
  if (!r.ok()) {
    return r.error();
  }
  return r.value();
}

Result<void> NonvolatileStorageDriver::Start(ProcessId pid, NonvolatileStorageApp& app,
                                             GrantKernelData& kd) {
  app.pending = false;
  const size_t allowed =
      app.write ? kd.GetReadOnlyBuffer(0).size() : kd.GetReadWriteBuffer(0).size();
  const std::span<uint8_t> buffer = buffer_.Take();
  const size_t n = Min(Min(app.length, allowed), buffer.size());
  if (app.write && !kd.GetReadOnlyBuffer(0).CopyOut(0, buffer.first(n)).ok()) {
    buffer_.Put(buffer);
    return ErrorCode::kReserve;
  }
  const size_t address = static_cast<size_t>(userspace_start_) + app.offset;
  Result<void> r = app.write ? storage_.Write(buffer.data(), address, n)
                             : storage_.Read(buffer.data(), address, n);
  if (r.ok()) {
    current_ = pid;
  } else {
    buffer_.Put(buffer);
  }
  return r;
}

void NonvolatileStorageDriver::ReadDone(uint8_t* buffer, size_t length) {
  buffer_.Put(std::span<uint8_t>(buffer, buffer_size_));
  if (current_) {
    const ProcessId pid = *current_;
    current_.reset();
    static_cast<void>(grant_.Enter(pid, [&](NonvolatileStorageApp&, GrantKernelData& kd) {
      ReadWriteProcessBuffer dest = kd.GetReadWriteBuffer(0);
      const size_t n = Min(length, dest.size());
      static_cast<void>(dest.CopyIn(0, std::span<const uint8_t>(buffer, n)));
      static_cast<void>(kd.ScheduleUpcall(kUpcallReadDone, static_cast<uint32_t>(length), 0, 0));
    }));
  }
  CheckQueue();
}

void NonvolatileStorageDriver::WriteDone(uint8_t* buffer, size_t length) {
  buffer_.Put(std::span<uint8_t>(buffer, buffer_size_));
  if (current_) {
    const ProcessId pid = *current_;
    current_.reset();
    static_cast<void>(grant_.Enter(pid, [&](NonvolatileStorageApp&, GrantKernelData& kd) {
      static_cast<void>(kd.ScheduleUpcall(kUpcallWriteDone, static_cast<uint32_t>(length), 0, 0));
    }));
  }
  CheckQueue();
}

void NonvolatileStorageDriver::CheckQueue() {
  grant_.Iterate([&](NonvolatileStorageApp& app, GrantKernelData& kd) {
    if (buffer_.IsEmpty() || !app.pending) {
      return;
    }
    if (!Start(kd.process_id(), app, kd).ok()) {
      // Could not start: report zero bytes so the app is not left waiting.
      static_cast<void>(kd.ScheduleUpcall(app.write ? kUpcallWriteDone : kUpcallReadDone, 0, 0, 0));
    }
  });
}

}  // namespace tock::capsules
