// System-call dispatch for all eight classes (TRD104; reference syscall-abi.md §2-§8).
// Touches the calling process's state, its grant blocks and queue; drivers via Command only.
#include <cstring>

#include "kernel/kernel.h"

namespace tock {

using internal::AllowSlot;
using internal::GrantBlock;
using internal::GrantHeader;

SyscallOutcome Kernel::HandleSyscall(Process& p, uint32_t class_num, const SyscallRegisters& regs,
                                     const MainLoopCapability&) {
  if (p.state() != ProcessState::kRunning) {
    // Stopped or killed while the trap was in flight: it does not continue now.
    EndTurnIfCurrent(p);
    return SyscallOutcome::kDescheduled;
  }
  ++p.syscall_count_;
  p.RecordSyscall(class_num, regs);
  if (ipc_ != nullptr) {
    ipc_->OnSyscall(p, class_num == static_cast<uint32_t>(SyscallClass::kYield));
  }
  std::optional<Syscall> call = DecodeSyscall(class_num, regs);
  if (!call) {
    // An unknown class number: upstream's arch layer decodes no syscall and reports a process
    // fault (ContextSwitchReason::Fault), which the fault policy handles.
    FaultInfo info;
    info.kind = FaultKind::kInvalidSyscall;
    FaultOutcome outcome = ApplyFault(p, info);
    EndTurnIfCurrent(p);
    return outcome == FaultOutcome::kPanic ? SyscallOutcome::kPanic : SyscallOutcome::kDescheduled;
  }

  switch (call->klass) {
    case SyscallClass::kSubscribe:
    case SyscallClass::kCommand:
    case SyscallClass::kReadWriteAllow:
    case SyscallClass::kReadOnlyAllow:
    case SyscallClass::kUserspaceReadableAllow:
      if (filter_ != nullptr) {
        Result<void> allowed = filter_->Filter(p, *call);
        if (!allowed.ok()) {
          p.boundary_->SetSyscallReturn(SyscallReturn::Failure(allowed.error()).Encode());
          return SyscallOutcome::kResume;
        }
      }
      break;
    default:
      break;
  }

  SyscallReturn ret = SyscallReturn::Success();
  switch (call->klass) {
    case SyscallClass::kYield:
      return DoYield(p, call->yield);
    case SyscallClass::kSubscribe:
      ret = DoSubscribe(p, call->subscribe);
      break;
    case SyscallClass::kCommand:
      ret = DoCommand(p, call->command);
      break;
    case SyscallClass::kReadWriteAllow:
    case SyscallClass::kReadOnlyAllow:
    case SyscallClass::kUserspaceReadableAllow:
      ret = DoAllow(p, call->allow);
      break;
    case SyscallClass::kMemop:
      ret = DoMemop(p, call->memop);
      break;
    case SyscallClass::kExit:
      if (call->exit.exit_num == kExitTerminate) {
        ReportIllegalEdge(Terminate(p, call->exit.completion_code));
        return SyscallOutcome::kDescheduled;
      }
      if (call->exit.exit_num == kExitRestart) {
        // Running, so the terminate half cannot fail; a failed start leaves it Faulted.
        if (!Restart(p, call->exit.completion_code).ok()) {
          ReportIllegalEdge(p.FailStart());
        }
        EndTurnIfCurrent(p);
        return SyscallOutcome::kDescheduled;
      }
      // Upstream kernel.rs: an unknown exit number returns Failure(NOSUPPORT).
      ret = SyscallReturn::Failure(ErrorCode::kNoSupport);
      break;
  }
  if (p.state() != ProcessState::kRunning) {
    // A driver stopped or terminated the caller while handling its call.
    EndTurnIfCurrent(p);
    return SyscallOutcome::kDescheduled;
  }
  p.boundary_->SetSyscallReturn(ret.Encode());
  return SyscallOutcome::kResume;
}

SyscallOutcome Kernel::DoYield(Process& p, const YieldCall& call) {
  Result<void> yielded = ErrorCode::kInval;
  switch (call.kind) {
    case YieldKind::kNoWait: {
      // Value-only entries of Null-Upcall slots run nothing, so they do not count (TRD104 §5).
      const bool has_tasks = p.queue().HasDeliverable();
      if (call.address != 0 && p.InAppRam(call.address, 1)) {
        *p.RamPointer(call.address, 1) = has_tasks ? 1 : 0;
      }
      if (!has_tasks) {
        p.boundary_->SetSyscallReturn(EncodedReturn{});  // returns at once, no value
        return SyscallOutcome::kResume;
      }
      yielded = p.SetYielded();
      break;
    }
    case YieldKind::kWait:
      yielded = p.SetYielded();
      break;
    case YieldKind::kWaitFor:
      yielded = p.SetYieldedFor(UpcallId{call.driver_num, call.subscribe_num});
      break;
    case YieldKind::kUnknown:
      // TRD104 §4.1: an invalid yield number returns at once without using the parameters.
      // Nothing is written: the app's registers stay as they were (upstream 2.x kernel.rs).
      p.boundary_->SetSyscallReturn(EncodedReturn{});
      return SyscallOutcome::kResume;
  }
  ReportIllegalEdge(yielded);  // HandleSyscall checked Running: the edge is legal
  if (yielded.ok() && DeliverPending(p)) {
    return SyscallOutcome::kResume;
  }
  // Blocked: gives up the rest of its slice.
  EndTurnIfCurrent(p);
  return SyscallOutcome::kDescheduled;
}

Result<uint8_t*> Kernel::GrantBlockFor(Process& p, SyscallDriver& driver, uint32_t driver_num) {
  GrantTableEntry* entry = p.FindGrantEntry(driver_num);
  if (entry == nullptr) {
    return ErrorCode::kNoMem;  // driver has no grant (upstream: NOMEM)
  }
  if (entry->address == 0) {
    static_cast<void>(driver.AllocateGrant(p.id()));
    if (entry->address == 0) {
      return ErrorCode::kNoMem;
    }
  }
  uint8_t* block = p.RamPointer(entry->address, sizeof(GrantHeader));
  if (block == nullptr) {
    return ErrorCode::kNoMem;
  }
  return block;
}

SyscallReturn Kernel::DoSubscribe(Process& p, const SubscribeCall& c) {
  auto fail = [&c](ErrorCode e) {
    return SyscallReturn::FailureU32U32(e, c.upcall_fn, c.userdata);
  };
  // A non-null function must be code or data the process can reach (TRD104 §4.2).
  // Like upstream, a pointer-sized range at the address must lie in non-protected flash or in
  // RAM below the break.
  if (c.upcall_fn != 0 && !p.InReadableFlash(c.upcall_fn, 4) && !p.InAppRam(c.upcall_fn, 4)) {
    return fail(ErrorCode::kInval);
  }
  SyscallDriver* driver = drivers_.Lookup(c.driver_num);
  if (driver == nullptr) {
    return fail(ErrorCode::kNoDevice);
  }
  Result<uint8_t*> block = GrantBlockFor(p, *driver, c.driver_num);
  if (!block.ok()) {
    return fail(block.error());
  }
  GrantBlock b(block.value());
  if (c.subscribe_num >= b.header().num_upcalls) {
    return fail(ErrorCode::kNoSupport);
  }
  SubscribedUpcall& slot = b.upcalls()[c.subscribe_num];
  const SubscribedUpcall previous = slot;
  slot = SubscribedUpcall{c.upcall_fn, c.userdata};
  // No pending upcall may still carry the old function.
  p.queue().RemoveAll(UpcallId{c.driver_num, c.subscribe_num});
  return SyscallReturn::SuccessU32U32(previous.fn, previous.userdata);
}

SyscallReturn Kernel::DoCommand(Process& p, const CommandCall& c) {
  SyscallDriver* driver = drivers_.Lookup(c.driver_num);
  if (driver == nullptr) {
    return SyscallReturn::Failure(ErrorCode::kNoDevice);
  }
  return driver->Command(c.command_num, c.arg0, c.arg1, p.id()).syscall_return();
}

SyscallReturn Kernel::DoAllow(Process& p, const AllowCall& c) {
  auto fail = [&c](ErrorCode e) { return SyscallReturn::FailureU32U32(e, c.address, c.length); };
  SyscallDriver* driver = drivers_.Lookup(c.driver_num);
  if (driver == nullptr) {
    return fail(ErrorCode::kNoDevice);
  }
  if (c.length != 0) {
    const bool in_ram = p.InAppRam(c.address, c.length);
    const bool ok = c.kind == AllowKind::kReadOnly
                        ? (in_ram || p.InReadableFlash(c.address, c.length))
                        : in_ram;
    if (!ok) {
      return fail(ErrorCode::kInval);
    }
  }
  Result<uint8_t*> block = GrantBlockFor(p, *driver, c.driver_num);
  if (!block.ok()) {
    return fail(block.error());
  }
  GrantBlock b(block.value());
  AllowSlot* slots = nullptr;
  uint32_t count = 0;
  switch (c.kind) {
    case AllowKind::kReadOnly:
      slots = b.read_only();
      count = b.header().num_read_only;
      break;
    case AllowKind::kReadWrite:
      slots = b.read_write();
      count = b.header().num_read_write;
      break;
    case AllowKind::kUserspaceReadable:
      slots = b.userspace_readable();
      count = b.header().num_userspace_readable;
      break;
  }
  if (c.allow_num >= count) {
    return fail(ErrorCode::kNoSupport);
  }
  const AllowSlot previous = slots[c.allow_num];
  slots[c.allow_num] = AllowSlot{c.address, c.length};
  if (c.length != 0 && p.InAppRam(c.address, c.length)) {
    const uint32_t end = c.address + c.length;
    if (end > p.allow_high_water_mark_) {
      p.allow_high_water_mark_ = end;
    }
  }
  return SyscallReturn::SuccessU32U32(previous.address, previous.length);
}

Result<void> Kernel::SetBreak(Process& p, uint32_t new_break) {
  if (new_break < p.memory_start_ || new_break < p.allow_high_water_mark_ ||
      new_break > p.kernel_break_) {
    return ErrorCode::kNoMem;
  }
  if (!p.mpu_->UpdateBreaks(new_break, p.kernel_break_).ok()) {
    return ErrorCode::kNoMem;
  }
  if (new_break > p.app_break_) {
    std::memset(p.RamPointer(p.app_break_, new_break - p.app_break_), 0, new_break - p.app_break_);
  }
  p.app_break_ = new_break;
  return {};
}

SyscallReturn Kernel::DoMemop(Process& p, const MemopCall& c) {
  const TbfDescription& tbf = *p.tbf_;
  switch (c.op) {
    case 0:
      return SetBreak(p, c.arg).ok() ? SyscallReturn::Success()
                                     : SyscallReturn::Failure(ErrorCode::kNoMem);
    case 1: {
      const uint32_t old_break = p.app_break_;
      const int64_t target = static_cast<int64_t>(old_break) + static_cast<int32_t>(c.arg);
      if (target < 0 || target > 0xFFFFFFFFll) {
        return SyscallReturn::Failure(ErrorCode::kNoMem);
      }
      return SetBreak(p, static_cast<uint32_t>(target)).ok()
                 ? SyscallReturn::SuccessAddress(old_break)
                 : SyscallReturn::Failure(ErrorCode::kNoMem);
    }
    case 2:
      return SyscallReturn::SuccessAddress(p.memory_start_);
    case 3:
      return SyscallReturn::SuccessAddress(p.memory_end());
    case 4:
      return SyscallReturn::SuccessAddress(p.flash_start());
    case 5:
      return SyscallReturn::SuccessAddress(p.flash_end());
    case 6:
      return SyscallReturn::SuccessAddress(p.kernel_break_);
    case 7:
      return SyscallReturn::SuccessU32(tbf.num_writeable_regions);
    case 8:
    case 9: {
      if (c.arg >= tbf.num_writeable_regions || c.arg >= kMaxWriteableFlashRegions) {
        return SyscallReturn::Failure(ErrorCode::kFail);
      }
      const WriteableFlashRegion& r = tbf.writeable_regions[c.arg];
      const uint32_t start = p.flash_start() + r.offset;
      return SyscallReturn::SuccessAddress(c.op == 8 ? start : start + r.size);
    }
    case 10:
      p.stack_start_ = c.arg;
      return SyscallReturn::Success();
    case 11:
      p.heap_start_ = c.arg;
      return SyscallReturn::Success();
    default:
      return SyscallReturn::Failure(ErrorCode::kNoSupport);
  }
}

}  // namespace tock
