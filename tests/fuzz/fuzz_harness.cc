// Harness: see fuzz_harness.h. The interpreter, the app's shadow of what it allowed and
// subscribed, and every invariant check live here.
#include "tests/fuzz/fuzz_harness.h"

#include <cstdio>
#include <string_view>

#include "kernel/deferred_call.h"
#include "tests/fuzz/known_findings.h"

namespace tock::fuzz {
namespace {

bool LegalVariant(uint32_t v) { return v <= 3 || (v >= 128 && v <= 133); }
bool IsFailure(uint32_t v) { return v <= 3; }
bool LegalError(uint32_t e) { return e >= 1 && e <= 13; }

// Registers written for variant v (TRD104 §4): r0 plus its payload.
uint8_t WrittenMask(uint32_t v) {
  int payload = 0;
  switch (v) {
    case 0:
    case 129:
      payload = 1;
      break;
    case 1:
    case 130:
    case 131:
      payload = 2;
      break;
    case 2:
    case 3:
    case 132:
    case 133:
      payload = 3;
      break;
    default:
      payload = 0;
  }
  return static_cast<uint8_t>((1u << (payload + 1)) - 1);
}

bool Overlaps(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen) {
  return uint64_t{a} < uint64_t{b} + blen && uint64_t{b} < uint64_t{a} + alen;
}

}  // namespace

Harness::Harness(HarnessOptions options) : options_(options), kernel_(processes_, drivers_) {
  if (options_.processes == 0) {
    options_.processes = 1;
  }
  if (options_.processes > kMaxProcesses) {
    options_.processes = kMaxProcesses;
  }
  for (size_t i = 0; i < kMaxProcesses; ++i) {
    platforms_[i].emplace(i, *this);
  }
  AddFake(alarm_);
  AddFake(entropy_);
  if (options_.grant_probe) {
    probe_.emplace(
        kernel_, memory_cap_,
        [](void* ctx, ProcessId pid, const void* ptr, size_t n) {
          Harness& h = *static_cast<Harness*>(ctx);
          Process& p = h.process(pid.index());
          const uint8_t* base = h.platform(pid.index()).RamPointer(p.memory_start());
          if (base == nullptr) {
            return false;
          }
          const uint8_t* lo = base + (p.kernel_memory_break() - p.memory_start());
          const uint8_t* hi = base + p.memory_len();
          const uint8_t* b = static_cast<const uint8_t*>(ptr);
          return b >= lo && b + n <= hi;
        },
        [](void* ctx, const char* what) {
          static_cast<Harness*>(ctx)->Violation("grant-placement", what);
        },
        this);
    Register(GrantProbe::kDriverNum, *probe_);
  }
}

capsules::UartDevice& Harness::NewUartDevice() {
  if (num_uart_devices_ == kMaxUartDevices) {
    Violation("harness", "too many UART devices");
  }
  return uart_devices_[num_uart_devices_++].emplace(mux_uart_);
}

capsules::VirtualMuxAlarm<hil::time::Ticks32>& Harness::NewVirtualAlarm() {
  if (num_virtual_alarms_ == kMaxVirtualAlarms) {
    Violation("harness", "too many virtual alarms");
  }
  return virtual_alarms_[num_virtual_alarms_++].emplace(mux_alarm_);
}

void Harness::Register(uint32_t driver_num, SyscallDriver& driver) {
  if (!drivers_.Register(driver_num, driver).ok() || num_drivers_ == kMaxDrivers) {
    Violation("harness", "driver registration failed");
  }
  driver_nums_[num_drivers_++] = driver_num;
}

void Harness::Violation(const char* id, const char* what, size_t slot) {
  if (const KnownFinding* known = FindKnown(id)) {
    // Reported once per run; the input goes on (these findings leave the system consistent).
    static const KnownFinding* reported = nullptr;
    if (reported != known) {
      std::fprintf(stderr, "tockpp fuzz: known finding [%s] at step %zu (op %s): %s\n", id, step_,
                   op_name_, known->summary);
      reported = known;
    }
    return;
  }
  std::fprintf(stderr, "tockpp fuzz invariant violated [%s]: %s (step %zu, op %s", id, what, step_,
               op_name_);
  if (slot != ~size_t{0}) {
    std::fprintf(stderr, ", process slot %zu", slot);
  }
  std::fprintf(stderr, ")\n");
  std::fflush(stderr);
  __builtin_trap();
}

// ---------------------------------------------------------------------------------------------
// Observer: what the kernel does to a process's execution context.

void Harness::OnUpcall(size_t slot, uint32_t fn, const SyscallRegisters& args) {
  ++upcalls_;
  if (fn == 0) {
    Violation("upcall-null", "the Null Upcall was invoked", slot);
  }
  const AppView& v = views_[slot];
  for (size_t i = 0; i < v.num_subs; ++i) {
    if (v.subs[i].fn == fn && v.subs[i].userdata == args[3]) {
      return;
    }
  }
  Violation("upcall-unsubscribed",
            "upcall delivered that this incarnation of the process has not subscribed (stale, "
            "unsubscribed or from before a restart)",
            slot);
}

void Harness::OnStart(size_t slot) {
  // Start zeroed the process's RAM; "crt0" paints what the app can reach (and the free gap) so
  // that stray writes, even of 0, stay visible. Everything the old incarnation allowed is gone.
  views_[slot].Clear();
  Process& p = process(slot);
  platform(slot).Paint(p.memory_start(), p.kernel_memory_break());
  platform(slot).Resync();
  MarkChecked(slot);
}

void Harness::OnTerminated(size_t slot) {
  // Last chance to blame writes on the old incarnation's windows; afterwards it has none.
  if (!loading_) {
    CheckMemory(slot);
  }
  views_[slot].Clear();
  MarkChecked(slot);
}

// ---------------------------------------------------------------------------------------------
// Driving.

void Harness::Load() {
  if (loaded_) {
    return;
  }
  loading_ = true;
  for (size_t slot = 0; slot < options_.processes; ++slot) {
    const FaultPolicy& policy = slot == 0   ? static_cast<const FaultPolicy&>(restart_policy_)
                                : slot == 1 ? static_cast<const FaultPolicy&>(stop_policy_)
                                            : static_cast<const FaultPolicy&>(threshold_policy_);
    GuardedPlatform& pf = platform(slot);
    auto pid = kernel_.LoadProcess(pf.tbf(), pf.platform(), policy, process_cap_);
    if (!pid.ok()) {
      Violation("harness", "a fuzz process failed to load", slot);
    }
    views_[slot].pid = pid.value();
  }
  loading_ = false;
  loaded_ = true;
}

void Harness::Run(const uint8_t* data, size_t size) {
  Load();
  ByteReader in(data, size);
  for (size_t n = 0; n < options_.max_steps && !in.empty() && !halted_; ++n) {
    Step(in);
  }
  // Let everything in flight finish: completions and deliveries must keep the invariants too.
  // Rounds stop early once one finds nothing left to do.
  for (int round = 0; round < 8 && !halted_; ++round) {
    ++step_;
    op_name_ = "drain";
    const uint32_t upcalls_before = upcalls_;
    bool busy = uart_.CompleteAllTransmits(64) != 0;
    busy = entropy_.Deliver(4) || busy;
    for (size_t i = 0; i < num_fakes_; ++i) {
      if (fakes_[i] != &entropy_ && fakes_[i] != &alarm_ && fakes_[i]->HasPending()) {
        fakes_[i]->Complete(0);
        busy = true;
      }
    }
    for (int n = 0; n < 8 && DeferredCall::ServiceNext(deferred_cap_); ++n) {
      busy = true;
    }
    static_cast<void>(kernel_.NextProcessToRun(loop_cap_));
    CheckBreaks();
    if (!busy && upcalls_ == upcalls_before) {
      break;
    }
  }
  op_name_ = "end of input";
  CheckAllMemory();
}

void Harness::AtInputEnd() {
  if (DeferredCall::HasPending()) {
    op_name_ = "end of input";
    Violation("deferred-call-pending", "a deferred call is still pending after the drain");
  }
}

void Harness::Step(ByteReader& in) {
  ++step_;
  for (size_t slot = 0; slot < options_.processes; ++slot) {
    SyncPid(slot);
  }
  const uint8_t op = in.Byte() % 20;
  check_after_.reset();
  switch (op) {
    case 12:
    case 13:
    case 14:
      op_name_ = "peripheral";
      OpPeripheral(in);
      break;
    case 15:
      op_name_ = "schedule";
      OpSchedule();
      break;
    case 16:
      op_name_ = "management";
      OpManagement(in);
      break;
    case 18:
      op_name_ = "progress";
      uart_.CompleteAllTransmits(16);
      OpSchedule();
      break;
    default:
      OpSyscall(in, op);
      break;
  }
  CheckBreaks();
  // The op opened a one-off window for the kernel's own write: close it right away.
  if (check_after_) {
    CheckMemory(*check_after_);
    clean_at_end_of_step_[*check_after_] = step_;
  }
}

void Harness::CheckBeforeOp(size_t slot) {
  // Everything since this slot's last check happened under the windows about to change.
  if (clean_at_end_of_step_[slot] + 1 != step_) {
    const char* name = op_name_;
    op_name_ = "(before an op that changes the windows)";
    CheckMemory(slot);
    op_name_ = name;
  }
}

void Harness::OpSchedule() {
  auto run = kernel_.NextProcessToRun(loop_cap_);
  static_cast<void>(run);
}

void Harness::OpPeripheral(ByteReader& in) {
  switch (in.Byte() % 10) {
    case 0:
      uart_.CompleteTransmit();
      break;
    case 1: {
      std::span<const uint8_t> bytes = in.Bytes(16);
      uart_.Inject(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
      break;
    }
    case 2:
      uart_.CompleteReceiveAbort();
      break;
    case 3:
      uart_.FailReceive(static_cast<hil::uart::Error>(1 + in.Byte() % 8));
      break;
    case 4:
      alarm_.Advance(in.Arg());
      break;
    case 5:
      if (alarm_.IsArmed()) {
        alarm_.Fire();
      }
      break;
    case 6:
      entropy_.Deliver(in.Byte() % 17);
      break;
    case 7: {
      const uint8_t b = in.Byte();
      pins_[b % kNumPins].SetInputLevel((b & 0x80) != 0);
      break;
    }
    case 8:
      static_cast<void>(DeferredCall::ServiceNext(deferred_cap_));
      break;
    default:
      OpCompleteAny(in);
      break;
  }
}

void Harness::AddFake(hil::testing::Completable& fake) {
  if (num_fakes_ == kMaxFakes) {
    Violation("harness", "more than kMaxFakes fakes added");
    return;
  }
  fakes_[num_fakes_++] = &fake;
}

void Harness::OpCompleteAny(ByteReader& in) {
  std::array<hil::testing::Completable*, kMaxFakes> pending{};
  size_t n = 0;
  for (size_t i = 0; i < num_fakes_; ++i) {
    if (fakes_[i]->HasPending()) {
      pending[n++] = fakes_[i];
    }
  }
  const uint8_t pick = in.Byte();
  const uint32_t choice = in.Arg();
  if (n == 0) {
    uart_.CompleteAllTransmits(64);  // nothing pending: let the console make progress instead
    return;
  }
  pending[pick % n]->Complete(choice);
}

void Harness::OpManagement(ByteReader& in) {
  const size_t slot = in.Byte() % options_.processes;
  // A restart zeroes and repaints RAM (terminations check for themselves, in OnTerminated).
  CheckBeforeOp(slot);
  Process& p = process(slot);
  const ProcessId pid = p.id();
  switch (in.Byte() % 8) {
    case 0:
      static_cast<void>(kernel_.RestartProcess(pid, process_cap_));
      break;
    case 1:
      static_cast<void>(kernel_.TerminateProcess(pid, in.Arg(), process_cap_));
      break;
    case 2:
      static_cast<void>(kernel_.StopProcess(pid, process_cap_));
      break;
    case 3:
      static_cast<void>(kernel_.ResumeProcess(pid, process_cap_));
      break;
    case 4:
      static_cast<void>(kernel_.StartProcess(pid, process_cap_));
      break;
    case 5:
      if (p.state() == ProcessState::kRunning) {
        if (kernel_.HandleFault(p, FaultInfo{}, loop_cap_) == FaultOutcome::kPanic) {
          Violation("fault-panic", "a fault panicked under a non-panic policy", slot);
        }
      }
      break;
    case 6:
      if (p.state() == ProcessState::kRunning) {
        kernel_.HandleTimesliceExpired(p, loop_cap_);
      }
      break;
    default:
      if (p.state() == ProcessState::kRunning) {
        kernel_.HandlePreempted(p, in.Arg(), loop_cap_);
      }
      break;
  }
}

std::optional<size_t> Harness::PickRunning(ByteReader& in) {
  const size_t first = in.Byte() % options_.processes;
  for (size_t k = 0; k < options_.processes; ++k) {
    const size_t slot = (first + k) % options_.processes;
    if (process(slot).state() == ProcessState::kRunning) {
      return slot;
    }
  }
  // Nobody can trap: the scheduler picks someone (delivering an upcall if one is pending).
  OpSchedule();
  return std::nullopt;
}

uint32_t Harness::PickDriver(ByteReader& in) {
  const uint8_t b = in.Byte();
  if (b < 224 && num_drivers_ != 0) {
    return driver_nums_[b % num_drivers_];
  }
  if (b < 240) {
    return static_cast<uint32_t>(b & 0xF) + 0x30000;
  }
  return in.U32();
}

uint32_t Harness::PickUpcallFn(ByteReader& in, size_t slot) {
  const Process& p = process(slot);
  const GuardedPlatform& pf = platform(slot);
  const uint32_t app_start =
      pf.flash_base() + GuardedPlatform::kHeaderSize + pf.protected_trailer();
  const uint32_t code_len = pf.flash_base() + GuardedPlatform::kFlashLen - app_start;
  switch (in.Byte() % 8) {
    case 0:
      return 0;
    case 1:
    case 2:
    case 3:
    case 4:
      return app_start + 4 * (in.Byte() % (code_len / 4));
    case 5:
      return p.memory_start() + 4 * (in.Byte() % 64);
    case 6:
      return pf.flash_base() + in.Byte() % (GuardedPlatform::kHeaderSize + 4);
    default:
      return in.U32();
  }
}

void Harness::PickBuffer(ByteReader& in, size_t slot, SyscallClass klass, uint32_t& addr,
                         uint32_t& len) {
  const Process& p = process(slot);
  const GuardedPlatform& pf = platform(slot);
  const uint32_t ms = p.memory_start();
  const uint32_t ab = p.app_break();
  const uint32_t span = ab > ms ? ab - ms : 1;
  AppView& v = views_[slot];
  switch (in.Byte() % 8) {
    case 0: {  // in range
      const uint32_t off = in.U16() % span;
      const uint32_t max = span - off;
      addr = ms + off;
      len = 1 + (in.Byte() % (max < 96 ? max : 96));
      break;
    }
    case 1:  // the whole app region
      addr = ms;
      len = span;
      break;
    case 2:  // zero length, any address
      addr = in.Arg();
      len = 0;
      break;
    case 3:  // null
      addr = 0;
      len = 1 + in.Byte();
      break;
    case 4: {  // straddling the break
      const uint32_t k = 1 + in.Byte() % 16;
      addr = ab - k;
      len = k + 1 + in.Byte() % 16;
      break;
    }
    case 5:  // grant region, past the allocation, before RAM, wrapping
      switch (in.Byte() % 4) {
        case 0:
          addr = p.kernel_memory_break() + in.Byte() % 64;
          len = 1 + in.Byte() % 32;
          break;
        case 1:
          addr = p.memory_end() - in.Byte() % 8;
          len = 1 + in.Byte() % 32;
          break;
        case 2:
          addr = ms - 1 - in.Byte() % 8;
          len = 2 + in.Byte() % 32;
          break;
        default:
          addr = 0xFFFFFFFF - in.Byte();
          len = 0x100 + in.Byte();
          break;
      }
      break;
    case 6: {  // flash (protected header or readable code)
      const uint32_t off = in.Below(GuardedPlatform::kFlashLen);
      addr = pf.flash_base() + off;
      len = 1 + in.Byte() % (GuardedPlatform::kFlashLen - off);
      break;
    }
    default:
      if (in.Bool()) {  // overlapping / growing the last buffer
        addr = v.last_buffer + static_cast<uint32_t>(static_cast<int8_t>(in.Byte()));
        len = v.last_length + static_cast<uint32_t>(static_cast<int8_t>(in.Byte()));
      } else {
        addr = in.U32();
        len = in.U32();
      }
      break;
  }
  (void)klass;
  v.last_buffer = addr;
  v.last_length = len;
}

Harness::TrapOutcome Harness::Trap(size_t slot, SyscallClass klass, uint32_t r0, uint32_t r1,
                                   uint32_t r2, uint32_t r3) {
  GuardedPlatform& pf = platform(slot);
  const uint32_t before = pf.returns;
  const SyscallRegisters regs{r0, r1, r2, r3};
  TrapOutcome t;
  t.outcome = kernel_.HandleSyscall(process(slot), static_cast<uint32_t>(klass), regs, loop_cap_);
  if (t.outcome == SyscallOutcome::kPanic) {
    Violation("syscall-panic", "HandleSyscall asked for a panic under a non-panic policy", slot);
  }
  t.returned = pf.returns != before;
  t.ret = pf.last_return;
  if (pf.returns - before > 1) {
    Violation("return-twice", "one trap set two returns", slot);
  }
  return t;
}

void Harness::OpSyscall(ByteReader& in, uint8_t op) {
  std::optional<size_t> picked = PickRunning(in);
  if (!picked) {
    op_name_ = "schedule (nobody running)";
    return;
  }
  const size_t slot = *picked;
  // An allow changes this process's windows; an app write could hide an earlier stray write.
  if ((op >= 5 && op <= 7) || op == 11) {
    CheckBeforeOp(slot);
  }
  switch (op) {
    case 4:
      SyscallSubscribe(in, slot);
      break;
    case 5:
    case 6:
    case 7:
      SyscallAllow(in, slot, op);
      break;
    case 8:
      SyscallYield(in, slot);
      break;
    case 9:
      SyscallMemop(in, slot);
      break;
    case 10:
      SyscallExit(in, slot);
      break;
    case 11:
      OpAppWrite(in, slot);
      break;
    case 17:
      SyscallBadClass(in, slot);
      break;
    default:  // 0-3, 19: command
      SyscallCommand(in, slot);
      break;
  }
}

void Harness::SyscallSubscribe(ByteReader& in, size_t slot) {
  op_name_ = "subscribe";
  const uint32_t driver = PickDriver(in);
  const uint32_t num = in.Byte() < 240 ? in.Byte() % 4 : in.U32();
  const uint32_t fn = PickUpcallFn(in, slot);
  const uint32_t ud = in.Arg();
  TrapOutcome t = Trap(slot, SyscallClass::kSubscribe, driver, num, fn, ud);
  CheckSubscribeReturn(slot, driver, num, fn, ud, t);
}

void Harness::SyscallAllow(ByteReader& in, size_t slot, uint8_t op) {
  const SyscallClass klass = op == 5   ? SyscallClass::kReadWriteAllow
                             : op == 6 ? SyscallClass::kReadOnlyAllow
                                       : SyscallClass::kUserspaceReadableAllow;
  op_name_ = op == 5 ? "allow-rw" : op == 6 ? "allow-ro" : "allow-uro";
  const uint32_t driver = PickDriver(in);
  const uint32_t num = in.Byte() < 240 ? in.Byte() % 3 : in.U32();
  uint32_t addr = 0;
  uint32_t len = 0;
  PickBuffer(in, slot, klass, addr, len);
  TrapOutcome t = Trap(slot, klass, driver, num, addr, len);
  CheckAllowReturn(slot, klass, driver, num, addr, len, t);
  // From now on (this allow included) the buffer it gave back is no longer writable.
  RefreshWindows(slot);
}

void Harness::SyscallYield(ByteReader& in, size_t slot) {
  op_name_ = "yield";
  const uint8_t kind = in.Byte() % 4;
  if (kind == 0) {
    YieldNoWait(in, slot);
  } else if (kind == 1) {
    static_cast<void>(Trap(slot, SyscallClass::kYield, 1, 0, 0, 0));
  } else if (kind == 2) {
    const uint32_t driver = PickDriver(in);
    TrapOutcome t = Trap(slot, SyscallClass::kYield, 2, driver, in.Byte() % 4, 0);
    if (t.returned && t.ret.written != 0b0111) {
      Violation("yield-wait-for-return", "yield-wait-for resumed without r0-r2", slot);
    }
  } else {
    op_name_ = "yield (bad number)";
    static_cast<void>(Trap(slot, SyscallClass::kYield, 3 + in.Byte(), 0, 0, 0));
  }
}

void Harness::YieldNoWait(ByteReader& in, size_t slot) {
  Process& p = process(slot);
  const uint32_t span = p.app_break() > p.memory_start() ? p.app_break() - p.memory_start() : 1;
  const uint32_t addr = in.Bool() ? p.memory_start() + in.U16() % span : in.Arg();
  if (p.InAppRam(addr, 1)) {
    // The kernel writes the "upcall ran" flag there.
    CheckBeforeOp(slot);
    AddWindow(slot, Window{addr, addr + 1});
    check_after_ = slot;
  }
  TrapOutcome t = Trap(slot, SyscallClass::kYield, 0, addr, 0, 0);
  if (t.outcome != SyscallOutcome::kResume) {
    Violation("yield-no-wait-blocked", "yield-no-wait did not return to the process", slot);
  }
}

uint32_t Harness::PickMemopArg(ByteReader& in, size_t slot, uint32_t mop) {
  Process& p = process(slot);
  if (mop == 0) {
    switch (in.Byte() % 4) {
      case 0:
        return p.app_break() + static_cast<uint32_t>(static_cast<int16_t>(in.U16()) & ~7);
      case 1:
        return p.memory_start() + in.U16() % p.memory_len();
      case 2:
        return p.kernel_memory_break() - 8 * (in.Byte() % 4);
      default:
        return in.Arg();
    }
  }
  if (mop == 1) {
    return in.Bool() ? static_cast<uint32_t>(static_cast<int16_t>(in.U16())) : in.Arg();
  }
  if (mop == 8 || mop == 9) {
    return in.Byte() % 3;
  }
  return in.Arg();
}

void Harness::SyscallMemop(ByteReader& in, size_t slot) {
  op_name_ = "memop";
  Process& p = process(slot);
  const uint8_t b = in.Byte();
  const uint32_t mop = b < 240 ? b % 13 : in.Arg();
  const uint32_t arg = PickMemopArg(in, slot, mop);
  // brk/sbrk zero newly exposed memory, which could hide an earlier stray write there.
  if (mop <= 1) {
    CheckBeforeOp(slot);
  }
  const uint32_t old_break = p.app_break();
  TrapOutcome t = Trap(slot, SyscallClass::kMemop, mop, arg, 0, 0);
  CheckMemopReturn(slot, mop, t);
  if (p.app_break() > old_break) {
    // The zeroing is the kernel's write, not a capsule's.
    AddWindow(slot, Window{old_break, p.app_break()});
    check_after_ = slot;
  }
}

void Harness::SyscallExit(ByteReader& in, size_t slot) {
  op_name_ = "exit";
  const uint32_t num = in.Byte() % 3;
  TrapOutcome t = Trap(slot, SyscallClass::kExit, num, in.Arg(), 0, 0);
  if (num < 2 && (t.returned || t.outcome != SyscallOutcome::kDescheduled)) {
    Violation("exit-returned", "exit returned to the process", slot);
  }
  if (num == 2 &&
      (!t.returned || t.ret.regs[0] != 0 || t.ret.regs[1] != ToU32(ErrorCode::kNoSupport))) {
    Violation("exit-bad-number", "a bad exit number did not fail with NOSUPPORT", slot);
  }
}

void Harness::OpAppWrite(ByteReader& in, size_t slot) {
  op_name_ = "app-write";
  Process& p = process(slot);
  const uint32_t span = p.app_break() > p.memory_start() ? p.app_break() - p.memory_start() : 1;
  const uint32_t addr = p.memory_start() + in.U16() % span;
  std::span<const uint8_t> bytes = in.Bytes(24);
  if (bytes.size() > p.app_break() - addr) {
    bytes = bytes.first(p.app_break() - addr);
  }
  platform(slot).AppWrite(addr, bytes);
}

void Harness::SyscallBadClass(ByteReader& in, size_t slot) {
  op_name_ = "bad-class";
  static_cast<void>(Trap(slot, static_cast<SyscallClass>(8 + in.Byte() % 248), in.Arg(), 0, 0, 0));
}

void Harness::SyscallCommand(ByteReader& in, size_t slot) {
  op_name_ = "command";
  const uint32_t driver = PickDriver(in);
  const uint8_t c = in.Byte();
  const uint32_t cmd = c < 240 ? c % 12 : in.Arg();
  const uint32_t a0 = in.Arg();
  const uint32_t a1 = in.Arg();
  TrapOutcome t = Trap(slot, SyscallClass::kCommand, driver, cmd, a0, a1);
  CheckCommandReturn(slot, driver, cmd, t);
}

// ---------------------------------------------------------------------------------------------
// Return checks (reference syscall-abi.md §4 fixed variants, §6 subscribe/allow, §7 memop).

void Harness::CheckCommandReturn(size_t slot, uint32_t driver, uint32_t cmd, const TrapOutcome& t) {
  if (!t.returned) {
    return;  // the driver stopped or killed the caller
  }
  const uint32_t v = t.ret.regs[0];
  if (!LegalVariant(v)) {
    Violation("command-variant", "command returned an illegal variant", slot);
  }
  if (t.ret.written != WrittenMask(v)) {
    Violation("command-registers", "command wrote registers its variant does not have", slot);
  }
  if (IsFailure(v) && !LegalError(t.ret.regs[1])) {
    Violation("command-error-code", "command failed with an illegal error code", slot);
  }
  size_t index = num_drivers_;
  for (size_t i = 0; i < num_drivers_; ++i) {
    if (driver_nums_[i] == driver) {
      index = i;
    }
  }
  if (index == num_drivers_) {
    if (v != 0 || t.ret.regs[1] != ToU32(ErrorCode::kNoDevice)) {
      Violation("command-nodevice", "command to a missing driver was not Failure(NODEVICE)", slot);
    }
    return;
  }
  if (cmd >= 16) {
    return;
  }
  // TRD104: each command has one success and one failure variant.
  CommandVariants& seen = variants_[index][cmd];
  const uint8_t code = static_cast<uint8_t>(IsFailure(v) ? v + 1 : v);
  uint8_t& slot_seen = IsFailure(v) ? seen.failure : seen.success;
  if (slot_seen == 0) {
    slot_seen = code;
  } else if (slot_seen != code) {
    Violation(IsFailure(v) ? "command-failure-variants" : "command-success-variants",
              "one command used two different success (or failure) variants", slot);
  }
}

void Harness::CheckSubscribeReturn(size_t slot, uint32_t driver, uint32_t num, uint32_t fn,
                                   uint32_t ud, const TrapOutcome& t) {
  if (!t.returned) {
    Violation("subscribe-no-return", "subscribe did not return", slot);
  }
  const uint32_t v = t.ret.regs[0];
  if ((v != 130 && v != 2) || t.ret.written != WrittenMask(v)) {
    Violation("subscribe-variant", "subscribe returned a variant other than 130 / 2", slot);
  }
  AppView& view = views_[slot];
  SubscribeShadow* sh = nullptr;
  for (size_t i = 0; i < view.num_subs; ++i) {
    if (view.subs[i].driver == driver && view.subs[i].num == num) {
      sh = &view.subs[i];
    }
  }
  const Process& p = process(slot);
  const bool fn_ok = fn == 0 || p.InReadableFlash(fn, 4) || p.InAppRam(fn, 4);
  if (v == 2) {
    if (!LegalError(t.ret.regs[1]) || t.ret.regs[2] != fn || t.ret.regs[3] != ud) {
      Violation("subscribe-failure", "subscribe failure did not echo (fn, userdata)", slot);
    }
    return;
  }
  if (!fn_ok) {
    Violation("subscribe-bad-fn", "subscribe accepted an unreachable function", slot);
  }
  const uint32_t prev_fn = sh ? sh->fn : 0;
  const uint32_t prev_ud = sh ? sh->userdata : 0;
  if (t.ret.regs[1] != prev_fn || t.ret.regs[2] != prev_ud) {
    Violation("subscribe-previous", "subscribe did not return the previous (fn, userdata)", slot);
  }
  if (sh == nullptr) {
    if (view.num_subs == kMaxShadows) {
      return;
    }
    sh = &view.subs[view.num_subs++];
    sh->driver = driver;
    sh->num = num;
  }
  sh->fn = fn;
  sh->userdata = ud;
}

void Harness::CheckAllowReturn(size_t slot, SyscallClass klass, uint32_t driver, uint32_t num,
                               uint32_t addr, uint32_t len, const TrapOutcome& t) {
  if (!t.returned) {
    Violation("allow-no-return", "allow did not return", slot);
  }
  const uint32_t v = t.ret.regs[0];
  if ((v != 130 && v != 2) || t.ret.written != WrittenMask(v)) {
    Violation("allow-variant", "allow returned a variant other than 130 / 2", slot);
  }
  const Process& p = process(slot);
  if (v == 2) {
    if (!LegalError(t.ret.regs[1]) || t.ret.regs[2] != addr || t.ret.regs[3] != len) {
      Violation("allow-failure", "allow failure did not echo (address, length)", slot);
    }
    return;
  }
  if (len != 0) {
    const bool in_ram = p.InAppRam(addr, len);
    const bool ok =
        klass == SyscallClass::kReadOnlyAllow ? in_ram || p.InReadableFlash(addr, len) : in_ram;
    if (!ok) {
      Violation("allow-accepted-bad-buffer", "allow accepted a buffer out of range", slot);
    }
    if (!in_ram &&
        Overlaps(addr, len, p.flash_start(), p.flash_protected_end() - p.flash_start())) {
      Violation("allow-protected-flash", "read-only allow accepted protected flash", slot);
    }
  }
  AppView& view = views_[slot];
  AllowShadow* sh = nullptr;
  for (size_t i = 0; i < view.num_allows; ++i) {
    AllowShadow& a = view.allows[i];
    if (a.kind == static_cast<uint8_t>(klass) && a.driver == driver && a.num == num) {
      sh = &a;
    }
  }
  const uint32_t prev_addr = sh ? sh->address : 0;
  const uint32_t prev_len = sh ? sh->length : 0;
  if (t.ret.regs[1] != prev_addr || t.ret.regs[2] != prev_len) {
    Violation("allow-previous", "allow did not return the previous (address, length)", slot);
  }
  if (sh == nullptr) {
    if (view.num_allows == kMaxShadows) {
      return;
    }
    sh = &view.allows[view.num_allows++];
    sh->kind = static_cast<uint8_t>(klass);
    sh->driver = driver;
    sh->num = num;
  }
  sh->address = addr;
  sh->length = len;
}

void Harness::CheckMemopReturn(size_t slot, uint32_t op, const TrapOutcome& t) {
  if (!t.returned) {
    Violation("memop-no-return", "memop did not return", slot);
  }
  const uint32_t v = t.ret.regs[0];
  if (t.ret.written != WrittenMask(v)) {
    Violation("memop-registers", "memop wrote registers its variant does not have", slot);
  }
  const Process& p = process(slot);
  bool ok = false;
  switch (op) {
    case 0:
      ok = v == 128 || (v == 0 && t.ret.regs[1] == ToU32(ErrorCode::kNoMem));
      break;
    case 1:
      ok = v == 129 || (v == 0 && t.ret.regs[1] == ToU32(ErrorCode::kNoMem));
      break;
    case 2:
      ok = v == 129 && t.ret.regs[1] == p.memory_start();
      break;
    case 3:
      ok = v == 129 && t.ret.regs[1] == p.memory_end();
      break;
    case 4:
      ok = v == 129 && t.ret.regs[1] == p.flash_start();
      break;
    case 5:
      ok = v == 129 && t.ret.regs[1] == p.flash_end();
      break;
    case 6:
      ok = v == 129 && t.ret.regs[1] == p.kernel_memory_break();
      break;
    case 7:
      ok = v == 129;
      break;
    case 8:
    case 9:
      ok = v == 129 || (v == 0 && t.ret.regs[1] == ToU32(ErrorCode::kFail));
      break;
    case 10:
    case 11:
      ok = v == 128;
      break;
    default:
      ok = v == 0 && t.ret.regs[1] == ToU32(ErrorCode::kNoSupport);
      break;
  }
  if (!ok) {
    Violation("memop-variant", "memop returned a variant/value illegal for its op", slot);
  }
}

// ---------------------------------------------------------------------------------------------
// Per-step invariants.

void Harness::SyncPid(size_t slot) {
  const Process& p = process(slot);
  if (p.state() != ProcessState::kUnused && !(p.id() == views_[slot].pid)) {
    views_[slot].Clear();
    views_[slot].pid = p.id();
  }
}

void Harness::RefreshWindows(size_t slot) {
  const Process& p = process(slot);
  const AppView& v = views_[slot];
  size_t n = 0;
  for (size_t i = 0; i < v.num_allows; ++i) {
    const AllowShadow& a = v.allows[i];
    const bool writable = a.kind == static_cast<uint8_t>(SyscallClass::kReadWriteAllow) ||
                          a.kind == static_cast<uint8_t>(SyscallClass::kUserspaceReadableAllow);
    // Only buffers the kernel may still hand out: inside app memory right now.
    if (writable && a.length != 0 && p.InAppRam(a.address, a.length)) {
      windows_[slot][n++] = Window{a.address, a.address + a.length};
    }
  }
  num_windows_[slot] = n;
}

void Harness::MarkChecked(size_t slot) {
  kernel_break_checked_[slot] = process(slot).kernel_memory_break();
  platform(slot).lowest_kernel_break = 0xFFFFFFFF;
  step_checked_[slot] = step_;
  RefreshWindows(slot);
}

void Harness::AddWindow(size_t slot, Window w) {
  if (num_windows_[slot] < windows_[slot].size()) {
    windows_[slot][num_windows_[slot]++] = w;
  }
}

void Harness::CheckMemory(size_t slot) {
  const Process& p = process(slot);
  GuardedPlatform& pf = platform(slot);
  // RAM is checked only while a process owns it (guard bytes and flash always).
  uint32_t from = 0;
  uint32_t to = 0;
  if (p.state() != ProcessState::kUnused) {
    // Grant blocks allocated since the last check sit between the lowest kernel break reached
    // and the old one, even if a termination has raised the break again since.
    uint32_t kb = kernel_break_checked_[slot];
    if (p.kernel_memory_break() < kb) {
      kb = p.kernel_memory_break();
    }
    if (pf.lowest_kernel_break < kb) {
      kb = pf.lowest_kernel_break;
    }
    from = p.memory_start();
    to = kb;
  }
  const GuardedPlatform::Damage damage =
      pf.Scan(from, to, std::span<const Window>(windows_[slot].data(), num_windows_[slot]));
  if (damage.id != nullptr) {
    char what[200];
    if (std::string_view(damage.id) == "stray-write") {
      std::snprintf(what, sizeof(what),
                    "app memory at 0x%08x changed outside every buffer the app had allowed "
                    "read-write (stray, swapped-out or revoked buffer) since step %zu",
                    damage.address, step_checked_[slot]);
    } else {
      std::snprintf(what, sizeof(what), "%s since step %zu", damage.what, step_checked_[slot]);
    }
    Violation(damage.id, what, slot);
    pf.TakeAll();  // a known finding: go on from here
  }
  MarkChecked(slot);
}

void Harness::CheckAllMemory() {
  for (size_t slot = 0; slot < options_.processes; ++slot) {
    CheckMemory(slot);
  }
}

void Harness::CheckBreaks() {
  for (size_t slot = 0; slot < options_.processes; ++slot) {
    const Process& p = process(slot);
    if (p.state() == ProcessState::kUnused) {
      continue;
    }
    // App memory, then the free gap, then the kernel-owned grant region.
    if (!(p.memory_start() <= p.app_break() && p.app_break() <= p.kernel_memory_break() &&
          p.kernel_memory_break() <= p.memory_end() && p.kernel_memory_break() % 8 == 0 &&
          p.allow_high_water_mark() <= p.app_break())) {
      Violation("breaks", "memory_start <= app_break <= kernel_break <= memory_end broken", slot);
    }
  }
}

}  // namespace tock::fuzz

// ASan's defaults for every fuzz target and replay (ASAN_OPTIONS still overrides them). The code
// under test allocates nothing (static allocation is a house rule); the heap traffic is
// libFuzzer's own copy of each input, so ASan's per-allocation work there buys nothing:
//   quarantine_size_mb=16    the default 256 MB kept handing out fresh pages (page faults were
//                            ~10% of a dispatch run); 16 MB still holds thousands of inputs.
//   malloc_context_size=0    no stack unwinding on each malloc/free of those copies;
//   max_malloc_fill_size=0   no 0xbe fill of each copy's first 4 KiB.
// The last two together made a 2M-input dispatch run ~20% faster. Error reports keep their
// full stacks.
extern "C" __attribute__((used, visibility("default"))) const char* __asan_default_options() {
  return "quarantine_size_mb=16:malloc_context_size=0:max_malloc_fill_size=0";
}
