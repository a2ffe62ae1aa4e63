// Process console on a FakeUart over a real kernel (KernelHarness + KernelProcessManagement):
// welcome, prompt, echo and editing, every command's output and effect on process state,
// hibernation, history, and long outputs split across transmissions.
#include "capsules/process_console/process_console.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

#include "capsules/process_console/kernel_process_management.h"
#include "capsules/testing/capsule_harness.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "hil/testing/fake_uart.h"
#include "kernel/testing/test_driver.h"

namespace tock::capsules {
namespace {

using namespace tock::capsules::testing;  // NOLINT
using hil::testing::FakeUart;

std::string g_panic_message;
void RecordPanic(const char* message) { g_panic_message = message; }

const std::string kValid =
    "Valid commands are: help status list stop start fault boot terminate process kernel "
    "reset panic console-start console-stop\r\n";

class ProcessConsoleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    FakeProcessPlatform::ImageSpec blink;
    blink.name = "blink";
    FakeProcessPlatform::ImageSpec hello;
    hello.name = "hello";
    a = h->Load(0, blink).value();
    b = h->Load(1, hello).value();
    g_panic_message.clear();
  }
  // Types `input` and returns everything the console printed in response.
  std::string Type(const std::string& input) {
    uart.CompleteAllTransmits();
    uart.ClearOutput();
    EXPECT_EQ(uart.Inject(input), input.size());
    uart.CompleteAllTransmits();
    return std::string(uart.output());
  }
  void StartActive() {
    console.Start();
    uart.CompleteAllTransmits();
    uart.ClearOutput();
  }

  FakeUart uart;
  ScopedHarness h = MakeHarness();
  KernelProcessManagement pm{h->kernel, h->process_cap, h->loop_cap, &RecordPanic};
  ProcessConsole console{uart, pm};
  ProcessId a, b;
};

TEST_F(ProcessConsoleTest, WelcomeAndPrompt) {
  console.DisplayWelcome();
  console.Start();
  uart.CompleteAllTransmits();
  EXPECT_EQ(uart.output(),
            "Kernel version: 2.3 (build unknown)\r\nWelcome to the process console.\r\n" + kValid +
                "tock$ ");
  EXPECT_TRUE(uart.receiving());
  EXPECT_EQ(uart.receive_requested(), 1u);
}

TEST_F(ProcessConsoleTest, HelpEchoesAndPrintsCommands) {
  StartActive();
  EXPECT_EQ(Type("help\r"), "help\r\nWelcome to the process console.\r\n" + kValid + "tock$ ");
}

TEST_F(ProcessConsoleTest, UnknownCommandPrintsValidCommands) {
  StartActive();
  EXPECT_EQ(Type("frobnicate\r"), "frobnicate\r\n" + kValid + "tock$ ");
}

TEST_F(ProcessConsoleTest, CrLfIsOneLineEnding) {
  StartActive();
  EXPECT_EQ(Type("\r\n"), "\r\ntock$ ");
}

TEST_F(ProcessConsoleTest, BackspaceEditsTheLine) {
  StartActive();
  std::string out = Type("lisx\x7ft\r");
  EXPECT_EQ(out.substr(0, 12), "lisx\b \bt\r\n P");
}

TEST_F(ProcessConsoleTest, LeftArrowThenInsertEditsMidLine) {
  StartActive();
  EXPECT_EQ(Type("lst\x1b[D\x1b[Di"), "lst\b\bist\b\b");
  EXPECT_EQ(Type("\r").substr(0, 6), "\r\n PID");
}

TEST_F(ProcessConsoleTest, HomeAndDeleteRemoveTheFirstCharacter) {
  StartActive();
  EXPECT_EQ(Type("xhelp\x1b[H\x1b[3~"), "xhelp\b\b\b\b\bhelp \b\b\b\b\b");
  EXPECT_EQ(Type("\x1b[F"), "\x1b[C\x1b[C\x1b[C\x1b[C");
  EXPECT_EQ(Type("\x1b[3~"), "");  // nothing under the cursor at the end
  EXPECT_EQ(Type("\r"), "\r\nWelcome to the process console.\r\n" + kValid + "tock$ ");
}

TEST_F(ProcessConsoleTest, ListShowsEveryProcess) {
  StartActive();
  const std::string out = Type("list\r");
  const std::string id_a = std::to_string(a.id()), id_b = std::to_string(b.id());
  EXPECT_EQ(out,
            "list\r\n"
            " PID    ShortID    Name                Quanta  Syscalls  Restarts  Grants  State\r\n"
            " " +
                id_a + std::string(7 - id_a.size(), ' ') +
                "Unique     blink                    0         0         0   0/ 0   Running\r\n"
                " " +
                id_b + std::string(7 - id_b.size(), ' ') +
                "Unique     hello                    0         0         0   0/ 0   Running\r\n"
                "tock$ ");
}

// Upstream prints names raw; here a name is shown escaped, so a TBF cannot put a newline or a
// terminal escape into the console, and the shown form addresses the process.
TEST_F(ProcessConsoleTest, NamesAreShownEscaped) {
  FakeProcessPlatform::ImageSpec odd;
  odd.name = "ev\nil\x1b\\";
  const ProcessId c = h->Load(2, odd).value();
  StartActive();
  const std::string list = Type("list\r");
  EXPECT_NE(list.find("Unique     ev\\x0ail\\x1b\\\\      "), std::string::npos) << list;
  EXPECT_EQ(list.find("ev\n"), std::string::npos);
  EXPECT_EQ(list.find('\x1b'), std::string::npos);
  const std::string shown = "ev\\x0ail\\x1b\\\\";
  EXPECT_NE(Type("process " + shown + "\r").find(": " + shown + "   -   [Running]"),
            std::string::npos);
  Type("stop " + shown + "\r");
  EXPECT_EQ(h->process(c).state(), ProcessState::kStoppedRunning);
}

TEST_F(ProcessConsoleTest, StopAndStartChangeState) {
  StartActive();
  EXPECT_EQ(Type("stop blink\r"), "stop blink\r\nProcess blink stopped\r\ntock$ ");
  EXPECT_EQ(h->process(a).state(), ProcessState::kStoppedRunning);
  EXPECT_EQ(h->process(b).state(), ProcessState::kRunning);
  EXPECT_NE(Type("list\r").find("Stopped(Running)"), std::string::npos);
  EXPECT_EQ(Type("start blink\r"), "start blink\r\nProcess blink resumed.\r\ntock$ ");
  EXPECT_EQ(h->process(a).state(), ProcessState::kRunning);
}

TEST_F(ProcessConsoleTest, MissingOrUnknownNameDoesNothing) {
  StartActive();
  EXPECT_EQ(Type("stop\r"), "stop\r\ntock$ ");
  EXPECT_EQ(Type("stop nosuch\r"), "stop nosuch\r\ntock$ ");
  EXPECT_EQ(h->process(a).state(), ProcessState::kRunning);
}

TEST_F(ProcessConsoleTest, TerminateThenBootRunsAgain) {
  StartActive();
  EXPECT_EQ(Type("terminate hello\r"), "terminate hello\r\nProcess hello terminated\r\ntock$ ");
  EXPECT_EQ(h->process(b).state(), ProcessState::kTerminated);
  EXPECT_EQ(Type("boot hello\r"), "boot hello\r\ntock$ ");
  // Boot gives the process a new identifier; find it by slot.
  const Process& p = h->kernel.processes()[b.index()];
  EXPECT_TRUE(p.IsAlive());
  EXPECT_EQ(p.restart_count(), 1u);
}

TEST_F(ProcessConsoleTest, BootIgnoresALiveProcess) {
  StartActive();
  Type("boot blink\r");
  EXPECT_EQ(h->process(a).restart_count(), 0u);
}

TEST_F(ProcessConsoleTest, FaultAppliesTheStopPolicy) {
  StartActive();
  EXPECT_EQ(Type("fault blink\r"), "fault blink\r\nProcess blink now faulted\r\ntock$ ");
  EXPECT_EQ(h->kernel.processes()[a.index()].state(), ProcessState::kFaulted);
  EXPECT_TRUE(g_panic_message.empty());
}

TEST_F(ProcessConsoleTest, StatusCountsProcesses) {
  StartActive();
  Type("stop hello\r");
  EXPECT_EQ(Type("status\r"),
            "status\r\nTotal processes: 2\r\nActive processes: 1\r\nTimeslice expirations: 0\r\n"
            "tock$ ");
}

TEST_F(ProcessConsoleTest, ProcessPrintsOverviewAcrossSeveralTransmissions) {
  StartActive();
  const size_t before = uart.transmit_count();
  const std::string out = Type("process blink\r");
  EXPECT_GT(uart.transmit_count() - before, 2u);  // longer than one queue
  const std::string head =
      "process blink\r\n\xF0\x9D\x90\x80\xF0\x9D\x90\xA9\xF0\x9D\x90\xA9: blink   -   [Running]"
      "\r\n Events Queued: 0   Syscall Count: 0   Dropped Upcall Count: 0\r\n Restart Count: 0"
      "\r\n Last Syscall: None\r\n Completion Code: None\r\n";
  EXPECT_EQ(out.substr(0, head.size()), head);
  const size_t flash = out.find("App Flash");
  const size_t prot = out.find("Protected");
  ASSERT_NE(flash, std::string::npos);
  ASSERT_NE(prot, std::string::npos);
  EXPECT_LT(flash, prot);
  EXPECT_EQ(out.find("App Flash", flash + 1), std::string::npos);  // no piece repeated
  EXPECT_NE(out.find("0x20000000"), std::string::npos);            // memory start
  EXPECT_EQ(out.substr(out.size() - 6), "tock$ ");
}

TEST_F(ProcessConsoleTest, KernelPrintsVersionAndMapWhenGiven) {
  ProcessConsole::KernelAddresses addrs{0x20000000, 0x20001000, 0x20001000, 0x20001800, 0x20001800,
                                        0x20001900, 0x0,        0x8000,     0x6000};
  FakeUart uart2;
  ProcessConsole with_map(uart2, pm, &addrs, "test-build");
  with_map.Start();
  uart2.CompleteAllTransmits();
  uart2.ClearOutput();
  uart2.Inject("kernel\r");
  uart2.CompleteAllTransmits();
  const std::string out(uart2.output());
  EXPECT_EQ(out.substr(0, 46), "kernel\r\nKernel version: 2.3 (build test-build)");
  EXPECT_NE(out.find("BSS          2048"), std::string::npos);
  EXPECT_NE(out.find("Stack        4096"), std::string::npos);
  EXPECT_NE(out.find("Code        24576"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 6), "tock$ ");
  StartActive();
  EXPECT_EQ(Type("kernel\r"), "kernel\r\nKernel version: 2.3 (build unknown)\r\ntock$ ");
}

TEST_F(ProcessConsoleTest, ResetWithoutHookAndPanicHook) {
  StartActive();
  EXPECT_EQ(Type("reset\r"), "reset\r\nReset function is not implemented\r\ntock$ ");
  Type("panic\r");
  EXPECT_EQ(g_panic_message, "Process Console forced a kernel panic.");
}

TEST_F(ProcessConsoleTest, ConsoleStopHibernatesUntilConsoleStart) {
  StartActive();
  EXPECT_EQ(Type("console-stop\r"),
            "console-stop\r\nDisabling the process console.\r\nRun console-start to "
            "reactivate.\r\n");
  EXPECT_EQ(console.mode(), ProcessConsole::Mode::kHibernating);
  EXPECT_EQ(Type("list\r"), "");
  EXPECT_EQ(Type("stop blink\r"), "");
  EXPECT_EQ(h->process(a).state(), ProcessState::kRunning);
  EXPECT_EQ(Type("console-start\r"), "tock$ ");
  EXPECT_EQ(console.mode(), ProcessConsole::Mode::kActive);
}

TEST_F(ProcessConsoleTest, StartHibernatedIsSilent) {
  console.StartHibernated();
  EXPECT_EQ(Type("help\r"), "");
  EXPECT_EQ(Type("console-start\r"), "tock$ ");
}

TEST_F(ProcessConsoleTest, UpArrowRecallsHistory) {
  StartActive();
  Type("status\r");
  Type("help\r");
  EXPECT_EQ(Type("\x1b[A"), "help");
  EXPECT_EQ(Type("\x1b[A"), "\b \b\b \b\b \b\b \bstatus");
  const std::string out = Type("\r");
  EXPECT_EQ(out.substr(0, 25), "\r\nTotal processes: 2\r\nAct");
  EXPECT_EQ(Type("\x1b[B"), "");  // already at the newest line
}

// Pipelined input: several lines arrive in one burst, through the shared MuxUart, while the
// answer to the first is still being sent (a multi-transmission `process` overview). Every
// answer comes whole, in order, each after its own echoed command line.
TEST_F(ProcessConsoleTest, BurstOfLinesThroughTheMuxIsAnsweredInOrder) {
  FakeUart hw;
  uint8_t mux_rx[8];
  MuxUart mux(hw, mux_rx);
  UartDevice app_uart(mux), pconsole_uart(mux);
  ProcessConsole piped(pconsole_uart, pm);
  piped.Start();
  hw.CompleteAllTransmits();
  hw.ClearOutput();
  const std::string burst = "process blink\nlist\nstatus\nhelp\nprocess hello\n";
  ASSERT_EQ(hw.Inject(burst), burst.size());
  EXPECT_TRUE(hw.transmitting());  // the first answer is in flight, the rest waits
  hw.CompleteAllTransmits();
  const std::string out(hw.output());

  FakeUart ref_uart;  // the same commands typed one at a time, each answered before the next
  ProcessConsole ref(ref_uart, pm);
  ref.Start();
  std::string expected;
  for (const std::string line :
       {"process blink\n", "list\n", "status\n", "help\n", "process hello\n"}) {
    ref_uart.CompleteAllTransmits();
    ref_uart.ClearOutput();
    ASSERT_EQ(ref_uart.Inject(line), line.size());
    ref_uart.CompleteAllTransmits();
    expected += ref_uart.output();
  }
  EXPECT_EQ(out, expected);
  EXPECT_EQ(piped.dropped_lines(), 0u);
}

// The `process` overview's "Last Syscall" line: upstream's Debug text of the kernel's record.
TEST_F(ProcessConsoleTest, ProcessShowsTheLastSyscall) {
  StartActive();
  auto last = [this](const std::string& name) {
    const std::string out = Type("process " + name + "\r");
    const size_t at = out.find(" Last Syscall: ");
    return at == std::string::npos ? out : out.substr(at, out.find("\r\n", at) - at);
  };
  EXPECT_EQ(last("blink"), " Last Syscall: None");
  static_cast<void>(h->Command(a, 0x1, 0, 7, 9));  // no driver 1 here: answered, recorded
  const std::string before = std::to_string(h->process(a).syscall_count());
  EXPECT_EQ(last("blink"),
            " Last Syscall: Command { driver_number: 1, subdriver_number: 0, arg0: 7, arg1: 9 }");
  EXPECT_NE(Type("process blink\r").find("Syscall Count: " + before), std::string::npos);
  static_cast<void>(h->Memop(a, 10, 0x20000400));
  EXPECT_EQ(last("blink"), " Last Syscall: Memop { operand: 10, arg0: 536871936 }");
  static_cast<void>(h->Subscribe(a, 0x1, 2, 0x10000180, 5));
  EXPECT_EQ(last("blink"),
            " Last Syscall: Subscribe { driver_number: 1, subdriver_number: 2, upcall_ptr: "
            "0x10000180, appdata: 5 }");
  static_cast<void>(h->AllowReadOnly(a, 0x1, 1, 0x10000200, 12));
  EXPECT_EQ(last("blink"),
            " Last Syscall: ReadOnlyAllow { driver_number: 1, subdriver_number: 1, "
            "allow_address: 0x10000200, allow_size: 12 }");
  static_cast<void>(h->YieldWaitFor(a, 0x1, 3));
  EXPECT_EQ(last("blink"),
            " Last Syscall: Yield { yield_type: WaitFor { driver_number: 1, subdriver_number: 3 } "
            "}");
  EXPECT_EQ(last("hello"), " Last Syscall: None");  // per process
  static_cast<void>(h->Trap(b, static_cast<SyscallClass>(9), 1, 2, 3, 4));
  EXPECT_EQ(last("hello"), " Last Syscall: Invalid { class_number: 9 }");
}

// Upstream's RAM rows: grant table, upcall queue, grant blocks, and the heap and stack from the
// app's memop 10/11 hints.
TEST_F(ProcessConsoleTest, ProcessShowsGrantHeapAndStackRegions) {
  StartActive();
  const Process& p = h->process(a);
  static_cast<void>(h->Memop(a, 10, p.memory_start() + 0x400));  // stack top
  static_cast<void>(h->Memop(a, 11, p.memory_start() + 0x600));  // heap start
  static_cast<void>(h->Memop(a, 0, p.memory_start() + 0x900));   // app break
  const std::string out = Type("process blink\r");
  char line[128];
  std::snprintf(line, sizeof line, "Grant Ptrs   %6u",
                static_cast<unsigned>(p.grant_table_size() * 8));
  EXPECT_NE(out.find(line), std::string::npos) << out;
  EXPECT_NE(out.find("Process           0"), std::string::npos);
  std::snprintf(line, sizeof line, "\xE2\x96\xB2 Heap          768 | %6u           ",
                p.kernel_memory_break() - (p.memory_start() + 0x600));
  EXPECT_NE(out.find(line), std::string::npos) << out;
  EXPECT_NE(out.find("Data            512 |    512               A"), std::string::npos);
  EXPECT_NE(out.find("\xE2\x96\xBC Stack           ? |   1024"), std::string::npos);
  std::snprintf(line, sizeof line, "0x%08X \xE2\x94\xBC", p.memory_start() + 0x400);
  EXPECT_NE(out.find(line), std::string::npos);  // the stack top row
}

// The stack's used size and bottom come from the lowest stack pointer the platform reported.
TEST_F(ProcessConsoleTest, ProcessShowsStackUseFromTheLowestReportedStackPointer) {
  StartActive();
  Process& p = h->process(a);
  static_cast<void>(h->Memop(a, 10, p.memory_start() + 0x400));  // stack top
  static_cast<void>(h->Memop(a, 11, p.memory_start() + 0x600));  // heap start
  p.RecordStackPointer(p.memory_start() + 0x300);
  p.RecordStackPointer(p.memory_start() + 0x280);  // the lowest counts
  p.RecordStackPointer(p.memory_start() + 0x3F0);
  const std::string out = Type("process blink\r");
  EXPECT_NE(out.find("\xE2\x96\xBC Stack         384 |   1024"), std::string::npos) << out;
  char line[64];
  std::snprintf(line, sizeof line, "0x%08X \xE2\x94\xBC", p.memory_start() + 0x280);
  EXPECT_NE(out.find(line), std::string::npos) << out;  // the stack bottom row
}

TEST_F(ProcessConsoleTest, HelpNameShowsTheUsageAndExtraArgumentsShowIt) {
  StartActive();
  EXPECT_EQ(Type("help stop\r"), "help stop\r\nUsage: stop NAME\r\ntock$ ");
  EXPECT_EQ(Type("help nosuch\r"),
            "help nosuch\r\nWelcome to the process console.\r\n" + kValid + "tock$ ");
  EXPECT_EQ(Type("stop blink hello\r"), "stop blink hello\r\nUsage: stop NAME\r\ntock$ ");
  EXPECT_EQ(h->process(a).state(), ProcessState::kRunning);
  EXPECT_EQ(Type("status now\r"), "status now\r\nUsage: status\r\ntock$ ");
  // Upstream's prefix match and whitespace split: "stopblink hello" stops hello.
  EXPECT_EQ(Type("stopblink hello\r"), "stopblink hello\r\nProcess hello stopped\r\ntock$ ");
  EXPECT_EQ(h->process(b).state(), ProcessState::kStoppedRunning);
}

// A burst larger than the input queue: whole lines are dropped (with a notice), the others are
// answered, and no fragment of a dropped line runs or joins the next one.
TEST_F(ProcessConsoleTest, InputQueueOverflowDropsWholeLines) {
  StartActive();
  uart.CompleteAllTransmits();
  uart.ClearOutput();
  ASSERT_EQ(uart.Inject("process blink\r"), 14u);  // a long answer: input waits behind it
  ASSERT_TRUE(uart.transmitting());
  std::string burst;
  const std::string line = "stop nosuch\r";  // 12 bytes, prints nothing
  const size_t fits = (ProcessConsole::kInputLen - 1) / line.size();
  for (size_t i = 0; i < fits; ++i) {
    burst += line;
  }
  burst += "stop blink\rstop hello\r";  // no room: both dropped
  ASSERT_EQ(uart.Inject(burst), burst.size());
  uart.CompleteAllTransmits();
  ASSERT_EQ(uart.Inject("status\r"), 7u);  // room again once the queue drained
  uart.CompleteAllTransmits();
  const std::string out(uart.output());
  EXPECT_EQ(console.dropped_lines(), 2u);
  EXPECT_EQ(h->process(a).state(), ProcessState::kRunning);
  EXPECT_EQ(h->process(b).state(), ProcessState::kRunning);
  EXPECT_NE(out.find("\r\nLine dropped: console input queue full\r\ntock$ "), std::string::npos);
  EXPECT_NE(out.find("tock$ status\r\nTotal processes: 2\r\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("Process blink stopped"), std::string::npos);
}

// A process that holds a grant, an allowed buffer and a queued upcall shows them after the map.
TEST(ProcessConsoleDetailsTest, ProcessListsGrantsPendingUpcallsAndAllowedBuffers) {
  using tock::testing::TestDriver;
  constexpr uint32_t kDrv = TestDriver::kDriverNum;
  ScopedHarness h = MakeHarness();
  TestDriver driver(h->kernel, h->memory_cap);
  ASSERT_TRUE(h->Register(kDrv, driver).ok());
  FakeProcessPlatform::ImageSpec spec;
  spec.name = "blink";
  const ProcessId pid = h->Load(0, spec).value();
  const uint32_t buf = h->AppBuffer(pid, 512, 16);
  ExpectSuccessU32(h->Command(pid, kDrv, 1, 0, 0), 1);  // allocates the grant
  ASSERT_EQ(h->Subscribe(pid, kDrv, 1, kUpcallFn, 0).variant(), kSuccessU32U32);
  ASSERT_EQ(h->AllowReadWrite(pid, kDrv, 1, buf, 16).variant(), kSuccessU32U32);
  ExpectSuccess(h->Command(pid, kDrv, 2, 1, 0x2A));  // upcall 1 args (0x2A, 2, 3)

  FakeUart uart;
  KernelProcessManagement pm(h->kernel, h->process_cap, h->loop_cap);
  ProcessConsole console(uart, pm);
  console.Start();
  uart.CompleteAllTransmits();
  uart.ClearOutput();
  const std::string in = "process blink\r";
  ASSERT_EQ(uart.Inject(in), in.size());
  uart.CompleteAllTransmits();
  const std::string out(uart.output());

  const uint32_t grant_at = h->process(pid).kernel_memory_break();
  char grant_line[96];
  std::snprintf(grant_line, sizeof grant_line, "   Driver 0x90100      96 bytes at 0x%08X\r\n",
                grant_at);
  char allow_line[96];
  std::snprintf(allow_line, sizeof allow_line,
                "   rw        Driver 0x90100  Number 1  Address 0x%08X  Length 16\r\n", buf);
  const std::string details = std::string("\r\n Grants: 1 allocated, 96 bytes\r\n") + grant_line +
                              " Pending Upcalls: 1\r\n"
                              "   Driver 0x90100  Subscribe 1  Args 0x0000002A, 0x00000002, "
                              "0x00000003\r\n"
                              " Allowed Buffers: 1\r\n" +
                              allow_line + "tock$ ";
  ASSERT_GE(out.size(), details.size());
  EXPECT_EQ(out.substr(out.size() - details.size()), details);
  EXPECT_LT(out.find(" H\r\n"), out.find(" Grants: "));  // after the memory map
}

// Without inspection authority (a fake ProcessManagement), `process` prints only the overview.
TEST(ProcessConsoleDetailsTest, NoInspectorNoDetails) {
  ScopedHarness h = MakeHarness();
  FakeProcessPlatform::ImageSpec spec;
  spec.name = "blink";
  ASSERT_TRUE(h->Load(0, spec).ok());
  struct NoInspect final : ProcessManagement {
    explicit NoInspect(Harness& h) : h(h) {}
    size_t ProcessSlots() const override { return h.processes.size(); }
    const Process* ProcessAt(size_t slot) const override {
      const Process& p = h.processes[slot];
      return p.state() == ProcessState::kUnused ? nullptr : &p;
    }
    ProcessStats Stats(const Process&) const override { return {}; }
    uint32_t TimesliceExpirations() const override { return 0; }
    Result<void> Stop(ProcessId) override { return ErrorCode::kFail; }
    Result<void> Resume(ProcessId) override { return ErrorCode::kFail; }
    Result<void> Fault(ProcessId) override { return ErrorCode::kFail; }
    Result<void> Terminate(ProcessId) override { return ErrorCode::kFail; }
    Result<void> Boot(ProcessId) override { return ErrorCode::kFail; }
    Harness& h;
  } pm(*h);
  FakeUart uart;
  ProcessConsole console(uart, pm);
  console.Start();
  uart.CompleteAllTransmits();
  uart.ClearOutput();
  const std::string in = "process blink\r";
  ASSERT_EQ(uart.Inject(in), in.size());
  uart.CompleteAllTransmits();
  const std::string out(uart.output());
  EXPECT_EQ(out.find("Grants:"), std::string::npos);
  const std::string end = " H\r\ntock$ ";
  EXPECT_EQ(out.substr(out.size() - end.size()), end);
}

}  // namespace
}  // namespace tock::capsules
