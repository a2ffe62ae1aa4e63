// Symbolized fault dumps through the real tockd (issue 21 item 2): an app faulting at a known
// function and line (tests/integration/apps/fault_line.c, FAULT_HERE) is named with its caller
// from the ELF beside its TBF or from --symbols; a stack overflow says so with the stack size;
// a garbage ELF gives a reason and an unsymbolized dump, and tockd goes on.
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/harness/data_path.h"
#include "tests/harness/test_files.h"
#include "tests/harness/tockd.h"

namespace tock::integration {
namespace {

using harness::ExitStatus;
using harness::FaultReport;
using harness::Tockd;

constexpr char kFaultLine[] = "//tests/integration/apps:fault_line.tbf";
constexpr char kFaultLineElf[] = "//tests/integration/apps:fault_line.elf";
constexpr char kFaultLineSource[] = "tests/integration/apps/fault_line.c";
constexpr char kStackOverflow[] = "//tests/integration/apps:stack_overflow.tbf";
constexpr char kHello[] = "//apps/examples/hello:hello.tbf";

// "tests/integration/apps/fault_line.c:N" for the source line holding `marker`.
std::string SourceLine(const std::string& marker) {
  absl::StatusOr<std::string> path = harness::DataPath(kFaultLineSource);
  EXPECT_TRUE(path.ok()) << path.status();
  std::ifstream in(path.ok() ? *path : "");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find(marker) != std::string::npos) {
      return std::string(kFaultLineSource) + ":" + std::to_string(n);
    }
  }
  ADD_FAILURE() << "no " << marker << " in " << kFaultLineSource;
  return "";
}

FaultReport RunToFault(const std::string& app, std::vector<std::string> flags = {}) {
  auto tockd = Tockd::Start({.apps = {app, kHello}, .flags = std::move(flags)});
  FaultReport report;
  if (!tockd.ok()) {
    ADD_FAILURE() << tockd.status();
    return report;
  }
  std::string name = app.substr(app.find(':') + 1);
  name = name.substr(0, name.find('.'));
  EXPECT_TRUE((*tockd)->WaitForFault(name, &report));
  EXPECT_TRUE((*tockd)->WaitForConsole("Hello, World!\n"));  // the other app runs on
  // --exit-when-done: 1 because an app faulted.
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(1)) << (*tockd)->Log();
  return report;
}

TEST(FaultDumpTest, NamesTheFaultingFunctionFileAndLineFromTheElfBesideTheTbf) {
  const FaultReport r = RunToFault(kFaultLine, {"--fault-policy=stop"});
  EXPECT_EQ(r.pc_location, "poke at " + SourceLine("/* FAULT_HERE */")) << r.text;
  ASSERT_GE(r.backtrace.size(), 2u) << r.text;
  EXPECT_EQ(r.backtrace[0], r.pc_location);
  // main's call to poke: the line of the call (the one before AFTER_POKE, or that one, as the
  // compiler attributes the return address's call).
  EXPECT_EQ(r.backtrace[1].rfind("main at " + std::string(kFaultLineSource) + ":", 0), 0u)
      << r.text;
  EXPECT_NE(r.text.find("Backtrace (symbols from "), std::string::npos);
  EXPECT_EQ(r.text.find("Stack overflow"), std::string::npos);
}

TEST(FaultDumpTest, SymbolsFlagNamesTheElf) {
  absl::StatusOr<std::string> elf = harness::DataPath(kFaultLineElf);
  ASSERT_TRUE(elf.ok()) << elf.status();
  // The same ELF under another name, so nothing beside the TBF can be what was used.
  const std::string copy = harness::WriteFile("renamed.elf", harness::ReadFile(*elf));
  const FaultReport r =
      RunToFault(kFaultLine, {"--fault-policy=stop", "--symbols=fault_line=" + copy});
  EXPECT_EQ(r.pc_location, "poke at " + SourceLine("/* FAULT_HERE */")) << r.text;
  EXPECT_NE(r.text.find("Backtrace (symbols from " + copy + "):"), std::string::npos) << r.text;
}

TEST(FaultDumpTest, GarbageElfGivesAReasonAndAnUnsymbolizedDump) {
  const std::string garbage = harness::WriteFile("garbage.elf", std::string(3000, '\x7f'));
  const FaultReport r =
      RunToFault(kFaultLine, {"--fault-policy=stop", "--symbols=fault_line=" + garbage});
  EXPECT_EQ(r.pc_location, "(no symbols: " + garbage + ": not an ELF file)") << r.text;
  EXPECT_TRUE(r.backtrace.empty());
  EXPECT_TRUE(r.complete);
}

TEST(FaultDumpTest, StackOverflowIsCalledOutWithTheStackSize) {
  const FaultReport r = RunToFault(kStackOverflow, {"--fault-policy=stop"});
  EXPECT_NE(r.text.find("\nStack overflow? The fault is "), std::string::npos) << r.text;
  EXPECT_NE(r.text.find("the 1024-byte stack ends"), std::string::npos) << r.text;
  EXPECT_EQ(r.pc_location.rfind("dive at tests/integration/apps/stack_overflow.c:", 0), 0u)
      << r.text;
  ASSERT_FALSE(r.backtrace.empty());
  EXPECT_EQ(r.backtrace.back().rfind("_start at ", 0), 0u) << r.text;  // unwound to the bottom
}

TEST(FaultDumpTest, BadSymbolsFlagIsAUsageError) {
  auto tockd = Tockd::Start({.apps = {kHello}, .flags = {"--symbols=hello="}});
  ASSERT_TRUE(tockd.ok()) << tockd.status();
  EXPECT_EQ((*tockd)->WaitForExit(), ExitStatus::Exited(2));
  EXPECT_NE((*tockd)->Log().find("tockd: --symbols: expected APP=PATH[,APP=PATH] or DIR"),
            std::string::npos)
      << (*tockd)->Log();
}

}  // namespace
}  // namespace tock::integration
