// ComputeFdBudget's arithmetic and EnsureFdLimit's raise-or-refuse decision, on fake rlimits.
#include "hostkernel/daemon/fd_budget.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

namespace tock::hostkernel {
namespace {

TEST(FdBudget, GrowsFiveFdsPerAppOnTopOfTheFixedPart) {
  FdBudgetInput in;
  in.apps = 2;
  const FdBudget two = ComputeFdBudget(in);
  in.apps = 64;
  const FdBudget many = ComputeFdBudget(in);
  EXPECT_EQ(two.fixed, many.fixed);
  EXPECT_EQ(many.needed - two.needed, 62 * kFdsPerApp);
  // stdio 3 + io_uring + 2 signalfds + launcher + in-memory flash 2 + transient 4.
  EXPECT_EQ(two.fixed, 13u);
  EXPECT_EQ(many.needed, 13u + 64 * 5);
}

TEST(FdBudget, CountsSocketsTraceAndInheritedFds) {
  FdBudgetInput in;
  const size_t base = ComputeFdBudget(in).fixed;
  in.open_at_start = 10;  // seven inherited beyond stdio
  in.console_socket = true;
  in.control = true;
  in.control_max_clients = 4;
  in.trace = true;
  in.flash_in_memory = false;
  EXPECT_EQ(ComputeFdBudget(in).fixed, base + 7 + 3 + (1 + 4 + 1) + 1 - 1);
  in.control_max_clients = 0;  // no limit: counted as the default
  EXPECT_EQ(ComputeFdBudget(in).fixed,
            base + 7 + 3 + (1 + kFdsAssumedUnlimitedClients + 1) + 1 - 1);
}

TEST(FdBudget, NeverBelowWhatASpawnUsesInTheChild) {
  FdBudgetInput in;
  in.apps = 0;
  EXPECT_EQ(ComputeFdBudget(in).needed, kFdsForSpawnPlan);
}

struct FakeLimit {
  rlimit now{};
  int sets = 0;
  bool refuse_set = false;
  RlimitOps Ops() {
    return RlimitOps{[this](rlimit* r) {
                       *r = now;
                       return 0;
                     },
                     [this](const rlimit* r) {
                       ++sets;
                       if (refuse_set || r->rlim_cur > now.rlim_max) {
                         return -1;
                       }
                       now = *r;
                       return 0;
                     }};
  }
};

FdBudget Needing(size_t apps) {
  FdBudgetInput in;
  in.apps = apps;
  return ComputeFdBudget(in);
}

TEST(EnsureFdLimit, LeavesAnAmpleLimitAlone) {
  FakeLimit l;
  l.now = {1024, 4096};
  EXPECT_TRUE(EnsureFdLimit(Needing(8), l.Ops()).ok());
  EXPECT_EQ(l.sets, 0);
  EXPECT_EQ(l.now.rlim_cur, 1024u);
}

TEST(EnsureFdLimit, RaisesTheSoftLimitToTheHardLimit) {
  FakeLimit l;
  l.now = {64, 4096};
  EXPECT_TRUE(EnsureFdLimit(Needing(64), l.Ops()).ok());
  EXPECT_EQ(l.now.rlim_cur, 4096u);
  l.now = {64, RLIM_INFINITY};
  EXPECT_TRUE(EnsureFdLimit(Needing(64), l.Ops()).ok());
  EXPECT_EQ(l.now.rlim_cur, Needing(64).needed);
}

TEST(EnsureFdLimit, TooLowAHardLimitIsOneLineNamingLimitNeedAppsAndFix) {
  FakeLimit l;
  l.now = {32, 32};
  const FdBudget b = Needing(40);
  absl::Status s = EnsureFdLimit(b, l.Ops());
  ASSERT_FALSE(s.ok());
  const std::string m(s.message());
  EXPECT_EQ(m.find('\n'), std::string::npos);
  const std::string needed = std::to_string(b.needed);
  EXPECT_NE(m.find("RLIMIT_NOFILE hard limit is 32"), std::string::npos) << m;
  EXPECT_NE(m.find("40 apps need " + needed + " file descriptors"), std::string::npos) << m;
  EXPECT_NE(m.find("ulimit -n " + needed), std::string::npos) << m;
  EXPECT_EQ(l.now.rlim_cur, 32u);
}

TEST(EnsureFdLimit, ARefusedRaiseIsReportedToo) {
  FakeLimit l;
  l.now = {32, 4096};
  l.refuse_set = true;
  absl::Status s = EnsureFdLimit(Needing(40), l.Ops());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("RLIMIT_NOFILE is 32 and cannot be raised"), std::string::npos)
      << s.message();
}

TEST(CountOpenFds, SeesAnFdOpenedHere) {
  const size_t before = CountOpenFds(0);
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  EXPECT_EQ(CountOpenFds(0), before + 2);
  close(fds[0]);
  close(fds[1]);
}

}  // namespace
}  // namespace tock::hostkernel
