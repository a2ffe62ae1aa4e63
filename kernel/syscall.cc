// Trap decoding (TRD104 §3). No state, no side effects.
#include "kernel/syscall.h"

namespace tock {

std::optional<Syscall> DecodeSyscall(uint32_t class_num, const SyscallRegisters& r) {
  Syscall s;
  switch (class_num) {
    case 0:
      s.klass = SyscallClass::kYield;
      s.yield =
          YieldCall{r[0] <= 2 ? static_cast<YieldKind>(r[0]) : YieldKind::kUnknown, 0, 0, 0, r[0]};
      if (s.yield.kind == YieldKind::kNoWait) {
        s.yield.address = r[1];
      }
      if (s.yield.kind == YieldKind::kWaitFor) {
        s.yield.driver_num = r[1];
        s.yield.subscribe_num = r[2];
      }
      return s;
    case 1:
      s.klass = SyscallClass::kSubscribe;
      s.subscribe = SubscribeCall{r[0], r[1], r[2], r[3]};
      return s;
    case 2:
      s.klass = SyscallClass::kCommand;
      s.command = CommandCall{r[0], r[1], r[2], r[3]};
      return s;
    case 3:
      s.klass = SyscallClass::kReadWriteAllow;
      s.allow = AllowCall{AllowKind::kReadWrite, r[0], r[1], r[2], r[3]};
      return s;
    case 4:
      s.klass = SyscallClass::kReadOnlyAllow;
      s.allow = AllowCall{AllowKind::kReadOnly, r[0], r[1], r[2], r[3]};
      return s;
    case 5:
      s.klass = SyscallClass::kMemop;
      s.memop = MemopCall{r[0], r[1]};
      return s;
    case 6:
      s.klass = SyscallClass::kExit;
      s.exit = ExitCall{r[0], r[1]};
      return s;
    case 7:
      s.klass = SyscallClass::kUserspaceReadableAllow;
      s.allow = AllowCall{AllowKind::kUserspaceReadable, r[0], r[1], r[2], r[3]};
      return s;
    default:
      return std::nullopt;
  }
}

void EncodeSyscall(const Syscall& s, uint32_t& class_num, SyscallRegisters& r) {
  class_num = static_cast<uint32_t>(s.klass);
  r = {0, 0, 0, 0};
  switch (s.klass) {
    case SyscallClass::kYield:
      r[0] = s.yield.kind == YieldKind::kUnknown ? s.yield.number
                                                 : static_cast<uint32_t>(s.yield.kind);
      if (s.yield.kind == YieldKind::kNoWait) {
        r[1] = s.yield.address;
      }
      if (s.yield.kind == YieldKind::kWaitFor) {
        r[1] = s.yield.driver_num;
        r[2] = s.yield.subscribe_num;
      }
      break;
    case SyscallClass::kSubscribe:
      r = {s.subscribe.driver_num, s.subscribe.subscribe_num, s.subscribe.upcall_fn,
           s.subscribe.userdata};
      break;
    case SyscallClass::kCommand:
      r = {s.command.driver_num, s.command.command_num, s.command.arg0, s.command.arg1};
      break;
    case SyscallClass::kReadWriteAllow:
    case SyscallClass::kReadOnlyAllow:
    case SyscallClass::kUserspaceReadableAllow:
      r = {s.allow.driver_num, s.allow.allow_num, s.allow.address, s.allow.length};
      break;
    case SyscallClass::kMemop:
      r[0] = s.memop.op;
      r[1] = s.memop.arg;
      break;
    case SyscallClass::kExit:
      r[0] = s.exit.exit_num;
      r[1] = s.exit.completion_code;
      break;
  }
}

}  // namespace tock
