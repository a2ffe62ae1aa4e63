// ControlServer over a real unix socket with fake process introspection and console: every
// command's reply lines and terminator, errors for bad input, several clients at once, watch
// streaming LED/GPIO/button events, and console attach in both directions.
#include "hostkernel/control/control_server.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "hostkernel/control/fake_process_introspection.h"
#include "hostkernel/peripherals/host_buttons.h"
#include "hostkernel/peripherals/host_gpio_bank.h"
#include "hostkernel/peripherals/host_leds.h"
#include "hostkernel/peripherals/poll_reactor.h"
#include "hostkernel/peripherals/unix_socket.h"
#include "hostkernel/peripherals/virtual_clock.h"

namespace tock::hostkernel {
namespace {

class ControlServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = "/tmp/tockpp-ctl" + std::to_string(getpid()) + ".sock";
    ASSERT_TRUE(leds_.RegisterControls(registry_).ok());
    ASSERT_TRUE(buttons_.RegisterControls(registry_).ok());
    ASSERT_TRUE(gpio_.RegisterControls(registry_).ok());
    targets_.peripherals = &registry_;
    targets_.processes = &procs_;
    targets_.console = &console_;
    targets_.clock = &clock_;
    auto s = ControlServer::Listen(reactor_, path_, targets_);
    ASSERT_TRUE(s.ok()) << s.status();
    server_ = std::move(*s);
    for (size_t i = 0; i < leds_.size(); ++i) {
      leds_.led(i).Init();
    }
  }

  void RestartWith(const ControlOptions& options) {
    server_.reset();
    auto s = ControlServer::Listen(reactor_, path_, targets_, options);
    ASSERT_TRUE(s.ok()) << s.status();
    server_ = std::move(*s);
  }

  // Runs the loop until the server closed `fd` (EOF), collecting what it sent before.
  std::string ReadToEof(int fd) {
    std::string got;
    bool eof = false;
    reactor_.RunUntil([&] {
      char buf[4096];
      for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n <= 0) {
          eof = n == 0;
          break;
        }
        got.append(buf, static_cast<size_t>(n));
      }
      return eof;
    });
    EXPECT_TRUE(eof) << "still open after: " << got;
    return got;
  }

  UniqueFd Connect() {
    auto fd = ConnectUnix(path_);
    EXPECT_TRUE(fd.ok()) << fd.status();
    return fd.ok() ? std::move(*fd) : UniqueFd();
  }

  // Reads from `fd` while running the loop until `done(text so far)`.
  std::string ReadUntil(int fd, const std::function<bool(const std::string&)>& done) {
    std::string got;
    reactor_.RunUntil([&] {
      char buf[4096];
      for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n <= 0) {
          break;
        }
        got.append(buf, static_cast<size_t>(n));
      }
      return done(got);
    });
    return got;
  }
  static bool Terminated(const std::string& s) {
    return s.ends_with("ok\n") || (s.rfind("error: ") != std::string::npos && s.ends_with("\n"));
  }

  // Sends one command and returns the reply lines including the terminator.
  std::vector<std::string> Command(const std::string& line) {
    UniqueFd fd = Connect();
    std::string msg = line + "\n";
    EXPECT_EQ(send(fd.get(), msg.data(), msg.size(), 0), static_cast<ssize_t>(msg.size()));
    std::string reply = ReadUntil(fd.get(), Terminated);
    std::vector<std::string> lines = absl::StrSplit(reply, '\n', absl::SkipEmpty());
    return lines;
  }

  PollReactor reactor_;
  VirtualClock clock_{reactor_, 5};
  HostLeds leds_{2, /*log_changes=*/false};
  HostButtons buttons_{2};
  HostGpioBank gpio_{"gpio", 4};
  PeripheralRegistry registry_;
  FakeProcessIntrospection procs_;
  FakeConsoleHook console_;
  ControlTargets targets_;
  std::string path_;
  std::unique_ptr<ControlServer> server_;
};

using Lines = std::vector<std::string>;

TEST_F(ControlServerTest, LedsReportsEachLedThenOk) {
  leds_.led(1).On();
  EXPECT_EQ(Command("leds"), (Lines{"led 0 off", "led 1 on", "ok"}));
}

TEST_F(ControlServerTest, PressAndReleaseDriveTheButtonPin) {
  auto& pin = *buttons_.descriptors()[1].pin;
  pin.MakeInput();
  EXPECT_EQ(Command("press 1"), (Lines{"ok"}));
  EXPECT_FALSE(pin.Read());  // active-low
  EXPECT_EQ(Command("buttons"), (Lines{"button 0 released", "button 1 pressed", "ok"}));
  EXPECT_EQ(Command("release 1"), (Lines{"ok"}));
  EXPECT_TRUE(pin.Read());
  EXPECT_EQ(Command("press 7"), (Lines{"error: no button 7 (have 0..1)"}));
  EXPECT_EQ(Command("press x"), (Lines{"error: 'x' is not a button number"}));
  EXPECT_EQ(Command("press"), (Lines{"error: usage: press N"}));
}

TEST_F(ControlServerTest, GpioDrivesInputsAndReadsPins) {
  gpio_.pin(3).MakeInput();
  EXPECT_EQ(Command("gpio 3 high"), (Lines{"ok"}));
  EXPECT_EQ(Command("gpio 3"), (Lines{"gpio 3 high", "ok"}));
  EXPECT_EQ(Command("gpio 3 low"), (Lines{"ok"}));
  EXPECT_EQ(Command("gpio 3"), (Lines{"gpio 3 low", "ok"}));
  gpio_.pin(0).MakeOutput();
  gpio_.pin(0).Set();
  EXPECT_EQ(Command("gpio"), (Lines{"gpio 0 high output", "gpio 1 low off", "gpio 2 low off",
                                    "gpio 3 low input", "ok"}));
  EXPECT_EQ(Command("gpio 3 sideways"),
            (Lines{"error: gpio level must be high, low or float, not 'sideways'"}));
  EXPECT_EQ(Command("gpio 4"), (Lines{"error: no gpio pin 4 (have 0..3)"}));
}

TEST_F(ControlServerTest, PsListsProcessesAndVerboseAddsDetails) {
  EXPECT_EQ(Command("ps"), (Lines{"process id=0 name=blink state=yielded restarts=1 syscalls=42 "
                                  "short_id=unique credential=none",
                                  "process id=1 name=hello state=running restarts=0 syscalls=0 "
                                  "short_id=unique credential=none",
                                  "ok"}));
  Lines v = Command("ps -v");
  ASSERT_EQ(v.size(), 8u);
  EXPECT_EQ(v[1],
            "  memory flash=0x00030000+0x00002000 ram=0x20000000+0x00004000 "
            "break=0x20001000 grant=0x20003c00+0x00000400");
  EXPECT_EQ(v[2], "  grant driver=0x00002 bytes=16");
  EXPECT_EQ(v[3], "  upcall driver=0x00000 subscribe=0 args=0x1,0x2,0x3");
  EXPECT_EQ(v[4], "  allow kind=rw driver=0x00001 number=1 address=0x20000100 length=64");
  EXPECT_EQ(v[5],
            "process id=1 name=hello state=running restarts=0 syscalls=0 short_id=unique "
            "credential=none");
  EXPECT_EQ(v[7], "ok");
  EXPECT_EQ(Command("ps -x"), (Lines{"error: usage: ps [-v]"}));
}

TEST_F(ControlServerTest, InspectShowsOneProcessOrNotFound) {
  Lines l = Command("inspect blink");
  ASSERT_EQ(l.size(), 6u);
  EXPECT_EQ(l[0],
            "process id=0 name=blink state=yielded restarts=1 syscalls=42 short_id=unique "
            "credential=none");
  EXPECT_EQ(l[5], "ok");
  EXPECT_EQ(Command("inspect nosuch"), (Lines{"error: no process 'nosuch'"}));
}

TEST_F(ControlServerTest, StopStartRestartDelegateToIntrospection) {
  EXPECT_EQ(Command("stop blink"), (Lines{"ok"}));
  EXPECT_EQ(Command("start blink"), (Lines{"ok"}));
  EXPECT_EQ(Command("restart hello"), (Lines{"ok"}));
  EXPECT_EQ(Command("stop ghost"), (Lines{"error: no process 'ghost'"}));
  EXPECT_EQ(procs_.requests,
            (std::vector<std::string>{"stop blink", "start blink", "restart hello"}));
}

TEST_F(ControlServerTest, AGateRunsEveryLineWhenItChoosesAndMarksConnectionModes) {
  std::vector<std::string> seen;
  server_->SetCommandGate(
      [&seen](absl::string_view line, bool replayable, const std::function<void()>& run) {
        seen.push_back(std::string{line} + (replayable ? "" : " (connection)"));
        run();  // at once here; tockd runs it at its next quiet point
      });
  EXPECT_EQ(Command("press 1"), (Lines{"ok"}));
  EXPECT_EQ(Command("frobnicate 3"), (Lines{"error: unknown command 'frobnicate' (try help)"}));
  UniqueFd watcher = Connect();
  ASSERT_EQ(send(watcher.get(), "watch\n", 6, 0), 6);
  EXPECT_EQ(Command("release 1"), (Lines{"ok"}));  // runs after the watch line was read
  EXPECT_EQ(seen, (std::vector<std::string>{"press 1", "frobnicate 3", "watch (connection)",
                                            "release 1"}));
}

TEST_F(ControlServerTest, AHeldLineRunsAndRepliesOnlyWhenTheGateReleasesIt) {
  std::vector<std::function<void()>> held;
  server_->SetCommandGate([&held](absl::string_view, bool, std::function<void()> run) {
    held.push_back(std::move(run));
  });
  auto& pin = *buttons_.descriptors()[1].pin;
  pin.MakeInput();
  UniqueFd fd = Connect();
  ASSERT_EQ(send(fd.get(), "press 1\n", 8, 0), 8);
  ASSERT_TRUE(reactor_.RunUntil([&] { return held.size() == 1; }));
  EXPECT_TRUE(pin.Read());  // not pressed yet
  held[0]();
  EXPECT_FALSE(pin.Read());
  EXPECT_EQ(ReadUntil(fd.get(), Terminated), "ok\n");
}

TEST_F(ControlServerTest, AnOfflineServerRunsLinesWithoutASocket) {
  auto offline = ControlServer::Offline(reactor_, targets_);
  ASSERT_TRUE(offline.ok()) << offline.status();
  auto& pin = *buttons_.descriptors()[0].pin;
  pin.MakeInput();
  EXPECT_TRUE((*offline)->RunLine("press 0").ok());
  EXPECT_FALSE(pin.Read());  // active-low: pressed
  EXPECT_TRUE((*offline)->RunLine("restart hello").ok());
  EXPECT_EQ(procs_.requests, (std::vector<std::string>{"restart hello"}));
  EXPECT_FALSE((*offline)->RunLine("press 9").ok());
  EXPECT_FALSE((*offline)->RunLine("watch").ok());
  EXPECT_FALSE((*offline)->RunLine("console").ok());
  EXPECT_TRUE((*offline)->RunLine("  ").ok());
}

TEST_F(ControlServerTest, UnknownCommandIsAnErrorAndConnectionStaysUsable) {
  UniqueFd fd = Connect();
  std::string msg = "frobnicate\r\n\nleds\n";
  ASSERT_EQ(send(fd.get(), msg.data(), msg.size(), 0), static_cast<ssize_t>(msg.size()));
  std::string reply = ReadUntil(fd.get(), [](const std::string& s) { return s.ends_with("ok\n"); });
  EXPECT_EQ(reply, "error: unknown command 'frobnicate' (try help)\nled 0 off\nled 1 off\nok\n");
}

TEST_F(ControlServerTest, OverlongLineIsRejectedAndClosed) {
  UniqueFd fd = Connect();
  std::string msg(ControlServer::kMaxLineBytes + 10, 'a');
  ASSERT_EQ(send(fd.get(), msg.data(), msg.size(), 0), static_cast<ssize_t>(msg.size()));
  std::string reply = ReadUntil(fd.get(), Terminated);
  EXPECT_EQ(reply, "error: line too long\n");
  EXPECT_TRUE(reactor_.RunUntil([&] { return server_->client_count() == 0; }));
}

TEST_F(ControlServerTest, WatchStreamsLedGpioAndButtonEventsToEveryWatcher) {
  UniqueFd w1 = Connect();
  UniqueFd w2 = Connect();
  ASSERT_EQ(send(w1.get(), "watch\n", 6, 0), 6);
  ASSERT_EQ(send(w2.get(), "watch\n", 6, 0), 6);
  ASSERT_TRUE(reactor_.RunUntil([&] { return server_->watcher_count() == 2; }));

  leds_.led(0).On();
  clock_.Advance(10);
  gpio_.pin(2).MakeOutput();  // reports low
  gpio_.pin(2).Set();
  EXPECT_EQ(Command("press 0"), (Lines{"ok"}));
  const std::string expected =
      "led 0 on t=5\ngpio 2 low t=15\ngpio 2 high t=15\nbutton 0 pressed t=15\n";
  auto enough = [&](const std::string& s) { return s.size() >= expected.size(); };
  EXPECT_EQ(ReadUntil(w1.get(), enough), expected);
  EXPECT_EQ(ReadUntil(w2.get(), enough), expected);

  server_->Shutdown();
  EXPECT_EQ(ReadUntil(w1.get(), [](const std::string& s) { return s == "ok\n"; }), "ok\n");
}

TEST_F(ControlServerTest, ConsoleForwardsInputAndStreamsOutput) {
  UniqueFd fd = Connect();
  std::string msg = "console\nlist\n";
  ASSERT_EQ(send(fd.get(), msg.data(), msg.size(), 0), static_cast<ssize_t>(msg.size()));
  EXPECT_EQ(ReadUntil(fd.get(), [](const std::string& s) { return s == "ok\n"; }), "ok\n");
  ASSERT_TRUE(reactor_.RunUntil([&] { return console_.input == "list\n"; }));
  console_.Emit("tock$ ");
  EXPECT_EQ(ReadUntil(fd.get(), [](const std::string& s) { return s == "tock$ "; }), "tock$ ");
  ASSERT_EQ(send(fd.get(), "x", 1, 0), 1);
  ASSERT_TRUE(reactor_.RunUntil([&] { return console_.input == "list\nx"; }));
  fd.Reset();
  ASSERT_TRUE(reactor_.RunUntil([&] { return console_.sinks.empty(); }));
}

TEST_F(ControlServerTest, MissingTargetsGiveNotAvailableErrors) {
  server_.reset();
  ControlTargets none;
  auto s = ControlServer::Listen(reactor_, path_, none);
  ASSERT_TRUE(s.ok());
  server_ = std::move(*s);
  // No registry: the board has no peripheral commands at all.
  EXPECT_EQ(Command("leds"), (Lines{"error: unknown command 'leds' (try help)"}));
  EXPECT_EQ(Command("status"), (Lines{"ok"}));
  EXPECT_EQ(Command("ps"), (Lines{"error: process list not available"}));
  EXPECT_EQ(Command("stop blink"), (Lines{"error: process control not available"}));
  EXPECT_EQ(Command("console"), (Lines{"error: console not available"}));
}

TEST_F(ControlServerTest, AClientOverTheLimitGetsOneErrorLineAndIsClosed) {
  ControlOptions options;
  options.max_clients = 2;
  RestartWith(options);
  UniqueFd a = Connect();
  UniqueFd b = Connect();
  ASSERT_TRUE(reactor_.RunUntil([&] { return server_->client_count() == 2; }));
  UniqueFd c = Connect();
  EXPECT_EQ(ReadToEof(c.get()), "error: too many clients\n");
  EXPECT_EQ(server_->rejected_count(), 1u);
  EXPECT_EQ(server_->client_count(), 2u);
  // The two admitted clients still work; once one leaves, a new one is admitted.
  ASSERT_EQ(send(b.get(), "leds\n", 5, 0), 5);
  EXPECT_EQ(ReadUntil(b.get(), Terminated), "led 0 off\nled 1 off\nok\n");
  a.Reset();
  ASSERT_TRUE(reactor_.RunUntil([&] { return server_->client_count() == 1; }));
  EXPECT_EQ(Command("leds"), (Lines{"led 0 off", "led 1 off", "ok"}));
  EXPECT_EQ(server_->rejected_count(), 1u);
}

TEST_F(ControlServerTest, AnIdleCommandClientIsClosedButStreamsAreNot) {
  ControlOptions options;
  options.idle_timeout_ns = 50'000'000;  // 50 ms
  RestartWith(options);
  UniqueFd watcher = Connect();
  UniqueFd console = Connect();
  ASSERT_EQ(send(watcher.get(), "watch\n", 6, 0), 6);
  ASSERT_EQ(send(console.get(), "console\n", 8, 0), 8);
  ASSERT_TRUE(reactor_.RunUntil(
      [&] { return server_->watcher_count() == 1 && server_->console_count() == 1; }));
  // Connected after both streams: by the time it idles out, so would they have if they could
  // (timers fire in deadline order).
  UniqueFd idle = Connect();
  EXPECT_EQ(ReadToEof(idle.get()), "error: idle timeout\n");
  EXPECT_EQ(server_->idle_closed_count(), 1u);
  EXPECT_EQ(server_->watcher_count(), 1u);
  EXPECT_EQ(server_->console_count(), 1u);
  EXPECT_EQ(server_->client_count(), 2u);
}

TEST_F(ControlServerTest, EveryCommandRestartsTheIdleTimeout) {
  ControlOptions options;
  options.idle_timeout_ns = 100'000'000;  // 100 ms
  RestartWith(options);
  UniqueFd fd = Connect();
  const uint64_t start = MonotonicNowNs();
  uint64_t last_sent = start;
  // Busy for 2.5 timeouts, one command after another's reply, then idle until closed. The
  // server may close the client only a full timeout after the last command it was sent (a
  // stalled test machine may make that happen early in the busy phase; never sooner).
  std::string got;
  for (;;) {
    const uint64_t now = MonotonicNowNs();
    if (now - start > 250'000'000) {
      break;
    }
    last_sent = now;
    ASSERT_EQ(send(fd.get(), "leds\n", 5, MSG_NOSIGNAL), 5);
    got = ReadUntil(fd.get(), Terminated);
    if (got != "led 0 off\nled 1 off\nok\n") {
      break;
    }
  }
  if (got.empty() || got.ends_with("ok\n")) {
    got = ReadToEof(fd.get());
  }
  const uint64_t closed = MonotonicNowNs();
  EXPECT_EQ(got, "error: idle timeout\n");
  EXPECT_GE(closed - last_sent, options.idle_timeout_ns);
  EXPECT_EQ(server_->idle_closed_count(), 1u);
}

TEST_F(ControlServerTest, HelpIsGeneratedFromTheTablePeripheralsFirst) {
  Lines l = Command("help");
  ASSERT_EQ(l.size(), server_->commands().rows().size() + 1);
  EXPECT_EQ(l.back(), "ok");
  EXPECT_EQ(l[0], "leds                      LED states: led N on|off");
  EXPECT_EQ(l[2], "press N                   press button N (active-low: drives its pin low)");
  EXPECT_EQ(l[l.size() - 2], "help                      this list");
  for (const char* builtin : {"ps [-v]", "inspect APP", "stop APP", "start APP", "restart APP",
                              "debug APP", "status", "console", "watch"}) {
    EXPECT_TRUE(std::any_of(l.begin(), l.end(), [&](const std::string& s) {
      return s.starts_with(builtin);
    })) << builtin;
  }
}

TEST_F(ControlServerTest, ArgumentCountErrorsGiveTheRowsUsage) {
  EXPECT_EQ(Command("leds 1"), (Lines{"error: usage: leds"}));
  EXPECT_EQ(Command("gpio 1 high now"), (Lines{"error: usage: gpio [N [high|low|float]]"}));
  EXPECT_EQ(Command("inspect"), (Lines{"error: usage: inspect APP"}));
  EXPECT_EQ(Command("restart a b"), (Lines{"error: usage: restart APP"}));
  EXPECT_EQ(Command("watch now"), (Lines{"error: usage: watch"}));
  EXPECT_TRUE(procs_.requests.empty());
}

TEST_F(ControlServerTest, StatusListsEveryPeripheralsState) {
  leds_.led(0).On();
  EXPECT_EQ(Command("status"),
            (Lines{"led 0 on", "led 1 off", "button 0 released", "button 1 released",
                   "gpio 0 low off", "gpio 1 low off", "gpio 2 low off", "gpio 3 low off", "ok"}));
}

TEST_F(ControlServerTest, ANewPeripheralsCommandIsServedWithoutServerChanges) {
  server_.reset();
  std::string celsius = "20";
  PeripheralRegistry::EventPublisher events = registry_.Events("thermo");
  ASSERT_TRUE(registry_
                  .Register({.name = "thermo",
                             .commands = {{.name = "temperature",
                                           .usage = "temperature [C]",
                                           .help = "read or set the temperature",
                                           .max_args = 1,
                                           .handler =
                                               [&](ControlArgs args, ReplyLines& out) {
                                                 if (args.empty()) {
                                                   out.push_back("temperature " + celsius);
                                                 } else {
                                                   celsius = std::string(args[0]);
                                                   events.Publish("temperature " + celsius);
                                                 }
                                                 return absl::OkStatus();
                                               }}},
                             .state = [&](ReplyLines& out) { out.push_back("thermo " + celsius); }})
                  .ok());
  RestartWith({});
  UniqueFd w = Connect();
  ASSERT_EQ(send(w.get(), "watch\n", 6, 0), 6);
  ASSERT_TRUE(reactor_.RunUntil([&] { return server_->watcher_count() == 1; }));
  EXPECT_EQ(Command("temperature 21.5"), (Lines{"ok"}));
  EXPECT_EQ(Command("temperature"), (Lines{"temperature 21.5", "ok"}));
  EXPECT_EQ(Command("status").end()[-2], "thermo 21.5");
  EXPECT_EQ(ReadUntil(w.get(), [](const std::string& s) { return s.ends_with("\n"); }),
            "temperature 21.5 t=5\n");
  Lines help = Command("help");
  EXPECT_NE(
      std::find(help.begin(), help.end(), "temperature [C]           read or set the temperature"),
      help.end());
}

TEST_F(ControlServerTest, APeripheralCommandShadowingABuiltinIsRefused) {
  server_.reset();
  ASSERT_TRUE(
      registry_
          .Register({.name = "bad",
                     .commands = {{.name = "ps",
                                   .usage = "ps",
                                   .handler = [](ControlArgs,
                                                 ReplyLines&) { return absl::OkStatus(); }}}})
          .ok());
  auto s = ControlServer::Listen(reactor_, path_, targets_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "control command 'ps' is defined twice");
}

}  // namespace
}  // namespace tock::hostkernel
