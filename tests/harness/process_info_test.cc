// ParseProcessInfo over the line format of hostkernel/control/README.md.
#include "tests/harness/process_info.h"

#include "gtest/gtest.h"

namespace tock::harness {
namespace {

TEST(ProcessInfoTest, ParsesPsLines) {
  auto ps =
      ParseProcessInfo({"process id=1 name=counter_a state=yielded restarts=0 syscalls=42",
                        "process id=5 name=restart_fault state=faulted restarts=3 syscalls=0"});
  ASSERT_TRUE(ps.ok()) << ps.status();
  ASSERT_EQ(ps->size(), 2u);
  EXPECT_EQ((*ps)[0].id, 1);
  EXPECT_EQ((*ps)[0].name, "counter_a");
  EXPECT_EQ((*ps)[0].state, "yielded");
  EXPECT_EQ((*ps)[0].syscalls, 42u);
  EXPECT_FALSE((*ps)[0].memory.has_value());
  EXPECT_EQ((*ps)[1].restarts, 3);
  EXPECT_EQ((*ps)[1].state, "faulted");
}

TEST(ProcessInfoTest, ParsesVerboseDetail) {
  auto ps = ParseProcessInfo({
      "process id=2 name=buttons state=stopped(yielded) restarts=1 syscalls=9",
      // One memory line, split only to fit the column limit.
      // NOLINTNEXTLINE(bugprone-suspicious-missing-comma)
      "  memory flash=0x10000000+0x00002000 ram=0x20000000+0x00003000 break=0x20000808 "
      "grant=0x20002e48+0x000001b8",
      "  grant driver=0x00003 bytes=24",
      "  grant driver=0x00002 bytes=16",
      "  grant driver=0x00003 bytes=8",
      "  upcall driver=0x00003 subscribe=0 args=0x1,0x1,0x0",
      "  allow kind=rw driver=0x00001 number=1 address=0x20000400 length=1",
      "  future detail=ignored",
  });
  ASSERT_TRUE(ps.ok()) << ps.status();
  ASSERT_EQ(ps->size(), 1u);
  const ProcessInfo& p = (*ps)[0];
  EXPECT_EQ(p.state, "stopped(yielded)");
  ASSERT_TRUE(p.memory.has_value());
  EXPECT_EQ(p.memory->flash.start, 0x10000000u);
  EXPECT_EQ(p.memory->ram.length, 0x3000u);
  EXPECT_EQ(p.memory->app_break, 0x20000808u);
  EXPECT_EQ(p.memory->grant.start, 0x20002e48u);
  EXPECT_EQ(p.memory->grant.length, 0x1b8u);
  EXPECT_EQ(p.GrantBytes(3), 32u);
  EXPECT_EQ(p.GrantBytes(0x60000), 0u);
  EXPECT_EQ(p.TotalGrantBytes(), 48u);
  ASSERT_EQ(p.upcalls.size(), 1u);
  EXPECT_EQ(p.upcalls[0].args, std::vector<uint32_t>({1, 1, 0}));
  ASSERT_EQ(p.allows.size(), 1u);
  EXPECT_EQ(p.allows[0].kind, "rw");
  EXPECT_EQ(p.allows[0].address, 0x20000400u);
}

TEST(ProcessInfoTest, MalformedKnownLineIsAnError) {
  EXPECT_FALSE(ParseProcessInfo({"process name=x state=y restarts=0"}).ok());  // no id
  EXPECT_FALSE(ParseProcessInfo({"  memory flash=0x1+0x2"}).ok());             // no process
  EXPECT_FALSE(
      ParseProcessInfo({"process id=1 name=x state=y restarts=0", "  grant driver=zz bytes=1"})
          .ok());
}

}  // namespace
}  // namespace tock::harness
