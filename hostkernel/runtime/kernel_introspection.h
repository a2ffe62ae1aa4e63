// KernelIntrospection: the control socket's view of the kernel (ps, inspect, stop, start,
// restart) over the portable kernel's process table. Trusted host code: holds the
// process-management capability. Loop thread only.
#ifndef TOCKPP_HOSTKERNEL_RUNTIME_KERNEL_INTROSPECTION_H_
#define TOCKPP_HOSTKERNEL_RUNTIME_KERNEL_INTROSPECTION_H_

#include <functional>

#include "hostkernel/control/process_introspection.h"
#include "kernel/capabilities.h"
#include "kernel/kernel.h"

namespace tock::hostkernel {

// Lower-case state name as shown by `tockctl ps` and the process console.
const char* StateName(tock::ProcessState state);

class KernelIntrospection final : public ProcessIntrospection {
 public:
  // `after_change` runs after a stop/start/restart so the caller can reschedule.
  KernelIntrospection(tock::Kernel& kernel, const tock::ProcessManagementCapability& cap,
                      std::function<void()> after_change)
      : kernel_(kernel), cap_(cap), after_change_(std::move(after_change)) {}

  std::vector<ProcessInfo> ListProcesses(bool details) override;
  std::optional<ProcessInfo> FindProcess(absl::string_view app) override;
  absl::Status StopProcess(absl::string_view app) override;
  absl::Status StartProcess(absl::string_view app) override;
  absl::Status RestartProcess(absl::string_view app) override;

 private:
  // By name, or by numeric id.
  tock::Process* Find(absl::string_view app) const;
  absl::Status Change(absl::string_view app, const char* verb,
                      tock::Result<void> (tock::Kernel::*op)(
                          tock::ProcessId, const tock::ProcessManagementCapability&));

  tock::Kernel& kernel_;
  const tock::ProcessManagementCapability& cap_;
  std::function<void()> after_change_;
};

// One process as the control socket shows it; with `details`, also its grants (driver, block
// bytes), pending upcalls (queue order) and allowed buffers, read through tock::ProcessInspector.
ProcessInfo DescribeProcess(const tock::Process& process, bool details,
                            const tock::ProcessManagementCapability& cap);
// The same with a capability of its own (host runtime code is trusted).
ProcessInfo DescribeProcess(const tock::Process& process, bool details);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_RUNTIME_KERNEL_INTROSPECTION_H_
