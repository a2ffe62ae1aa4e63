// The version line every tockpp tool prints for --version: "tockd 0.1 (Tock 2.3 kernel ABI)".
// The Tock part comes from kernel/kernel_version.h (the ABI this kernel implements and the
// TBF KernelVersion it accepts). Host-only.
#ifndef TOCKPP_HOSTKERNEL_DAEMON_VERSION_H_
#define TOCKPP_HOSTKERNEL_DAEMON_VERSION_H_

#include <string>
#include <string_view>

#include "kernel/kernel_version.h"

namespace tock {

// tockpp's own version (tockd, tockctl, tbf ship together).
inline constexpr char kTockppVersion[] = "0.1";

inline std::string VersionLine(std::string_view tool) {
  return std::string(tool) + " " + kTockppVersion + " (Tock " +
         std::to_string(tock::kKernelVersionMajor) + "." +
         std::to_string(tock::kKernelVersionMinor) + " kernel ABI)";
}

}  // namespace tock

#endif  // TOCKPP_HOSTKERNEL_DAEMON_VERSION_H_
