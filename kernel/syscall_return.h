// Every TRD104 return variant (§4: codes 0-3 and 128-133) and its encoding into the four 32-bit
// return registers, including which registers are written ("-" in the table = left alone).
// Pure value code; the platform's boundary copies an EncodedReturn into the saved frame.
#ifndef TOCKPP_KERNEL_SYSCALL_RETURN_H_
#define TOCKPP_KERNEL_SYSCALL_RETURN_H_

#include <array>
#include <cstdint>

#include "kernel/error_code.h"

namespace tock {

enum class ReturnVariant : uint32_t {
  kFailure = 0,
  kFailureU32 = 1,
  kFailureU32U32 = 2,
  kFailureU64 = 3,
  kSuccess = 128,
  kSuccessU32 = 129,
  kSuccessU32U32 = 130,
  kSuccessU64 = 131,
  kSuccessU32U32U32 = 132,
  kSuccessU32U64 = 133,
};

// Four registers plus a bit mask of the ones the kernel writes (bit i = r_i).
struct EncodedReturn {
  std::array<uint32_t, 4> regs{};
  uint8_t written = 0;

  constexpr bool Writes(int reg) const { return (written >> reg) & 1; }
  // Copies the written registers over `frame`, leaving the others as they were.
  constexpr void ApplyTo(std::array<uint32_t, 4>& frame) const {
    for (int i = 0; i < 4; ++i) {
      if (Writes(i)) {
        frame[i] = regs[i];
      }
    }
  }
};

class SyscallReturn {
 public:
  static constexpr SyscallReturn Failure(ErrorCode e) {
    return SyscallReturn(ReturnVariant::kFailure, ToU32(e), 0, 0);
  }
  static constexpr SyscallReturn FailureU32(ErrorCode e, uint32_t v0) {
    return SyscallReturn(ReturnVariant::kFailureU32, ToU32(e), v0, 0);
  }
  static constexpr SyscallReturn FailureU32U32(ErrorCode e, uint32_t v0, uint32_t v1) {
    return SyscallReturn(ReturnVariant::kFailureU32U32, ToU32(e), v0, v1);
  }
  static constexpr SyscallReturn FailureU64(ErrorCode e, uint64_t v) {
    return SyscallReturn(ReturnVariant::kFailureU64, ToU32(e), Low(v), High(v));
  }
  static constexpr SyscallReturn Success() {
    return SyscallReturn(ReturnVariant::kSuccess, 0, 0, 0);
  }
  static constexpr SyscallReturn SuccessU32(uint32_t v0) {
    return SyscallReturn(ReturnVariant::kSuccessU32, v0, 0, 0);
  }
  static constexpr SyscallReturn SuccessU32U32(uint32_t v0, uint32_t v1) {
    return SyscallReturn(ReturnVariant::kSuccessU32U32, v0, v1, 0);
  }
  static constexpr SyscallReturn SuccessU64(uint64_t v) {
    return SyscallReturn(ReturnVariant::kSuccessU64, Low(v), High(v), 0);
  }
  static constexpr SyscallReturn SuccessU32U32U32(uint32_t v0, uint32_t v1, uint32_t v2) {
    return SyscallReturn(ReturnVariant::kSuccessU32U32U32, v0, v1, v2);
  }
  static constexpr SyscallReturn SuccessU32U64(uint32_t v0, uint64_t v1) {
    return SyscallReturn(ReturnVariant::kSuccessU32U64, v0, Low(v1), High(v1));
  }
  // Memop's address results (upstream SuccessAddr/SuccessPtr) are Success-with-u32 on 32 bits.
  static constexpr SyscallReturn SuccessAddress(uint32_t addr) { return SuccessU32(addr); }
  // Failure(e) or Success.
  static constexpr SyscallReturn FromResult(const Result<void>& r) {
    return r.ok() ? Success() : Failure(r.error());
  }

  constexpr ReturnVariant variant() const { return variant_; }
  constexpr bool IsSuccess() const { return static_cast<uint32_t>(variant_) >= 128; }
  // Payload words in table order (for failures, v[0] is the error code).
  constexpr uint32_t word(int i) const { return words_[i]; }

  // TRD104 §4 register layout.
  constexpr EncodedReturn Encode() const {
    EncodedReturn out;
    out.regs[0] = static_cast<uint32_t>(variant_);
    out.written = 1;
    int payload = 0;
    switch (variant_) {
      case ReturnVariant::kFailure:
      case ReturnVariant::kSuccessU32:
        payload = 1;
        break;
      case ReturnVariant::kFailureU32:
      case ReturnVariant::kSuccessU32U32:
      case ReturnVariant::kSuccessU64:
        payload = 2;
        break;
      case ReturnVariant::kFailureU32U32:
      case ReturnVariant::kFailureU64:
      case ReturnVariant::kSuccessU32U32U32:
      case ReturnVariant::kSuccessU32U64:
        payload = 3;
        break;
      case ReturnVariant::kSuccess:
        payload = 0;
        break;
    }
    for (int i = 0; i < payload; ++i) {
      out.regs[i + 1] = words_[i];
      out.written |= static_cast<uint8_t>(1u << (i + 1));
    }
    return out;
  }

  friend constexpr bool operator==(const SyscallReturn& a, const SyscallReturn& b) {
    return a.variant_ == b.variant_ && a.words_[0] == b.words_[0] && a.words_[1] == b.words_[1] &&
           a.words_[2] == b.words_[2];
  }

 private:
  constexpr SyscallReturn(ReturnVariant v, uint32_t w0, uint32_t w1, uint32_t w2)
      : variant_(v), words_{w0, w1, w2} {}
  static constexpr uint32_t Low(uint64_t v) { return static_cast<uint32_t>(v); }
  static constexpr uint32_t High(uint64_t v) { return static_cast<uint32_t>(v >> 32); }

  ReturnVariant variant_;
  uint32_t words_[3];
};

}  // namespace tock

#endif  // TOCKPP_KERNEL_SYSCALL_RETURN_H_
