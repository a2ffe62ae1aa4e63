// The control socket's view of the kernel; see kernel_introspection.h.
#include "hostkernel/runtime/kernel_introspection.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace tockpp::hostkernel {

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

ProcessInfo DescribeProcess(const tock::Process& p, bool details) {
  ProcessInfo info;
  info.id = p.id().id();
  info.name.assign(p.name(), p.name_length());
  info.state = StateName(p.state());
  info.restart_count = p.restart_count();
  info.flash_start = p.flash_start();
  info.flash_size = p.flash_end() - p.flash_start();
  info.ram_start = p.memory_start();
  info.ram_size = p.memory_len();
  info.app_break = p.app_break();
  info.grant_start = p.kernel_memory_break();
  info.grant_size = p.kernel_memory_used();
  (void)details;  // per-driver grant, upcall and allow listings: see hostkernel/README.md
  return info;
}

std::vector<ProcessInfo> KernelIntrospection::ListProcesses(bool details) {
  std::vector<ProcessInfo> out;
  for (const tock::Process& p : kernel_.processes()) {
    if (p.state() == tock::ProcessState::kUnused) continue;
    out.push_back(DescribeProcess(p, details));
  }
  return out;
}

tock::Process* KernelIntrospection::Find(absl::string_view app) const {
  uint32_t id = 0;
  const bool numeric = absl::SimpleAtoi(app, &id);
  for (tock::Process& p : kernel_.processes()) {
    if (p.state() == tock::ProcessState::kUnused) continue;
    if (absl::string_view(p.name(), p.name_length()) == app) return &p;
    if (numeric && p.id().id() == id) return &p;
  }
  return nullptr;
}

std::optional<ProcessInfo> KernelIntrospection::FindProcess(absl::string_view app) {
  const tock::Process* p = Find(app);
  if (p == nullptr) return std::nullopt;
  return DescribeProcess(*p, /*details=*/true);
}

absl::Status KernelIntrospection::Change(
    absl::string_view app, const char* verb,
    tock::Result<void> (tock::Kernel::*op)(tock::ProcessId,
                                           const tock::ProcessManagementCapability&)) {
  tock::Process* p = Find(app);
  if (p == nullptr) return absl::NotFoundError(absl::StrCat("no process named '", app, "'"));
  const tock::Result<void> r = (kernel_.*op)(p->id(), cap_);
  if (!r.ok()) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot ", verb, " '", app, "' in state ", StateName(p->state())));
  }
  if (after_change_) after_change_();
  return absl::OkStatus();
}

absl::Status KernelIntrospection::StopProcess(absl::string_view app) {
  return Change(app, "stop", &tock::Kernel::StopProcess);
}

absl::Status KernelIntrospection::StartProcess(absl::string_view app) {
  tock::Process* p = Find(app);
  if (p != nullptr && p->IsStopped()) return Change(app, "resume", &tock::Kernel::ResumeProcess);
  return Change(app, "start", &tock::Kernel::StartProcess);
}

absl::Status KernelIntrospection::RestartProcess(absl::string_view app) {
  return Change(app, "restart", &tock::Kernel::RestartProcess);
}

}  // namespace tockpp::hostkernel
