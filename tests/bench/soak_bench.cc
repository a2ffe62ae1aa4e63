// The crash/restart soak as a benchmark (issue 17, item 5): 10,000 restarts of a crashing app
// beside two healthy apps at the default timeslice, with two busy loops loading the machine.
// Prints tockd's RSS, fd, thread and child counts along the way and a summary; exits 1 if the
// run wedged or tockd died. A plain program (one long run, no repetitions):
//   bazel run -c opt //tests/bench:soak_bench [-- --cycles=10000 --sample_every=1000]
#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/time/time.h"
#include "tests/bench/soak.h"

ABSL_FLAG(int, cycles, 10000, "crash/restart cycles to run");
ABSL_FLAG(int, sample_every, 1000, "cycles between samples of tockd's RSS, fds and children");
ABSL_FLAG(int, busy_loops, 2, "spinning host processes beside tockd");
ABSL_FLAG(absl::Duration, wedge_guard, absl::Seconds(60),
          "no restart or no healthy progress for this long counts as a wedge");

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  tock::bench::SoakOptions options{
      .cycles = absl::GetFlag(FLAGS_cycles),
      .sample_every = absl::GetFlag(FLAGS_sample_every),
      .busy_loops = absl::GetFlag(FLAGS_busy_loops),
      .wedge_guard = absl::GetFlag(FLAGS_wedge_guard),
  };
  std::printf("soak: %d crash/restart cycles, %d busy loops, default timeslice, wedge guard %s\n",
              options.cycles, options.busy_loops,
              absl::FormatDuration(options.wedge_guard).c_str());
  std::fflush(stdout);
  const tock::bench::SoakResult result = tock::bench::RunSoak(options);
  std::printf("%s%s", tock::bench::FormatSamples(result).c_str(),
              tock::bench::FormatSummary(result).c_str());
  return result.wedged || !result.error.empty() ? 1 : 0;
}
