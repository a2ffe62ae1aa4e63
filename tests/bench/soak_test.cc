// The short crash/restart soak (issue 17, item 5) in the test command: 1,000 restarts beside
// two healthy apps and two busy loops. Asserts no wedge, every healthy line present, in order
// and intact, and tockd's RSS, fds, threads and children flat after warm-up. No timing goals
// (soak_bench reports those); the guards only bound how long "no progress" may last.
#include "tests/bench/soak.h"

#include <cstdio>

#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace tock::bench {
namespace {

constexpr int kCycles = 1000;
constexpr int kWarmup = 200;           // restarts before the flatness baseline
constexpr int64_t kRssSlackKib = 512;  // allocator noise; a 1 KiB-per-cycle leak is 800 KiB
constexpr int kFdSlack = 2;            // a restart in flight holds a pidfd and a channel
constexpr int kApps = 3;

TEST(SoakTest, ThousandCrashRestartCyclesBesideHealthyAppsStayFlat) {
  const SoakResult r = RunSoak(
      {.cycles = kCycles, .sample_every = 100, .busy_loops = 2, .wedge_guard = absl::Seconds(30)});
  // The figures go to the test log whatever happens; the assertions below refer to them.
  std::printf("%s%s", FormatSamples(r).c_str(), FormatSummary(r).c_str());
  ASSERT_TRUE(r.error.empty()) << r.error;
  ASSERT_FALSE(r.wedged) << r.wedge;
  EXPECT_GE(r.cycles, kCycles);  // the last wait may see a few restarts at once
  // Every restart followed a fault with its dump (more may have come before tockd stopped).
  EXPECT_GE(r.fault_dumps, r.cycles);
  EXPECT_EQ(r.exit, "exited 0");

  for (const HealthyOutput& h : r.healthy) {
    EXPECT_GT(h.lines, 0) << h.name;
    EXPECT_EQ(h.bad, 0) << h.name << ": " << h.first_bad;
  }
  EXPECT_EQ(r.foreign_lines, 0) << r.first_foreign;

  const SoakSample base = r.MaxUntil(kWarmup);
  const SoakSample max = r.MaxAfter(kWarmup);
#if !defined(__SANITIZE_ADDRESS__)
  // Under ASan freed memory sits in its quarantine (up to 256 MiB) by design, so RSS grows
  // there without a leak; LeakSanitizer checks tockd's exit instead (tools/test).
  EXPECT_LE(max.rss_kib, base.rss_kib + kRssSlackKib);
#endif
  EXPECT_LE(max.fds, base.fds + kFdSlack);
  EXPECT_LE(max.threads, base.threads);
  EXPECT_LE(max.children, kApps);
  EXPECT_LE(r.samples.back().children, kApps);
}

}  // namespace
}  // namespace tock::bench
