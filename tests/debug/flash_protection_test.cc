// App flash is a private copy-on-write mapping so that a debugger (ptrace, /proc/PID/mem) can
// write breakpoints into it. The app itself still cannot: a store into its own code faults
// (SIGSEGV), and an mprotect that would make the page writable is refused by tockd. Each
// attack ends as a fault of that app only; the bystander beside it finishes.
#include <string>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::debugtest {
namespace {

using harness::ExitStatus;
using harness::FaultReport;
using harness::Stream;
using harness::Tockd;

constexpr char kBystander[] = "//apps/examples/counter:counter_a.tbf";

FaultReport RunAttack(const std::string& app, const std::string& announcement) {
  FaultReport fault;
  auto started = Tockd::Start({.apps = {"//tests/debug/apps:" + app + ".tbf", kBystander},
                               .flags = {"--fault-policy=stop"}});
  if (!started.ok()) {
    ADD_FAILURE() << started.status();
    return fault;
  }
  Tockd& t = **started;
  EXPECT_TRUE(t.WaitForConsole(announcement));
  EXPECT_TRUE(t.WaitForFault(app, &fault));
  EXPECT_TRUE(t.WaitForConsole("counter_a: done\n"));
  // --exit-when-done: 1 because an app faulted (the last line names it).
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(1));
  EXPECT_TRUE(t.WaitForLog("faulted"));
  EXPECT_EQ(t.Count(Stream::kConsole, "ESCAPED"), 0) << t.Console();
  EXPECT_EQ(t.Faults().size(), 1u) << t.Log();
  return fault;
}

TEST(FlashProtectionTest, AStoreIntoOwnCodeIsASegv) {
  const FaultReport fault = RunAttack("flash_write", "flash_write: writing to own code");
  EXPECT_EQ(fault.cause.rfind("killed by SEGV", 0), 0u) << fault.cause;
  ASSERT_TRUE(fault.fault_address.has_value()) << fault.text;
  EXPECT_GE(*fault.fault_address, 0x10000000u);  // in its flash
  EXPECT_LT(*fault.fault_address, 0x10010000u);
}

TEST(FlashProtectionTest, MprotectOfOwnCodeIsRefusedByTheKernel) {
  const FaultReport fault = RunAttack("flash_mprotect", "flash_write: mprotect(");
  EXPECT_NE(fault.cause.find("mprotect not approved"), std::string::npos) << fault.cause;
}

}  // namespace
}  // namespace tock::debugtest
