// Errors in every HIL are the kernel's: `ErrorCode` (upstream numbering) and `Result<void>`
// (ok or one ErrorCode). A split-phase call returns Result<void> for the *start* of an
// operation; completions report a Result<void> to the client. Header-only, freestanding.
#pragma once

#if __has_include("kernel/error_code.h")
#include "kernel/error_code.h"
#else
// TRANSITIONAL fallback while kernel/ has no Bazel target yet: same names and values as
// kernel/error_code.h. Removed once //kernel exports error_code.h.
#include <cstdint>

namespace tock {
enum class ErrorCode : uint32_t {
  kFail = 1,
  kBusy = 2,
  kAlready = 3,
  kOff = 4,
  kReserve = 5,
  kInval = 6,
  kSize = 7,
  kCancel = 8,
  kNoMem = 9,
  kNoSupport = 10,
  kNoDevice = 11,
  kUninstalled = 12,
  kNoAck = 13,
};
constexpr uint32_t ToU32(ErrorCode e) { return static_cast<uint32_t>(e); }
template <typename T>
class Result;
template <>
class [[nodiscard]] Result<void> {
 public:
  constexpr Result() : ok_(true), error_(ErrorCode::kFail) {}
  constexpr Result(ErrorCode error) : ok_(false), error_(error) {}  // NOLINT
  static constexpr Result Ok() { return Result(); }
  constexpr bool ok() const { return ok_; }
  constexpr ErrorCode error() const { return error_; }

 private:
  bool ok_;
  ErrorCode error_;
};
constexpr uint32_t ToStatusCode(const Result<void>& r) { return r.ok() ? 0 : ToU32(r.error()); }
}  // namespace tock
#endif
