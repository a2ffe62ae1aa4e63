// ParseFaultReports over tockd's and the QEMU board's dump formats (taken from real runs).
#include "tests/harness/fault_report.h"

#include "gtest/gtest.h"

namespace tock::harness {
namespace {

constexpr char kLog[] =
    "[10:16:51.500] [info] loaded wild_write from x.tbf (fault policy stop)\n"
    "[10:16:51.561] [error] ---| Process fault: wild_write (restart count 0) |---\n"
    "Cause: killed by SEGV [signal 11 code 1 at 0x40000000, rip 0x10001100 rsp 0x200007a0]\n"
    "Fault address: 0x40000000   (signal 11, code 1)\n"
    "rip 0x10001100  rsp 0x200007a0  rflags 0x00010206\n"
    "App memory map:\n"
    "  flash   0x10000000 .. 0x10002000  (8192 bytes, protected to 0x10000100)\n"
    "  free          9820 bytes\n"
    "[10:16:51.600] [error] ---| Process fault: forbidden_syscall (restart count 2) |---\n"
    "Cause: killed by SYS (forbidden system call)\n"
    "App memory map:\n"
    "  RAM     0x20000000 .. 0x20003000  (12288 bytes)\n"
    "  free          9820 bytes\n"
    "[10:16:51.700] [info] every process is waiting and nothing can wake it: done\n";

TEST(FaultReportTest, ParsesNameRestartCountCauseAndAddress) {
  std::vector<FaultReport> r = ParseFaultReports(kLog);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].app, "wild_write");
  EXPECT_EQ(r[0].restart_count, 0);
  EXPECT_EQ(r[0].cause,
            "killed by SEGV [signal 11 code 1 at 0x40000000, rip 0x10001100 rsp 0x200007a0]");
  ASSERT_TRUE(r[0].fault_address.has_value());
  EXPECT_EQ(*r[0].fault_address, 0x40000000u);
  EXPECT_TRUE(r[0].complete);
  EXPECT_NE(r[0].text.find("App memory map:"), std::string::npos);
  EXPECT_EQ(r[0].text.find("forbidden_syscall"), std::string::npos);

  EXPECT_EQ(r[1].app, "forbidden_syscall");
  EXPECT_EQ(r[1].restart_count, 2);
  EXPECT_EQ(r[1].cause, "killed by SYS (forbidden system call)");
  EXPECT_FALSE(r[1].fault_address.has_value());
  EXPECT_TRUE(r[1].complete);
}

TEST(FaultReportTest, DumpCutOffMidwayIsIncomplete) {
  std::string log = kLog;
  log = log.substr(0, log.find("App memory map:"));
  std::vector<FaultReport> r = ParseFaultReports(log);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_FALSE(r[0].complete);
  EXPECT_EQ(r[0].cause.substr(0, 14), "killed by SEGV");
}

// The QEMU board's UART0: kernel lines end "\r\n", app lines "\n"; the app runs on after.
constexpr char kBoardLog[] =
    "tockpp: 1 processes loaded, entering main loop\r\n"
    "mpu_bad: writing 0x0\n"
    "\r\n"
    "Process mpu_bad had a fault\r\n"
    "---| App Status: mpu_bad |---\r\n"
    "Fault: MemManage: data access violation\r\n"
    "Faulting address (MMFAR): 0x00000010\r\n"
    "CFSR: 0x00000082\r\n"
    "R0  0x0000002a\r\n"
    " Address    | Region\r\n"
    " 0x20005000 | memory end\r\n"
    " 0x00040000 | flash start\r\n"
    "Grant bytes in use: 0x00000188\r\n"
    "mpu_bad: writing 0x0\n"
    "\r\n"
    "Process mpu_bad had a fault\r\n"
    "---| App Status: mpu_bad |---\r\n"
    "Fault: invalid system call: svc 009 (no such syscall class)\r\n"
    "CFSR: 0x00000000\r\n";

TEST(FaultReportTest, ParsesTheBoardsDumps) {
  std::vector<FaultReport> r = ParseFaultReports(kBoardLog);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].app, "mpu_bad");
  EXPECT_EQ(r[0].restart_count, -1);
  EXPECT_EQ(r[0].cause, "MemManage: data access violation");
  ASSERT_TRUE(r[0].fault_address.has_value());
  EXPECT_EQ(*r[0].fault_address, 0x10u);
  EXPECT_TRUE(r[0].complete);
  EXPECT_EQ(r[0].text.find("writing"), std::string::npos);  // the app's next line is not in it
  EXPECT_NE(r[0].text.find(" 0x00040000 | flash start"), std::string::npos);
  EXPECT_EQ(r[1].cause, "invalid system call: svc 009 (no such syscall class)");
  EXPECT_FALSE(r[1].fault_address.has_value());
  EXPECT_FALSE(r[1].complete);  // cut off before "Grant bytes in use:"
}

// tockd's symbolized dump (hostkernel/runtime/fault_dump.h), from a real run of fault_line.
constexpr char kSymbolizedLog[] =
    "[10:10:19.980] [error] ---| Process fault: fault_line (restart count 0) |---\n"
    "Cause: killed by SEGV [signal 11 code 1 at 0x40000000, rip 0x100023b0 rsp 0x200007c8]\n"
    "Fault address: 0x40000000   (signal 11, code 1)\n"
    "rip 0x100023b0  poke at tests/integration/apps/fault_line.c:11\n"
    "rsp 0x200007c8  rbp 0x20000000  rflags 0x00010246\n"
    "rax 0x00000000  rbx 0x10000100  rcx 0x00000000  rdx 0xffffffff\n"
    "rsi 0x5a5a5a5a  rdi 0x40000000\n"
    "Backtrace (symbols from bazel-bin/tests/integration/apps/fault_line.elf):\n"
    "  #0 0x100023b0  poke at tests/integration/apps/fault_line.c:11\n"
    "  #1 0x100023e0  main at tests/integration/apps/fault_line.c:16\n"
    "  #2 0x10002479  tock_crt0_start at apps/libtock/arch/host/crt0.c:48\n"
    "App memory map:\n"
    "  free          9432 bytes\n"
    "[10:10:19.981] [error] ---| Process fault: hello (restart count 0) |---\n"
    "Cause: killed by SEGV [signal 11 code 1 at 0x40000000, rip 0x100023b0 rsp 0x200007c8]\n"
    "Fault address: 0x40000000   (signal 11, code 1)\n"
    "rip 0x100023b0  (no symbols: no x/hello.elf; name the ELF with --symbols=hello=PATH)\n"
    "App memory map:\n"
    "  free          9432 bytes\n";

TEST(FaultReportTest, ParsesTheFaultingPcAndTheBacktrace) {
  std::vector<FaultReport> r = ParseFaultReports(kSymbolizedLog);
  ASSERT_EQ(r.size(), 2u);
  ASSERT_TRUE(r[0].pc.has_value());
  EXPECT_EQ(*r[0].pc, 0x100023b0u);
  EXPECT_EQ(r[0].pc_location, "poke at tests/integration/apps/fault_line.c:11");
  ASSERT_EQ(r[0].backtrace.size(), 3u);
  EXPECT_EQ(r[0].backtrace[0], "poke at tests/integration/apps/fault_line.c:11");
  EXPECT_EQ(r[0].backtrace[1], "main at tests/integration/apps/fault_line.c:16");
  EXPECT_EQ(r[0].backtrace[2], "tock_crt0_start at apps/libtock/arch/host/crt0.c:48");
  EXPECT_TRUE(r[0].complete);
  EXPECT_EQ(r[1].pc_location,
            "(no symbols: no x/hello.elf; name the ELF with --symbols=hello=PATH)");
  EXPECT_TRUE(r[1].backtrace.empty());
}

TEST(FaultReportTest, NoDumpsInAPlainLog) {
  EXPECT_TRUE(ParseFaultReports("[x] [info] hello\nworld\n").empty());
}

}  // namespace
}  // namespace tock::harness
