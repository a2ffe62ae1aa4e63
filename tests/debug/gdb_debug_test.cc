// Debugging an app with gdb under the real tockd (issue 21): `--debug=APP` holds the app
// before its first instruction and prints the gdb command; gdb in batch mode stops at `main`,
// steps, reads a local, catches a watchpoint and a backtrace, while another app keeps running
// and nothing counts the stopped app as faulted; after gdb detaches the app finishes normally.
// `tockctl debug APP` on a running app makes it debuggable where it is.
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/debug/gdb_session.h"
#include "tests/harness/tockd.h"

namespace tock::debugtest {
namespace {

using harness::Regex;
using harness::Stream;
using harness::Tockd;

constexpr char kTarget[] = "//tests/debug/apps:debug_target.tbf";
constexpr char kBystander[] = "//tests/debug/apps:bystander.tbf";
// Guards only (a loaded 2-core machine can be slow to start gdb and read the symbols).
constexpr absl::Duration kGuard = absl::Seconds(60);

// The gdb command in tockd's line "... attach with: gdb -q -p PID ELF", as words.
std::vector<std::string> PrintedCommand(const std::string& text) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex("with: (gdb -q -p [0-9]+ [^ \n]+)"))) {
    return {};
  }
  return absl::StrSplit(m[1].str(), ' ');
}

int BystanderLines(const Tockd& t) { return t.Count(Stream::kConsole, Regex("^bystander: \\d+$")); }

TEST(GdbDebugTest, BreakpointInMainWhileTheOtherAppsKeepRunning) {
  auto started = Tockd::Start({.apps = {kTarget, kBystander},
                               .flags = {"--debug=debug_target"},
                               .exit_when_done = false,
                               .control = true});
  ASSERT_TRUE(started.ok()) << started.status();
  Tockd& t = **started;
  ASSERT_TRUE(t.WaitForLog("waits for a debugger before its first instruction", kGuard));
  const std::vector<std::string> command = PrintedCommand(t.Log());
  ASSERT_GE(command.size(), 5u) << t.Log();
  EXPECT_NE(command[4].find("debug_target.elf"), std::string::npos) << command[4];
  // Held: the bystander runs, the target has not printed a thing.
  ASSERT_TRUE(t.WaitFor(Stream::kConsole, Regex("^bystander: \\d+$"), 2, kGuard));
  EXPECT_EQ(t.Count(Stream::kConsole, "debug_target:"), 0);

  GdbSession gdb;
  ASSERT_TRUE(GdbSession::Start(command,
                                // Software watchpoints: some VMs (this CI's) have no debug
                                // registers, and hardware ones then never trigger.
                                {"set can-use-hw-watchpoints 0", "break main", "continue", "next",
                                 "print greeting_count", "watch g_total", "continue", "bt",
                                 "finish", "next", "print greeting_count",
                                 "echo <<at-breakpoint>>\\n", "shell read go", "delete", "detach"},
                                &gdb)
                  .ok());
  ASSERT_TRUE(gdb.WaitForOutput("<<at-breakpoint>>", kGuard)) << gdb.output();
  const std::string& out = gdb.output();
  EXPECT_NE(out.find("Breakpoint 1, main () at tests/debug/apps/debug_target.c"), std::string::npos)
      << out;
  EXPECT_NE(out.find("$1 = 41"), std::string::npos) << out;  // the local, before the call
  EXPECT_NE(out.find("Watchpoint 2: g_total"), std::string::npos) << out;
  EXPECT_NE(out.find("New value = 41"), std::string::npos) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("#0 +add_greeting \\(count=41\\)"))) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("#1 +0x[0-9a-f]+ in main \\(\\)"))) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("\\$[0-9]+ = 42"))) << out;  // after the call
  EXPECT_EQ(out.find("received signal"), std::string::npos) << out;          // tockd sent it none

  // gdb now holds the app at a breakpoint: the bystander keeps printing, nothing faulted.
  const int before = BystanderLines(t);
  EXPECT_TRUE(t.WaitFor(Stream::kConsole, Regex("^bystander: \\d+$"), before + 3, kGuard));
  EXPECT_EQ(t.Count(Stream::kConsole, "debug_target:"), 0);
  EXPECT_TRUE(t.Faults().empty()) << t.Log();

  ASSERT_TRUE(gdb.SendLine("go"));
  EXPECT_EQ(gdb.WaitForExit(kGuard), 0) << gdb.output();
  std::printf("--- gdb transcript ---\n%s----------------------\n", gdb.output().c_str());
  EXPECT_TRUE(t.WaitForConsole("debug_target: greeting_count=42", kGuard));
  EXPECT_TRUE(t.WaitForConsole("debug_target: done", kGuard));
  const int after = BystanderLines(t);
  EXPECT_TRUE(t.WaitFor(Stream::kConsole, Regex("^bystander: \\d+$"), after + 2, kGuard));
  EXPECT_TRUE(t.Faults().empty()) << t.Log();
}

TEST(GdbDebugTest, TockctlDebugMakesARunningAppDebuggableWhereItIs) {
  auto started = Tockd::Start({.apps = {kBystander}, .exit_when_done = false, .control = true});
  ASSERT_TRUE(started.ok()) << started.status();
  Tockd& t = **started;
  ASSERT_TRUE(t.WaitFor(Stream::kConsole, Regex("^bystander: \\d+$"), 2, kGuard));
  auto reply = t.control().Request("debug bystander");
  ASSERT_TRUE(reply.ok()) << reply.status();
  ASSERT_EQ(reply->size(), 1u);
  EXPECT_NE((*reply)[0].find("is running and now debuggable"), std::string::npos) << (*reply)[0];
  const std::vector<std::string> command = PrintedCommand((*reply)[0]);
  ASSERT_GE(command.size(), 5u) << (*reply)[0];

  GdbSession gdb;
  ASSERT_TRUE(GdbSession::Start(command,
                                {"break apps/examples/counter/main.c:20", "continue", "continue",
                                 "bt", "delete", "detach"},
                                &gdb)
                  .ok());
  EXPECT_EQ(gdb.WaitForExit(kGuard), 0) << gdb.output();
  const std::string& out = gdb.output();
  EXPECT_EQ(out.find("received signal"), std::string::npos) << out;
  EXPECT_TRUE(std::regex_search(out, std::regex("#0 +main \\(\\) at apps/examples/counter")))
      << out;
  // Detached: it runs on (no stop left behind), and nothing counted as a fault.
  const int after = BystanderLines(t);
  EXPECT_TRUE(t.WaitFor(Stream::kConsole, Regex("^bystander: \\d+$"), after + 3, kGuard));
  EXPECT_TRUE(t.Faults().empty()) << t.Log();

  auto unknown = t.control().Request("debug nosuchapp");
  EXPECT_FALSE(unknown.ok());
}

}  // namespace
}  // namespace tock::debugtest
