// Tests: finding the ELF beside a TBF and the gdb command line.
#include "hostkernel/debug/gdb_command.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"

namespace tock::hostkernel {
namespace {

std::string MakeTempDir() {
  std::string dir =
      std::string(getenv("TEST_TMPDIR") ? getenv("TEST_TMPDIR") : "/tmp") + "/gdb_command_XXXXXX";
  return mkdtemp(dir.data()) ? dir : "";
}

void Touch(const std::string& path) { close(open(path.c_str(), O_CREAT | O_WRONLY, 0644)); }

TEST(ElfBesideTbfTest, FindsTheElfNextToTheTbfAsAnAbsolutePath) {
  const std::string dir = MakeTempDir();
  ASSERT_FALSE(dir.empty());
  Touch(dir + "/hello.tbf");
  Touch(dir + "/hello.elf");
  const std::string elf = ElfBesideTbf(dir + "/hello.tbf");
  ASSERT_FALSE(elf.empty());
  EXPECT_EQ(elf[0], '/');
  EXPECT_EQ(elf.substr(elf.size() - 10), "/hello.elf");
}

TEST(ElfBesideTbfTest, SaysWhereItLookedWhenThereIsNone) {
  const std::string dir = MakeTempDir();
  std::string looked_for;
  EXPECT_EQ(ElfBesideTbf(dir + "/blink.tbf", &looked_for), "");
  EXPECT_EQ(looked_for, dir + "/blink.elf");
}

TEST(ElfBesideTbfTest, ATabMemberHasNone) {
  const std::string dir = MakeTempDir();
  Touch(dir + "/x.tab:x32.elf");
  EXPECT_EQ(ElfBesideTbf(dir + "/x.tab:x32.tbf"), "");
}

TEST(GdbAttachCommandTest, AttachesWithTheElfQuotedForTheShell) {
  EXPECT_EQ(GdbAttachCommand(1234, "/a/hello.elf"), "gdb -q -p 1234 /a/hello.elf");
  EXPECT_EQ(GdbAttachCommand(7, "/my apps/it's.elf"), "gdb -q -p 7 '/my apps/it'\\''s.elf'");
  EXPECT_EQ(GdbAttachCommand(7, ""), "gdb -q -p 7");
}

}  // namespace
}  // namespace tock::hostkernel
