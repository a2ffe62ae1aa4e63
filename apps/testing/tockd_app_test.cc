// The example apps and the libtock selftest under the real tockd (kernel, capsules, isolation):
// the console output must match what FakeKernel gives, byte for byte for the selftest. Runs
// tockd --exit-when-done through tests/harness and synchronises on its exit, never on time.
#include <memory>
#include <string>
#include <vector>

#include "apps/testing/selftest_transcript.h"
#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::apps::testing {
namespace {

using harness::ExitStatus;
using harness::Tockd;

struct TockdRun {
  ExitStatus status;
  std::string out;  // app console (stdout)
  std::string err;  // tockd log (stderr)
};

// Runs tockd with `apps` (and `flags`) until it exits and returns what it printed.
TockdRun RunTockd(const std::vector<std::string>& apps, std::vector<std::string> flags = {}) {
  TockdRun run;
  auto t = Tockd::Start({.apps = apps, .flags = std::move(flags)});
  if (!t.ok()) {
    ADD_FAILURE() << t.status();
    return run;
  }
  run.status = (*t)->WaitForExit();
  run.out = (*t)->Console();
  run.err = (*t)->Log();
  return run;
}

TEST(TockdAppTest, HelloPrintsAndTockdExitsCleanly) {
  TockdRun r = RunTockd({"//apps/examples/hello:hello.tbf"});
  EXPECT_EQ(r.out, "Hello, World!\n") << r.err;
  EXPECT_EQ(r.status, ExitStatus::Exited(0)) << r.err;
}

TEST(TockdAppTest, SelftestTranscriptMatchesTheFakeKernel) {
  TockdRun r = RunTockd({"//apps/testing:libtock_selftest.tbf"});
  EXPECT_EQ(r.out, kSelftestTranscript) << r.err;
}

TEST(TockdAppTest, TwoCountersInterleave) {
  TockdRun r =
      RunTockd({"//apps/examples/counter:counter_a.tbf", "//apps/examples/counter:counter_b.tbf"});
  // Both finish, and neither runs all its lines before the other starts.
  EXPECT_EQ(r.status, ExitStatus::Exited(0)) << r.err;
  EXPECT_NE(r.out.find("counter_a: done\n"), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.out.find("counter_b: done\n"), std::string::npos) << r.out << r.err;
  EXPECT_LT(r.out.find("counter_b: 0\n"), r.out.find("counter_a: 5\n")) << r.out;
  EXPECT_LT(r.out.find("counter_a: 0\n"), r.out.find("counter_b: 5\n")) << r.out;
}

TEST(TockdAppTest, SpinningAppDoesNotStarveHello) {
  // spin never yields, so tockd cannot finish on its own: stop once hello has printed.
  auto t =
      Tockd::Start({.apps = {"//apps/examples/spin:spin.tbf", "//apps/examples/hello:hello.tbf"}});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE((*t)->WaitForConsole("spin: spinning forever\n"));
  EXPECT_TRUE((*t)->WaitForConsole("Hello, World!\n"));
}

TEST(TockdAppTest, RngPrintsSixteenBytes) {
  TockdRun r = RunTockd({"//apps/examples/rng:rng.tbf"}, {"--seed=1"});
  EXPECT_EQ(r.out.rfind("rng: 16 bytes:", 0), 0u) << r.err;
  EXPECT_EQ(r.out.size(), std::string("rng: 16 bytes:").size() + size_t{16} * 3 + 1) << r.out;
}

// Every driver wrapper against the real capsules: success everywhere, and the upstream error
// where one is due (LED index out of range: INVAL; stopping an idle alarm: ALREADY).
TEST(TockdAppTest, DriverTourGetsUpstreamReturnCodes) {
  TockdRun r = RunTockd({"//apps/testing:driver_tour.tbf"});
  EXPECT_EQ(r.out,
            "led: 0 0 0 0 -6 on=1 count>0=1\n"
            "button: 0 0 0 0 pressed=0 count>0=1\n"
            "gpio: 0 0 0 0 0 0 count>0=1\n"
            "LowLevelDebug: App 0x1 prints 0x1234\n"  // the debug UART is the console here
            "LowLevelDebug: App 0x1 prints 0x1 0x2\n"
            "lldb: 0 0\n"
            "alarm: 0 0 0 0 -3 0 hz>0=1\n"
            "rng: 0 got=8\n"
            "console: raw write\n"
            "console: 0 written=19 exists=1\n")
      << r.err;
}

}  // namespace
}  // namespace tock::apps::testing
