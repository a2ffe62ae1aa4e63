// libtock-c conformance, interface group: runs each app of apps/ under the real tockd (virtual
// time) or, as interface_conformance_test_qemu, on the QEMU board, and checks the lines it
// prints against libtock-c's semantics and the kernel's drivers (return codes are
// returncode_t: 0 success, -2 BUSY, -6 INVAL, -8 CANCEL, -10 NOSUPPORT, -1024 EBADRVAL).
// Input (console bytes, button presses) is sent only after the app printed that it waits for
// it.
#include <string>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace {

using tock::harness::ButtonCount;
using tock::harness::ExitStatus;
using tock::harness::LedCount;
using tock::harness::OnQemu;
using tock::harness::Regex;
using tock::harness::TimeMode;
using tock::harness::Tockd;

constexpr char kDir[] = "//tests/libtock_c/interface:";

std::string App(const char* name) { return std::string(kDir) + name + ".tbf"; }

// Every line of `lines` must appear on the console, in this order.
void ExpectLines(Tockd& t, std::initializer_list<std::string> lines) {
  for (const std::string& line : lines) {
    EXPECT_TRUE(t.WaitForConsole(line + "\n"));
  }
}

TEST(InterfaceConformanceTest, RawLayer) {
  auto tockd = Tockd::Start({.apps = {App("raw")}, .time = TimeMode::kVirtual, .trace = true});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ExpectLines(t, {
                     "raw: status_to_returncode 0 -6 -13",
                     // Only Success / plain Failure; Failure-u32 and other successes: EBADRVAL.
                     "raw: novalue 0 -2 -1024 -1024",
                     "raw: u32 ok 0 41",
                     "raw: u32 others -6 -1024 -1024 -1024 untouched=1",
                     "raw: u32_u32 ok 0 5 6",
                     "raw: u32_u32 others -9 -1024 -1024",
                     "raw: u64 ok 0 0123456789abcdef",
                     "raw: u64 others -3 -1024 -1024",
                     "raw: variants 133 3 132",
                     "raw: struct conversions -9 -2 0 -10",
                     "raw: command console exists type=128",
                     "raw: command missing type=0 status=11",  // NODEVICE
                     "raw: command unknown rc=-10",
                     "raw: driver_exists 1 0",
                     "raw: subscribe 1 1 previous=1",
                     "raw: subscribe bad number success=0 rc=-10 echoed=1",
                     "raw: allow_readonly 1 1 previous=1",
                     "raw: allow_readwrite 1 1 previous=1",
                     "raw: allow_readwrite outside rc=-6",
                     "raw: allow_userspace_read rc=-10",
                     "raw: yield_no_wait idle 0",
                     "raw: async text",
                     "raw: yield ran upcall rc=0 upcalls=1 bytes=16",
                     "raw: yield_no_wait ran=1 upcalls=2 bytes=4",
                     "raw: yield_for rc=0 done=1",
                     // Yield-WaitFor returns the write-done arguments and runs no function.
                     "raw: yield_wait_for rc=0 data=6,0,0 upcalls=2",
                     "raw: cleanup 1 1",
                     "raw: memory ordered=1 local_in_ram=1 main_in_flash=1 grant_in_ram=1",
                     "raw: writeable regions 0 begin0=1 end0=1",
                     "raw: memop ram start ok=1 same=1",
                     "raw: memop sbrk0 ok=1 in_ram=1",
                     "raw: memop unknown status=10 Operation or command is unsupported",
                     // NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one line, split
                     "raw: strrcode Success | Packet transmission not acknowledged | Invalid "
                     "error number",
                     "raw: strerr Underlying system is busy; retry",
                     "raw: expect passed",
                 });
  EXPECT_TRUE(t.WaitForConsole(
      Regex("TOCK_EXPECT failed at [^ ]*raw.c:[0-9]+: wanted 0, got -6 \\(An invalid")));
  if (OnQemu()) {  // host-only below: the board neither exits nor traces syscalls
    EXPECT_EQ(t.Count(tock::harness::Stream::kConsole, "raw: not reached"), 0);
    return;
  }
  EXPECT_EQ(t.WaitForExit(), ExitStatus::Exited(0));
  EXPECT_EQ(t.Count(tock::harness::Stream::kConsole, "raw: not reached"), 0);
  // TOCK_EXPECT's mismatch ends the app through the exit syscall with completion code 1.
  bool exited_with_1 = false;
  for (const std::string& line : t.TraceLines()) {
    if (line.find("\"class\":\"exit\",\"args\":[0,1,") != std::string::npos) {
      exited_with_1 = true;
    }
  }
  EXPECT_TRUE(exited_with_1);
}

TEST(InterfaceConformanceTest, Led) {
  // Not --exit-when-done: the LEDs are read over the control socket after the app is done.
  auto tockd = Tockd::Start(
      {.apps = {App("led")}, .exit_when_done = false, .control = true, .time = TimeMode::kVirtual});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  // tockd has 4 LEDs; the MPS2-AN386 board 2, so there LEDs 2 and 3 are out of range.
  const bool four = LedCount() == 4;
  const std::string count = std::to_string(LedCount());
  ExpectLines(
      t, {
             "led: exists 1 1",
             "led: count rc=0 " + count + " rc=0 " + count,
             "led: on(0) rc=0 read rc=0 state=1",
             "led: off(0) rc=0 state=0",
             "led: toggle(1) rc=0 state=1",
             "led: toggle(1) again rc=0 state=0",
             four ? "led: command_on(2) rc=0 state=1" : "led: command_on(2) rc=-6 state=0",
             four ? "led: command_off(2) rc=0 state=0" : "led: command_off(2) rc=-6 state=0",
             four ? "led: command_toggle(3) rc=0 state=1" : "led: command_toggle(3) rc=-6 state=0",
             "led: out of range -6 -6 -6 -6 -6 -6",
             "led: done",
         });
  // Every change is an event, in order.
  for (const char* event : {"led 0 on", "led 0 off", "led 1 on", "led 1 off"}) {
    EXPECT_TRUE(t.WaitForEvent(event));
  }
  std::vector<bool> want(static_cast<size_t>(LedCount()), false);
  if (four) {
    EXPECT_TRUE(t.WaitForEvent("led 3 on"));
    want[3] = true;
  }
  auto leds = t.Leds();
  ASSERT_TRUE(leds.ok()) << leds.status();
  EXPECT_EQ(*leds, want);
  if (!OnQemu()) {  // host-only: the board has no exit
    EXPECT_EQ(t.Stop(), ExitStatus::Exited(0));
  }
}

TEST(InterfaceConformanceTest, Console) {
  // Not --exit-when-done: the app waits for typed input between steps.
  auto tockd =
      Tockd::Start({.apps = {App("console")}, .exit_when_done = false, .time = TimeMode::kVirtual});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ExpectLines(t, {
                     "console: exists 1 1 1",
                     "console: async write",
                     // Write-done reaches the callback as (SUCCESS, bytes written).
                     "console: write rc=0 cb=0,21",
                     "console: raw write",
                     "console: command_write rc=0 upcall=19,0,0",
                     "console: command_write 8 rc=0 upcall=8",
                     "console: sync write",
                     "console: sync write rc=0 written=20",
                     "console: yield_wait_for_write rc=0 0 written=9",
                     "console: type 4 (read rc=0)",
                 });
  ASSERT_TRUE(t.TypeConsole("abcd"));
  ExpectLines(t, {
                     "console: read cb=0,4 data=abcd",
                     // A second read while one is pending is BUSY; abort ends it with CANCEL.
                     "console: abort rc=0 busy=-2 abort=0 cb=-8,0",
                     // Longer than the kernel's receive buffer: INVAL.
                     "console: type 2 (command_read rc=0 too_long=-6)",
                 });
  ASSERT_TRUE(t.TypeConsole("xy"));
  ExpectLines(t, {
                     "console: command_read upcall=0,2,0 data=xy",
                     "console: command_abort_read rc=0 0 upcall=8,0",
                     "console: type 3 (sync read)",
                 });
  ASSERT_TRUE(t.TypeConsole("pqr"));
  ExpectLines(t, {
                     "console: sync read rc=0 got=3 data=pqr",
                     "console: type 1 (yield_wait_for_read rc=0)",
                 });
  ASSERT_TRUE(t.TypeConsole("z"));
  ExpectLines(t, {
                     "console: yield_wait_for_read rc=0 got=1 data=z",
                     "console: done",
                 });
}

TEST(InterfaceConformanceTest, Button) {
  TOCKPP_NEEDS_BUTTONS();
  const int count = ButtonCount();
  // The app's steps for buttons 2 and 3 use buttons 0 and 1 on a board with two.
  const std::string b2 = std::to_string(count > 2 ? 2 : 0);
  const std::string b3 = std::to_string(count > 3 ? 3 : 1);
  const std::string n = std::to_string(count);
  auto tockd = Tockd::Start({.apps = {App("button")},
                             .exit_when_done = false,
                             .control = true,
                             .time = TimeMode::kVirtual});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ExpectLines(t, {
                     "button: exists 1 1 1",
                     "button: count 0 0 0 = " + n + " " + n + " " + n,
                     "button: read(0) rc=0 value=0",
                     "button: out of range -6 -6 -6 -6",
                     "button: press 0 (enable rc=0)",
                 });
  ASSERT_TRUE(t.PressButton(0));
  ExpectLines(t, {
                     "button: wait_for_press rc=0 read 0 0 0 = 1 1 1",
                     "button: release 0 (disable rc=0)",
                 });
  ASSERT_TRUE(t.ReleaseButton(0));
  ASSERT_TRUE(t.WaitForConsole("button: press 1 (notify rc=0)\n"));
  ASSERT_TRUE(t.PressButton(1));
  ExpectLines(t, {"button: callback rc=0 button=1 pressed=1", "button: release 1"});
  ASSERT_TRUE(t.ReleaseButton(1));
  ExpectLines(t, {
                     "button: callback rc=0 button=1 pressed=0",
                     "button: callbacks done (disable rc=0)",
                     "button: press " + b2 + " (raw rc=0)",
                 });
  ASSERT_TRUE(t.PressButton(std::stoi(b2)));
  ExpectLines(t, {"button: raw upcall=" + b2 + ",1,0 (disable rc=0)", "button: release " + b2});
  ASSERT_TRUE(t.ReleaseButton(std::stoi(b2)));
  ASSERT_TRUE(t.WaitForConsole("button: press " + b3 + " (rc=0)\n"));
  ASSERT_TRUE(t.PressButton(std::stoi(b3)));
  ExpectLines(t,
              {"button: yield_wait_for rc=0 index=" + b3 + " pressed=1", "button: release " + b3});
  ASSERT_TRUE(t.ReleaseButton(std::stoi(b3)));
  ExpectLines(t, {
                     "button: yield_wait_for rc=0 index=" + b3 + " pressed=0 (disable rc=0)",
                     "button: done",
                 });
  // Releasing button 0 and the third button while their interrupts were off produced no
  // callback.
  EXPECT_EQ(t.Count(tock::harness::Stream::kConsole, "button: callback rc="), 2);
}

// apps/upstream_buttons.c is written like upstream's examples/buttons (upstream include paths
// and API only): each press toggles the LED with the button's index.
TEST(InterfaceConformanceTest, UpstreamStyleButtonsApp) {
  TOCKPP_NEEDS_BUTTONS();
  // The app prints nothing: tockd's `inspect` tells when it has subscribed and yielded.
  TOCKPP_HOST_ONLY("waits on tockd's inspect for the app to yield");
  auto tockd = Tockd::Start({.apps = {App("upstream_buttons")},
                             .exit_when_done = false,
                             .control = true,
                             .time = TimeMode::kVirtual});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  Tockd& t = **tockd;
  ASSERT_TRUE(t.WaitForProcess("upstream_buttons", [](const tock::harness::ProcessInfo& p) {
    return p.state == "yielded";
  }));
  ASSERT_TRUE(t.PressButton(2));
  EXPECT_TRUE(t.WaitForEvent("led 2 on"));
  ASSERT_TRUE(t.ReleaseButton(2));
  ASSERT_TRUE(t.PressButton(2));
  EXPECT_TRUE(t.WaitForEvent("led 2 off"));
  ASSERT_TRUE(t.PressButton(0));
  EXPECT_TRUE(t.WaitForEvent("led 0 on"));
}

}  // namespace
