// Process info syscall driver; see process_info_driver.h.
#include "capsules/process_info/process_info_driver.h"

namespace tock::capsules {
namespace {

void PutWord(ReadWriteProcessBuffer& buffer, size_t index, uint32_t value) {
  const uint8_t bytes[4] = {static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8),
                            static_cast<uint8_t>(value >> 16), static_cast<uint8_t>(value >> 24)};
  // A word that does not fit whole is left out, as upstream's chunked copy.
  static_cast<void>(buffer.CopyIn(index * 4, bytes));
}

CommandReturn FromGrant(const Result<CommandReturn>& r) {
  return r.ok() ? r.value() : CommandReturn::Failure(r.error());
}

}  // namespace

uint32_t ProcessInfoDriver::StateNumber(ProcessState state) {
  switch (state) {
    case ProcessState::kRunning:
      return 0;
    case ProcessState::kYielded:
      return 1;
    case ProcessState::kYieldedFor:
      return 2;
    case ProcessState::kStoppedRunning:
    case ProcessState::kStoppedYielded:
    case ProcessState::kStoppedYieldedFor:
      return 3;
    case ProcessState::kFaulted:
      return 4;
    case ProcessState::kTerminated:
    case ProcessState::kUnused:
      break;
  }
  return 5;
}

const Process* ProcessInfoDriver::Find(uint32_t process_id) const {
  for (size_t i = 0; i < processes_.ProcessSlots(); ++i) {
    const Process* p = processes_.ProcessAt(i);
    if (p != nullptr && p->id().id() == process_id) {
      return p;
    }
  }
  return nullptr;
}

template <typename F>
CommandReturn ProcessInfoDriver::FillWords(ProcessId caller, F value) {
  return FromGrant(grant_.Enter(caller, [&](ProcessInfoApp&, GrantKernelData& kd) {
    ReadWriteProcessBuffer buffer = kd.GetReadWriteBuffer(kInfoAllow);
    uint32_t count = 0;
    for (size_t i = 0; i < processes_.ProcessSlots(); ++i) {
      const Process* p = processes_.ProcessAt(i);
      if (p != nullptr) {
        PutWord(buffer, count++, value(*p));
      }
    }
    return CommandReturn::SuccessU32(count);
  }));
}

CommandReturn ProcessInfoDriver::Name(ProcessId caller, uint32_t process_id) {
  return FromGrant(grant_.Enter(caller, [&](ProcessInfoApp&, GrantKernelData& kd) {
    const Process* p = Find(process_id);
    if (p == nullptr) {
      return CommandReturn::Failure(ErrorCode::kInval);
    }
    ReadWriteProcessBuffer buffer = kd.GetReadWriteBuffer(kInfoAllow);
    const uint32_t len = p->name_length();
    const size_t copy = len < buffer.size() ? len : buffer.size();
    static_cast<void>(buffer.CopyIn(
        0, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(p->name()), copy)));
    return CommandReturn::SuccessU32(len);
  }));
}

CommandReturn ProcessInfoDriver::Stats(ProcessId caller, uint32_t process_id) {
  return FromGrant(grant_.Enter(caller, [&](ProcessInfoApp&, GrantKernelData& kd) {
    const Process* p = Find(process_id);
    if (p != nullptr) {
      ReadWriteProcessBuffer buffer = kd.GetReadWriteBuffer(kInfoAllow);
      const ProcessStats s = processes_.Stats(*p);
      PutWord(buffer, 0, s.timeslice_expirations);
      PutWord(buffer, 1, s.syscall_count);
      PutWord(buffer, 2, p->restart_count());
      PutWord(buffer, 3, StateNumber(p->state()));
    }
    return CommandReturn::Success();
  }));
}

CommandReturn ProcessInfoDriver::SetState(uint32_t process_id, uint32_t state) {
  const Process* p = Find(process_id);
  if (p == nullptr) {
    return CommandReturn::Failure(ErrorCode::kInval);
  }
  const ProcessId target = p->id();
  // Upstream ignores the outcome of the state change (e.g. stopping a stopped process).
  switch (state) {
    case 1:
      static_cast<void>(processes_.Resume(target));
      break;
    case 2:
      static_cast<void>(processes_.Stop(target));
      break;
    case 3:
      static_cast<void>(processes_.Fault(target));
      break;
    case 4:
      static_cast<void>(processes_.Terminate(target));
      break;
    case 5:
      if (p->state() == ProcessState::kTerminated) {
        static_cast<void>(processes_.Boot(target));
      }
      break;
    default:
      break;
  }
  return CommandReturn::Success();
}

CommandReturn ProcessInfoDriver::Command(uint32_t command_num, uint32_t arg0, uint32_t arg1,
                                         ProcessId pid) {
  switch (command_num) {
    case 0:
      return CommandReturn::Success();
    case 1: {
      uint32_t count = 0;
      for (size_t i = 0; i < processes_.ProcessSlots(); ++i) {
        count += processes_.ProcessAt(i) != nullptr ? 1 : 0;
      }
      return CommandReturn::SuccessU32(count);
    }
    case 2:
      return FillWords(pid, [](const Process& p) { return p.id().id(); });
    case 3:
      return FillWords(pid, [](const Process& p) { return p.short_id(); });
    case 4:
      return Name(pid, arg0);
    case 5:
      return Stats(pid, arg0);
    case 6:
      return SetState(arg0, arg1);
    default:
      return CommandReturn::Failure(ErrorCode::kNoSupport);
  }
}

}  // namespace tock::capsules
