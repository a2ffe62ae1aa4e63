// Error values used by every HIL: the kernel's ErrorCode plus a small Status (ok or an error).
// Split-phase HIL calls return a Status for the *start* of an operation; completions report a
// Status to the client. Header-only, freestanding.
#pragma once

#include <cstdint>

namespace tock::hil {

// Upstream Tock numbering (kernel/src/errorcode.rs). TEMPORARY local copy until the kernel's
// ErrorCode header exists; then this becomes an alias to it.
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

// Ok, or one ErrorCode. Converts to an upstream StatusCode (0 = ok) for upcall arguments.
class [[nodiscard]] Status {
 public:
  constexpr Status() = default;
  constexpr Status(ErrorCode error) : error_(static_cast<uint32_t>(error)) {}  // NOLINT
  static constexpr Status Ok() { return Status(); }

  constexpr bool ok() const { return error_ == 0; }
  constexpr ErrorCode error() const { return static_cast<ErrorCode>(error_); }
  constexpr uint32_t StatusCode() const { return error_; }
  constexpr void IgnoreError() const {}

  friend constexpr bool operator==(Status a, Status b) { return a.error_ == b.error_; }

 private:
  uint32_t error_ = 0;
};

}  // namespace tock::hil
