// The control socket's view of the kernel; see kernel_introspection.h.
#include "hostkernel/runtime/kernel_introspection.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "hostkernel/runtime/escaped_name.h"
#include "kernel/capability_factory.h"
#include "kernel/process_inspection.h"

namespace tock::hostkernel {

const char* StateName(tock::ProcessState state) {
  switch (state) {
    case tock::ProcessState::kUnused:
      return "unused";
    case tock::ProcessState::kRunning:
      return "running";
    case tock::ProcessState::kYielded:
      return "yielded";
    case tock::ProcessState::kYieldedFor:
      return "yielded-for";
    case tock::ProcessState::kStoppedRunning:
      return "stopped(running)";
    case tock::ProcessState::kStoppedYielded:
      return "stopped(yielded)";
    case tock::ProcessState::kStoppedYieldedFor:
      return "stopped(yielded-for)";
    case tock::ProcessState::kFaulted:
      return "faulted";
    case tock::ProcessState::kTerminated:
      return "terminated";
  }
  return "?";
}

ProcessInfo DescribeProcess(const tock::Process& p, bool details,
                            const tock::ProcessManagementCapability& cap) {
  ProcessInfo info;
  info.id = p.id().id();
  info.name = EscapedName(p);  // shown escaped: a name cannot break a reply line
  info.state = StateName(p.state());
  info.restart_count = p.restart_count();
  info.syscall_count = p.syscall_count();
  info.short_id = p.short_id();
  info.credential = tock::CredentialStatusName(p.identity().credential);
  info.flash_start = p.flash_start();
  info.flash_size = p.flash_end() - p.flash_start();
  info.ram_start = p.memory_start();
  info.ram_size = p.memory_len();
  info.app_break = p.app_break();
  info.grant_start = p.kernel_memory_break();
  info.grant_size = p.kernel_memory_used();
  if (!details) {
    return info;
  }
  const tock::ProcessInspector inspector(p, cap);
  inspector.ForEachGrant([&info](const tock::GrantUsageInfo& g) {
    info.grants.push_back(GrantUsage{g.driver_num, g.size});
  });
  inspector.ForEachPendingUpcall([&info](const tock::QueuedUpcall& u) {
    PendingUpcall out;
    out.driver = u.id.driver_num;
    out.subscribe_number = u.id.subscribe_num;
    for (int i = 0; i < 3; ++i) {
      out.args[i] = u.args[i];
    }
    info.pending_upcalls.push_back(out);
  });
  inspector.ForEachAllowedBuffer([&info](const tock::AllowedBufferInfo& a) {
    info.allowed_buffers.push_back(AllowedBuffer{tock::AllowedBufferKindName(a.kind), a.driver_num,
                                                 a.allow_num, a.address, a.length});
  });
  return info;
}

ProcessInfo DescribeProcess(const tock::Process& p, bool details) {
  // Host runtime code is trusted: it may mint the capability the inspector asks for.
  static const tock::ProcessManagementCapability cap = tock::CapabilityFactory::ProcessManagement();
  return DescribeProcess(p, details, cap);
}

std::vector<ProcessInfo> KernelIntrospection::ListProcesses(bool details) {
  std::vector<ProcessInfo> out;
  for (const tock::Process& p : kernel_.processes()) {
    if (p.state() == tock::ProcessState::kUnused) {
      continue;
    }
    out.push_back(DescribeProcess(p, details, cap_));
  }
  return out;
}

tock::Process* KernelIntrospection::Find(absl::string_view app) const {
  uint32_t id = 0;
  const bool numeric = absl::SimpleAtoi(app, &id);
  for (tock::Process& p : kernel_.processes()) {
    if (p.state() == tock::ProcessState::kUnused) {
      continue;
    }
    // The raw name or the escaped one that ps shows.
    if (absl::string_view(p.name(), p.name_length()) == app || EscapedName(p) == app) {
      return &p;
    }
    if (numeric && p.id().id() == id) {
      return &p;
    }
  }
  return nullptr;
}

std::optional<ProcessInfo> KernelIntrospection::FindProcess(absl::string_view app) {
  const tock::Process* p = Find(app);
  if (p == nullptr) {
    return std::nullopt;
  }
  return DescribeProcess(*p, /*details=*/true, cap_);
}

absl::Status KernelIntrospection::Change(
    absl::string_view app, const char* verb,
    tock::Result<void> (tock::Kernel::*op)(tock::ProcessId,
                                           const tock::ProcessManagementCapability&)) {
  tock::Process* p = Find(app);
  if (p == nullptr) {
    return absl::NotFoundError(absl::StrCat("no process named '", app, "'"));
  }
  const tock::Result<void> r = (kernel_.*op)(p->id(), cap_);
  if (!r.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot ", verb, " '", app, "' in state ", StateName(p->state())));
  }
  if (after_change_) {
    after_change_();
  }
  return absl::OkStatus();
}

absl::Status KernelIntrospection::StopProcess(absl::string_view app) {
  return Change(app, "stop", &tock::Kernel::StopProcess);
}

absl::Status KernelIntrospection::StartProcess(absl::string_view app) {
  tock::Process* p = Find(app);
  if (p != nullptr && p->IsStopped()) {
    return Change(app, "resume", &tock::Kernel::ResumeProcess);
  }
  return Change(app, "start", &tock::Kernel::StartProcess);
}

absl::Status KernelIntrospection::RestartProcess(absl::string_view app) {
  return Change(app, "restart", &tock::Kernel::RestartProcess);
}

}  // namespace tock::hostkernel
