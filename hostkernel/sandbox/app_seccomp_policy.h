// The seccomp policy of an app process: what an i386 app may ask of Linux.
// Host-only (libseccomp). Allowed: futex-wait on the channel's kernel_seq, write
// to the wake eventfd, exit, sigreturn; mprotect goes to tockd through user
// notification; every other call, and any non-i386 call, kills the process.
#ifndef TOCKPP_HOSTKERNEL_SANDBOX_APP_SECCOMP_POLICY_H_
#define TOCKPP_HOSTKERNEL_SANDBOX_APP_SECCOMP_POLICY_H_

#include <linux/filter.h>

#include <cstdint>
#include <span>

#include "absl/status/statusor.h"
#include "hostkernel/process/unique_fd.h"

namespace tockpp::hostkernel {

// i386 numbers of the calls the policy names (for checking notifications).
inline constexpr uint32_t kI386SysMprotect = 125;
// AUDIT_ARCH_I386, the `arch` of every notification the filter can produce.
inline constexpr uint32_t kAuditArchI386 = 0x40000003u;

// Builds the filter with libseccomp and exports its classic BPF into a sealed
// memfd (seccomp_export_bpf).
absl::StatusOr<UniqueFd> ExportAppSeccompFilterToMemfd();

// The exported program, built once per process (thread-safe) and cached; the
// launcher installs it with SECCOMP_FILTER_FLAG_NEW_LISTENER.
absl::StatusOr<std::span<const sock_filter>> AppSeccompFilter();

}  // namespace tockpp::hostkernel

#endif  // TOCKPP_HOSTKERNEL_SANDBOX_APP_SECCOMP_POLICY_H_
