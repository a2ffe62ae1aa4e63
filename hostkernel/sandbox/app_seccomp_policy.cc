// Builds the app filter for SCMP_ARCH_X86_64 (the native arch) only. libseccomp
// 2.5.4 notes (DESIGN.md §7): seccomp_merge would drop the notify flag, so one
// context holds everything; with no x32 arch added, numbers carrying
// __X32_SYSCALL_BIT match no rule and take the default action (kill).
#include "hostkernel/sandbox/app_seccomp_policy.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/status/status_macros.h"

namespace tock::hostkernel {
namespace {

struct CtxDeleter {
  void operator()(scmp_filter_ctx ctx) const { seccomp_release(ctx); }
};
using Ctx = std::unique_ptr<void, CtxDeleter>;

absl::Status Check(int rc, const char* what) {
  if (rc == 0) {
    return absl::OkStatus();
  }
  return absl::InternalError(absl::StrCat("seccomp: ", what, ": ", std::strerror(-rc)));
}

absl::StatusOr<Ctx> BuildContext() {
  // Refused calls trap: the launcher's one-shot SIGSYS handler records which call it was,
  // then traps again and the process dies by SIGSYS (the app never runs in between).
  Ctx ctx(seccomp_init(SCMP_ACT_TRAP));
  if (!ctx) {
    return absl::InternalError("seccomp_init failed");
  }
  scmp_filter_ctx c = ctx.get();
  // x86-64 only: i386 calls (`int $0x80`, or 32-bit code after a far jump,
  // where the kernel still has IA32 emulation) are killed by the arch check.
  if (seccomp_arch_exist(c, SCMP_ARCH_X86_64) != 0) {
    return absl::FailedPreconditionError("seccomp: the app filter needs an x86-64 host");
  }
  if (absl::Status s =
          Check(seccomp_attr_set(c, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_TRAP), "badarch");
      !s.ok()) {
    return s;
  }

  const uint32_t kernel_seq_addr =
      TOCK_HOST_CHANNEL_ADDR + static_cast<uint32_t>(offsetof(tock_channel, kernel_seq));
  struct Rule {
    const char* what;
    int rc;
  };
  const Rule rules[] = {
      {"futex",
       seccomp_rule_add(c, SCMP_ACT_ALLOW, SCMP_SYS(futex), 2,
                        SCMP_A0(SCMP_CMP_EQ, kernel_seq_addr), SCMP_A1(SCMP_CMP_EQ, FUTEX_WAIT))},
      {"write", seccomp_rule_add(c, SCMP_ACT_ALLOW, SCMP_SYS(write), 1,
                                 SCMP_A0(SCMP_CMP_EQ, TOCK_CHANNEL_EVENTFD))},
      // An app waiting for an answer that should come soon spins, giving its CPU to whoever
      // else runs there (the app tockd switches to next, typically).
      {"sched_yield", seccomp_rule_add(c, SCMP_ACT_ALLOW, SCMP_SYS(sched_yield), 0)},
      {"exit", seccomp_rule_add(c, SCMP_ACT_ALLOW, SCMP_SYS(exit), 0)},
      {"exit_group", seccomp_rule_add(c, SCMP_ACT_ALLOW, SCMP_SYS(exit_group), 0)},
      {"rt_sigreturn", seccomp_rule_add(c, SCMP_ACT_ALLOW, SCMP_SYS(rt_sigreturn), 0)},
      // The MPU stand-in: tockd lets through only the change it approved.
      {"mprotect", seccomp_rule_add(c, SCMP_ACT_NOTIFY, SCMP_SYS(mprotect), 0)},
  };
  for (const Rule& r : rules) {
    if (absl::Status s = Check(r.rc, r.what); !s.ok()) {
      return s;
    }
  }
  return ctx;
}

}  // namespace

absl::StatusOr<UniqueFd> ExportAppSeccompFilterToMemfd() {
  absl::StatusOr<Ctx> ctx = BuildContext();
  TOCKPP_RETURN_IF_ERROR(ctx.status());
  UniqueFd fd(memfd_create("tock-seccomp-bpf", MFD_CLOEXEC | MFD_ALLOW_SEALING));
  if (!fd) {
    return absl::ErrnoToStatus(errno, "memfd_create");
  }
  if (absl::Status s = Check(seccomp_export_bpf(ctx->get(), fd.get()), "export_bpf"); !s.ok()) {
    return s;
  }
  if (fcntl(fd.get(), F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) != 0) {
    return absl::ErrnoToStatus(errno, "seal bpf memfd");
  }
  return fd;
}

absl::StatusOr<std::span<const sock_filter>> AppSeccompFilter() {
  static std::once_flag once;
  static absl::StatusOr<std::vector<sock_filter>>* program = nullptr;
  std::call_once(once, [] {
    program = new absl::StatusOr<std::vector<sock_filter>>(
        []() -> absl::StatusOr<std::vector<sock_filter>> {
          absl::StatusOr<UniqueFd> fd = ExportAppSeccompFilterToMemfd();
          TOCKPP_RETURN_IF_ERROR(fd.status());
          struct stat st;
          if (fstat(fd->get(), &st) != 0) {
            return absl::ErrnoToStatus(errno, "fstat bpf");
          }
          if (st.st_size <= 0 || st.st_size % sizeof(sock_filter) != 0) {
            return absl::InternalError("exported BPF has a bad size");
          }
          std::vector<sock_filter> insns(st.st_size / sizeof(sock_filter));
          if (pread(fd->get(), insns.data(), st.st_size, 0) != st.st_size) {
            return absl::ErrnoToStatus(errno, "read bpf");
          }
          return insns;
        }());
  });
  if (!program->ok()) {
    return program->status();
  }
  return std::span<const sock_filter>(**program);
}

std::string SyscallName(uint32_t audit_arch, uint32_t nr) {
  const uint32_t arch = audit_arch == kAuditArchAmd64  ? SCMP_ARCH_X86_64
                        : audit_arch == kAuditArchI386 ? SCMP_ARCH_X86
                                                       : 0;
  const char* arch_name = arch == SCMP_ARCH_X86 ? "i386 " : "";
  char* name = arch != 0 ? seccomp_syscall_resolve_num_arch(arch, static_cast<int>(nr)) : nullptr;
  std::string out =
      absl::StrCat(arch_name, name != nullptr ? name : "unknown", " #",
                   nr < 0x10000 ? absl::StrCat(nr) : absl::StrCat("0x", absl::Hex(nr)));
  std::free(name);
  return out;
}

}  // namespace tock::hostkernel
