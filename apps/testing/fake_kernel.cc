// FakeKernel implementation: fixed-address shared mappings made before fork (so the parent
// sees the child's RAM and channel), an ELF32 loader for tock_app output, a jump to the
// entry as the launcher makes it, and a polling loop that answers one channel request at a time.
#include "apps/testing/fake_kernel.h"

#include <elf.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>

#include "hostkernel/abi/tock_channel.h"
#include "hostkernel/process/app_memory.h"

namespace tock::apps::testing {
namespace {

constexpr uint32_t kFlashAddr = TOCK_HOST_FLASH_ADDR;
constexpr uint32_t kRamAddr = TOCK_HOST_RAM_ADDR;
constexpr uint32_t kPage = 4096;
constexpr uint32_t kBinaryStart = kFlashAddr + 0x100;

constexpr uint32_t kSuccess = 128, kSuccessU32 = 129, kSuccessU32U32 = 130;
constexpr uint32_t kFailure = 0, kFailureU32U32 = 2;
constexpr uint32_t kFail = 1, kAlready = 3, kInval = 6, kNomem = 9, kNosupport = 10, kNodevice = 11;

uint32_t RoundUp(uint32_t v, uint32_t to) { return (v + to - 1) / to * to; }

tock_channel* Channel() { return reinterpret_cast<tock_channel*>(TOCK_HOST_CHANNEL_ADDR); }

// Maps [addr, addr+len) shared+anonymous at a fixed address; unmaps on destruction.
class FixedMapping {
 public:
  FixedMapping(uint32_t addr, uint32_t len) : addr_(addr), len_(len) {
    void* p = mmap(reinterpret_cast<void*>(static_cast<uintptr_t>(addr)), len,
                   PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    ok_ = p == reinterpret_cast<void*>(static_cast<uintptr_t>(addr));
    if (p != MAP_FAILED && !ok_) {
      munmap(p, len);
    }
  }
  ~FixedMapping() {
    if (ok_) {
      munmap(reinterpret_cast<void*>(static_cast<uintptr_t>(addr_)), len_);
    }
  }
  FixedMapping(const FixedMapping&) = delete;
  FixedMapping& operator=(const FixedMapping&) = delete;
  bool ok() const { return ok_; }

 private:
  uint32_t addr_, len_;
  bool ok_ = false;
};

// Child side: jump to `entry` with Tock's crt0 registers, as the launcher does (x32 code
// runs in 64-bit mode: rdi/rsi/rdx/rcx = r0..r3, rsp = app_break).
[[noreturn]] void EnterApp(uint32_t entry, uint32_t app_start, uint32_t memory_start,
                           uint32_t memory_len, uint32_t app_break) {
  register uint64_t entry64 __asm__("r12") = entry;
  __asm__ volatile(
      "movl %%ecx, %%esp\n"  // rsp = app_break (zero-extended)
      "xorl %%ebp, %%ebp\n"
      "jmp *%%r12\n"
      :
      : "D"(uint64_t{app_start}), "S"(uint64_t{memory_start}), "d"(uint64_t{memory_len}),
        "c"(uint64_t{app_break}), "r"(entry64)
      : "memory");
  __builtin_unreachable();
}

}  // namespace

bool FakeKernel::InRam(uint32_t addr, uint32_t len) const {
  uint64_t end = static_cast<uint64_t>(addr) + len;
  return addr >= kRamAddr && end <= app_break;
}

uint8_t* FakeKernel::Ptr(uint32_t addr, uint32_t len) const {
  if (proc_ != nullptr) {
    uint8_t* p = proc_->memory().RamPointer(addr, len);
    return p != nullptr ? p : proc_->memory().FlashPointer(addr, len);
  }
  uint64_t end = static_cast<uint64_t>(addr) + len;
  bool in_ram = addr >= kRamAddr && end <= kRamAddr + kRamSize;
  bool in_flash = addr >= kFlashAddr && end <= kFlashAddr + flash_len_;
  return in_ram || in_flash ? reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(addr)) : nullptr;
}

bool FakeKernel::ApproveBreak(uint32_t new_break) {
  if (proc_ == nullptr) {
    return true;
  }
  return proc_->ApproveBreak(new_break).ok();
}

// A minimal TBF header (version 2 + PackageName TLV) in front of an ELF-loaded binary.
void FakeKernel::WriteFakeHeader() {
  uint8_t* hdr = reinterpret_cast<uint8_t*>(static_cast<uintptr_t>(kFlashAddr));
  uint16_t name_len = static_cast<uint16_t>(package_name_.size());
  uint16_t header_size = static_cast<uint16_t>(16 + 4 + RoundUp(name_len, 4));
  uint16_t version = 2, tlv_type = 3;
  uint32_t total = flash_len_, flags = 1;
  std::memcpy(hdr, &version, sizeof version);
  std::memcpy(hdr + 2, &header_size, sizeof header_size);
  std::memcpy(hdr + 4, &total, sizeof total);
  std::memcpy(hdr + 8, &flags, sizeof flags);
  std::memcpy(hdr + 16, &tlv_type, sizeof tlv_type);
  std::memcpy(hdr + 18, &name_len, sizeof name_len);
  std::copy_n(package_name_.data(), name_len, hdr + 20);  // no NUL: TBF names have a length
}

bool FakeKernel::LoadImage(const std::string& path,
                           std::vector<std::pair<uint32_t, std::vector<uint8_t>>>* segments,
                           bool* is_elf_out) {
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (file.size() < sizeof(Elf32_Ehdr)) {
    error = "cannot read " + path;
    return false;
  }
  bool is_elf = std::memcmp(file.data(), ELFMAG, SELFMAG) == 0;
  if (is_elf) {
    Elf32_Ehdr eh;
    std::memcpy(&eh, file.data(), sizeof eh);
    if (eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_machine != EM_X86_64 || eh.e_type != ET_EXEC) {
      error = "not an x32 executable";
      return false;
    }
    uint32_t flash_end = kBinaryStart;
    for (int i = 0; i < eh.e_phnum; ++i) {
      Elf32_Phdr ph;
      size_t off = eh.e_phoff + static_cast<size_t>(i) * eh.e_phentsize;
      if (off + sizeof ph > file.size()) {
        return false;
      }
      std::memcpy(&ph, file.data() + off, sizeof ph);
      if (ph.p_type != PT_LOAD || ph.p_filesz == 0) {
        continue;
      }
      if (ph.p_paddr < kBinaryStart || ph.p_offset + ph.p_filesz > file.size()) {
        error = "segment outside flash";
        return false;
      }
      segments->push_back(
          {ph.p_paddr, std::vector<uint8_t>(file.begin() + ph.p_offset,
                                            file.begin() + ph.p_offset + ph.p_filesz)});
      flash_end = std::max(flash_end, ph.p_paddr + ph.p_filesz);
    }
    flash_len_ = RoundUp(flash_end - kFlashAddr, kPage);
    entry_ = eh.e_entry;
    app_start = kBinaryStart;
  } else {
    // A TBF: placed whole at the flash address; entry and app start from its Program/Main
    // header exactly as the kernel computes them (tbf-format.md section 1).
    auto u16 = [&](size_t o) { return static_cast<uint32_t>(file[o] | (file[o + 1] << 8)); };
    auto u32 = [&](size_t o) { return u16(o) | (u16(o + 2) << 16); };
    if (u16(0) != 2) {
      error = "neither ELF nor TBF v2";
      return false;
    }
    uint32_t header_size = u16(2), total = u32(4);
    uint32_t init = 0, trailer = 0;
    bool have_program = false;
    for (uint32_t off = 16; off + 4 <= header_size && off + 4 <= file.size();) {
      uint32_t type = u16(off), len = u16(off + 2);
      if ((type == 9 || (type == 1 && !have_program)) && off + 12 <= file.size()) {
        init = u32(off + 4);
        trailer = u32(off + 8);
        have_program = have_program || type == 9;
      }
      off += 4 + RoundUp(len, 4);
    }
    if (total > file.size() || total == 0) {
      error = "bad TBF total_size";
      return false;
    }
    segments->push_back({kFlashAddr, std::vector<uint8_t>(file.begin(), file.begin() + total)});
    flash_len_ = RoundUp(total, kPage);
    entry_ = kFlashAddr + header_size + init;
    app_start = kFlashAddr + header_size + trailer;
  }
  *is_elf_out = is_elf;
  return true;
}

RunEnd FakeKernel::Run(const std::string& elf_path, int timeout_ms) {
  std::vector<std::pair<uint32_t, std::vector<uint8_t>>> segments;
  bool is_elf = false;
  if (!LoadImage(elf_path, &segments, &is_elf)) {
    return RunEnd::kLoadError;
  }

  FixedMapping channel_map(TOCK_HOST_CHANNEL_ADDR, kPage);
  FixedMapping flash_map(kFlashAddr, flash_len_);
  FixedMapping ram_map(kRamAddr, kRamSize);
  if (!channel_map.ok() || !flash_map.ok() || !ram_map.ok()) {
    error = "fixed mappings unavailable";
    return RunEnd::kLoadError;
  }
  for (const auto& [addr, bytes] : segments) {
    std::memcpy(reinterpret_cast<void*>(static_cast<uintptr_t>(addr)), bytes.data(), bytes.size());
  }
  if (is_elf) {
    WriteFakeHeader();  // so memop 4 finds a package name
  }

  tock_channel* ch = Channel();
  ch->magic = TOCK_CHANNEL_MAGIC;
  app_break = kRamAddr + TOCK_HOST_INITIAL_BREAK_BYTES;

  pid_t pid = fork();
  if (pid < 0) {
    error = "fork failed";
    return RunEnd::kLoadError;
  }
  if (pid == 0) {
    // Faults must kill the child (as under tockd), not run a sanitizer's handler inherited
    // from this test process.
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGSYS, SIGTRAP}) {
      ::signal(sig, SIG_DFL);
    }
    mprotect(reinterpret_cast<void*>(static_cast<uintptr_t>(kFlashAddr)), flash_len_,
             PROT_READ | PROT_EXEC);
    mprotect(reinterpret_cast<void*>(static_cast<uintptr_t>(kRamAddr + kRamSize - kGrantSize)),
             kGrantSize, PROT_NONE);
    EnterApp(entry_, app_start, kRamAddr, kRamSize, app_break);
  }
  child_ = pid;

  RunEnd end = RunEnd::kTimeout;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  uint32_t seen = 0;
  while (true) {
    uint32_t seq = __atomic_load_n(&ch->app_seq, __ATOMIC_ACQUIRE);
    if (seq == seen) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) {
        child_ = -1;
        if (WIFSIGNALED(status)) {
          signal = WTERMSIG(status);
          end = RunEnd::kSignaled;
        } else {
          error = "child exited with status " + std::to_string(WEXITSTATUS(status));
          end = RunEnd::kExited;
        }
        break;
      }
      if (std::chrono::steady_clock::now() > deadline) {
        end = RunEnd::kTimeout;
        break;
      }
      sched_yield();
      continue;
    }
    seen = seq;
    uint32_t cls = ch->req.syscall_class;
    uint32_t args[4] = {ch->req.arg[0], ch->req.arg[1], ch->req.arg[2], ch->req.arg[3]};
    ++syscalls;
    trace.push_back("class " + std::to_string(cls) + " " + std::to_string(args[0]) + " " +
                    std::to_string(args[1]) + " " + std::to_string(args[2]));
    Handle(cls, args);
    if (done_) {
      end = exit_requested_ ? RunEnd::kExited : RunEnd::kIdle;
      break;
    }
    if (stop_when && stop_when(*this)) {
      end = RunEnd::kStopped;
      break;
    }
  }
  if (child_ > 0) {
    kill(child_, SIGKILL);
    waitpid(child_, nullptr, 0);
    child_ = -1;
  }
  return end;
}

RunEnd FakeKernel::RunConfined(const std::string& tbf_path, int timeout_ms, bool spin) {
  std::vector<std::pair<uint32_t, std::vector<uint8_t>>> segments;
  bool is_elf = false;
  if (!LoadImage(tbf_path, &segments, &is_elf)) {
    return RunEnd::kLoadError;
  }
  if (is_elf || segments.size() != 1) {
    error = "RunConfined needs a TBF";
    return RunEnd::kLoadError;
  }
  auto memory = hostkernel::AppMemory::Create(kFlashAddr, segments[0].second, kRamAddr, kRamSize);
  if (!memory.ok()) {
    error = std::string{memory.status().message()};
    return RunEnd::kLoadError;
  }
  auto spawned = hostkernel::LinuxProcess::Spawn(
      **memory, {.entry = entry_, .app_start = app_start, .name = package_name_});
  if (!spawned.ok()) {
    error = std::string{spawned.status().message()};
    return RunEnd::kLoadError;
  }
  std::unique_ptr<hostkernel::LinuxProcess> proc = *std::move(spawned);
  proc_ = proc.get();
  app_break = kRamAddr + TOCK_HOST_INITIAL_BREAK_BYTES;

  RunEnd end = RunEnd::kTimeout;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  bool finished = false;
  while (!finished) {
    hostkernel::ChannelRequest req;
    switch (proc->PollRequest(&req)) {
      case hostkernel::LinuxProcess::Poll::kLaunched:
        proc->Start();
        if (spin) {
          proc->BeginSpin();
        }
        continue;
      case hostkernel::LinuxProcess::Poll::kSyscall:
        ++syscalls;
        trace.push_back("class " + std::to_string(req.syscall_class) + " " +
                        std::to_string(req.arg[0]) + " " + std::to_string(req.arg[1]) + " " +
                        std::to_string(req.arg[2]));
        Handle(req.syscall_class, req.arg);
        if (done_) {
          end = exit_requested_ ? RunEnd::kExited : RunEnd::kIdle;
          finished = true;
        } else if (stop_when && stop_when(*this)) {
          end = RunEnd::kStopped;
          finished = true;
        }
        continue;
      case hostkernel::LinuxProcess::Poll::kProtocolViolation:
        trace.push_back("protocol violation, class " + std::to_string(req.syscall_class));
        proc->Kill("protocol violation");
        killed_by_kernel = true;
        end = RunEnd::kViolation;
        finished = true;
        continue;
      case hostkernel::LinuxProcess::Poll::kNone:
        break;
    }
    if (auto info = proc->TryReap()) {
      exit_description = info->Describe();
      signal = info->signal;
      killed_by_kernel = info->cause == hostkernel::ExitInfo::Cause::kKilledByKernel;
      end =
          info->cause == hostkernel::ExitInfo::Cause::kExited ? RunEnd::kExited : RunEnd::kSignaled;
      break;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      break;
    }
    if (spin && proc->launched()) {
      if (proc->listener_fd() >= 0) {
        pollfd nfd = {proc->listener_fd(), POLLIN, 0};
        if (poll(&nfd, 1, 0) > 0) {
          proc->HandleSeccompNotification();
        }
      }
      continue;
    }
    pollfd fds[3] = {
        {proc->eventfd(), POLLIN, 0}, {proc->pidfd(), POLLIN, 0}, {proc->listener_fd(), POLLIN, 0}};
    if (poll(fds, proc->listener_fd() >= 0 ? 3 : 2, static_cast<int>(left.count())) <= 0) {
      continue;
    }
    if (fds[0].revents) {
      proc->DrainEventfd();
    }
    if (proc->listener_fd() >= 0 && fds[2].revents) {
      proc->HandleSeccompNotification();
    }
  }
  proc_ = nullptr;
  proc.reset();  // kills and reaps a child that is still alive
  return end;
}

void FakeKernel::Reply(uint32_t kind, uint32_t r0, uint32_t r1, uint32_t r2, uint32_t r3,
                       uint32_t fn) {
  if (proc_ != nullptr) {
    tock_channel_reply rep{};
    rep.kind = kind;
    rep.r[0] = r0;
    rep.r[1] = r1;
    rep.r[2] = r2;
    rep.r[3] = r3;
    rep.upcall_fn = fn;
    proc_->Reply(rep);  // adds the approved protection change, wakes the app
    return;
  }
  tock_channel* ch = Channel();
  ch->rep.kind = kind;
  ch->rep.r[0] = r0;
  ch->rep.r[1] = r1;
  ch->rep.r[2] = r2;
  ch->rep.r[3] = r3;
  ch->rep.upcall_fn = fn;
  ch->rep.protect_addr = ch->rep.protect_len = ch->rep.protect_prot = 0;
  uint32_t seq = __atomic_load_n(&ch->kernel_seq, __ATOMIC_RELAXED) + 1;
  __atomic_store_n(&ch->kernel_seq, seq, __ATOMIC_SEQ_CST);
  if (__atomic_load_n(&ch->app_waiting, __ATOMIC_SEQ_CST) != 0) {
    syscall(SYS_futex, &ch->kernel_seq, FUTEX_WAKE, 1, nullptr, nullptr, 0);
  }
}

bool FakeKernel::ServeYield() {
  auto [number, arg1] = *pending_yield_;
  while (true) {
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      if (number == 2) {
        if (it->driver == arg1 && it->subscribe == pending_yield_sub_) {
          Upcall u = *it;
          queue_.erase(it);
          pending_yield_.reset();
          Reply(TOCK_REPLY_RETURN, u.args[0], u.args[1], u.args[2]);
          return true;
        }
        continue;
      }
      Slot slot = slots_[{it->driver, it->subscribe}];
      if (slot.fn == 0) {
        continue;
      }
      Upcall u = *it;
      queue_.erase(it);
      if (number == 0 && InRam(arg1, 1)) {
        *Ptr(arg1, 1) = 1;
      }
      pending_yield_.reset();
      Reply(TOCK_REPLY_UPCALL, u.args[0], u.args[1], u.args[2], slot.userdata, slot.fn);
      return true;
    }
    if (number == 0) {
      if (InRam(arg1, 1)) {
        *Ptr(arg1, 1) = 0;
      }
      pending_yield_.reset();
      Reply(TOCK_REPLY_RETURN, 0);
      return true;
    }
    if (!alarm_expiration_) {
      return false;
    }
    // Virtual time: nothing else can happen, so jump to the alarm.
    now_ticks = *alarm_expiration_;
    alarm_expiration_.reset();
    queue_.push_back(
        {0, 0, {static_cast<uint32_t>(now_ticks), static_cast<uint32_t>(now_ticks), 0}});
  }
}

void FakeKernel::Command(const uint32_t a[4]) {
  uint32_t driver = a[0], cmd = a[1], arg0 = a[2];
  switch (driver) {
    case 0:  // alarm
      if (cmd == 0) {
        return Reply(0, kSuccess);
      }
      if (cmd == 1) {
        return Reply(0, kSuccessU32, kAlarmHz);
      }
      if (cmd == 2) {
        return Reply(0, kSuccessU32, static_cast<uint32_t>(now_ticks));
      }
      if (cmd == 3) {
        if (!alarm_expiration_) {
          return Reply(0, kFailure, kAlready);
        }
        alarm_expiration_.reset();
        return Reply(0, kSuccess);
      }
      if (cmd == 5) {
        alarm_expiration_ = now_ticks + arg0;
        return Reply(0, kSuccessU32, static_cast<uint32_t>(*alarm_expiration_));
      }
      return Reply(0, kFailure, kNosupport);
    case 1: {  // console
      if (cmd == 0) {
        return Reply(0, kSuccess);
      }
      if (cmd != 1) {
        return Reply(0, kFailure, kNosupport);
      }
      Buffer b = ro_[{1, 1}];
      uint32_t n = std::min(arg0, b.len);
      const uint8_t* p = Ptr(b.addr, n);
      if (p != nullptr) {
        console.append(reinterpret_cast<const char*>(p), n);
      }
      queue_.push_back({1, 1, {n, 0, 0}});
      return Reply(0, kSuccess);
    }
    case 2:  // LED
      if (cmd == 0) {
        return Reply(0, kSuccessU32, kLedCount);
      }
      if (cmd >= 1 && cmd <= 4) {
        if (arg0 >= kLedCount) {
          return Reply(0, kFailure, kInval);
        }
        if (cmd == 3) {
          ++led_toggles[arg0];
        }
        return cmd == 4 ? Reply(0, kSuccessU32, led_toggles[arg0] & 1) : Reply(0, kSuccess);
      }
      return Reply(0, kFailure, kNosupport);
    case 3:  // button
      if (cmd == 0) {
        return Reply(0, kSuccessU32, kButtonCount);
      }
      if (cmd >= 1 && cmd <= 3) {
        if (arg0 >= kButtonCount) {
          return Reply(0, kFailure, kInval);
        }
        return cmd == 3 ? Reply(0, kSuccessU32, 0) : Reply(0, kSuccess);
      }
      return Reply(0, kFailure, kNosupport);
    case 8:  // low-level debug
      if (cmd <= 3) {
        if (cmd != 0) {
          lldb.push_back({arg0, a[3]});
        }
        return Reply(0, kSuccess);
      }
      return Reply(0, kFailure, kNosupport);
    case 0x40001: {  // RNG
      if (cmd == 0) {
        return Reply(0, kSuccess);
      }
      if (cmd != 1) {
        return Reply(0, kFailure, kNosupport);
      }
      Buffer b = rw_[{0x40001, 0}];
      uint32_t n = std::min(arg0, b.len);
      uint8_t* out = Ptr(b.addr, n);
      for (uint32_t i = 0; out != nullptr && i < n; ++i) {
        rng_state_ = rng_state_ * 1103515245u + 12345u;
        out[i] = static_cast<uint8_t>(rng_state_ >> 16);
      }
      queue_.push_back({0x40001, 0, {0, n, 0}});
      return Reply(0, kSuccess);
    }
    default:
      return Reply(0, kFailure, kNodevice);
  }
}

void FakeKernel::Handle(uint32_t cls, const uint32_t a[4]) {
  auto known = [](uint32_t d) { return d <= 3 || d == 8 || d == 0x40001; };
  switch (cls) {
    case 0:  // yield
      if (a[0] > 2) {
        return Reply(0, kFailure, kNosupport);
      }
      pending_yield_ = {a[0], a[1]};
      pending_yield_sub_ = a[2];
      while (!ServeYield()) {
        if (!(on_idle && on_idle(*this))) {
          done_ = true;
          return;
        }
      }
      return;
    case 1: {  // subscribe
      if (!known(a[0])) {
        return Reply(0, kFailureU32U32, kNodevice, a[2], a[3]);
      }
      Key key{a[0], a[1]};
      Slot old = slots_[key];
      slots_[key] = {a[2], a[3]};
      for (auto it = queue_.begin(); it != queue_.end();) {
        it = (it->driver == a[0] && it->subscribe == a[1]) ? queue_.erase(it) : it + 1;
      }
      return Reply(0, kSuccessU32U32, old.fn, old.userdata);
    }
    case 2:
      return Command(a);
    case 3:
    case 4:
    case 7: {  // allow
      if (!known(a[0])) {
        return Reply(0, kFailureU32U32, kNodevice, a[2], a[3]);
      }
      // Upstream drivers here have no userspace-readable allow slots.
      if (cls == 7) {
        return Reply(0, kFailureU32U32, kNosupport, a[2], a[3]);
      }
      bool ok = a[3] == 0 || InRam(a[2], a[3]) ||
                (cls == 4 && a[2] >= kBinaryStart && a[2] + a[3] <= kFlashAddr + flash_len_);
      if (!ok) {
        return Reply(0, kFailureU32U32, kInval, a[2], a[3]);
      }
      auto& table = cls == 4 ? ro_ : rw_;
      Buffer old = table[{a[0], a[1]}];
      table[{a[0], a[1]}] = {a[2], a[3]};
      return Reply(0, kSuccessU32U32, old.addr, old.len);
    }
    case 5: {  // memop
      memops.push_back({a[0], a[1]});
      uint32_t grant = kRamAddr + kRamSize - kGrantSize;
      switch (a[0]) {
        case 0:
        case 1: {
          uint32_t old = app_break;
          uint32_t target = a[0] == 0 ? a[1] : old + a[1];
          if (target < kRamAddr || target > grant || !ApproveBreak(target)) {
            return Reply(0, kFailure, kNomem);
          }
          app_break = target;
          return a[0] == 0 ? Reply(0, kSuccess) : Reply(0, kSuccessU32, old);
        }
        case 2:
          return Reply(0, kSuccessU32, kRamAddr);
        case 3:
          return Reply(0, kSuccessU32, kRamAddr + kRamSize);
        case 4:
          return Reply(0, kSuccessU32, kFlashAddr);
        case 5:
          return Reply(0, kSuccessU32, kFlashAddr + flash_len_);
        case 6:
          return Reply(0, kSuccessU32, grant);
        case 7:
          return Reply(0, kSuccessU32, 0);
        case 8:
        case 9:
          return Reply(0, kFailure, kFail);
        case 10:
        case 11:
          return Reply(0, kSuccess);
        default:
          return Reply(0, kFailure, kNosupport);
      }
    }
    case 6:  // exit
      if (a[0] > 1) {
        return Reply(0, kFailure, kNosupport);
      }
      exit_code = a[1];
      exit_requested_ = true;
      done_ = true;
      return;
    default:
      return Reply(0, kFailure, kNosupport);
  }
}

}  // namespace tock::apps::testing
