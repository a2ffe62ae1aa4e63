// Introspection through the real tockd: `inspect APP` / `ps -v` on the control socket and the
// process console's `process NAME` show a process's grants (bytes per driver), pending upcalls
// and allowed buffers. The inspectee app holds no grant until button 0 is pressed, then uses the
// alarm and the console and, while the button stays down, cannot yield, so its alarm upcall
// stays queued. Every wait synchronises on tockd's output or replies; timeouts only guard.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::introspection {
namespace {

using harness::ProcessInfo;
using harness::Regex;
using harness::Tockd;
using harness::TockdOptions;

constexpr char kInspectee[] = "//tests/introspection:inspectee.tbf";
constexpr char kApp[] = "inspectee";
constexpr uint32_t kAlarm = 0x00000;
constexpr uint32_t kConsole = 0x00001;
constexpr uint32_t kButton = 0x00003;
constexpr absl::Duration kGuard = absl::Seconds(20);

// The process console is on (tockd's default) only where a test types `process` into it.
TockdOptions Options(harness::TimeMode time = harness::TimeMode::kReal,
                     std::string process_console = "off") {
  return {.apps = {kInspectee},
          .exit_when_done = false,
          .control = true,
          .time = time,
          .process_console = std::move(process_console)};
}

// `inspect APP` until `done` holds for the reply. Each round trip is answered by tockd's loop;
// the deadline only guards against a hang.
::testing::AssertionResult InspectUntil(Tockd& t,
                                        const std::function<bool(const ProcessInfo&)>& done,
                                        ProcessInfo* out) {
  const absl::Time deadline = absl::Now() + kGuard;
  std::string last = "(no reply)";
  while (absl::Now() < deadline) {
    auto info = t.control().Inspect(kApp);
    if (!info.ok()) {
      return ::testing::AssertionFailure() << "inspect failed: " << info.status();
    }
    if (done(*info)) {
      *out = *info;
      return ::testing::AssertionSuccess();
    }
    last = "state=" + info->state + " upcalls=" + std::to_string(info->upcalls.size()) +
           " grants=" + std::to_string(info->grants.size());
  }
  return ::testing::AssertionFailure() << "condition not reached; last inspect: " << last;
}

ProcessInfo Inspect(Tockd& t) {
  auto info = t.control().Inspect(kApp);
  EXPECT_TRUE(info.ok()) << info.status();
  return info.ok() ? *info : ProcessInfo{};
}

// The buffer address the app printed in "inspectee: armed buffer=0x...".
uint32_t ArmedBuffer(const Tockd& t) {
  const std::string console = t.Console();
  const std::string key = "inspectee: armed buffer=0x";
  const size_t at = console.find(key);
  if (at == std::string::npos) {
    return 0;
  }
  const size_t start = at + key.size();
  const size_t end = console.find('\n', start);
  uint32_t value = 0;
  if (!absl::SimpleHexAtoi(console.substr(start, end - start), &value)) {
    return 0;
  }
  return value;
}

bool HasAlarmUpcall(const ProcessInfo& p) {
  for (const ProcessInfo::Upcall& u : p.upcalls) {
    if (u.driver == kAlarm && u.subscribe == 0) {
      return true;
    }
  }
  return false;
}

TEST(IntrospectionTest, GrantBytesGrowOnFirstUseAndAreZeroAfterRestart) {
  auto tockd = Tockd::Start(Options());
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;

  // Running and polling the button (syscalls counted), yet holding no grant.
  ProcessInfo before;
  ASSERT_TRUE(InspectUntil(
      t, [](const ProcessInfo& p) { return p.syscalls > 10; }, &before));
  EXPECT_EQ(before.state, "running");
  EXPECT_EQ(before.restarts, 0);
  EXPECT_TRUE(before.grants.empty());
  EXPECT_EQ(before.TotalGrantBytes(), 0u);
  EXPECT_TRUE(before.upcalls.empty());
  EXPECT_TRUE(before.allows.empty());
  ASSERT_TRUE(before.memory.has_value());
  const uint32_t kernel_region_before = before.memory->grant.length;

  // First use of the alarm and the console: both grants appear, the kernel region grows by
  // exactly their bytes, and the read buffer the app left allowed is listed.
  ASSERT_TRUE(t.PressButton(0));
  ASSERT_TRUE(t.WaitForConsole(Regex("inspectee: armed buffer=0x[0-9a-f]+\n")));
  // The line can reach the console before printf has un-allowed its buffer; the alarm upcall
  // (armed after printf returned) marks the point where the app only spins.
  ProcessInfo used;
  ASSERT_TRUE(InspectUntil(t, HasAlarmUpcall, &used));
  EXPECT_GT(used.GrantBytes(kAlarm), 0u);
  EXPECT_GT(used.GrantBytes(kConsole), 0u);
  EXPECT_EQ(used.GrantBytes(kButton), 0u);  // reading a button allocates nothing
  ASSERT_TRUE(used.memory.has_value());
  EXPECT_EQ(used.memory->grant.length, kernel_region_before + used.TotalGrantBytes());
  EXPECT_EQ(used.memory->grant.start + used.memory->grant.length,
            used.memory->ram.start + used.memory->ram.length);
  EXPECT_GE(used.memory->grant.start, used.memory->app_break);
  const uint32_t buffer = ArmedBuffer(t);
  ASSERT_NE(buffer, 0u);
  ASSERT_EQ(used.allows.size(), 1u);
  EXPECT_EQ(used.allows[0].kind, "rw");
  EXPECT_EQ(used.allows[0].driver, kConsole);
  EXPECT_EQ(used.allows[0].number, 1u);
  EXPECT_EQ(used.allows[0].address, buffer);
  EXPECT_EQ(used.allows[0].length, 32u);

  // `ps -v` reports the same process the same way.
  auto all = t.control().Processes(/*verbose=*/true);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].GrantBytes(kAlarm), used.GrantBytes(kAlarm));
  EXPECT_EQ((*all)[0].GrantBytes(kConsole), used.GrantBytes(kConsole));

  // Let it finish its round, then restart it: the button is up, so it polls again with
  // nothing allocated.
  ASSERT_TRUE(t.ReleaseButton(0));
  ASSERT_TRUE(t.WaitForConsole("inspectee: fired\n"));
  auto restarted = t.control().Request(std::string("restart ") + kApp);
  ASSERT_TRUE(restarted.ok()) << restarted.status();
  const ProcessInfo after = Inspect(t);
  EXPECT_EQ(after.restarts, 1);
  EXPECT_TRUE(after.grants.empty());
  EXPECT_EQ(after.TotalGrantBytes(), 0u);
  EXPECT_TRUE(after.upcalls.empty());
  EXPECT_TRUE(after.allows.empty());
  ASSERT_TRUE(after.memory.has_value());
  EXPECT_EQ(after.memory->grant.length, kernel_region_before);
}

void ExpectPendingUpcallShown(Tockd& t) {
  ASSERT_TRUE(t.PressButton(0));
  ASSERT_TRUE(t.WaitForConsole(Regex("inspectee: armed buffer=0x[0-9a-f]+\n")));

  // The alarm fires while the app spins with the button down: its upcall waits in the queue.
  ProcessInfo pending;
  ASSERT_TRUE(InspectUntil(t, HasAlarmUpcall, &pending));
  ASSERT_EQ(pending.upcalls.size(), 1u);
  const ProcessInfo::Upcall& u = pending.upcalls[0];
  ASSERT_EQ(u.args.size(), 3u);
  // Alarm upcall arguments are (now, expiration, 0), delivered at or after the expiration.
  EXPECT_GE(static_cast<int32_t>(u.args[0] - u.args[1]), 0);
  EXPECT_EQ(u.args[2], 0u);

  // Stopped, it still holds the upcall, and the process console shows it too.
  ASSERT_TRUE(t.control().Request(std::string("stop ") + kApp).ok());
  const ProcessInfo stopped = Inspect(t);
  EXPECT_EQ(stopped.state, "stopped(running)");
  ASSERT_EQ(stopped.upcalls.size(), 1u);
  EXPECT_EQ(stopped.upcalls[0].args, u.args);
  ASSERT_TRUE(t.TypeConsole("process inspectee\r"));
  ASSERT_TRUE(t.WaitForConsole(" Pending Upcalls: 1\r\n   Driver 0x00000  Subscribe 0  Args "));
  EXPECT_TRUE(
      t.WaitForConsole(Regex("   rw        Driver 0x00001  Number 1  Address 0x[0-9A-F]{8}"
                             "  Length 32\r\n")));
  EXPECT_TRUE(t.WaitForConsole(Regex(" Grants: 2 allocated, [0-9]+ bytes\r\n")));

  // Resumed and released, it yields, takes the upcall, and the queue is empty again.
  ASSERT_TRUE(t.control().Request(std::string("start ") + kApp).ok());
  ASSERT_TRUE(t.ReleaseButton(0));
  ASSERT_TRUE(t.WaitForConsole("inspectee: fired\n"));
  ProcessInfo done;
  ASSERT_TRUE(InspectUntil(
      t, [](const ProcessInfo& p) { return p.upcalls.empty(); }, &done));
  EXPECT_FALSE(HasAlarmUpcall(done));
}

TEST(IntrospectionTest, PendingUpcallIsVisibleBeforeTheAppYields) {
  auto tockd = Tockd::Start(Options(harness::TimeMode::kReal, "active"));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  ExpectPendingUpcallShown(**tockd);
}

TEST(IntrospectionTest, PendingUpcallIsVisibleInVirtualTime) {
  auto tockd = Tockd::Start(Options(harness::TimeMode::kVirtual, "active"));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  ExpectPendingUpcallShown(**tockd);
}

}  // namespace
}  // namespace tock::introspection
