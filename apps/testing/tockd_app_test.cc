// The example apps and the libtock selftest under the real tockd (kernel, capsules, isolation):
// the console output must match what FakeKernel gives, byte for byte for the selftest. Runs
// tockd --exit-when-done as a child and synchronises on its exit, never on time.
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "apps/testing/selftest_transcript.h"
#include "gtest/gtest.h"

extern char** environ;

namespace tockpp::apps::testing {
namespace {

struct TockdRun {
  int status = -1;
  std::string out;  // app console (stdout)
  std::string err;  // tockd log (stderr)
};

// Runs tockd with `args` until it exits, or until stdout contains `stop_on` (then kills it).
// 20 s without any output kills it and fails the test.
TockdRun RunTockd(const std::vector<std::string>& args, const std::string& stop_on = "") {
  TockdRun run;
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return run;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err_pipe[1], 2);
  posix_spawn_file_actions_addclose(&fa, out_pipe[0]);
  posix_spawn_file_actions_addclose(&fa, err_pipe[0]);
  std::vector<std::string> argv_s = {"hostkernel/tockd", "--exit_when_done",
                                     "--process_console=off"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    return run;
  }
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  while (open_fds > 0) {
    int n = poll(fds, 2, 20000);
    if (n == 0) {
      kill(pid, SIGKILL);
      ADD_FAILURE() << "tockd silent for 20 s";
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[4096];
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      if (got <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      (i == 0 ? run.out : run.err).append(buf, static_cast<size_t>(got));
      if (i == 0 && !stop_on.empty() && run.out.find(stop_on) != std::string::npos) {
        kill(pid, SIGKILL);
      }
    }
  }
  for (pollfd& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  waitpid(pid, &run.status, 0);
  return run;
}

TEST(TockdAppTest, HelloPrintsAndTockdExitsCleanly) {
  TockdRun r = RunTockd({"apps/examples/hello/hello.tbf"});
  EXPECT_EQ(r.out, "Hello, World!\n") << r.err;
  EXPECT_TRUE(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0) << r.status << r.err;
}

TEST(TockdAppTest, SelftestTranscriptMatchesTheFakeKernel) {
  TockdRun r = RunTockd({"apps/testing/libtock_selftest.tbf"});
  EXPECT_EQ(r.out, kSelftestTranscript) << r.err;
}

TEST(TockdAppTest, TwoCountersInterleave) {
  TockdRun r =
      RunTockd({"apps/examples/counter/counter_a.tbf", "apps/examples/counter/counter_b.tbf"});
  // Both finish, and neither runs all its lines before the other starts.
  EXPECT_TRUE(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0) << "status " << r.status;
  EXPECT_NE(r.out.find("counter_a: done\n"), std::string::npos) << r.out << r.err;
  EXPECT_NE(r.out.find("counter_b: done\n"), std::string::npos) << r.out << r.err;
  EXPECT_LT(r.out.find("counter_b: 0\n"), r.out.find("counter_a: 5\n")) << r.out;
  EXPECT_LT(r.out.find("counter_a: 0\n"), r.out.find("counter_b: 5\n")) << r.out;
}

TEST(TockdAppTest, SpinningAppDoesNotStarveHello) {
  // spin never yields, so tockd cannot finish on its own: stop once hello has printed.
  TockdRun r =
      RunTockd({"apps/examples/spin/spin.tbf", "apps/examples/hello/hello.tbf"}, "Hello, World!\n");
  EXPECT_NE(r.out.find("spin: spinning forever\n"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("Hello, World!\n"), std::string::npos) << r.err;
}

TEST(TockdAppTest, RngPrintsSixteenBytes) {
  TockdRun r = RunTockd({"--seed=1", "apps/examples/rng/rng.tbf"});
  EXPECT_EQ(r.out.rfind("rng: 16 bytes:", 0), 0u) << r.err;
  EXPECT_EQ(r.out.size(), std::string("rng: 16 bytes:").size() + 16 * 3 + 1) << r.out;
}

// Every driver wrapper against the real capsules: success everywhere, and the upstream error
// where one is due (LED index out of range: INVAL; stopping an idle alarm: ALREADY).
TEST(TockdAppTest, DriverTourGetsUpstreamReturnCodes) {
  TockdRun r = RunTockd({"apps/testing/driver_tour.tbf"});
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
}  // namespace tockpp::apps::testing
