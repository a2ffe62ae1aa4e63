// What a SyscallDriver::Command returns: any TRD104 variant, built only through these named
// constructors so a driver cannot produce a malformed register set.
// Capsules use it; the kernel unwraps it into a SyscallReturn.
#ifndef TOCKPP_KERNEL_COMMAND_RETURN_H_
#define TOCKPP_KERNEL_COMMAND_RETURN_H_

#include <cstdint>

#include "kernel/error_code.h"
#include "kernel/syscall_return.h"

namespace tock {

class CommandReturn {
 public:
  static constexpr CommandReturn Failure(ErrorCode e) { return {SyscallReturn::Failure(e)}; }
  static constexpr CommandReturn FailureU32(ErrorCode e, uint32_t v) {
    return {SyscallReturn::FailureU32(e, v)};
  }
  static constexpr CommandReturn FailureU32U32(ErrorCode e, uint32_t v0, uint32_t v1) {
    return {SyscallReturn::FailureU32U32(e, v0, v1)};
  }
  static constexpr CommandReturn FailureU64(ErrorCode e, uint64_t v) {
    return {SyscallReturn::FailureU64(e, v)};
  }
  static constexpr CommandReturn Success() { return {SyscallReturn::Success()}; }
  static constexpr CommandReturn SuccessU32(uint32_t v) { return {SyscallReturn::SuccessU32(v)}; }
  static constexpr CommandReturn SuccessU32U32(uint32_t v0, uint32_t v1) {
    return {SyscallReturn::SuccessU32U32(v0, v1)};
  }
  static constexpr CommandReturn SuccessU64(uint64_t v) { return {SyscallReturn::SuccessU64(v)}; }
  static constexpr CommandReturn SuccessU32U32U32(uint32_t v0, uint32_t v1, uint32_t v2) {
    return {SyscallReturn::SuccessU32U32U32(v0, v1, v2)};
  }
  static constexpr CommandReturn SuccessU32U64(uint32_t v0, uint64_t v1) {
    return {SyscallReturn::SuccessU32U64(v0, v1)};
  }
  // Success or Failure(error).
  static constexpr CommandReturn FromResult(const Result<void>& r) {
    return {SyscallReturn::FromResult(r)};
  }
  // SuccessU32(value) or Failure(error).
  static constexpr CommandReturn FromResult(const Result<uint32_t>& r) {
    return r.ok() ? SuccessU32(r.value()) : Failure(r.error());
  }

  constexpr bool IsSuccess() const { return ret_.IsSuccess(); }
  constexpr const SyscallReturn& syscall_return() const { return ret_; }
  friend constexpr bool operator==(const CommandReturn& a, const CommandReturn& b) {
    return a.ret_ == b.ret_;
  }

 private:
  constexpr CommandReturn(SyscallReturn r) : ret_(r) {}  // NOLINT
  SyscallReturn ret_;
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_COMMAND_RETURN_H_
