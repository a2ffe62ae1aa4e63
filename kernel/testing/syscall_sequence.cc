// SyscallSequence: byte-driven kernel exerciser with invariant checks; see the header.
#include "kernel/testing/syscall_sequence.h"

namespace tock::testing {

class SyscallSequence::Reader {
 public:
  explicit Reader(std::span<const uint8_t> d) : d_(d) {}
  bool done() const { return pos_ >= d_.size(); }
  uint8_t Byte() { return pos_ < d_.size() ? d_[pos_++] : 0; }
  uint32_t Word() {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      v |= static_cast<uint32_t>(Byte()) << (8 * i);
    }
    return v;
  }

 private:
  std::span<const uint8_t> d_;
  size_t pos_ = 0;
};

SyscallSequence::SyscallSequence(ViolationHandler on_violation)
    : driver_(h_.kernel, h_.memory_cap), on_violation_(on_violation) {
  static_cast<void>(h_.Register(TestDriver::kDriverNum, driver_));
  FakeProcessPlatform::ImageSpec spec;
  spec.minimum_ram_size = 6000;
  spec.protected_trailer_size = 32;
  pids_[0] = h_.Load(0, spec, &restart_policy_).value_or(ProcessId());
  spec.name = "second";
  spec.minimum_ram_size = 3000;
  pids_[1] = h_.Load(1, spec, &threshold_policy_).value_or(ProcessId());
}

void SyscallSequence::Violation(const char* what) {
  if (on_violation_ != nullptr) {
    on_violation_(what);
  } else {
    __builtin_trap();
  }
}

// Register values biased towards the interesting ones: edges of the process's regions,
// driver/subscribe numbers, small integers, anything.
uint32_t SyscallSequence::Value(Reader& in) {
  const uint8_t kind = in.Byte();
  const Process& p = h_.processes[kind & 1];
  const uint32_t small = in.Byte();
  switch ((kind >> 1) % 10) {
    case 0:
      return small & 7;
    case 1:
      return TestDriver::kDriverNum;
    case 2:
      return p.memory_start() + small * 16;
    case 3:
      return p.app_break() - (small & 63);
    case 4:
      return p.kernel_memory_break() - 32 + (small & 63);
    case 5:
      return FakeProcessPlatform::kFlashBase + small * 4;
    case 6:
      return p.memory_end() - (small & 15);
    case 7:
      return static_cast<uint32_t>(-static_cast<int32_t>(small));
    case 8:
      return small * 37;
    default:
      return in.Word();
  }
}

void SyscallSequence::Step(Reader& in) {
  const uint8_t op = in.Byte();
  const size_t which = (op >> 4) & 1;
  Process& p = h_.processes[which];
  switch (op % 8) {
    case 0:
    case 1:  // a syscall (class 8/9 are invalid and fault)
      StepSyscall(in, which);
      break;
    case 2:  // the driver schedules an upcall
      StepUpcall(in, p.id());
      break;
    case 3:  // one scheduling step
      StepSchedule(in);
      break;
    case 4:  // a hardware fault (rarely: most sequences should get somewhere)
      StepFault(in, p);
      break;
    case 5:  // process management (rare, like faults)
      StepManage(in, p);
      break;
    default:  // a capsule touches every allowed buffer, all of it
      StepTouchBuffers(in, which);
      break;
  }
}

void SyscallSequence::StepSyscall(Reader& in, size_t which) {
  Process& p = h_.processes[which];
  // Invalid classes (fault) and exit are kept rare so sequences get somewhere.
  const uint8_t kb = in.Byte();
  uint32_t klass = kb % 8;
  if (kb == 0xFF) {
    klass = 8 + (in.Byte() & 1);
  }
  if (klass == 6 && (kb & 0xF0) != 0xF0) {
    klass = 0;
  }
  const uint8_t shape = in.Byte();
  SyscallRegisters regs{Value(in), Value(in), Value(in), Value(in)};
  switch (klass) {
    case 0:  // yield: mostly valid numbers, wait-for mostly on the test driver
      regs[0] %= 3;
      if (shape & 1) {
        regs[1] = TestDriver::kDriverNum;
      }
      if (shape & 2) {
        regs[2] &= 3;
      }
      break;
    case 1:
    case 2:
    case 3:
    case 4:
    case 7:  // mostly the test driver, small subscribe/allow/command numbers
      if (shape & 3) {
        regs[0] = TestDriver::kDriverNum;
      }
      if (shape & 4) {
        regs[1] &= 3;
      }
      if (klass == 1 && (shape & 8)) {
        regs[2] = FakeProcessPlatform::kFlashBase + 0x100 + (shape & 0xF0);
      }
      break;
    case 5:
      regs[0] %= 13;
      break;
    case 6:
      regs[0] &= 3;
      break;
    default:
      break;
  }
  h_.platforms[which].set_frame(regs);
  ++syscalls_;
  const SyscallOutcome out = h_.kernel.HandleSyscall(p, klass, regs, h_.loop_cap);
  if (out == SyscallOutcome::kPanic) {
    Violation("panic without a panic policy");
  }
}

void SyscallSequence::StepUpcall(Reader& in, ProcessId pid) {
  const uint32_t sub = in.Byte() % 4;
  static_cast<void>(driver_.grant.Enter(pid, [&](TestApp&, GrantKernelData& kd) {
    static_cast<void>(kd.ScheduleUpcall(sub, Value(in), 0, 0));
  }));
}

void SyscallSequence::StepSchedule(Reader& in) {
  auto run = h_.Schedule();
  if (run && (in.Byte() & 1)) {
    h_.kernel.HandleTimesliceExpired(*run->process, h_.loop_cap);
  } else if (run) {
    h_.kernel.HandlePreempted(*run->process, in.Byte() * 100u, h_.loop_cap);
  }
}

void SyscallSequence::StepFault(Reader& in, Process& p) {
  if ((in.Byte() & 7) != 0) {
    return;
  }
  FaultInfo info;
  info.kind = FaultKind::kMemory;
  if (h_.kernel.HandleFault(p, info, h_.loop_cap) == FaultOutcome::kPanic) {
    Violation("panic without a panic policy");
  }
}

void SyscallSequence::StepManage(Reader& in, Process& p) {
  const ProcessId pid = p.id();
  const uint8_t action = in.Byte();
  if ((action & 0x18) != 0) {
    return;
  }
  switch (p.state() == ProcessState::kTerminated && (action & 1) ? 4 : action % 5) {
    case 0:
      static_cast<void>(h_.kernel.StopProcess(pid, h_.process_cap));
      break;
    case 1:
      static_cast<void>(h_.kernel.ResumeProcess(pid, h_.process_cap));
      break;
    case 2:
      static_cast<void>(h_.kernel.TerminateProcess(pid, 1, h_.process_cap));
      break;
    case 3:
      static_cast<void>(h_.kernel.RestartProcess(pid, h_.process_cap));
      break;
    default:
      static_cast<void>(h_.kernel.StartProcess(pid, h_.process_cap));
      break;
  }
}

void SyscallSequence::StepTouchBuffers(Reader& in, size_t which) {
  const ProcessId pid = h_.processes[which].id();
  const uint8_t fill = in.Byte();
  static_cast<void>(driver_.grant.Enter(pid, [&](TestApp& app, GrantKernelData& kd) {
    const Process& proc = h_.processes[which];
    for (uint32_t n = 0; n < 2; ++n) {
      auto rw = kd.GetReadWriteBuffer(n);
      if (!rw.empty() && !proc.InAppRam(rw.address(), static_cast<uint32_t>(rw.size()))) {
        Violation("read-write buffer outside app RAM");
      }
      rw.Fill(fill);
      auto ro = kd.GetReadOnlyBuffer(n);
      if (!ro.empty() && !proc.InAppRam(ro.address(), static_cast<uint32_t>(ro.size())) &&
          !proc.InReadableFlash(ro.address(), static_cast<uint32_t>(ro.size()))) {
        Violation("read-only buffer outside app memory");
      }
      for (size_t i = 0; i < ro.size(); ++i) {
        app.count += ro.Get(i).value_or(0);
      }
    }
    auto uro = kd.GetUserspaceReadableBuffer(0);
    if (!uro.empty() && !proc.InAppRam(uro.address(), static_cast<uint32_t>(uro.size()))) {
      Violation("userspace-readable buffer outside app RAM");
    }
    uro.Fill(fill);
  }));
}

void SyscallSequence::CheckInvariants() {
  for (size_t i = 0; i < 2; ++i) {
    const Process& p = h_.processes[i];
    if (p.state() == ProcessState::kUnused) {
      continue;
    }
    if (p.app_break() < p.memory_start()) {
      Violation("app break below memory start");
    }
    if (p.app_break() > p.kernel_memory_break()) {
      Violation("app break above kernel break");
    }
    if (p.kernel_memory_break() > p.memory_end()) {
      Violation("kernel break above memory end");
    }
    if (p.allow_high_water_mark() < p.memory_start() || p.allow_high_water_mark() > p.app_break()) {
      Violation("allow high-water mark outside [memory_start, app_break]");
    }
    if (p.pending_upcall_count() > kUpcallQueueCapacity) {
      Violation("queue over capacity");
    }
    const FakeProcessPlatform& pf = h_.platforms[i];
    if (p.IsAlive() && pf.mpu_layout &&
        (pf.mpu_layout->app_break != p.app_break() ||
         pf.mpu_layout->kernel_break > p.kernel_memory_break())) {
      Violation("MPU does not match the process's breaks");
    }
  }
}

size_t SyscallSequence::Run(std::span<const uint8_t> data) {
  Reader in(data);
  size_t steps = 0;
  while (!in.done()) {
    Step(in);
    CheckInvariants();
    ++steps;
  }
  return steps;
}

}  // namespace tock::testing
