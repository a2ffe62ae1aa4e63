// End-to-end benchmarks through the real tockd: each iteration starts tockd with real app
// processes (real seccomp, real channel) and times the whole run. Run with
//   bazel run -c opt //tests/bench:tockd_bench
// Per-operation figures subtract a baseline run (hello), which covers spawning and start-up.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"

extern char** environ;

namespace {

constexpr double kNullSyscalls = 100000;  // apps/examples/null_syscall
constexpr double kAlarmWaits = 10000;     // tests/bench/apps/alarm_loop.c

// Runs tockd with `args` (stdout/stderr to /dev/null) and returns the wall time in seconds, or a
// negative value if it did not exit 0.
double RunTockd(const std::vector<std::string>& args) {
  std::vector<std::string> argv_s = {"hostkernel/tockd", "--log_level=off",
                                     "--process_console=off"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? seconds : -1;
}

const std::string kHello = "apps/examples/hello/hello.tbf";
const std::string kNull = "apps/examples/null_syscall/null_syscall.tbf";
const std::string kAlarmLoop = "tests/bench/apps/alarm_loop.tbf";
const std::string kBlink = "apps/examples/blink/blink.tbf";

// Null command round trip app -> tockd (kernel dispatch, NODEVICE) -> app, real time.
void BM_TockdNullSyscall(benchmark::State& state) {
  double per_call_us = 0;
  for (auto _ : state) {
    const double base = RunTockd({"--exit_when_done", kHello});
    const double run = RunTockd({"--exit_when_done", kNull});
    if (base < 0 || run < 0) {
      state.SkipWithError("tockd failed");
      return;
    }
    per_call_us = (run - base) / kNullSyscalls * 1e6;
    state.SetIterationTime(run);
  }
  state.counters["us_per_syscall"] = per_call_us;
}
BENCHMARK(BM_TockdNullSyscall)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

// One app: alarm command + yield + upcall delivery when the alarm fires (virtual time, so the
// alarm fires as soon as the app waits): the upcall path's cost.
void BM_TockdAlarmUpcall(benchmark::State& state) {
  double per_wait_us = 0;
  for (auto _ : state) {
    const double base = RunTockd({"--exit_when_done", "--time=virtual", kHello});
    const double run = RunTockd({"--exit_when_done", "--time=virtual", kAlarmLoop});
    if (base < 0 || run < 0) {
      state.SkipWithError("tockd failed");
      return;
    }
    per_wait_us = (run - base) / kAlarmWaits * 1e6;
    state.SetIterationTime(run);
  }
  state.counters["us_per_alarm_upcall"] = per_wait_us;
}
BENCHMARK(BM_TockdAlarmUpcall)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

// Two apps doing the same: every wait now ends in a switch to the other app process and back,
// so this is the cost of one alarm wait including a context switch between two app processes.
void BM_TockdContextSwitch(benchmark::State& state) {
  double per_wait_us = 0;
  for (auto _ : state) {
    const double base = RunTockd({"--exit_when_done", "--time=virtual", kHello});
    const double two = RunTockd({"--exit_when_done", "--time=virtual", kAlarmLoop, kAlarmLoop});
    if (base < 0 || two < 0) {
      state.SkipWithError("tockd failed");
      return;
    }
    per_wait_us = (two - base) / (2 * kAlarmWaits) * 1e6;
    state.SetIterationTime(two);
  }
  state.counters["us_per_switched_wait"] = per_wait_us;
}
BENCHMARK(BM_TockdContextSwitch)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

// Issue 8: blink for 60 virtual seconds; wall time and how much faster than real time.
void BM_BlinkSixtyVirtualSeconds(benchmark::State& state) {
  double wall = 0;
  for (auto _ : state) {
    wall = RunTockd({"--time=virtual", "--exit_after=60s", kBlink});
    if (wall < 0) {
      state.SkipWithError("tockd failed");
      return;
    }
    state.SetIterationTime(wall);
  }
  state.counters["x_faster_than_real_time"] = 60.0 / wall;
}
BENCHMARK(BM_BlinkSixtyVirtualSeconds)
    ->UseManualTime()
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond);

}  // namespace
