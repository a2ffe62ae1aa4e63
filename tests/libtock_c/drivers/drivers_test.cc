// libtock-c conformance for alarm, GPIO, RNG and nonvolatile storage: each app calls every
// public function of its driver (libtock, its syscalls layer, libtock-sync) under the real tockd
// with virtual time (drivers_test_qemu: on the QEMU board, -icount) and prints what it got; the
// expected values are upstream's semantics (return codes as RETURNCODE_*, upcall values as the
// capsules report them). Synchronises on output and on tockd's exit only.
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::libtock_c {
namespace {

using harness::ExitStatus;
using harness::OnQemu;
using harness::TimeMode;
using harness::Tockd;

constexpr char kApps[] = "//tests/libtock_c/drivers:";

// Runs one app to completion under --time=virtual and returns its console output. The board
// never exits: there the run ends at the app's `last_line`.
std::string RunToEnd(const std::string& app, const std::string& last_line) {
  harness::TockdOptions options;
  options.apps = {kApps + app + ".tbf"};
  options.flags = {"--seed=7"};
  options.exit_when_done = true;
  options.time = TimeMode::kVirtual;
  auto t = Tockd::Start(options);
  if (!t.ok()) {
    ADD_FAILURE() << t.status();
    return "";
  }
  if (OnQemu()) {
    EXPECT_TRUE((*t)->WaitForConsole(last_line));
  } else {
    EXPECT_EQ((*t)->WaitForExit(), ExitStatus::Exited(0)) << (*t)->Log();
  }
  return (*t)->Console();
}

TEST(LibtockCDriversTest, Alarm) {
  EXPECT_EQ(RunToEnd("alarm_conformance", "alarm: done\n"),
            "alarm: exists=1\n"
            "alarm: frequency rc=0 nonzero=1\n"
            "alarm: ticks_to_ms(hz)=1000 ticks_to_ms(hz/2)=500\n"
            // stopping with nothing armed is EALREADY
            "alarm: raw read=0 relative=0 exp_ok=1 stop=0 stop_again=-3\n"
            "alarm: upcall=0 absolute=0 yield_wait_for=0 waited=1\n"
            // five alarms armed out of order fire in expiry order; the cancelled E never fires
            "alarm: rcs=0 0 0 0 0 order=DBCA\n"
            "alarm: at rc=0 scheduled_ok=1 not_early=1\n"
            "alarm: cancelled fired=0\n"
            "alarm: repeating count=3 periods_exact=1\n"
            "alarm: delay rc=0 at_least=1\n"
            // yield_for_with_timeout: RETURNCODE_FAIL on timeout, SUCCESS on the condition
            "alarm: timeout=-1 cond=0\n"
            "alarm: gettimeasticks rc=0 usec_ok=1 sec_ok=1\n"
            // armed 50 ms before the 32-bit counter wraps: 20 ms, then 100 ms, then 200 ms
            "alarm: wrap near=1 order=213 wrapped=1\n"
            // an in_ms period longer than 2^32 ticks
            "alarm: long fired=1 late_ticks_ok=1\n"
            "alarm: done\n");
}

TEST(LibtockCDriversTest, Rng) {
  TOCKPP_HOST_ONLY("MPS2-AN386 has no RNG driver");
  EXPECT_EQ(RunToEnd("rng_conformance", "rng: done\n"),
            "rng: exists=1 driver_exists=1 sync_exists=1\n"
            "rng: async rc=0 status=0 bytes=16 random=1\n"
            "rng: sync rc=0 received=32\n"
            // more bytes asked for than the buffer holds: the buffer's worth
            "rng: sync_small rc=0 received=8\n"
            "rng: raw allow=0 upcall=0 command=0 wait=0 received=4 unallow=0\n"
            "rng: done\n");
}

TEST(LibtockCDriversTest, NonvolatileStorageWriteThenRead) {
  EXPECT_EQ(RunToEnd("nonvolatile_storage_conformance", "nv: done\n"),
            "nv: exists=1 driver_exists=1 sync_exists=1\n"
            "nv: size rc=0 0 nonzero=1 same=1\n"
            "nv: async write rc=0 status=0 length=16\n"
            "nv: async read rc=0 status=0 length=16 match=1\n"
            "nv: sync write rc=0 written=8 read rc=0 got=8 match=1\n"
            // beyond the app's region: EINVAL
            "nv: past_end rc=-6\n"
            "nv: raw 0 0 0 0 0 0 0 0 written=4 got=4 match=1\n"
            "nv: done\n");
}

// Outputs are seen in the trace's peripheral events (written from boot on: the control socket's
// `watch` connects after the app has started and may miss its first toggles); inputs are driven
// through the control socket after each "ready" line (the app arms its interrupt first).
TEST(LibtockCDriversTest, GpioOutputsEventsAndInputWaits) {
  // The board reports no GPIO events on its host link; its GPIO driver runs this app in
  // //platforms/boards/qemu_mps2_an386:host_link_gpio_test instead.
  TOCKPP_HOST_ONLY("GPIO events and inputs go through tockd's control socket");
  harness::TockdOptions options;
  options.apps = {std::string(kApps) + "gpio_conformance.tbf"};
  // Not --exit-when-done: while the app waits for an edge only the control socket can wake
  // it, which --exit-when-done does not count.
  options.exit_when_done = false;
  options.control = true;
  options.time = TimeMode::kVirtual;
  options.trace = true;
  auto started = Tockd::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  Tockd& t = **started;
  auto drive = [&](const char* command) {
    auto reply = t.control().Request(command);
    EXPECT_TRUE(reply.ok()) << command << ": " << reply.status();
  };
  ASSERT_TRUE(t.WaitForConsole("gpio: ready rising 0 0 0\n"));
  drive("gpio 2 high");
  ASSERT_TRUE(t.WaitForConsole("gpio: ready low\n"));
  drive("gpio 2 low");
  ASSERT_TRUE(t.WaitForConsole("gpio: ready high\n"));
  drive("gpio 2 high");
  ASSERT_TRUE(t.WaitForConsole("gpio: ready changed\n"));
  drive("gpio 2 low");
  ASSERT_TRUE(t.WaitForConsole("gpio: ready raw 0 0 0\n"));
  drive("gpio 2 high");
  ASSERT_TRUE(t.WaitForConsole("gpio: done\n"));
  EXPECT_EQ(t.Stop(), ExitStatus::Exited(0)) << t.Log();
  EXPECT_EQ(t.Console(),
            "gpio: exists=1 driver_exists=1 sync_exists=1\n"
            "gpio: count rc=0 0 0 at_least_3=1 same=1\n"
            "gpio: out0 0 0 0 0 0 high=1\n"
            "gpio: out1 0 0 0 0 0 high=1\n"
            "gpio: bad_pin=-6\n"
            "gpio: ready rising 0 0 0\n"
            "gpio: edge pin=2 high=1 read=1\n"
            "gpio: ready low\n"
            "gpio: low rc=0\n"
            "gpio: ready high\n"
            "gpio: high rc=0\n"
            "gpio: ready changed\n"
            "gpio: changed rc=0 input=0 level=0\n"
            "gpio: ready raw 0 0 0\n"
            "gpio: raw wait=0 pin=2 high=1 read=0 level=1\n"
            "gpio: shutdown 0 0 0 0 0 0 0 0\n"
            "gpio: done\n");
  // Pins 0 and 1 each: made an output (low), set, clear, toggle, in that order, first.
  std::vector<std::string> outputs;
  for (const std::string& line : t.TraceLines()) {
    for (const char* event : {"gpio 0 high", "gpio 0 low", "gpio 1 high", "gpio 1 low"}) {
      if (line.find("\"ev\":\"peripheral\"") != std::string::npos &&
          line.find(std::string("\"line\":\"") + event + "\"") != std::string::npos) {
        outputs.emplace_back(event);
      }
    }
  }
  ASSERT_GE(outputs.size(), 8u);
  outputs.resize(8);
  EXPECT_EQ(outputs,
            (std::vector<std::string>{"gpio 0 low", "gpio 0 high", "gpio 0 low", "gpio 0 high",
                                      "gpio 1 low", "gpio 1 high", "gpio 1 low", "gpio 1 high"}));
}

}  // namespace
}  // namespace tock::libtock_c
