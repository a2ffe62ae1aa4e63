// Virtual time and seeds through the harness (issue 8): a minute of blink in virtual time,
// and byte-identical traces for the same apps and seed.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::integration {
namespace {

using harness::ExitStatus;
using harness::Regex;
using harness::Stream;
using harness::TimeMode;
using harness::Tockd;
using harness::TockdOptions;

constexpr char kBlink[] = "//apps/examples/blink:blink.tbf";
constexpr char kCounterA[] = "//apps/examples/counter:counter_a.tbf";
constexpr char kCounterB[] = "//apps/examples/counter:counter_b.tbf";
constexpr char kRng[] = "//apps/examples/rng:rng.tbf";

TEST(VirtualTimeTest, BlinkTogglesSixtyTimesInSixtyVirtualSeconds) {
  auto tockd = Tockd::Start({.apps = {kBlink},
                             .flags = {"--exit-after=60s"},
                             .exit_when_done = false,
                             .time = TimeMode::kVirtual});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_EQ(t.WaitForExit(), ExitStatus::Exited(0));
  EXPECT_TRUE(t.WaitForLog("tockd exits at 60000000000 ns (virtual clock)"));
  // One log line per toggle (the board's reset state "led 0 off" is at debug level).
  int toggles = t.Count(Stream::kLog, Regex("\\] led 0 (on|off)$"));
  EXPECT_GE(toggles, 59);
  EXPECT_LE(toggles, 61);
}

TockdOptions Seeded(uint64_t seed) {
  return {.apps = {kRng, kCounterA, kCounterB, kBlink},
          // A wall-clock timeslice preemption is the one source of non-determinism; with a
          // 10 s slice a loaded machine cannot cause one in these short, yielding apps.
          .flags = {"--seed=" + std::to_string(seed), "--exit-after=3s", "--timeslice=10s"},
          .exit_when_done = false,
          .time = TimeMode::kVirtual,
          .trace = true};
}

std::vector<std::string> TraceOf(TockdOptions options, std::string* rng_line) {
  auto tockd = Tockd::Start(std::move(options));
  if (!tockd.ok()) {
    ADD_FAILURE() << tockd.status();
    return {};
  }
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(0));
  EXPECT_TRUE((*tockd)->WaitForLog("0 preemptions at a wall-clock timeslice"));
  for (const std::string& line : (*tockd)->Lines(Stream::kConsole)) {
    if (line.rfind("rng: ", 0) == 0) {
      *rng_line = line;
    }
  }
  return (*tockd)->TraceLines();
}

TEST(VirtualTimeTest, SameSeedGivesAByteIdenticalTrace) {
  std::string rng1, rng2, rng3;
  std::vector<std::string> first = TraceOf(Seeded(7), &rng1);
  std::vector<std::string> second = TraceOf(Seeded(7), &rng2);
  ASSERT_GT(first.size(), 100u);
  EXPECT_EQ(first, second);
  EXPECT_FALSE(rng1.empty());
  EXPECT_EQ(rng1, rng2);
  TraceOf(Seeded(8), &rng3);
  EXPECT_NE(rng1, rng3);  // the seed reaches the RNG
  // Peripheral events from the registry are traced too: blink's LED, on at once, then a
  // toggle each second (3 s of virtual time).
  int led_events = 0;
  for (const std::string& line : first) {
    led_events +=
        line.find(R"("ev":"peripheral","name":"led","line":"led 0 o)") != std::string::npos;
  }
  EXPECT_GE(led_events, 2);
  EXPECT_LE(led_events, 4);
}

}  // namespace
}  // namespace tock::integration
