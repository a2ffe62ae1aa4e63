// FakeKernel: runs one x32 tock_app ELF in a forked child, unconfined, and answers its
// channel requests with a tiny scripted Tock kernel (console, alarm in virtual time, LED,
// button, RNG, low-level debug, memop, exit). It checks libtock, crt0 and the linker layout
// end to end without tockd; it is NOT the isolation under test (no seccomp, no MPU except a
// PROT_NONE grant page). Host-only test code (Linux, x86-64 with IA32 emulation).
#ifndef TOCKPP_APPS_TESTING_FAKE_KERNEL_H_
#define TOCKPP_APPS_TESTING_FAKE_KERNEL_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hostkernel/process/linux_process.h"

namespace tock::apps::testing {

struct Upcall {
  uint32_t driver;
  uint32_t subscribe;
  uint32_t args[3];
};

enum class RunEnd {
  kIdle,       // yielded with nothing that could ever wake it
  kExited,     // Tock exit syscall (exit_code) or, unconfined, a Linux exit
  kSignaled,   // died by `signal` (confined: also when tockd's gate killed it)
  kStopped,    // stop_when returned true
  kViolation,  // confined: LinuxProcess reported a channel protocol violation
  kTimeout,
  kLoadError,
};

class FakeKernel {
 public:
  static constexpr uint32_t kRamSize = 64 * 1024;
  static constexpr uint32_t kGrantSize = 4096;  // top page, PROT_NONE in the child
  static constexpr uint32_t kAlarmHz = 32768;
  static constexpr uint32_t kLedCount = 4;
  static constexpr uint32_t kButtonCount = 2;

  // `package_name` goes into the fake TBF header at 0x10000000 (memop 4).
  explicit FakeKernel(std::string package_name) : package_name_(std::move(package_name)) {}

  // Runs the ELF or TBF (fixed addresses: flash 0x10000000, RAM 0x20000000) until it idles (yield
  // with nothing that could ever wake it), exits, dies, `stop_when` returns true (checked after
  // every syscall), or `timeout_ms` of real time.
  RunEnd Run(const std::string& elf_path, int timeout_ms = 20000);
  // The same kernel behind the real isolation: a TBF in hostkernel's AppMemory, spawned by
  // LinuxProcess (real launcher, seccomp filter, brk/mprotect gate).
  // With spin = true the kernel side busy-polls the channel (LinuxProcess::BeginSpin), the
  // fast path tockd uses while an app runs; otherwise it blocks in poll() on the eventfd.
  RunEnd RunConfined(const std::string& tbf_path, int timeout_ms = 20000, bool spin = false);

  // Called when the app idles; return true after queueing work to keep running.
  std::function<bool(FakeKernel&)> on_idle;
  std::function<bool(const FakeKernel&)> stop_when;

  void Queue(const Upcall& u) { queue_.push_back(u); }

  // Observations.
  std::string console;
  std::string error;  // load / run problems
  int signal = 0;
  std::string exit_description;   // confined: ExitInfo::Describe()
  bool killed_by_kernel = false;  // confined: the mprotect gate or a violation killed it
  uint32_t exit_code = 0;
  uint32_t led_toggles[kLedCount] = {};
  std::vector<std::pair<uint32_t, uint32_t>> memops;  // (op, arg) in order
  std::vector<std::pair<uint32_t, uint32_t>> lldb;    // low-level debug commands
  uint64_t now_ticks = 0;
  uint32_t syscalls = 0;
  uint32_t app_break = 0;
  uint32_t app_start = 0;          // r0 at entry (the crt0 header)
  std::vector<std::string> trace;  // one line per syscall, for failure messages

 private:
  struct Slot {
    uint32_t fn = 0;
    uint32_t userdata = 0;
  };
  struct Buffer {
    uint32_t addr = 0;
    uint32_t len = 0;
  };
  using Key = std::pair<uint32_t, uint32_t>;

  void WriteFakeHeader();
  // Reads an ELF or TBF into flash segments; sets entry_, app_start, flash_len_.
  bool LoadImage(const std::string& path,
                 std::vector<std::pair<uint32_t, std::vector<uint8_t>>>* segments, bool* is_elf);
  // Kernel pointer to app memory [addr, addr+len) (RAM or flash), nullptr if outside.
  uint8_t* Ptr(uint32_t addr, uint32_t len) const;
  bool ApproveBreak(uint32_t new_break);
  void Handle(uint32_t cls, const uint32_t a[4]);
  void Reply(uint32_t kind, uint32_t r0, uint32_t r1 = 0, uint32_t r2 = 0, uint32_t r3 = 0,
             uint32_t fn = 0);
  // Tries to answer a pending yield; false if the app must stay blocked.
  bool ServeYield();
  bool InRam(uint32_t addr, uint32_t len) const;
  void Command(const uint32_t a[4]);

  std::string package_name_;
  uint32_t entry_ = 0;
  uint32_t flash_len_ = 0;
  std::deque<Upcall> queue_;
  std::map<Key, Slot> slots_;
  std::map<Key, Buffer> ro_, rw_;
  std::optional<uint32_t> alarm_expiration_;
  std::optional<std::pair<uint32_t, uint32_t>> pending_yield_;  // (yield number, arg1/driver)
  uint32_t pending_yield_sub_ = 0;
  uint32_t rng_state_ = 1;
  int child_ = -1;
  hostkernel::LinuxProcess* proc_ = nullptr;  // set while RunConfined runs
  bool done_ = false;
  bool exit_requested_ = false;
};

}  // namespace tock::apps::testing

#endif  // TOCKPP_APPS_TESTING_FAKE_KERNEL_H_
