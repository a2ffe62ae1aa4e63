// The tockctl binary against a real ControlServer (fake processes and console) in this test's
// loop: output and exit status of each command kind, one-line errors, env fallback, watch
// streaming until shutdown, and console piping both ways.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/control/control_server.h"
#include "hostkernel/control/fake_process_introspection.h"
#include "hostkernel/peripherals/host_buttons.h"
#include "hostkernel/peripherals/host_gpio_bank.h"
#include "hostkernel/peripherals/host_leds.h"
#include "hostkernel/peripherals/poll_reactor.h"

namespace tock::hostkernel {
namespace {

std::string TockctlPath() {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* ws = std::getenv("TEST_WORKSPACE");
  return std::string(srcdir ? srcdir : ".") + "/" + (ws ? ws : "tockpp") +
         "/hostkernel/tockctl/tockctl";
}

// A running tockctl whose stdio are pipes serviced by the test's reactor.
class Child {
 public:
  Child(PollReactor& r, const std::vector<std::string>& args, const std::string& env_control)
      : r_(r) {
    int in[2], out[2], err[2];
    EXPECT_EQ(pipe2(in, O_CLOEXEC), 0);
    EXPECT_EQ(pipe2(out, O_CLOEXEC), 0);
    EXPECT_EQ(pipe2(err, O_CLOEXEC), 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    std::string bin = TockctlPath();
    std::vector<char*> argv{bin.data()};
    std::vector<std::string> copy = args;
    for (auto& a : copy) {
      argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
      if (std::string(*e).rfind("TOCKD_CONTROL=", 0) != 0) {
        env_strings.push_back(*e);
      }
    }
    if (!env_control.empty()) {
      env_strings.push_back("TOCKD_CONTROL=" + env_control);
    }
    std::vector<char*> envp;
    envp.reserve(env_strings.size() + 1);
    for (auto& e : env_strings) {
      envp.push_back(e.data());
    }
    envp.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&pid_, bin.c_str(), &fa, nullptr, argv.data(), envp.data()), 0);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    stdin_ = in[1];
    out_ = out[0];
    err_ = err[0];
    fcntl(out_, F_SETFL, O_NONBLOCK);
    fcntl(err_, F_SETFL, O_NONBLOCK);
    out_watch_ = r_.WatchReadable(out_, [this] { Drain(out_, stdout_text, out_watch_); });
    err_watch_ = r_.WatchReadable(err_, [this] { Drain(err_, stderr_text, err_watch_); });
  }
  ~Child() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (stdin_ >= 0) {
      close(stdin_);
    }
    if (out_watch_) {
      r_.Unwatch(out_watch_);
    }
    if (err_watch_) {
      r_.Unwatch(err_watch_);
    }
    close(out_);
    close(err_);
  }

  void Write(const std::string& s) {
    ASSERT_EQ(write(stdin_, s.data(), s.size()), (ssize_t)s.size());
  }
  void CloseStdin() {
    close(stdin_);
    stdin_ = -1;
  }
  // Runs the loop until the child closed stdout and stderr, then reaps it.
  int Wait() {
    EXPECT_TRUE(r_.RunUntil([&] { return out_watch_ == 0 && err_watch_ == 0; }));
    int status = 0;
    waitpid(pid_, &status, 0);
    exited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  std::string stdout_text;
  std::string stderr_text;

 private:
  void Drain(int fd, std::string& into, Reactor::Id& watch) {
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
      into.append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EAGAIN) {
      r_.Unwatch(watch);
      watch = 0;
    }
  }

  PollReactor& r_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int stdin_ = -1, out_ = -1, err_ = -1;
  Reactor::Id out_watch_ = 0, err_watch_ = 0;
};

class TockctlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = "/tmp/tockpp-tockctl" + std::to_string(getpid()) + ".sock";
    ASSERT_TRUE(leds_.RegisterControls(registry_).ok());
    ASSERT_TRUE(buttons_.RegisterControls(registry_).ok());
    ASSERT_TRUE(gpio_.RegisterControls(registry_).ok());
    ASSERT_TRUE(registry_
                    .Register({.name = "thermo",
                               .commands = {{.name = "temperature",
                                             .usage = "temperature [set C]",
                                             .help = "a peripheral only tockd knows",
                                             .max_args = 2,
                                             .handler =
                                                 [this](ControlArgs args, ReplyLines& out) {
                                                   if (args.size() == 2) {
                                                     temperature_ = std::string(args[1]);
                                                   } else {
                                                     out.push_back("temperature " + temperature_);
                                                   }
                                                   return absl::OkStatus();
                                                 }}}})
                    .ok());
    ControlTargets t;
    t.peripherals = &registry_;
    t.processes = &procs_;
    t.console = &console_;
    auto s = ControlServer::Listen(reactor_, path_, t);
    ASSERT_TRUE(s.ok()) << s.status();
    server_ = std::move(*s);
    leds_.led(0).Init();
    leds_.led(1).Init();
  }
  std::string Flag() const { return "--control=unix:" + path_; }

  PollReactor reactor_;
  HostLeds leds_{2, false};
  HostButtons buttons_{1};
  HostGpioBank gpio_{"gpio", 4};
  PeripheralRegistry registry_;
  std::string temperature_ = "20";
  FakeProcessIntrospection procs_;
  FakeConsoleHook console_;
  std::string path_;
  std::unique_ptr<ControlServer> server_;
};

TEST_F(TockctlTest, LedsPrintsItemLinesAndExitsZero) {
  leds_.led(1).On();
  Child c(reactor_, {Flag(), "leds"}, "");
  EXPECT_EQ(c.Wait(), 0);
  EXPECT_EQ(c.stdout_text, "led 0 off\nled 1 on\n");
  EXPECT_EQ(c.stderr_text, "");
}

TEST_F(TockctlTest, EnvVariableSuppliesTheSocketAndPressWorks) {
  buttons_.pin(0).MakeInput();
  Child c(reactor_, {"press", "0"}, "unix:" + path_);
  EXPECT_EQ(c.Wait(), 0);
  EXPECT_TRUE(buttons_.IsPressed(0));
  EXPECT_FALSE(buttons_.pin(0).Read());
}

TEST_F(TockctlTest, GpioDriveThenRead) {
  gpio_.pin(3).MakeInput();
  Child a(reactor_, {Flag(), "gpio", "3", "high"}, "");
  EXPECT_EQ(a.Wait(), 0);
  Child b(reactor_, {Flag(), "gpio", "3"}, "");
  EXPECT_EQ(b.Wait(), 0);
  EXPECT_EQ(b.stdout_text, "gpio 3 high\n");
}

TEST_F(TockctlTest, PsAndStop) {
  Child a(reactor_, {Flag(), "ps"}, "");
  EXPECT_EQ(a.Wait(), 0);
  EXPECT_EQ(a.stdout_text,
            "process id=0 name=blink state=yielded restarts=1 syscalls=42 short_id=unique "
            "credential=none\n"
            "process id=1 name=hello state=running restarts=0 syscalls=0 short_id=unique "
            "credential=none\n");
  Child b(reactor_, {Flag(), "stop", "blink"}, "");
  EXPECT_EQ(b.Wait(), 0);
  EXPECT_EQ(procs_.requests, (std::vector<std::string>{"stop blink"}));
}

TEST_F(TockctlTest, ServerErrorIsOneLineOnStderrAndExitOne) {
  Child c(reactor_, {Flag(), "inspect", "ghost"}, "");
  EXPECT_EQ(c.Wait(), 1);
  EXPECT_EQ(c.stdout_text, "");
  EXPECT_EQ(c.stderr_text, "tockctl: no process 'ghost'\n");
}

TEST_F(TockctlTest, UnknownCommandIsTockdsUsageErrorExitTwo) {
  Child c(reactor_, {Flag(), "frob"}, "");
  EXPECT_EQ(c.Wait(), 2);
  EXPECT_EQ(c.stdout_text, "");
  EXPECT_EQ(c.stderr_text, "tockctl: unknown command 'frob' (try help)\n");
}

TEST_F(TockctlTest, APeripheralsCommandPassesThroughUnchanged) {
  Child set(reactor_, {Flag(), "temperature", "set", "21.5"}, "");
  EXPECT_EQ(set.Wait(), 0);
  EXPECT_EQ(temperature_, "21.5");
  Child get(reactor_, {Flag(), "temperature"}, "");
  EXPECT_EQ(get.Wait(), 0);
  EXPECT_EQ(get.stdout_text, "temperature 21.5\n");
  Child bad(reactor_, {Flag(), "temperature", "a", "b", "c"}, "");
  EXPECT_EQ(bad.Wait(), 2);
  EXPECT_EQ(bad.stderr_text, "tockctl: usage: temperature [set C]\n");
}

TEST_F(TockctlTest, UnknownOptionAndBadArgumentsExitTwo) {
  Child a(reactor_, {"--frob", "leds"}, "unix:" + path_);
  EXPECT_EQ(a.Wait(), 2);
  EXPECT_EQ(a.stderr_text, "tockctl: unknown flag --frob\n");
  Child b(reactor_, {Flag(), "press"}, "");
  EXPECT_EQ(b.Wait(), 2);
  EXPECT_EQ(b.stderr_text, "tockctl: usage: press N\n");
  Child c(reactor_, {"--control"}, "");
  EXPECT_EQ(c.Wait(), 2);
  EXPECT_EQ(c.stderr_text, "tockctl: --control needs a value\n");
  // A well-formed command tockd refuses is a failure, not a usage error.
  Child d(reactor_, {Flag(), "press", "x"}, "");
  EXPECT_EQ(d.Wait(), 1);
  EXPECT_EQ(d.stderr_text, "tockctl: 'x' is not a button number\n");
}

TEST_F(TockctlTest, HelpIsOneLocalScreenAndExitsZero) {
  for (const char* flag : {"--help", "-h"}) {
    // Local: a socket that does not exist is never tried.
    Child c(reactor_, {"--control=unix:/tmp/tockpp-no-such.sock", flag}, "");
    EXPECT_EQ(c.Wait(), 0);
    EXPECT_EQ(c.stderr_text, "");
    EXPECT_NE(c.stdout_text.find("usage: tockctl [--control=unix:PATH] COMMAND [ARG...]\n"),
              std::string::npos);
    EXPECT_NE(c.stdout_text.find("ps [-v|--json]"), std::string::npos);
    EXPECT_LE(std::count(c.stdout_text.begin(), c.stdout_text.end(), '\n'), 24);
  }
}

TEST_F(TockctlTest, HelpfullAddsTheFlagList) {
  Child c(reactor_, {"--helpfull"}, "");
  EXPECT_EQ(c.Wait(), 0);
  EXPECT_NE(c.stdout_text.find("  --control=\n"), std::string::npos) << c.stdout_text;
}

TEST_F(TockctlTest, VersionNamesTheToolAndTheTockAbi) {
  Child c(reactor_, {"--version"}, "");
  EXPECT_EQ(c.Wait(), 0);
  EXPECT_TRUE(std::regex_match(
      c.stdout_text, std::regex("tockctl [0-9]+\\.[0-9]+ \\(Tock 2\\.[0-9]+ kernel ABI\\)\n")))
      << c.stdout_text;
}

TEST_F(TockctlTest, PsJsonIsOneArray) {
  Child c(reactor_, {Flag(), "ps", "--json"}, "");
  EXPECT_EQ(c.Wait(), 0);
  EXPECT_EQ(c.stdout_text,
            "[{\"id\":0,\"name\":\"blink\",\"state\":\"yielded\",\"restarts\":1,\"syscalls\":42,"
            "\"short_id\":0,\"credential\":\"none\"},"
            "{\"id\":1,\"name\":\"hello\",\"state\":\"running\",\"restarts\":0,\"syscalls\":0,"
            "\"short_id\":0,\"credential\":\"none\"}]\n");
  EXPECT_EQ(c.stderr_text, "");
}

TEST_F(TockctlTest, MissingSocketIsAClearOneLineError) {
  Child c(reactor_, {"--control=unix:/tmp/tockpp-no-such.sock", "leds"}, "");
  EXPECT_EQ(c.Wait(), 1);
  EXPECT_EQ(c.stderr_text,
            "tockctl: cannot connect to unix:/tmp/tockpp-no-such.sock: No such file or "
            "directory (is tockd running with --control?)\n");
}

TEST_F(TockctlTest, NoSocketConfiguredIsAUsageError) {
  Child c(reactor_, {"leds"}, "");
  EXPECT_EQ(c.Wait(), 2);
  EXPECT_EQ(c.stderr_text,
            "tockctl: no control socket: pass --control=unix:PATH or set TOCKD_CONTROL\n");
}

TEST_F(TockctlTest, WatchStreamsEventsUntilShutdown) {
  Child c(reactor_, {Flag(), "watch"}, "");
  ASSERT_TRUE(reactor_.RunUntil([&] { return server_->watcher_count() == 1; }));
  leds_.led(0).On();
  leds_.led(0).Off();
  ASSERT_TRUE(reactor_.RunUntil([&] { return c.stdout_text == "led 0 on\nled 0 off\n"; }))
      << c.stdout_text;
  server_->Shutdown();
  EXPECT_EQ(c.Wait(), 0);
}

TEST_F(TockctlTest, ConsolePipesBothWays) {
  Child c(reactor_, {Flag(), "console"}, "");
  ASSERT_TRUE(reactor_.RunUntil([&] { return !console_.sinks.empty(); }));
  c.Write("help\n");
  ASSERT_TRUE(reactor_.RunUntil([&] { return console_.input == "help\n"; }));
  console_.Emit("tock$ ");
  ASSERT_TRUE(reactor_.RunUntil([&] { return c.stdout_text == "tock$ "; })) << c.stdout_text;
  c.CloseStdin();
  EXPECT_EQ(c.Wait(), 0);
  EXPECT_TRUE(reactor_.RunUntil([&] { return console_.sinks.empty(); }));
}

}  // namespace
}  // namespace tock::hostkernel
