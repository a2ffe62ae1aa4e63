// FaultPolicies built from --fault-policy specs, driven through the portable kernel on the fake
// platform: restart:N restarts exactly N times, also past 16-bit counts.
#include "hostkernel/daemon/fault_policies.h"

#include <gtest/gtest.h>

#include <memory>

#include "hostkernel/config/fault_policy_spec.h"
#include "kernel/testing/kernel_harness.h"

namespace tock::hostkernel {
namespace {

using tock::FaultOutcome;

// Faults the process in slot 0 until the policy no longer restarts it; returns the restarts.
uint64_t RestartsUntilGivenUp(const char* spec_text, FaultOutcome* last) {
  auto harness = std::make_unique<tock::testing::KernelHarness<1>>();
  auto spec = ParseFaultPolicy(spec_text);
  EXPECT_TRUE(spec.ok()) << spec.status();
  FaultPolicies policies;
  EXPECT_TRUE(harness->Load(0, {}, &policies.For(*spec)).ok());
  tock::Process& p = harness->processes[0];
  uint64_t restarts = 0;
  FaultOutcome outcome;
  while ((outcome = harness->kernel.HandleFault(p, {}, harness->loop_cap)) ==
         FaultOutcome::kRestarted) {
    ++restarts;
    if (restarts > 200000) {
      break;  // a policy that never gives up: fail, do not hang
    }
  }
  EXPECT_EQ(p.restart_count(), restarts);
  *last = outcome;
  return restarts;
}

TEST(FaultPolicies, RestartNRestartsExactlyNTimesThenStops) {
  FaultOutcome last;
  EXPECT_EQ(RestartsUntilGivenUp("restart:1", &last), 1u);
  EXPECT_EQ(last, FaultOutcome::kStopped);
  EXPECT_EQ(RestartsUntilGivenUp("restart:3", &last), 3u);
  EXPECT_EQ(last, FaultOutcome::kStopped);
}

TEST(FaultPolicies, RestartCountsPastSixteenBitsStop) {
  FaultOutcome last;
  EXPECT_EQ(RestartsUntilGivenUp("restart:70000", &last), 70000u);
  EXPECT_EQ(last, FaultOutcome::kStopped);
}

TEST(FaultPolicies, CountsOverThirtyTwoBitsAreRefusedByTheParser) {
  EXPECT_FALSE(ParseFaultPolicy("restart:4294967296").ok());
  EXPECT_TRUE(ParseFaultPolicy("restart:4294967295").ok());
}

}  // namespace
}  // namespace tock::hostkernel
