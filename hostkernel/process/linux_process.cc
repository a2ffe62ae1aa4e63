// LinuxProcess: spawning through the embedded launcher, the kernel half of the
// channel protocol, and the mprotect gate.
#include "hostkernel/process/linux_process.h"

#include <fcntl.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <span>
#include <vector>

#include "absl/strings/str_format.h"
#include "hostkernel/abi/tock_launch.h"
#include "hostkernel/launcher/launcher_image.h"
#include "hostkernel/sandbox/app_seccomp_policy.h"
#include "hostkernel/status/status_macros.h"

namespace tock::hostkernel {
namespace {

// glibc 2.36's <sys/pidfd.h> lacks extern "C", so call the kernel directly.
int PidfdOpen(pid_t pid) { return static_cast<int>(syscall(SYS_pidfd_open, pid, 0)); }

// Up to 3 bytes of app flash at `rip` from tockd's own view (the instruction a fault names);
// empty when rip is not in flash.
std::span<const uint8_t> CodeAt(const AppMemory& memory, uint64_t rip) {
  for (uint32_t len = 3; len >= 2; --len) {
    if (rip <= UINT32_MAX - len) {
      if (const uint8_t* p = memory.FlashPointer(static_cast<uint32_t>(rip), len); p != nullptr) {
        return {p, len};
      }
    }
  }
  return {};
}
int PidfdGetfd(int pidfd, int fd) {
  return static_cast<int>(syscall(SYS_pidfd_getfd, pidfd, fd, 0));
}
int PidfdSignal(int pidfd, int sig) {
  return static_cast<int>(syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, 0));
}

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif

// The launcher image in an executable, sealed memfd, created once. A spawn moves it
// to fd kExecFdInChild in the child and execs /proc/self/fd/8 from there, so its
// own number here can be anything (it used to sit at >= 64, which made every
// spawn need RLIMIT_NOFILE >= 70).
absl::StatusOr<int> LauncherExecFd() {
  static std::once_flag once;
  static absl::StatusOr<int>* result = nullptr;
  std::call_once(once, [] {
    result = new absl::StatusOr<int>([]() -> absl::StatusOr<int> {
      int fd = memfd_create("tock-launcher", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
      if (fd < 0 && errno == EINVAL) {
        fd = memfd_create("tock-launcher", MFD_CLOEXEC | MFD_ALLOW_SEALING);
      }
      if (fd < 0) {
        return absl::ErrnoToStatus(errno, "memfd_create launcher");
      }
      UniqueFd owner(fd);
      std::span<const unsigned char> image = LauncherImage();
      if (pwrite(fd, image.data(), image.size(), 0) != static_cast<ssize_t>(image.size())) {
        return absl::ErrnoToStatus(errno, "write launcher");
      }
      fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL);
      return owner.Release();
    }());
  });
  return *result;
}

absl::Status Errno(const char* what) { return absl::ErrnoToStatus(errno, what); }

// Where the launcher image sits in the child while it is exec'd (closed by the launcher).
constexpr int kExecFdInChild = 8;

}  // namespace

std::array<int, kSpawnFds> SpawnTemporaryFds(const std::array<int, kSpawnFds>& sources) {
  // The smallest numbers above every fixed target that are not a source: at most
  // kSpawnFdCeiling - 1 (9 + 6 + 6 - 1 = 20), so a spawn needs RLIMIT_NOFILE >= 21 at most.
  std::array<int, kSpawnFds> temps{};
  int next = 3 + static_cast<int>(kSpawnFds);
  for (int& t : temps) {
    while (std::find(sources.begin(), sources.end(), next) != sources.end()) {
      ++next;
    }
    t = next++;
  }
  return temps;
}

namespace {

class SpawnAttrs {
 public:
  SpawnAttrs() {
    posix_spawnattr_init(&attr_);
    posix_spawn_file_actions_init(&actions_);
  }
  ~SpawnAttrs() {
    posix_spawnattr_destroy(&attr_);
    posix_spawn_file_actions_destroy(&actions_);
  }
  posix_spawnattr_t attr_;
  posix_spawn_file_actions_t actions_;
};

// The channel page, then the IPC window (tock_channel.h), in one memfd that tockd maps too;
// its pages are only allocated once used.
absl::Status CreateChannel(UniqueFd& fd, Mapping& map) {
  constexpr size_t kBytes = kHostPageSize + TOCK_HOST_IPC_WINDOW_BYTES;
  fd.Reset(memfd_create("tock-channel", MFD_CLOEXEC));
  if (!fd) {
    return Errno("memfd_create channel");
  }
  if (ftruncate(fd.get(), kBytes) != 0) {
    return Errno("ftruncate channel");
  }
  void* ch = mmap(nullptr, kBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
  if (ch == MAP_FAILED) {
    return Errno("mmap channel");
  }
  map = Mapping(ch, kBytes);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<LinuxProcess>> LinuxProcess::Spawn(AppMemory& memory,
                                                                  const LaunchSpec& spec) {
  absl::StatusOr<int> exec_fd = LauncherExecFd();
  TOCKPP_RETURN_IF_ERROR(exec_fd.status());
  absl::StatusOr<std::span<const sock_filter>> bpf = AppSeccompFilter();
  TOCKPP_RETURN_IF_ERROR(bpf.status());

  tock_launch_params params{};
  params.magic = TOCK_LAUNCH_MAGIC;
  params.version = TOCK_LAUNCH_VERSION;
  params.flash_map_addr = memory.flash_map_addr();
  params.flash_map_len = memory.flash_map_len();
  params.ram_addr = memory.ram_addr();
  params.ram_len = memory.ram_size();
  params.entry = spec.entry;
  params.app_start = spec.app_start;
  params.memory_start = spec.memory_start ? spec.memory_start : memory.ram_addr();
  params.memory_len = spec.memory_len ? spec.memory_len : memory.ram_size();
  params.app_break =
      spec.app_break ? spec.app_break : memory.ram_addr() + TOCK_HOST_INITIAL_BREAK_BYTES;
  params.initial_sp = params.app_break;
  params.bpf_insn_count = static_cast<uint32_t>(bpf->size());
  const std::string& name = spec.name.empty() ? std::string("tock-app") : spec.name;
  std::memcpy(params.name, name.data(), std::min(name.size(), sizeof(params.name) - 1));
  if (params.app_break <= memory.ram_addr() ||
      params.app_break > memory.ram_addr() + memory.ram_size()) {
    return absl::InvalidArgumentError("initial app break outside RAM");
  }
  params.ram_rw_len = PageCeil(params.app_break) - memory.ram_addr();

  std::unique_ptr<LinuxProcess> p(new LinuxProcess());
  p->memory_ = &memory;
  p->accessible_end_ = p->reachable_end_ = memory.ram_addr() + params.ram_rw_len;

  // Launch block + BPF.
  UniqueFd launch(memfd_create("tock-launch", MFD_CLOEXEC));
  if (!launch) {
    return Errno("memfd_create launch");
  }
  std::vector<uint8_t> block(sizeof(params) + bpf->size_bytes());
  std::memcpy(block.data(), &params, sizeof(params));
  std::memcpy(block.data() + sizeof(params), bpf->data(), bpf->size_bytes());
  if (pwrite(launch.get(), block.data(), block.size(), 0) != static_cast<ssize_t>(block.size())) {
    return Errno("write launch block");
  }

  // Channel page, initialised before the child can see it.
  UniqueFd channel;
  TOCKPP_RETURN_IF_ERROR(CreateChannel(channel, p->channel_map_));
  p->channel()->magic = TOCK_CHANNEL_MAGIC;
  p->channel()->kernel_waiting = 1;
  p->SetAppSpin(spec.app_spin_kernel_spinning, spec.app_spin_kernel_blocked);
  p->yield_spin_ = YieldSpinBudget(spec.app_yield_checks);
  p->channel()->spin_blocking_yield_checks = p->yield_spin_.checks();

  p->eventfd_.Reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!p->eventfd_) {
    return Errno("eventfd");
  }

  // The child's fds 3..7 (tock_launch.h) and the launcher image at kExecFdInChild: each source
  // goes first to a free temporary number, then onto its fixed number, so no dup2 clobbers a
  // source not yet moved and none is dup2(x, x) (which would keep CLOEXEC).
  const std::array<int, kSpawnFds> sources = {p->eventfd_.get(), launch.get(),  memory.flash_fd(),
                                              memory.ram_fd(),   channel.get(), *exec_fd};
  static_assert(TOCK_CHANNEL_EVENTFD == 3 && TOCK_LAUNCH_FD_LAUNCH == 4 &&
                TOCK_LAUNCH_FD_FLASH == 5 && TOCK_LAUNCH_FD_RAM == 6 &&
                TOCK_LAUNCH_FD_CHANNEL == 7 && kExecFdInChild == 8);
  const std::array<int, kSpawnFds> temps = SpawnTemporaryFds(sources);
  SpawnAttrs sa;
  for (size_t i = 0; i < kSpawnFds; ++i) {
    if (int rc = posix_spawn_file_actions_adddup2(&sa.actions_, sources[i], temps[i]); rc != 0) {
      return absl::ErrnoToStatus(rc, absl::StrFormat("posix_spawn: fd %d for the child", temps[i]));
    }
  }
  for (size_t i = 0; i < kSpawnFds; ++i) {
    const int target = 3 + static_cast<int>(i);
    if (int rc = posix_spawn_file_actions_adddup2(&sa.actions_, temps[i], target); rc != 0) {
      return absl::ErrnoToStatus(rc, absl::StrFormat("posix_spawn: fd %d for the child", target));
    }
  }
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&sa.attr_, &none);
  posix_spawnattr_setsigdefault(&sa.attr_, &all);
  // Own process group: a terminal's Ctrl-C goes to tockd, not straight to apps.
  posix_spawnattr_setpgroup(&sa.attr_, 0);
  posix_spawnattr_setflags(&sa.attr_,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
  const std::string path = absl::StrFormat("/proc/self/fd/%d", kExecFdInChild);
  char arg0[] = "tock-app";
  char arg1[] = "debug";  // hostkernel/launcher/launcher.c
  char* argv[] = {arg0, spec.debug ? arg1 : nullptr, nullptr};
  char* envp[] = {nullptr};
  pid_t pid = -1;
  if (int rc = posix_spawn(&pid, path.c_str(), &sa.actions_, &sa.attr_, argv, envp); rc != 0) {
    return absl::ErrnoToStatus(rc, "posix_spawn launcher");
  }
  p->pid_ = pid;
  p->debugged_ = spec.debug;
  p->pidfd_.Reset(PidfdOpen(pid));
  if (!p->pidfd_) {
    absl::Status s = Errno("pidfd_open");
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    (void)p->state_.Apply(ChildEvent::kExit);
    return s;
  }
  return p;
}

LinuxProcess::~LinuxProcess() {
  if (pid_ > 0 && !reaped()) {
    PidfdSignal(pidfd_.get(), SIGKILL);
    siginfo_t si;
    waitid(P_PIDFD, pidfd_.get(), &si, WEXITED);
  }
}

void LinuxProcess::DrainEventfd() {
  uint64_t v;
  (void)!read(eventfd_.get(), &v, sizeof(v));
}

LinuxProcess::Poll LinuxProcess::PollRequest(ChannelRequest* out) {
  tock_channel* ch = channel();
  const uint32_t seq = __atomic_load_n(&ch->app_seq, __ATOMIC_ACQUIRE);
  if (seq == seen_app_seq_) {
    return Poll::kNone;
  }
  seen_app_seq_ = seq;
  // The only read of the untrusted request; everything below uses the copy.
  const volatile tock_channel_request* vreq = &ch->req;
  ChannelRequest r;
  r.syscall_class = vreq->syscall_class;
  for (int i = 0; i < 4; ++i) {
    r.arg[i] = vreq->arg[i];
  }
  r.stack_pointer = vreq->stack_pointer;
  if (out != nullptr) {
    *out = r;
  }

  if (state_.phase() == ChildPhase::kSpawning) {
    if (r.syscall_class != TOCK_LAUNCH_READY) {
      return Poll::kProtocolViolation;
    }
    listener_.Reset(PidfdGetfd(pidfd_.get(), static_cast<int>(r.arg[0])));
    if (!listener_ || !state_.Apply(ChildEvent::kHandshake)) {
      return Poll::kProtocolViolation;
    }
    host_time_ = HostTimeHiding::FromHandshake(r.arg[1], r.arg[2], r.arg[3]);
    return Poll::kLaunched;
  }
  // A second request while one is pending (or anything after the end) is refused by the table.
  if (r.syscall_class > 7 || !state_.Apply(ChildEvent::kRequest)) {
    return Poll::kProtocolViolation;
  }
  // Yield-Wait (1) and Yield-WaitFor (2) block: the answer tells whether spinning paid.
  answering_blocking_yield_ = r.syscall_class == 0 && (r.arg[0] == 1 || r.arg[0] == 2);
  return Poll::kSyscall;
}

void LinuxProcess::Start() { Reply(tock_channel_reply{}); }

void LinuxProcess::Reply(const tock_channel_reply& rep) {
  if (!state_.Apply(ChildEvent::kAnswer)) {
    return;
  }
  volatile tock_channel_reply* vrep = &channel()->rep;
  vrep->kind = rep.kind;
  for (int i = 0; i < 4; ++i) {
    vrep->r[i] = rep.r[i];
  }
  vrep->upcall_fn = rep.upcall_fn;
  vrep->protect_addr = reply_protect_.addr;
  vrep->protect_len = reply_protect_.len;
  vrep->protect_prot = reply_protect_.prot;
  reply_protect_ = {};
  WakeApp();
}

void LinuxProcess::WakeApp() {
  tock_channel* ch = channel();
  // kernel_seq lives in app-writable memory; only ever move it forward from
  // what the app currently sees so a tampering app just confuses itself.
  const uint32_t next = __atomic_load_n(&ch->kernel_seq, __ATOMIC_RELAXED) + 1;
  __atomic_store_n(&ch->kernel_seq, next, __ATOMIC_SEQ_CST);
  const bool asleep = __atomic_load_n(&ch->app_waiting, __ATOMIC_SEQ_CST) != 0;
  if (asleep) {
    syscall(SYS_futex, &ch->kernel_seq, FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
  }
  if (answering_blocking_yield_) {
    answering_blocking_yield_ = false;
    yield_spin_.Answered(asleep);
    __atomic_store_n(&ch->spin_blocking_yield_checks, yield_spin_.checks(), __ATOMIC_RELAXED);
  }
}

void LinuxProcess::BeginSpin() {
  __atomic_store_n(&channel()->kernel_waiting, 0, __ATOMIC_RELAXED);
}

void LinuxProcess::EndSpin() { __atomic_store_n(&channel()->kernel_waiting, 1, __ATOMIC_SEQ_CST); }

void LinuxProcess::SetAppSpin(uint32_t kernel_spinning, uint32_t kernel_blocked) {
  __atomic_store_n(&channel()->spin_kernel_spinning, kernel_spinning, __ATOMIC_RELAXED);
  __atomic_store_n(&channel()->spin_kernel_blocked, kernel_blocked, __ATOMIC_RELAXED);
}

void LinuxProcess::Signal(int sig) { PidfdSignal(pidfd_.get(), sig); }

void LinuxProcess::Stop() {
  if (reaped()) {
    return;
  }
  EndSpin();
  if (state_.Apply(ChildEvent::kKernelStop) && !debugged_) {
    Signal(SIGSTOP);
    stop_signalled_ = true;
  }
}

void LinuxProcess::Continue() {
  if (state_.Apply(ChildEvent::kKernelContinue) && stop_signalled_) {
    stop_signalled_ = false;
    Signal(SIGCONT);
  }
}

void LinuxProcess::set_debugged(bool debugged) {
  debugged_ = debugged;
  if (debugged_ && stop_signalled_ && !reaped()) {
    stop_signalled_ = false;
    Signal(SIGCONT);
  }
}

bool LinuxProcess::traced() const {
  if (reaped()) {
    return false;
  }
  char path[64];
  std::snprintf(path, sizeof(path), "/proc/%d/status", static_cast<int>(pid_));
  UniqueFd fd(open(path, O_RDONLY | O_CLOEXEC));
  if (!fd) {
    return false;
  }
  char buf[4096];
  const ssize_t n = read(fd.get(), buf, sizeof(buf) - 1);
  if (n <= 0) {
    return false;
  }
  buf[n] = '\0';
  const char* line = std::strstr(buf, "\nTracerPid:");
  return line != nullptr && std::strtol(line + 12, nullptr, 10) != 0;
}

std::optional<uint64_t> LinuxProcess::CpuTimeNs() const {
  if (reaped()) {
    return std::nullopt;
  }
  clockid_t cid;
  timespec ts;
  if (clock_getcpuclockid(pid_, &cid) != 0 || clock_gettime(cid, &ts) != 0) {
    return std::nullopt;
  }
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(ts.tv_nsec);
}

bool LinuxProcess::WantsCpu() const {
  if (reaped()) {
    return false;
  }
  char path[64];
  std::snprintf(path, sizeof(path), "/proc/%d/stat", static_cast<int>(pid_));
  UniqueFd fd(open(path, O_RDONLY | O_CLOEXEC));
  if (!fd) {
    return false;
  }
  char buf[512];
  const ssize_t n = read(fd.get(), buf, sizeof(buf) - 1);
  if (n <= 0) {
    return false;
  }
  buf[n] = '\0';
  // "pid (comm) S ...": the comm may hold anything, so the state follows the last ')'. R is
  // running or runnable; D is an uninterruptible wait inside the app's own execution (a page
  // fault being served under memory pressure), not a sleep the app chose.
  const char* close_paren = std::strrchr(buf, ')');
  return close_paren != nullptr && close_paren[1] == ' ' &&
         (close_paren[2] == 'R' || close_paren[2] == 'D');
}

StopChange LinuxProcess::PollStopChange() {
  if (reaped()) {
    return StopChange::kNone;
  }
  siginfo_t si{};
  if (waitid(P_PIDFD, pidfd_.get(), &si, WSTOPPED | WCONTINUED | WNOHANG) != 0 || si.si_pid == 0) {
    return StopChange::kNone;
  }
  // Only a SIGSTOP tockd really sent can explain a report (a debugged child gets none).
  const bool own_stop = state_.stopped_by_kernel() && stop_signalled_;
  if (si.si_code == CLD_STOPPED) {
    // A stop while tockd's own is in effect cannot be told apart from it: counted as tockd's.
    if (!own_stop && state_.Apply(ChildEvent::kStoppedOutside)) {
      return StopChange::kStoppedFromOutside;
    }
    return StopChange::kNone;
  }
  if (si.si_code == CLD_CONTINUED) {
    if (state_.Apply(ChildEvent::kContinuedOutside)) {
      if (own_stop) {
        Signal(SIGSTOP);
      }
      return StopChange::kContinuedFromOutside;
    }
    if (own_stop) {
      // Continued while preempted: by someone else, or a late report of tockd's own last
      // SIGCONT. Stopping again is right either way (a stop on a stopped child is a no-op).
      Signal(SIGSTOP);
      return StopChange::kPreemptionRestored;
    }
  }
  return StopChange::kNone;
}

absl::Status LinuxProcess::WaitUntilStopped() {
  siginfo_t si{};
  if (waitid(P_PIDFD, pidfd_.get(), &si, WSTOPPED | WEXITED | WNOWAIT) != 0) {
    return Errno("waitid");
  }
  if (si.si_code != CLD_STOPPED) {
    return absl::FailedPreconditionError("child exited");
  }
  siginfo_t consume{};
  waitid(P_PIDFD, pidfd_.get(), &consume, WSTOPPED | WNOHANG);
  return absl::OkStatus();
}

absl::StatusOr<ProtectionChange> LinuxProcess::ApproveBreak(uint32_t new_break) {
  const uint32_t start = memory_->ram_addr();
  const uint32_t end = start + memory_->ram_size();
  if (new_break < start || new_break > end) {
    return absl::InvalidArgumentError(absl::StrFormat("break 0x%x outside RAM", new_break));
  }
  const uint32_t new_end = std::max(PageCeil(new_break), start);
  ProtectionChange c;
  if (new_end > accessible_end_) {
    c = {accessible_end_, new_end - accessible_end_, PROT_READ | PROT_WRITE};
    std::memset(memory_->RamPointer(accessible_end_, c.len), 0, c.len);
    reachable_end_ = std::max(reachable_end_, new_end);
  } else if (new_end < accessible_end_) {
    // reachable_end_ only drops once the child really made this call.
    c = {new_end, accessible_end_ - new_end, PROT_NONE};
  }
  accessible_end_ = new_end;
  pending_ = c;
  reply_protect_ = c;
  return c;
}

LinuxProcess::Notification LinuxProcess::HandleSeccompNotification() {
  if (!listener_) {
    return Notification::kNone;
  }
  pollfd pfd{listener_.get(), POLLIN, 0};
  if (poll(&pfd, 1, 0) <= 0 || (pfd.revents & POLLIN) == 0) {
    return Notification::kNone;
  }
  seccomp_notif n;
  std::memset(&n, 0, sizeof(n));
  if (ioctl(listener_.get(), SECCOMP_IOCTL_NOTIF_RECV, &n) != 0) {
    return Notification::kNone;
  }
  seccomp_notif_resp resp;
  std::memset(&resp, 0, sizeof(resp));
  resp.id = n.id;
  // The arguments are plain integers, so checking them here has no TOCTOU gap.
  const bool approved = n.pid == static_cast<uint32_t>(pid_) && n.data.arch == kAuditArchAmd64 &&
                        n.data.nr == static_cast<int>(kLinuxSysMprotect) && pending_.len != 0 &&
                        n.data.args[0] == pending_.addr && n.data.args[1] == pending_.len &&
                        n.data.args[2] == pending_.prot;
  if (approved) {
    resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
    if (pending_.prot == PROT_NONE && pending_.addr + pending_.len >= reachable_end_) {
      // The child cannot run another instruction before this mprotect is done.
      reachable_end_ = std::min(reachable_end_, pending_.addr);
    }
    pending_ = {};
    ioctl(listener_.get(), SECCOMP_IOCTL_NOTIF_SEND, &resp);
    return Notification::kApproved;
  }
  Kill(absl::StrFormat("mprotect not approved by the kernel (0x%x, 0x%x, %u)",
                       static_cast<uint32_t>(n.data.args[0]), static_cast<uint32_t>(n.data.args[1]),
                       static_cast<uint32_t>(n.data.args[2])));
  resp.error = -EPERM;
  ioctl(listener_.get(), SECCOMP_IOCTL_NOTIF_SEND, &resp);
  return Notification::kRejected;
}

void LinuxProcess::Kill(std::string reason) {
  if (reaped()) {
    return;
  }
  if (kill_reason_.empty()) {
    kill_reason_ = std::move(reason);
  }
  PidfdSignal(pidfd_.get(), SIGKILL);
}

std::optional<ExitInfo> LinuxProcess::TryReap() {
  if (reaped()) {
    return std::nullopt;
  }
  siginfo_t si{};
  if (waitid(P_PIDFD, pidfd_.get(), &si, WEXITED | WNOHANG) != 0 || si.si_pid == 0) {
    return std::nullopt;
  }
  ExitInfo exit = MakeExitInfo(si.si_code, si.si_status);
  (void)state_.Apply(ChildEvent::kExit);
  return exit;
}

ExitInfo LinuxProcess::WaitExit() {
  if (reaped()) {
    return ExitInfo{};
  }
  siginfo_t si{};
  while (waitid(P_PIDFD, pidfd_.get(), &si, WEXITED) != 0 && errno == EINTR) {
  }
  ExitInfo exit = MakeExitInfo(si.si_code, si.si_status);
  (void)state_.Apply(ChildEvent::kExit);
  return exit;
}

ExitInfo LinuxProcess::MakeExitInfo(int code, int status) const {
  ExitInfo e;
  if (code == CLD_EXITED) {
    e.exit_code = status;
    e.cause = (!state_.launched() && status >= TOCK_LAUNCH_EXIT_BAD_PARAMS &&
               status <= TOCK_LAUNCH_EXIT_SECCOMP)
                  ? ExitInfo::Cause::kLaunchFailed
                  : ExitInfo::Cause::kExited;
  } else {
    e.signal = status;
    e.core_dumped = code == CLD_DUMPED;
    e.cause = ExitInfo::Cause::kSignaled;
  }
  if (!kill_reason_.empty()) {
    e.cause = ExitInfo::Cause::kKilledByKernel;
    e.kernel_reason = kill_reason_;
  }
  tock_fault_info f;
  std::memcpy(&f, const_cast<const tock_fault_info*>(&channel()->fault), sizeof(f));
  // The record lives in the channel page, which the app can write: it is kept only when it
  // names the signal Linux says killed the child, so an app cannot dress up an exit or a kill
  // by the kernel as some other fault. (Within that signal the details remain the app's word.)
  if (f.valid == 1 && e.cause == ExitInfo::Cause::kSignaled &&
      f.signo == static_cast<uint32_t>(e.signal)) {
    e.fault = f;
    e.host_state = HostStateFault(f, CodeAt(*memory_, f.rip), host_time_);
  }
  return e;
}

}  // namespace tock::hostkernel
