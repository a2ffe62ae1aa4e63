// The seccomp policy of an app process: what an app (x32 code in 64-bit mode)
// may ask of Linux. Host-only (libseccomp). Allowed: futex-wait on the channel's
// kernel_seq, write to the wake eventfd, exit, rt_sigreturn; mprotect goes to
// tockd through user notification; every other call, any x32-numbered call and
// any call of another architecture (i386 through `int $0x80`) traps; the
// launcher's SIGSYS handler records it, then the process dies by SIGSYS.
#ifndef TOCKPP_HOSTKERNEL_SANDBOX_APP_SECCOMP_POLICY_H_
#define TOCKPP_HOSTKERNEL_SANDBOX_APP_SECCOMP_POLICY_H_

#include <linux/filter.h>

#include <cstdint>
#include <span>
#include <string>

#include "absl/status/statusor.h"
#include "hostkernel/process/unique_fd.h"

namespace tock::hostkernel {

// x86-64 number of the one notified call (for checking notifications).
inline constexpr uint32_t kLinuxSysMprotect = 10;
// AUDIT_ARCH_X86_64, the `arch` of every notification the filter can produce.
inline constexpr uint32_t kAuditArchAmd64 = 0xc000003eu;
// AUDIT_ARCH_I386: what `int $0x80` calls carry (refused by the arch check).
inline constexpr uint32_t kAuditArchI386 = 0x40000003u;

// "getpid #39", "i386 getpid #20", "unknown #0x40000027": a refused call for fault dumps.
std::string SyscallName(uint32_t audit_arch, uint32_t nr);

// Builds the filter with libseccomp and exports its classic BPF into a sealed
// memfd (seccomp_export_bpf).
absl::StatusOr<UniqueFd> ExportAppSeccompFilterToMemfd();

// The exported program, built once per process (thread-safe) and cached; the
// launcher installs it with SECCOMP_FILTER_FLAG_NEW_LISTENER.
absl::StatusOr<std::span<const sock_filter>> AppSeccompFilter();

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_SANDBOX_APP_SECCOMP_POLICY_H_
