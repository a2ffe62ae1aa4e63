// IPC notify round trip on the real tockd (issue 22): client -> service -> client, with the
// null syscall measured the same way in the same run for comparison. Run with
//   bazel run -c opt //tests/bench:ipc_bench -- --benchmark_repetitions=3
// Each iteration runs tockd (--exit_when_done) twice: once with the apps doing their
// operations and once with a baseline doing none (same apps, so spawning and start-up cancel),
// and reports (run - baseline) / operations in µs. A round trip is four system calls (notify,
// blocking yield, the service's notify back, its yield) and two app switches; on tockd the
// shared buffer is also copied into the service's window and back (kernel/ipc.h), which the
// 64 B and 16 KiB variants show.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"

namespace {

constexpr double kRoundTrips = 20000;     // tests/bench/apps/ipc_bench_client.c
constexpr double kNullSyscalls = 100000;  // apps/examples/null_syscall

const std::string kService = "tests/bench/apps/ipc_bench_service.tbf";
const std::string kClient0 = "tests/bench/apps/ipc_bench_client_0.tbf";
const std::string kClient64 = "tests/bench/apps/ipc_bench_client_64.tbf";
const std::string kClient16k = "tests/bench/apps/ipc_bench_client_16k.tbf";
const std::string kHello = "apps/examples/hello/hello.tbf";
const std::string kNull = "apps/examples/null_syscall/null_syscall.tbf";

// Wall seconds of one tockd run (output to /dev/null), or a negative value if it failed.
double RunTockd(const std::vector<std::string>& apps) {
  std::vector<std::string> args = {"hostkernel/tockd", "--log_level=off", "--process_console=off",
                                   "--exit_when_done"};
  // Absolute: under `bazel run`, tockd takes relative paths from BUILD_WORKING_DIRECTORY.
  for (const std::string& app : apps) {
    args.push_back(std::filesystem::absolute(app).string());
  }
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return -1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? wall : -1;
}

void PerOperation(benchmark::State& state, const std::vector<std::string>& baseline,
                  const std::vector<std::string>& apps, double ops, const char* counter) {
  double sum_us = 0;
  for (auto _ : state) {
    const double base = RunTockd(baseline);
    const double run = RunTockd(apps);
    if (base < 0 || run < 0) {
      state.SkipWithError(base < 0 ? "tockd failed (baseline)" : "tockd failed (with the apps)");
      return;
    }
    sum_us += (run - base) / ops * 1e6;
    state.SetIterationTime(run);
  }
  state.counters[counter] = sum_us / static_cast<double>(state.iterations());
}

// Null command round trip app -> tockd -> app (the null_syscall app against hello).
void BM_NullSyscall(benchmark::State& state) {
  PerOperation(state, {kHello}, {kNull}, kNullSyscalls, "us_per_syscall");
}
BENCHMARK(BM_NullSyscall)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

// IPC notify round trip client -> service -> client, sharing 64 bytes.
void BM_IpcRoundTrip64B(benchmark::State& state) {
  PerOperation(state, {kService, kClient0}, {kService, kClient64}, kRoundTrips,
               "us_per_round_trip");
}
BENCHMARK(BM_IpcRoundTrip64B)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

// The same with a 16 KiB shared buffer (the whole window: 2 x 16 KiB copied per round trip).
void BM_IpcRoundTrip16KiB(benchmark::State& state) {
  PerOperation(state, {kService, kClient0}, {kService, kClient16k}, kRoundTrips,
               "us_per_round_trip");
}
BENCHMARK(BM_IpcRoundTrip16KiB)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
