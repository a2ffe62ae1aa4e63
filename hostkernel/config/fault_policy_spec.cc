// Parsing of --fault-policy; see fault_policy_spec.h.
#include "hostkernel/config/fault_policy_spec.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "hostkernel/status/status_macros.h"

namespace tock::hostkernel {

absl::StatusOr<FaultPolicySpec> ParseFaultPolicy(absl::string_view text) {
  if (text == "panic") {
    return FaultPolicySpec{FaultPolicySpec::Kind::kPanic, 0};
  }
  if (text == "stop") {
    return FaultPolicySpec{FaultPolicySpec::Kind::kStop, 0};
  }
  if (text == "restart") {
    return FaultPolicySpec{FaultPolicySpec::Kind::kRestart, 0};
  }
  absl::string_view count = text;
  if (absl::ConsumePrefix(&count, "restart:")) {
    // Decimal digits only, counted wide (capped just above the maximum) so that a count over
    // the 32-bit maximum gets its own message.
    bool digits = !count.empty();
    uint64_t n = 0;
    for (const char c : count) {
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
      n = std::min<uint64_t>(n * 10 + static_cast<uint64_t>(c - '0'), kMaxRestartCount + 1ull);
    }
    if (digits && n > kMaxRestartCount) {
      return absl::InvalidArgumentError(absl::StrCat("fault policy '", text, "': restart count ",
                                                     count, " is over the maximum of ",
                                                     kMaxRestartCount));
    }
    if (digits && n >= 1) {
      return FaultPolicySpec{FaultPolicySpec::Kind::kRestart, static_cast<uint32_t>(n)};
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "fault policy '", text, "': restart count must be a number from 1 to ", kMaxRestartCount));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("fault policy '", text, "' is not one of panic, stop, restart, restart:N"));
}

absl::StatusOr<FaultPolicyTable> ParseFaultPolicyTable(absl::string_view text) {
  FaultPolicyTable table;
  bool have_default = false;
  for (absl::string_view entry : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    entry = absl::StripAsciiWhitespace(entry);
    const size_t eq = entry.find('=');
    if (eq == absl::string_view::npos) {
      if (have_default) {
        return absl::InvalidArgumentError(
            absl::StrCat("--fault-policy: two defaults given ('", text, "')"));
      }
      auto spec = ParseFaultPolicy(entry);
      TOCKPP_RETURN_IF_ERROR(spec.status());
      table.default_policy = *spec;
      have_default = true;
      continue;
    }
    absl::string_view name = entry.substr(0, eq);
    if (name.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--fault-policy: empty app name in '", entry, "'"));
    }
    auto spec = ParseFaultPolicy(entry.substr(eq + 1));
    TOCKPP_RETURN_IF_ERROR(spec.status());
    table.per_app.emplace_back(std::string{name}, *spec);
  }
  return table;
}

const FaultPolicySpec& FaultPolicyTable::For(absl::string_view app_name) const {
  for (const auto& [name, spec] : per_app) {
    if (name == app_name) {
      return spec;
    }
  }
  return default_policy;
}

std::string ToString(const FaultPolicySpec& spec) {
  switch (spec.kind) {
    case FaultPolicySpec::Kind::kPanic:
      return "panic";
    case FaultPolicySpec::Kind::kStop:
      return "stop";
    case FaultPolicySpec::Kind::kRestart:
      return spec.max_restarts == 0 ? "restart" : absl::StrCat("restart:", spec.max_restarts);
  }
  return "?";
}

}  // namespace tock::hostkernel
