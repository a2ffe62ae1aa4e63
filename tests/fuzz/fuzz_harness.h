// The syscall fuzz harness: a real tock::Kernel with up to kMaxProcesses processes on guarded
// in-memory platforms, fake peripherals a board wires capsules to, and an interpreter that turns
// the fuzzer's bytes into a sequence of syscalls (through Kernel::HandleSyscall), scheduler
// steps, peripheral completions and process restarts, checking the invariants after every step
// (see invariants in README.md). A violation prints a message and traps. Host-only.
//
//   struct RngBoard {                                    // a "board" for one capsule
//     explicit RngBoard(tock::fuzz::Harness& h)
//         : grant(h.kernel(), RngDriver::kDriverNum, h.memory_cap()), rng(h.entropy(), grant) {
//       h.Register(RngDriver::kDriverNum, rng);
//     }
//     RngDriver::GrantType grant;
//     RngDriver rng;
//   };
//   TOCK_FUZZ_BOARD(RngBoard)                           // defines LLVMFuzzerTestOneInput
#ifndef TOCKPP_TESTS_FUZZ_FUZZ_HARNESS_H_
#define TOCKPP_TESTS_FUZZ_FUZZ_HARNESS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <optional>

#include "capsules/virtual_alarm/virtual_alarm.h"
#include "capsules/virtual_uart/virtual_uart.h"
#include "hil/testing/completable.h"
#include "hil/testing/fake_alarm.h"
#include "hil/testing/fake_entropy.h"
#include "hil/testing/fake_gpio_pin.h"
#include "hil/testing/fake_led.h"
#include "hil/testing/fake_uart.h"
#include "kernel/capability_factory.h"
#include "kernel/driver_table.h"
#include "kernel/fault_policy.h"
#include "kernel/kernel.h"
#include "tests/fuzz/byte_reader.h"
#include "tests/fuzz/grant_probe.h"
#include "tests/fuzz/guarded_platform.h"

namespace tock::fuzz {

inline constexpr size_t kMaxProcesses = 3;
inline constexpr size_t kMaxDrivers = 16;
inline constexpr size_t kNumPins = 4;
inline constexpr size_t kNumLeds = 4;
inline constexpr size_t kMaxUartDevices = 4;
inline constexpr size_t kMaxVirtualAlarms = 4;
inline constexpr size_t kMaxFakes = 8;
// The harness never reads the UART's output, and the fake is copied back after every input.
using FuzzUart = hil::testing::BasicFakeUart<64>;

struct HarnessOptions {
  size_t processes = 2;     // 1..kMaxProcesses
  bool grant_probe = true;  // register GrantProbe (a well-behaved reference driver)
  // Ops interpreted per input: short programs run fast and keep libFuzzer's mutations on bytes
  // that matter. A target (or a test) may ask for more.
  size_t max_steps = 32;
};

class Harness final : public GuardedPlatform::Observer {
 public:
  explicit Harness(HarnessOptions options = {});
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;
  ~Harness() = default;

  // ---- For boards (construct grants and capsules, then Register) ----
  Kernel& kernel() { return kernel_; }
  const MemoryAllocationCapability& memory_cap() const { return memory_cap_; }
  const ProcessManagementCapability& process_cap() const { return process_cap_; }
  const MainLoopCapability& loop_cap() const { return loop_cap_; }
  FuzzUart& uart() { return uart_; }
  // A new client of the shared UART mux (at most kMaxUartDevices).
  capsules::UartDevice& NewUartDevice();
  hil::testing::FakeAlarm<hil::time::Ticks32>& alarm() { return alarm_; }
  // A new virtual alarm on the shared alarm mux (at most kMaxVirtualAlarms).
  capsules::VirtualMuxAlarm<hil::time::Ticks32>& NewVirtualAlarm();
  hil::testing::FakeEntropy& entropy() { return entropy_; }
  hil::testing::FakeGpioPin& pin(size_t i) { return pins_[i]; }
  hil::testing::FakeLed& led(size_t i) { return leds_[i]; }
  // Registers a driver; its number also becomes one the interpreter picks from.
  void Register(uint32_t driver_num, SyscallDriver& driver);
  // Adds a board's own fake (at most kMaxFakes in all; the harness adds its alarm and entropy
  // source itself): the "complete any" peripheral op and the end-of-input drain complete its
  // pending requests, so a capsule on a new HIL needs no harness change -- only a fake that
  // implements hil::testing::Completable.
  void AddFake(hil::testing::Completable& fake);

  // Loads the processes (once; Run does it if needed).
  void Load();
  // Loads the processes if needed and interprets `data`.
  void Run(const uint8_t* data, size_t size);
  // For RunBoard's state copy: traps if a deferred call is still pending (the registry's
  // pending mask is global, so it would outlive the copy).
  void AtInputEnd();

  // ---- For checks in targets ----
  // Prints "tockpp fuzz invariant violated [<id>]: <what>" and the step, then traps -- unless
  // `id` is listed in known_findings.h: then it is reported (once per run) and the input goes
  // on (so a documented, not yet fixed bug keeps its regression input green).
  void Violation(const char* id, const char* what, size_t slot = ~size_t{0});
  size_t process_count() const { return options_.processes; }
  Process& process(size_t slot) { return processes_[slot]; }  // the kernel's process table
  GuardedPlatform& platform(size_t slot) { return *platforms_[slot]; }

 private:
  struct AllowShadow {
    uint8_t kind;  // SyscallClass of the allow
    uint32_t driver;
    uint32_t num;
    uint32_t address;
    uint32_t length;
  };
  struct SubscribeShadow {
    uint32_t driver;
    uint32_t num;
    uint32_t fn;
    uint32_t userdata;
  };
  static constexpr size_t kMaxShadows = 48;
  // What the app believes the kernel holds for one process (cleared when it restarts).
  struct AppView {
    std::array<AllowShadow, kMaxShadows> allows{};
    size_t num_allows = 0;
    std::array<SubscribeShadow, kMaxShadows> subs{};
    size_t num_subs = 0;
    ProcessId pid;
    uint32_t last_buffer = 0;  // for overlapping allows
    uint32_t last_length = 0;
    void Clear() {
      num_allows = 0;
      num_subs = 0;
    }
  };
  // Per (driver, command) the variants seen (TRD104: one success and one failure variant).
  struct CommandVariants {
    uint8_t success = 0;  // variant code; 0 = none seen yet
    uint8_t failure = 0;  // variant code + 1; 0 = none seen yet
  };

  // GuardedPlatform::Observer
  void OnUpcall(size_t slot, uint32_t fn, const SyscallRegisters& args) override;
  void OnStart(size_t slot) override;
  void OnTerminated(size_t slot) override;

  void Step(ByteReader& in);
  // Ops.
  void OpSyscall(ByteReader& in, uint8_t op);
  // OpSyscall's cases, on the running process in `slot`; each reads its arguments from `in`.
  void SyscallSubscribe(ByteReader& in, size_t slot);
  void SyscallAllow(ByteReader& in, size_t slot, uint8_t op);  // op 5, 6, 7: rw, ro, uro
  void SyscallYield(ByteReader& in, size_t slot);
  void YieldNoWait(ByteReader& in, size_t slot);
  void SyscallMemop(ByteReader& in, size_t slot);
  uint32_t PickMemopArg(ByteReader& in, size_t slot, uint32_t mop);
  void SyscallExit(ByteReader& in, size_t slot);
  void OpAppWrite(ByteReader& in, size_t slot);  // the app stores bytes in its own RAM
  void SyscallBadClass(ByteReader& in, size_t slot);
  void SyscallCommand(ByteReader& in, size_t slot);
  void OpPeripheral(ByteReader& in);
  // Completes a request of one registered fake that has one pending (picked by the input).
  void OpCompleteAny(ByteReader& in);
  void OpManagement(ByteReader& in);
  void OpSchedule();
  // Syscall plumbing and return checks.
  struct TrapOutcome {
    SyscallOutcome outcome;
    bool returned;
    EncodedReturn ret;
  };
  TrapOutcome Trap(size_t slot, SyscallClass klass, uint32_t r0, uint32_t r1, uint32_t r2,
                   uint32_t r3);
  void CheckCommandReturn(size_t slot, uint32_t driver, uint32_t cmd, const TrapOutcome& t);
  void CheckSubscribeReturn(size_t slot, uint32_t driver, uint32_t num, uint32_t fn, uint32_t ud,
                            const TrapOutcome& t);
  void CheckAllowReturn(size_t slot, SyscallClass klass, uint32_t driver, uint32_t num,
                        uint32_t addr, uint32_t len, const TrapOutcome& t);
  void CheckMemopReturn(size_t slot, uint32_t op, const TrapOutcome& t);
  // Argument choosers.
  std::optional<size_t> PickRunning(ByteReader& in);
  uint32_t PickDriver(ByteReader& in);
  uint32_t PickUpcallFn(ByteReader& in, size_t slot);
  void PickBuffer(ByteReader& in, size_t slot, SyscallClass klass, uint32_t& addr, uint32_t& len);
  // Invariants. Memory is diffed lazily, per process, against the windows in force since its
  // last check (buffers the app has allowed read-write, plus one-off windows for the kernel's
  // own writes): before an op that changes them or could hide an earlier write (allow, brk,
  // yield-no-wait, an app write, management), right after an op that opened a one-off window,
  // when the process terminates, and at the end of the input.
  void CheckMemory(size_t slot);
  // Checks `slot` unless nothing ran since its last check.
  void CheckBeforeOp(size_t slot);
  void CheckAllMemory();
  // Recomputes the windows from the app's view of its allows.
  void RefreshWindows(size_t slot);
  // Starts a new check interval: windows, grant-break bookkeeping, step.
  void MarkChecked(size_t slot);
  void AddWindow(size_t slot, Window w);
  void CheckBreaks();
  void SyncPid(size_t slot);

  HarnessOptions options_;
  ProcessManagementCapability process_cap_ = CapabilityFactory::ProcessManagement();
  MemoryAllocationCapability memory_cap_ = CapabilityFactory::MemoryAllocation();
  MainLoopCapability loop_cap_ = CapabilityFactory::MainLoop();
  DeferredCallCapability deferred_cap_ = CapabilityFactory::DeferredCall();
  DriverTable<kMaxDrivers> drivers_;
  std::array<Process, kMaxProcesses> processes_;
  Kernel kernel_;
  std::array<std::optional<GuardedPlatform>, kMaxProcesses> platforms_;
  RestartFaultPolicy restart_policy_;
  StopFaultPolicy stop_policy_;
  ThresholdRestartFaultPolicy threshold_policy_{2};

  // Peripherals.
  FuzzUart uart_;
  uint8_t mux_rx_[16] = {};
  capsules::MuxUart mux_uart_{uart_, mux_rx_};
  std::array<std::optional<capsules::UartDevice>, kMaxUartDevices> uart_devices_;
  size_t num_uart_devices_ = 0;
  hil::testing::FakeAlarm<hil::time::Ticks32> alarm_{32768};
  capsules::MuxAlarm<hil::time::Ticks32> mux_alarm_{alarm_};
  std::array<std::optional<capsules::VirtualMuxAlarm<hil::time::Ticks32>>, kMaxVirtualAlarms>
      virtual_alarms_;
  size_t num_virtual_alarms_ = 0;
  hil::testing::FakeEntropy entropy_;
  std::array<hil::testing::FakeGpioPin, kNumPins> pins_;
  std::array<hil::testing::FakeLed, kNumLeds> leds_;
  std::array<hil::testing::Completable*, kMaxFakes> fakes_{};
  size_t num_fakes_ = 0;

  std::optional<GrantProbe> probe_;
  std::array<uint32_t, kMaxDrivers> driver_nums_{};
  size_t num_drivers_ = 0;
  std::array<std::array<CommandVariants, 16>, kMaxDrivers> variants_{};

  std::array<AppView, kMaxProcesses> views_;
  std::array<uint32_t, kMaxProcesses> kernel_break_checked_{};
  std::array<size_t, kMaxProcesses> step_checked_{};
  std::array<size_t, kMaxProcesses> clean_at_end_of_step_{};  // nothing ran after that check
  std::array<std::array<Window, kMaxShadows + 2>, kMaxProcesses> windows_{};
  std::array<size_t, kMaxProcesses> num_windows_{};
  bool loaded_ = false;
  bool loading_ = false;
  std::optional<size_t> check_after_;  // slot whose one-off window closes after this step
  bool halted_ = false;
  size_t step_ = 0;
  uint32_t upcalls_ = 0;  // delivered so far (the drain stops once a round delivers none)
  const char* op_name_ = "";
};

}  // namespace tock::fuzz

namespace tock::fuzz {

// What TOCK_FUZZ_BOARD expands to. The first call builds the Harness and the Board in static
// storage, loads the processes and keeps a byte copy of both; every input runs on them and the
// copy is written back afterwards, so each input starts from the same state (a crash input
// replayed alone behaves the same) without a rebuild and reload, which cost more than a short
// input. This works because neither object owns heap or anything outside itself except the
// global deferred-call registry, which only points into them (same addresses after the copy)
// and whose pending mask must be empty when an input ends (AtInputEnd traps otherwise). A
// rebuild per input would also be wrong: every build takes fresh deferred-call slots.
template <typename Board>
int RunBoard(const uint8_t* data, size_t size, HarnessOptions options = {}) {
  alignas(Harness) static unsigned char harness_mem[sizeof(Harness)];
  alignas(Board) static unsigned char board_mem[sizeof(Board)];
  alignas(Harness) static unsigned char harness_copy[sizeof(Harness)];
  alignas(Board) static unsigned char board_copy[sizeof(Board)];
  static Harness* harness = nullptr;
  if (harness == nullptr) {
    harness = new (harness_mem) Harness(options);
    new (board_mem) Board(*harness);
    harness->Load();
    harness->AtInputEnd();
    std::memcpy(harness_copy, harness_mem, sizeof(Harness));
    std::memcpy(board_copy, board_mem, sizeof(Board));
  }
  harness->Run(data, size);
  harness->AtInputEnd();
  std::memcpy(harness_mem, harness_copy, sizeof(Harness));
  std::memcpy(board_mem, board_copy, sizeof(Board));
  return 0;
}

}  // namespace tock::fuzz

// Defines the libFuzzer entry point for a board type constructible from Harness& (the board
// wires its capsules in its constructor). A second argument overrides HarnessOptions.
// A capsule with a component (capsules/components) and a Completable fake needs no source
// file at all: tock_component_fuzz_target in defs.bzl generates this board.
#define TOCK_FUZZ_BOARD(Board, ...)                                              \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {      \
    return ::tock::fuzz::RunBoard<Board>(data, size __VA_OPT__(, ) __VA_ARGS__); \
  }

#endif  // TOCKPP_TESTS_FUZZ_FUZZ_HARNESS_H_
