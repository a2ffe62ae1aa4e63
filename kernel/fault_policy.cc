// Threshold fault policies (upstream process_policies: restart while count <= threshold).
#include "kernel/fault_policy.h"

#include "kernel/process.h"

namespace tock {

FaultAction ThresholdRestartFaultPolicy::Action(const Process& process) const {
  return process.restart_count() <= threshold_ ? FaultAction::kRestart : FaultAction::kStop;
}

FaultAction ThresholdRestartThenPanicFaultPolicy::Action(const Process& process) const {
  return process.restart_count() <= threshold_ ? FaultAction::kRestart : FaultAction::kPanic;
}

}  // namespace tock
