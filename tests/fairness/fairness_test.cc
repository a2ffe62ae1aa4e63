// Scheduler fairness (issue 17, item 4): for each way an app can misbehave, a witness app beside
// it finishes its fixed work within a bound stated here, under --time=virtual (a bound in
// virtual time, read from the trace) and real time (a liveness bound in wall-clock time).
// The reasoning behind the bounds is in README.md.
#include <signal.h>
#include <sys/types.h>

#include <cstdint>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::fairness {
namespace {

using harness::Regex;
using harness::Stream;
using harness::TimeMode;
using harness::Tockd;
using harness::TockdOptions;

constexpr char kWitness[] = "//tests/fairness/apps:witness.tbf";
constexpr char kSpinner[] = "//tests/fairness/apps:spinner.tbf";
constexpr char kFutexSleeper[] = "//tests/fairness/apps:futex_sleeper.tbf";
constexpr char kTicker[] = "//tests/fairness/apps:ticker.tbf";
constexpr char kCrasher[] = "//tests/fairness/apps:crasher.tbf";
constexpr char kLaunchFault[] = "//tests/fairness/apps:launch_fault.tbf";
constexpr char kUpcallFlood[] = "//tests/fairness/apps:upcall_flood.tbf";

// The witness's work (witness.c): 10 lines, each followed by a 1 ms alarm delay.
constexpr int kIterations = 10;
constexpr int64_t kDelayMs = 1;
constexpr int64_t kWorkMs = kIterations * kDelayMs;
constexpr absl::Duration kWork = absl::Milliseconds(kWorkMs);
// --timeslice, passed explicitly; virtual time charges 10 ms per expired timeslice too.
constexpr int64_t kSliceMs = 10;
constexpr absl::Duration kSlice = absl::Milliseconds(kSliceMs);
// Times the witness blocks between printing "witness: go" and "witness: done": the write of
// "go", then per iteration the write of its line and the delay.
constexpr int kWaits = 2 * kIterations + 1;

// Virtual time: each blocking wait lasts its own length plus at most one turn of the one other
// app, and a turn ends at its timeslice at the latest; syscalls add 1 us each (< 1 ms in all).
// 10 ms + 21 * 10 ms + 1 ms = 221 ms from "witness: go" to "witness: done".
constexpr absl::Duration kVirtualBound = absl::Milliseconds(kWorkMs + kWaits * kSliceMs + 1);
// Real time: a liveness bound, not a benchmark. The work plus a margin far above what a loaded
// 2-core CI machine needs (README.md). Also the wall-clock guard in virtual time.
constexpr int64_t kRealMarginMs = 10'000;
constexpr absl::Duration kRealBound = absl::Milliseconds(kWorkMs + kRealMarginMs);

// How many faults of a restart-looping attacker to see before the witness starts, and again
// after it is done (the loop was under way, and it is still scheduled: no wedge).
constexpr int kRestartsAround = 20;

// A time mode as a test parameter (printable, so failures name it).
struct Mode {
  TimeMode time;
  const char* name;
};
void PrintTo(const Mode& mode, std::ostream* os) { *os << mode.name; }
constexpr Mode kModes[] = {{TimeMode::kReal, "Real"}, {TimeMode::kVirtual, "Virtual"}};

// The witness first (so it is ready before the attacker runs), then `attacker`. The control
// socket is always on: tests send commands on it, and a failure shows `ps`.
TockdOptions WithWitness(TimeMode mode, const std::string& attacker,
                         std::vector<std::string> flags = {}) {
  flags.push_back(absl::StrCat("--timeslice=", absl::FormatDuration(kSlice)));
  TockdOptions options;
  options.apps = {kWitness, attacker};
  options.flags = std::move(flags);
  options.exit_when_done = false;
  options.control = true;
  options.time = mode;
  options.trace = mode == TimeMode::kVirtual;
  return options;
}

// The `t` (ns) of the first console trace event whose text contains `line` (with its newline).
std::optional<int64_t> ConsoleTime(const std::vector<std::string>& trace, const std::string& line) {
  const std::string text = line + "\\n";  // JSON-escaped newline
  for (const std::string& event : trace) {
    if (event.find("\"ev\":\"console\"") == std::string::npos ||
        event.find(text) == std::string::npos || event.rfind("{\"t\":", 0) != 0) {
      continue;
    }
    const size_t end = event.find(',');
    int64_t t;
    if (end != std::string::npos && absl::SimpleAtoi(event.substr(5, end - 5), &t)) {
      return t;
    }
  }
  return std::nullopt;
}

// tockd's view of the processes, one line: "witness yielded syscalls=13; ticker running ...".
std::string Ps(Tockd& t) {
  absl::StatusOr<std::vector<harness::ProcessInfo>> ps = t.control().Processes();
  if (!ps.ok()) {
    return ps.status().ToString();
  }
  return absl::StrJoin(*ps, "; ", [](std::string* out, const harness::ProcessInfo& p) {
    absl::StrAppend(out, p.name, " ", p.state, " restarts=", p.restarts, " syscalls=", p.syscalls);
  });
}

// Lets the witness start (one console byte) and checks it finishes within the stated bound:
// kRealBound of wall-clock time in both modes; in virtual time also kVirtualBound of virtual
// time from "witness: go" to "witness: done", read from the trace.
::testing::AssertionResult WitnessFinishesInBound(Tockd& t) {
  if (::testing::AssertionResult r = t.TypeConsole("g"); !r) {
    return r;
  }
  if (::testing::AssertionResult r = t.WaitForConsole("witness: done\n", kRealBound); !r) {
    return ::testing::AssertionFailure()
           << "the witness did not finish its " << absl::FormatDuration(kWork) << " of work within "
           << absl::FormatDuration(kRealBound) << " of wall-clock time (ps: " << Ps(t)
           << "): " << r.message();
  }
  if (t.options().time != TimeMode::kVirtual) {
    return ::testing::AssertionSuccess();
  }
  const std::vector<std::string> trace = t.TraceLines();
  const std::optional<int64_t> go = ConsoleTime(trace, "witness: go");
  const std::optional<int64_t> done = ConsoleTime(trace, "witness: done");
  if (!go || !done) {
    return ::testing::AssertionFailure()
           << "the trace lacks the witness's go/done lines (" << trace.size() << " trace lines)";
  }
  const absl::Duration took = absl::Nanoseconds(*done - *go);
  if (took > kVirtualBound) {
    return ::testing::AssertionFailure()
           << "the witness took " << absl::FormatDuration(took)
           << " of virtual time, more than its bound of " << absl::FormatDuration(kVirtualBound)
           << " (work + " << kWaits << " timeslices)";
  }
  ::testing::Test::RecordProperty("witness_virtual_ns", absl::StrCat(*done - *go));
  std::cout << "witness: " << absl::FormatDuration(took) << " of virtual time (bound "
            << absl::FormatDuration(kVirtualBound) << ")\n";
  return ::testing::AssertionSuccess();
}

int FaultsOf(const Tockd& t, const std::string& app) {
  return t.Count(Stream::kLog, "| Process fault: " + app + " (");
}

class FairnessTest : public ::testing::TestWithParam<Mode> {};

INSTANTIATE_TEST_SUITE_P(Modes, FairnessTest, ::testing::ValuesIn(kModes),
                         [](const ::testing::TestParamInfo<Mode>& info) {
                           return std::string(info.param.name);
                         });

// An app that computes forever without a system call: the timeslice takes the CPU back.
TEST_P(FairnessTest, Spinner) {
  auto tockd = Tockd::Start(WithWitness(GetParam().time, kSpinner));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("witness: ready\n"));
  ASSERT_TRUE(t.WaitForConsole("spinner: spinning\n"));
  EXPECT_TRUE(WitnessFinishesInBound(t));
}

// An app asleep in its allowed FUTEX_WAIT without a request: it uses no CPU time, so only a
// wall-clock bound on its turn can take the CPU back.
TEST_P(FairnessTest, FutexSleeper) {
  auto tockd = Tockd::Start(WithWitness(GetParam().time, kFutexSleeper));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("witness: ready\n"));
  ASSERT_TRUE(t.WaitForConsole("futex_sleeper: sleeping\n"));
  EXPECT_TRUE(WitnessFinishesInBound(t));
}

// An app whose Linux process is stopped from outside (kill -STOP) while it waits for its next
// alarm: when its turn comes it cannot run. The witness must not wait for it; after SIGCONT the
// stopped app runs again.
TEST_P(FairnessTest, StoppedFromOutside) {
  auto tockd = Tockd::Start(WithWitness(GetParam().time, kTicker));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("witness: ready\n"));
  ASSERT_TRUE(t.WaitForConsole("ticker: 2\n"));
  const std::optional<pid_t> ticker = t.AppPid("ticker");
  ASSERT_TRUE(ticker.has_value()) << "no ticker among tockd's children";
  ASSERT_EQ(kill(*ticker, SIGSTOP), 0);
  EXPECT_TRUE(t.WaitForLog("app 'ticker' (pid " + std::to_string(*ticker) +
                           ") was stopped from outside tockd"))
      << "tockd did not notice the stop";
  EXPECT_TRUE(WitnessFinishesInBound(t));

  const harness::Pattern tick = Regex("^ticker: [0-9]+$");
  const int ticks = t.Count(Stream::kConsole, tick);
  ASSERT_EQ(kill(*ticker, SIGCONT), 0);
  EXPECT_TRUE(t.WaitForLog("app 'ticker' (pid " + std::to_string(*ticker) +
                           ") was continued from outside tockd"))
      << "tockd did not notice the continue";
  EXPECT_TRUE(t.WaitFor(Stream::kConsole, tick, ticks + 3, kRealBound))
      << "the ticker did not run again after SIGCONT";
  EXPECT_EQ(FaultsOf(t, "ticker"), 0);
  EXPECT_TRUE(t.exit_status().running());
}

// An app that faults at once under --fault-policy=restart: restarted again and again.
TEST_P(FairnessTest, RestartLoop) {
  auto tockd =
      Tockd::Start(WithWitness(GetParam().time, kCrasher, {"--fault-policy=crasher=restart"}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("witness: ready\n"));
  ASSERT_TRUE(t.WaitFor(Stream::kLog, "| Process fault: crasher (", kRestartsAround, kRealBound));
  EXPECT_TRUE(WitnessFinishesInBound(t));
  const int faults = FaultsOf(t, "crasher");
  EXPECT_TRUE(
      t.WaitFor(Stream::kLog, "| Process fault: crasher (", faults + kRestartsAround, kRealBound))
      << "the restart loop stopped: tockd wedged?";
}

// An app that faults at its first instruction, before crt0 or any system call, restarted again
// and again.
TEST_P(FairnessTest, FaultAtLaunch) {
  auto tockd = Tockd::Start(
      WithWitness(GetParam().time, kLaunchFault, {"--fault-policy=launch_fault=restart"}));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("witness: ready\n"));
  harness::FaultReport first;
  ASSERT_TRUE(t.WaitForFault("launch_fault", &first));
  EXPECT_NE(first.cause.find("killed by ILL"), std::string::npos) << first.text;
  ASSERT_TRUE(
      t.WaitFor(Stream::kLog, "| Process fault: launch_fault (", kRestartsAround, kRealBound));
  EXPECT_TRUE(WitnessFinishesInBound(t));
  const int faults = FaultsOf(t, "launch_fault");
  EXPECT_TRUE(t.WaitFor(Stream::kLog, "| Process fault: launch_fault (", faults + kRestartsAround,
                        kRealBound))
      << "the restart loop stopped: tockd wedged?";
}

// An app that takes an alarm upcall as often as the alarm allows (one tick ahead, forever).
TEST_P(FairnessTest, UpcallFlood) {
  auto tockd = Tockd::Start(WithWitness(GetParam().time, kUpcallFlood));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("witness: ready\n"));
  ASSERT_TRUE(t.WaitForConsole("upcall_flood: 256\n", kRealBound));
  EXPECT_TRUE(WitnessFinishesInBound(t));
  const harness::Pattern flood = Regex("^upcall_flood: [0-9]+$");
  EXPECT_TRUE(t.WaitFor(Stream::kConsole, flood, t.Count(Stream::kConsole, flood) + 1, kRealBound))
      << "the flood stopped";
}

// Control commands for one app sent in one write on one connection, so tockd handles them
// back to back (before a restarted child has even launched).
struct Pipelined {
  const char* name;
  std::vector<std::string> commands;
};

std::vector<std::string> Repeat(int times, const std::vector<std::string>& commands) {
  std::vector<std::string> out;
  for (int i = 0; i < times; ++i) {
    out.insert(out.end(), commands.begin(), commands.end());
  }
  return out;
}

const Pipelined kPipelined[] = {
    {"RestartStopStart", {"restart ticker", "stop ticker", "start ticker"}},
    {"StopStart", {"stop ticker", "start ticker"}},
    {"RestartRestartRestart", {"restart ticker", "restart ticker", "restart ticker"}},
    {"RestartStopStartTenTimes", Repeat(10, {"restart ticker", "stop ticker", "start ticker"})},
};

void PrintTo(const Pipelined& p, std::ostream* os) { *os << absl::StrJoin(p.commands, "; "); }

class PipelinedControlTest : public ::testing::TestWithParam<std::tuple<Mode, Pipelined>> {};

INSTANTIATE_TEST_SUITE_P(Modes, PipelinedControlTest,
                         ::testing::Combine(::testing::ValuesIn(kModes),
                                            ::testing::ValuesIn(kPipelined)),
                         [](const ::testing::TestParamInfo<std::tuple<Mode, Pipelined>>& info) {
                           return absl::StrCat(std::get<1>(info.param).name,
                                               std::get<0>(info.param).name);
                         });

// Every command is answered `ok`, the witness finishes within its bound, and the ticker runs
// again afterwards (it is neither stopped nor wedged).
TEST_P(PipelinedControlTest, WitnessAndTargetKeepRunning) {
  const auto& [mode, pipelined] = GetParam();
  auto tockd = Tockd::Start(WithWitness(mode.time, kTicker));
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForConsole("witness: ready\n"));
  ASSERT_TRUE(t.WaitForConsole("ticker: 2\n"));
  auto replies = t.control().Pipeline(pipelined.commands);
  ASSERT_TRUE(replies.ok()) << replies.status();
  ASSERT_EQ(replies->size(), pipelined.commands.size());
  for (size_t i = 0; i < replies->size(); ++i) {
    EXPECT_TRUE((*replies)[i].ok()) << pipelined.commands[i] << ": " << (*replies)[i].status();
  }
  const harness::Pattern tick = Regex("^ticker: [0-9]+$");
  const int ticks = t.Count(Stream::kConsole, tick);
  if (::testing::AssertionResult r = WitnessFinishesInBound(t); !r) {
    ADD_FAILURE() << "after " << absl::StrJoin(pipelined.commands, "; ") << ": " << r.message();
    return;  // wedged: the ticker cannot run either
  }
  EXPECT_TRUE(t.WaitFor(Stream::kConsole, tick, ticks + 3, kRealBound))
      << "the ticker did not run again after " << absl::StrJoin(pipelined.commands, "; ");
  auto ticker = t.control().Inspect("ticker");
  ASSERT_TRUE(ticker.ok()) << ticker.status();
  EXPECT_EQ(ticker->state.rfind("stopped", 0), std::string::npos) << ticker->state;
}

}  // namespace
}  // namespace tock::fairness
