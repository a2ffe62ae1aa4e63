// FaultPolicies: owns the kernel fault-policy objects that --fault-policy names, so each loaded
// process can point at one for its whole life. Host-only.
#ifndef TOCKPP_HOSTKERNEL_DAEMON_FAULT_POLICIES_H_
#define TOCKPP_HOSTKERNEL_DAEMON_FAULT_POLICIES_H_

#include <deque>

#include "hostkernel/config/fault_policy_spec.h"
#include "kernel/fault_policy.h"

namespace tock::hostkernel {

class FaultPolicies {
 public:
  // restart:N restarts at most N times, then stops: upstream ThresholdRestartFaultPolicy
  // restarts while restart_count <= threshold, so the threshold is N - 1. Plain restart never
  // gives up.
  const tock::FaultPolicy& For(const FaultPolicySpec& spec) {
    switch (spec.kind) {
      case FaultPolicySpec::Kind::kPanic:
        return panic_;
      case FaultPolicySpec::Kind::kStop:
        return stop_;
      case FaultPolicySpec::Kind::kRestart:
        if (spec.max_restarts == 0) {
          return restart_;
        }
        return thresholds_.emplace_back(spec.max_restarts - 1);
    }
    return panic_;
  }

 private:
  tock::PanicFaultPolicy panic_;
  tock::StopFaultPolicy stop_;
  tock::RestartFaultPolicy restart_;
  std::deque<tock::ThresholdRestartFaultPolicy> thresholds_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_DAEMON_FAULT_POLICIES_H_
