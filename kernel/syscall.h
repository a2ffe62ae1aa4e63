// Decoding a trap into a typed system call (TRD104 §3/§4): the class number and the four
// 32-bit argument registers r0-r3 become a `Syscall`, or nothing when the class number is
// unknown (the kernel treats that as a process fault, like upstream's arch layers). Every
// register value of a known class decodes: an unknown yield number is YieldKind::kUnknown,
// unknown memop/exit numbers are answered by the kernel.
// Pure value code: touches no process or driver state.
#ifndef TOCKPP_KERNEL_SYSCALL_H_
#define TOCKPP_KERNEL_SYSCALL_H_

#include <array>
#include <cstdint>
#include <optional>

namespace tock {

// Upstream class numbers (ABI).
enum class SyscallClass : uint8_t {
  kYield = 0,
  kSubscribe = 1,
  kCommand = 2,
  kReadWriteAllow = 3,
  kReadOnlyAllow = 4,
  kMemop = 5,
  kExit = 6,
  kUserspaceReadableAllow = 7,
};

// Yield numbers (r0 of class 0); every other number decodes as kUnknown (TRD104 §4.1: the
// kernel returns at once and uses no parameter).
enum class YieldKind : uint32_t {
  kNoWait = 0,
  kWait = 1,
  kWaitFor = 2,
  kUnknown = 0xFFFFFFFF,
};

enum class AllowKind : uint8_t {
  kReadWrite,
  kReadOnly,
  kUserspaceReadable,
};

// Exit numbers (r0 of class 6). Other values decode fine and are answered Failure(NOSUPPORT).
inline constexpr uint32_t kExitTerminate = 0;
inline constexpr uint32_t kExitRestart = 1;

struct YieldCall {
  YieldKind kind;
  uint32_t address;        // no-wait: where to write 1/0 (0 = nowhere)
  uint32_t driver_num;     // wait-for
  uint32_t subscribe_num;  // wait-for
  uint32_t number;         // r0 as the app passed it (what kUnknown was)
};

struct SubscribeCall {
  uint32_t driver_num;
  uint32_t subscribe_num;
  uint32_t upcall_fn;  // 0 = Null Upcall
  uint32_t userdata;
};

struct CommandCall {
  uint32_t driver_num;
  uint32_t command_num;
  uint32_t arg0;
  uint32_t arg1;
};

struct AllowCall {
  AllowKind kind;
  uint32_t driver_num;
  uint32_t allow_num;
  uint32_t address;
  uint32_t length;
};

struct MemopCall {
  uint32_t op;
  uint32_t arg;
};

struct ExitCall {
  uint32_t exit_num;  // kExitTerminate, kExitRestart, anything else -> NOSUPPORT
  uint32_t completion_code;
};

// A decoded system call. `klass` says which member of the union is meaningful; the three allow
// classes all use `allow` (with `allow.kind` set).
struct Syscall {
  SyscallClass klass;
  union {
    YieldCall yield;
    SubscribeCall subscribe;
    CommandCall command;
    AllowCall allow;
    MemopCall memop;
    ExitCall exit;
  };
};

using SyscallRegisters = std::array<uint32_t, 4>;

// Decodes class number + r0..r3. Returns nullopt for class numbers > 7 only.
std::optional<Syscall> DecodeSyscall(uint32_t class_num, const SyscallRegisters& regs);

// Inverse of DecodeSyscall (used by tests, fuzzers and userspace shims).
void EncodeSyscall(const Syscall& call, uint32_t& class_num, SyscallRegisters& regs);

}  // namespace tock

#endif  // TOCKPP_KERNEL_SYSCALL_H_
