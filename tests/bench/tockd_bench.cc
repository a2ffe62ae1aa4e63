// End-to-end benchmarks through the real tockd: each iteration starts tockd with real app
// processes (real seccomp, real channel) and times the whole run. Run with
//   bazel run -c opt //tests/bench:tockd_bench
// The IPC floors (tests/bench/floors.h) run first, so the per-operation figures can be given as
// multiples of the spin ping-pong floor of the same run (counter x_spin_floor).
// Per-operation figures subtract a baseline run (hello), which covers spawning and start-up.
// Most benchmarks take the app's --yield_spin_checks as argument (64: the default; 0: a
// blocking yield sleeps at once, the behaviour before the checks existed).
#include <fcntl.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "benchmark/benchmark.h"
#include "tests/bench/floors.h"

namespace {

// The floors run first (registration order).
[[maybe_unused]] const bool kFloorsRegistered = (tock::bench::RegisterFloorBenchmarks(), true);

constexpr double kNullSyscalls = 100000;  // apps/examples/null_syscall
constexpr double kAlarmWaits = 10000;     // tests/bench/apps/alarm_loop.c

double CpuSeconds(const rusage& r) {
  return static_cast<double>(r.ru_utime.tv_sec + r.ru_stime.tv_sec) +
         static_cast<double>(r.ru_utime.tv_usec + r.ru_stime.tv_usec) * 1e-6;
}

struct Run {
  bool ok = false;  // exited 0
  double wall = 0;  // seconds from spawn to exit
  double cpu = 0;   // CPU seconds of tockd and every app process it started
};

// One tockd run with `args` (stdout/stderr to /dev/null). This process is a child subreaper, so
// the app processes, killed when tockd exits, are reparented here and reaped by Wait(): their CPU
// time counts in RUSAGE_CHILDREN as well as tockd's own and that of the children tockd reaped.
class Tockd {
 public:
  explicit Tockd(const std::vector<std::string>& args) {
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    std::vector<std::string> argv_s = {"hostkernel/tockd", "--log_level=off",
                                       "--process_console=off"};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    argv.reserve(argv_s.size() + 1);
    for (std::string& a : argv_s) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    getrusage(RUSAGE_CHILDREN, &before_);
    start_ = std::chrono::steady_clock::now();
    if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
      pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
  }
  Tockd(const Tockd&) = delete;
  Tockd& operator=(const Tockd&) = delete;
  ~Tockd() { Wait(); }

  pid_t pid() const { return pid_; }
  std::chrono::steady_clock::time_point start() const { return start_; }

  Run Wait() {
    Run run;
    if (pid_ < 0) {
      return run;
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    run.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    while (waitpid(-1, nullptr, 0) > 0 || errno == EINTR) {
    }
    rusage after{};
    getrusage(RUSAGE_CHILDREN, &after);
    run.cpu = CpuSeconds(after) - CpuSeconds(before_);
    run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return run;
  }

 private:
  pid_t pid_ = -1;
  rusage before_{};
  std::chrono::steady_clock::time_point start_;
};

Run RunTockd(const std::vector<std::string>& args) { return Tockd(args).Wait(); }

// The CPU time (ns, /proc/PID/task/TID/schedstat: user and kernel, ns resolution) that `root` and
// its living descendants have used so far; `processes` counts them.
uint64_t TreeCpuNs(pid_t root, int* processes) {
  std::map<pid_t, pid_t> parent;  // every process's parent
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const size_t paren = line.rfind(')');  // the name may hold spaces and parentheses
    if (paren == std::string::npos) {
      continue;
    }
    std::istringstream rest(line.substr(paren + 1));
    char state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    parent[std::stoi(name)] = ppid;
  }
  uint64_t ns = 0;
  *processes = 0;
  for (const auto& [pid, ppid] : parent) {
    pid_t p = pid;
    while (p > 1 && p != root) {
      p = parent.count(p) ? parent[p] : 0;
    }
    if (p != root) {
      continue;
    }
    ++*processes;
    const std::string tasks = "/proc/" + std::to_string(pid) + "/task";
    for (const auto& task : std::filesystem::directory_iterator(tasks, ec)) {
      std::ifstream schedstat(task.path() / "schedstat");
      uint64_t on_cpu = 0;
      if (schedstat >> on_cpu) {
        ns += on_cpu;
      }
    }
  }
  return ns;
}

const std::string kHello = "apps/examples/hello/hello.tbf";
const std::string kNull = "apps/examples/null_syscall/null_syscall.tbf";
const std::string kAlarmLoop = "tests/bench/apps/alarm_loop.tbf";
const std::string kAlarmLoopB = "tests/bench/apps/alarm_loop_b.tbf";  // same, named apart
const std::string kBlink = "apps/examples/blink/blink.tbf";
const std::string kButtons = "apps/examples/buttons/buttons.tbf";

std::string YieldChecksFlag(const benchmark::State& state) {
  return "--yield_spin_checks=" + std::to_string(state.range(0));
}

// Each iteration runs tockd with `base` and then with `base` + `apps`; the mean of
// (run - baseline) / `ops` is reported in µs as `counter`, and as a multiple of the spin floor.
void RunPerOperation(benchmark::State& state, std::vector<std::string> base,
                     const std::vector<std::string>& apps, double ops, const char* counter) {
  base.push_back(YieldChecksFlag(state));
  std::vector<std::string> with_apps = base;
  with_apps.insert(with_apps.end(), apps.begin(), apps.end());
  base.push_back(kHello);
  double sum_us = 0;
  for (auto _ : state) {
    const Run baseline = RunTockd(base);
    const Run run = RunTockd(with_apps);
    if (!baseline.ok || !run.ok) {
      state.SkipWithError("tockd failed");
      return;
    }
    sum_us += (run.wall - baseline.wall) / ops * 1e6;
    state.SetIterationTime(run.wall);
  }
  const double us = sum_us / static_cast<double>(state.iterations());
  state.counters[counter] = us;
  const double floor_ns = tock::bench::SpinFloorP50Ns();
  if (floor_ns > 0) {
    state.counters["x_spin_floor"] = us * 1e3 / floor_ns;
  }
}

void YieldChecksArgs(benchmark::internal::Benchmark* b) {
  b->ArgName("yield_checks")->Arg(64)->Arg(0)->UseManualTime()->Unit(benchmark::kMillisecond);
}

// Null command round trip app -> tockd (kernel dispatch, NODEVICE) -> app, real time.
void BM_TockdNullSyscall(benchmark::State& state) {
  RunPerOperation(state, {"--exit_when_done"}, {kNull}, kNullSyscalls, "us_per_syscall");
}
BENCHMARK(BM_TockdNullSyscall)->Apply(YieldChecksArgs)->Iterations(5);

// One app: alarm command + yield + upcall delivery when the alarm fires (virtual time, so the
// alarm fires as soon as the app waits): the upcall path's cost.
void BM_TockdAlarmUpcall(benchmark::State& state) {
  RunPerOperation(state, {"--exit_when_done", "--time=virtual"}, {kAlarmLoop}, kAlarmWaits,
                  "us_per_alarm_upcall");
}
BENCHMARK(BM_TockdAlarmUpcall)->Apply(YieldChecksArgs)->Iterations(5);

// Two apps doing the same: every wait now ends in a switch to the other app process and back,
// so this is the cost of one alarm wait including a context switch between two app processes.
void BM_TockdContextSwitch(benchmark::State& state) {
  RunPerOperation(state, {"--exit_when_done", "--time=virtual"}, {kAlarmLoop, kAlarmLoopB},
                  2 * kAlarmWaits, "us_per_switched_wait");
}
BENCHMARK(BM_TockdContextSwitch)->Apply(YieldChecksArgs)->Iterations(5);

// CPU when every app is idle, real time: buttons waits for a press that never comes; with
// blink:1 blink runs beside it and wakes once per second (one blocking yield that no check
// answers per second). tockd runs 4.5 s; the CPU that it and its apps use from second 1 to
// second 4 (after start-up), per second: cpu_ms_per_idle_s. cpu_ms_per_s_whole_run is the CPU
// of the whole run (RUSAGE_CHILDREN, start-up and exit included) per second.
void BM_TockdIdleCpu(benchmark::State& state) {
  using std::chrono::seconds;
  std::vector<std::string> args = {"--exit_after=4500ms", YieldChecksFlag(state), kButtons};
  if (state.range(1) != 0) {
    args.push_back(kBlink);
  }
  double idle_ms_per_s = 0, whole_ms_per_s = 0;
  int processes = 0;
  for (auto _ : state) {
    Tockd tockd(args);
    std::this_thread::sleep_until(tockd.start() + seconds(1));  // a measuring window, no sync
    const uint64_t cpu0 = TreeCpuNs(tockd.pid(), &processes);
    const auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_until(tockd.start() + seconds(4));
    const uint64_t cpu1 = TreeCpuNs(tockd.pid(), &processes);
    const auto t1 = std::chrono::steady_clock::now();
    const Run run = tockd.Wait();
    if (!run.ok) {
      state.SkipWithError("tockd failed");
      return;
    }
    idle_ms_per_s +=
        static_cast<double>(cpu1 - cpu0) * 1e-6 / std::chrono::duration<double>(t1 - t0).count();
    whole_ms_per_s += run.cpu / run.wall * 1e3;
    state.SetIterationTime(run.wall);
  }
  const auto n = static_cast<double>(state.iterations());
  state.counters["cpu_ms_per_idle_s"] = idle_ms_per_s / n;
  state.counters["cpu_ms_per_s_whole_run"] = whole_ms_per_s / n;
  state.counters["processes"] = processes;  // tockd and its apps
}
BENCHMARK(BM_TockdIdleCpu)
    ->ArgNames({"yield_checks", "blink"})
    ->Args({64, 0})
    ->Args({0, 0})
    ->Args({64, 1})
    ->Args({0, 1})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

// Issue 8: blink for 60 virtual seconds; wall time and how much faster than real time.
void BM_BlinkSixtyVirtualSeconds(benchmark::State& state) {
  double wall = 0;
  for (auto _ : state) {
    const Run run = RunTockd({"--time=virtual", "--exit_after=60s", kBlink});
    if (!run.ok) {
      state.SkipWithError("tockd failed");
      return;
    }
    wall = run.wall;
    state.SetIterationTime(wall);
  }
  state.counters["x_faster_than_real_time"] = 60.0 / wall;
}
BENCHMARK(BM_BlinkSixtyVirtualSeconds)
    ->UseManualTime()
    ->Iterations(5)
    ->Unit(benchmark::kMillisecond);

}  // namespace
