// Parses tockd's --fault-policy values: "panic", "stop", "restart" or "restart:N", optionally
// prefixed "NAME=" to override the default for one app. Host-only; the kernel's own policy
// types live in kernel/fault_policy.h and are built from these specs by the board.
#ifndef TOCKPP_HOSTKERNEL_CONFIG_FAULT_POLICY_SPEC_H_
#define TOCKPP_HOSTKERNEL_CONFIG_FAULT_POLICY_SPEC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tock::hostkernel {

struct FaultPolicySpec {
  enum class Kind { kPanic, kStop, kRestart };
  Kind kind = Kind::kPanic;
  // For kRestart: restart while the restart count is below this, then stop. 0 = unlimited.
  uint32_t max_restarts = 0;

  friend bool operator==(const FaultPolicySpec&, const FaultPolicySpec&) = default;
};

// Largest N of restart:N: restart counts are 32-bit in the kernel (Process::restart_count).
inline constexpr uint32_t kMaxRestartCount = 0xFFFFFFFFu;

// "panic" | "stop" | "restart" | "restart:N" (1 <= N <= kMaxRestartCount).
absl::StatusOr<FaultPolicySpec> ParseFaultPolicy(absl::string_view text);

// The whole flag: comma-separated entries, at most one without "NAME=" (the default).
struct FaultPolicyTable {
  FaultPolicySpec default_policy;
  std::vector<std::pair<std::string, FaultPolicySpec>> per_app;

  const FaultPolicySpec& For(absl::string_view app_name) const;
};
absl::StatusOr<FaultPolicyTable> ParseFaultPolicyTable(absl::string_view text);

std::string ToString(const FaultPolicySpec& spec);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_CONFIG_FAULT_POLICY_SPEC_H_
