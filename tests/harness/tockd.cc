// Spawns tockd, drains its stdout/stderr/watch socket on one reader thread (poll loop), and
// implements the harness waits on a condition variable fed by that thread.
#include "tests/harness/tockd.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "hostkernel/status/status_macros.h"
#include "tests/harness/data_path.h"

namespace tock::harness {
namespace {

constexpr const char* kStreamNames[] = {"console", "log", "events"};
constexpr size_t kConsoleTail = 2000;
constexpr size_t kLogTail = 6000;

absl::Status Errno(std::string_view what) {
  return absl::InternalError(
      absl::StrCat(absl::string_view(what.data(), what.size()), ": ", strerror(errno)));
}

std::string Tail(const std::string& text, size_t max) {
  if (text.size() <= max) {
    return text;
  }
  return "[... " + std::to_string(text.size() - max) + " bytes ...]" +
         text.substr(text.size() - max);
}

std::string ReadSmallFile(const std::string& path) {
  std::ifstream file(path);
  return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

std::vector<std::string> DirectoryEntries(const std::string& path) {
  std::vector<std::string> names;
  DIR* dir = opendir(path.c_str());
  if (dir == nullptr) {
    return names;
  }
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') {
      names.push_back(e->d_name);
    }
  }
  closedir(dir);
  return names;
}

// The children of `parent` from /proc/PARENT/task/*/children; nullopt if the kernel has no
// such files (CONFIG_PROC_CHILDREN off).
std::optional<std::vector<pid_t>> ChildrenFromTasks(pid_t parent) {
  const std::string tasks = absl::StrCat("/proc/", parent, "/task");
  std::vector<pid_t> children;
  bool any_file = false;
  for (const std::string& task : DirectoryEntries(tasks)) {
    std::ifstream file(absl::StrCat(tasks, "/", task, "/children"));
    if (!file) {
      continue;
    }
    any_file = true;
    pid_t pid;
    while (file >> pid) {
      children.push_back(pid);
    }
  }
  if (!any_file) {
    return std::nullopt;
  }
  return children;
}

// The children of `parent` by their PPid in /proc/*/stat.
std::vector<pid_t> ChildrenFromStat(pid_t parent) {
  std::vector<pid_t> children;
  for (const std::string& entry : DirectoryEntries("/proc")) {
    pid_t pid;
    if (!absl::SimpleAtoi(entry, &pid)) {
      continue;
    }
    // "PID (COMM) STATE PPID ...": COMM may hold spaces and parentheses; the last ')' ends it.
    const std::string stat = ReadSmallFile(absl::StrCat("/proc/", entry, "/stat"));
    const size_t close = stat.rfind(')');
    if (close == std::string::npos) {
      continue;
    }
    std::vector<absl::string_view> fields =
        absl::StrSplit(absl::string_view(stat).substr(close + 1), ' ', absl::SkipEmpty());
    pid_t ppid;
    if (fields.size() > 1 && absl::SimpleAtoi(fields[1], &ppid) && ppid == parent) {
      children.push_back(pid);
    }
  }
  return children;
}

// `name` on $PATH (qemu-system-arm, python3), or "" if not found.
std::string FindInPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  for (absl::string_view dir :
       absl::StrSplit(path != nullptr ? path : "/usr/bin:/bin", ':', absl::SkipEmpty())) {
    std::string candidate = absl::StrCat(dir, "/", name);
    if (access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return "";
}

// Runs argv to completion with stdout and stderr into `output_file`; the exit status.
absl::StatusOr<ExitStatus> RunTool(const std::vector<std::string>& args,
                                   const std::string& output_file) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const std::string& a : args) {
    argv.push_back(const_cast<char*>(a.c_str()));
  }
  argv.push_back(nullptr);
  UniqueFd out(open(output_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (!out.valid()) {
    return Errno("open " + output_file);
  }
  pid_t pid = fork();
  if (pid < 0) {
    return Errno("fork");
  }
  if (pid == 0) {
    if (dup2(out.get(), 1) < 0 || dup2(out.get(), 2) < 0) {
      _exit(127);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return Errno("waitpid");
    }
  }
  return ExitStatus::FromWaitStatus(status);
}

// "[led] LED1 on" (a QEMU board kernel line, without "\r\n") -> "led 1 on"; "" otherwise.
std::string LedEventOfKernelLine(std::string_view line) {
  constexpr std::string_view kPrefix = "[led] LED";
  if (line.substr(0, kPrefix.size()) != kPrefix) {
    return "";
  }
  line.remove_prefix(kPrefix.size());
  size_t space = line.find(' ');
  int index;
  if (space == std::string_view::npos ||
      !absl::SimpleAtoi(absl::string_view(line.data(), space), &index)) {
    return "";
  }
  std::string_view state = line.substr(space + 1);
  if (state != "on" && state != "off") {
    return "";
  }
  return absl::StrCat("led ", index, " ", absl::string_view(state.data(), state.size()));
}

std::chrono::steady_clock::time_point SteadyDeadline(absl::Duration timeout) {
  return std::chrono::steady_clock::now() + absl::ToChronoNanoseconds(timeout);
}

}  // namespace

Tockd::Tockd(TockdOptions options) : options_(std::move(options)) {}

absl::StatusOr<std::unique_ptr<Tockd>> Tockd::Start(TockdOptions options) {
  std::unique_ptr<Tockd> tockd(new Tockd(std::move(options)));
  if (absl::Status s = tockd->Spawn(); !s.ok()) {
    return s;
  }
  if (tockd->qemu()) {
    if (absl::Status s = tockd->WaitForBoot(); !s.ok()) {
      tockd->Stop();
      return s;
    }
    return tockd;
  }
  if (tockd->options_.control) {
    absl::Status s = tockd->ConnectControl(absl::Now() + tockd->options_.default_timeout);
    if (!s.ok()) {
      tockd->Stop();
      return absl::Status(s.code(), absl::StrCat(s.message(), "\n", tockd->Log()));
    }
  }
  return tockd;
}

absl::Status Tockd::Spawn() {
  UniqueFd uart1_child;  // QEMU: the board's end of UART1, inherited by qemu
  if (qemu()) {
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
      return Errno("socketpair");
    }
    uart1_.Reset(pair[0]);
    uart1_child.Reset(pair[1]);
    if (absl::Status s = QemuCommandLine(uart1_child.get()); !s.ok()) {
      return s;
    }
  } else if (absl::Status s = TockdCommandLine(); !s.ok()) {
    return s;
  }
  return Fork(uart1_child);
}

absl::Status Tockd::MakeTempDir() {
  if (!temp_dir_.empty()) {
    return absl::OkStatus();
  }
  char dir[] = "/tmp/tockd-harness-XXXXXX";  // short: sun_path holds 108 bytes
  if (mkdtemp(dir) == nullptr) {
    return Errno("mkdtemp");
  }
  temp_dir_ = dir;
  return absl::OkStatus();
}

void Tockd::KeepRecording() const {
  std::string kept = record_path_;
  const char* outputs = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR");
  if (outputs != nullptr && *outputs != '\0') {
    static int kept_count = 0;
    kept = absl::StrCat(outputs, "/tockd-", getpid(), "-", ++kept_count, ".record");
    std::ifstream in(record_path_, std::ios::binary);
    std::ofstream out(kept, std::ios::binary);
    out << in.rdbuf();
    if (!out) {
      std::fprintf(stderr, "[tockd harness] cannot keep the recording as %s\n", kept.c_str());
      return;
    }
  }
  // Absolute paths: the command must work from anywhere while the runfiles exist.
  auto absolute = [](const std::string& path) {
    char buf[PATH_MAX];
    return realpath(path.c_str(), buf) != nullptr ? std::string(buf) : path;
  };
  std::string apps;
  for (const std::string& app : options_.apps) {
    if (absl::StatusOr<std::string> path = DataPath(app); path.ok()) {
      absl::StrAppend(&apps, " ", absolute(*path));
    }
  }
  const std::string tockd = absolute(argv_[0]);
  std::string where;
  if (const char* target = std::getenv("TEST_TARGET"); outputs != nullptr && target != nullptr) {
    std::string t = absl::StrReplaceAll(absl::StripPrefix(target, "//"), {{":", "/"}});
    where = absl::StrCat(" (after the test: bazel-testlogs/", t,
                         "/test.outputs/, or inside its outputs.zip)");
  }
  std::fprintf(stderr,
               "[tockd harness] the test failed; tockd's inputs are recorded in %s%s\n"
               "[tockd harness] replay with a trace: %s --replay=%s --trace=replay.jsonl%s\n"
               "[tockd harness] replay under gdb:    gdb --args %s --replay=%s%s\n",
               kept.c_str(), where.c_str(), tockd.c_str(), kept.c_str(), apps.c_str(),
               tockd.c_str(), kept.c_str(), apps.c_str());
}

absl::Status Tockd::TockdCommandLine() {
  const TockdOptions& o = options_;
  absl::StatusOr<std::string> tockd = o.tockd_path.empty() ? TockdPath() : DataPath(o.tockd_path);
  TOCKPP_RETURN_IF_ERROR(tockd.status());
  argv_ = {*tockd};
  if (!o.replay.empty()) {
    // The recording decides the rest; what is given here must match it.
    argv_.push_back("--replay=" + o.replay);
    if (!o.log_level.empty()) {
      argv_.push_back("--log-level=" + o.log_level);
    }
    if (o.trace) {
      TOCKPP_RETURN_IF_ERROR(MakeTempDir());
      trace_path_ = temp_dir_ + "/trace.jsonl";
      argv_.push_back("--trace=" + trace_path_);
    }
    argv_.insert(argv_.end(), o.flags.begin(), o.flags.end());
    for (const std::string& app : o.apps) {
      absl::StatusOr<std::string> path = DataPath(app);
      TOCKPP_RETURN_IF_ERROR(path.status());
      argv_.push_back(*path);
    }
    return absl::OkStatus();
  }
  if (o.exit_when_done) {
    argv_.push_back("--exit-when-done");
  }
  if (!o.log_level.empty()) {
    argv_.push_back("--log-level=" + o.log_level);
  }
  if (o.time == TimeMode::kVirtual) {
    argv_.push_back("--time=virtual");
  }
  if (!o.process_console.empty()) {
    argv_.push_back("--process-console=" + o.process_console);
  }
  if (o.control || o.trace || o.record) {
    TOCKPP_RETURN_IF_ERROR(MakeTempDir());
  }
  if (o.record) {
    record_path_ = temp_dir_ + "/run.record";
    argv_.push_back("--record=" + record_path_);
  }
  if (o.trace) {
    trace_path_ = temp_dir_ + "/trace.jsonl";
    argv_.push_back("--trace=" + trace_path_);
  }
  if (o.control) {
    control_path_ = temp_dir_ + "/control.sock";
    argv_.push_back("--control=unix:" + control_path_);
    inotify_.Reset(inotify_init1(IN_CLOEXEC | IN_NONBLOCK));
    if (!inotify_.valid() ||
        inotify_add_watch(inotify_.get(), temp_dir_.c_str(), IN_CREATE | IN_MOVED_TO) < 0) {
      return Errno("inotify");
    }
  }
  argv_.insert(argv_.end(), o.flags.begin(), o.flags.end());
  for (const std::string& app : o.apps) {
    absl::StatusOr<std::string> path = DataPath(app);
    TOCKPP_RETURN_IF_ERROR(path.status());
    argv_.push_back(*path);
  }
  return absl::OkStatus();
}

absl::Status Tockd::Fork(const UniqueFd& keep) {
  int in_pair[2], out_pipe[2], err_pipe[2], exec_pipe[2];
  // stdin is a socket so writes after tockd exits fail with EPIPE instead of raising SIGPIPE.
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_pair) != 0) {
    return Errno("socketpair");
  }
  UniqueFd in_child(in_pair[1]);
  stdin_.Reset(in_pair[0]);
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    return Errno("pipe");
  }
  UniqueFd out_child(out_pipe[1]);
  stdout_.Reset(out_pipe[0]);
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    return Errno("pipe");
  }
  UniqueFd err_child(err_pipe[1]);
  stderr_.Reset(err_pipe[0]);
  if (pipe2(exec_pipe, O_CLOEXEC) != 0) {
    return Errno("pipe");
  }
  UniqueFd exec_read(exec_pipe[0]);
  UniqueFd exec_write(exec_pipe[1]);
  wake_.Reset(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!wake_.valid()) {
    return Errno("eventfd");
  }

  std::vector<char*> argv;
  for (std::string& a : argv_) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  const pid_t parent = getpid();

  pid_t pid = fork();
  if (pid < 0) {
    return Errno("fork");
  }
  if (pid == 0) {
    // Child: async-signal-safe calls only. tockd dies with the test.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) {
      _exit(127);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGPIPE, SIG_DFL);
    if (dup2(in_child.get(), 0) < 0 || dup2(out_child.get(), 1) < 0 ||
        dup2(err_child.get(), 2) < 0 || (keep.valid() && fcntl(keep.get(), F_SETFD, 0) < 0)) {
      int e = errno;
      (void)!write(exec_write.get(), &e, sizeof e);
      _exit(127);
    }
    execv(argv[0], argv.data());
    int e = errno;
    (void)!write(exec_write.get(), &e, sizeof e);
    _exit(127);
  }
  pid_ = pid;
  in_child.Reset();
  out_child.Reset();
  err_child.Reset();
  exec_write.Reset();
  int exec_errno = 0;
  ssize_t n;
  do {
    n = read(exec_read.get(), &exec_errno, sizeof exec_errno);
  } while (n < 0 && errno == EINTR);
  if (n > 0) {
    int status;
    waitpid(pid_, &status, 0);
    exit_ = ExitStatus::FromWaitStatus(status);
    return absl::InternalError(absl::StrCat("exec ", argv_[0], ": ", strerror(exec_errno)));
  }
  pidfd_.Reset(static_cast<int>(syscall(SYS_pidfd_open, pid_, 0)));
  if (!pidfd_.valid()) {
    return Errno("pidfd_open");
  }

  buffers_[static_cast<int>(Stream::kConsole)].open = true;
  buffers_[static_cast<int>(Stream::kLog)].open = true;
  buffers_[static_cast<int>(Stream::kEvents)].open = qemu();
  reader_ = std::thread([this] { ReaderLoop(); });
  return absl::OkStatus();
}

absl::Status Tockd::ConnectControl(absl::Time deadline) {
  for (;;) {
    absl::StatusOr<ControlClient> client = ControlClient::Connect(control_path_);
    if (client.ok()) {
      control_.emplace(*std::move(client));
      break;
    }
    if (!exit_status().running()) {
      return absl::UnavailableError(
          absl::StrCat("tockd ", exit_status().ToString(), " before its control socket was up"));
    }
    if (absl::Now() >= deadline) {
      return client.status();
    }
    struct stat st;
    if (stat(control_path_.c_str(), &st) == 0) {
      sched_yield();  // bound but not yet listening: a few instructions away
      continue;
    }
    // Not bound yet: sleep until the directory changes or tockd exits.
    pollfd fds[2] = {{inotify_.get(), POLLIN, 0}, {pidfd_.get(), POLLIN, 0}};
    int ms = static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now())) + 1;
    if (poll(fds, 2, std::max(ms, 0)) > 0 && (fds[0].revents & POLLIN)) {
      char buf[4096];
      while (read(inotify_.get(), buf, sizeof buf) > 0) {
      }
    }
  }
  absl::StatusOr<ControlClient> watch = ControlClient::Connect(control_path_);
  TOCKPP_RETURN_IF_ERROR(watch.status());
  // `watch` has no reply, and events before the server registers it are lost. Make the
  // registration ordered before anything the test does: a round trip proves the server has
  // accepted and is reading this connection; then, after "watch", a round trip on the other
  // connection is answered only after the (earlier) watch line was read on the one loop.
  if (absl::Status s = watch->Request("help").status(); !s.ok()) {
    return s;
  }
  if (absl::Status s = watch->SendLine("watch"); !s.ok()) {
    return s;
  }
  if (absl::Status s = control_->Request("leds").status(); !s.ok()) {
    return s;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    watch_.emplace(*std::move(watch));
    buffers_[static_cast<int>(Stream::kEvents)].open = true;
  }
  uint64_t one = 1;  // make the reader pick up the watch socket
  (void)!write(wake_.get(), &one, sizeof one);
  return absl::OkStatus();
}

absl::Status Tockd::QemuCommandLine(int uart1_fd) {
  const TockdOptions& o = options_;
  char dir[] = "/tmp/tockd-harness-XXXXXX";
  if (mkdtemp(dir) == nullptr) {
    return Errno("mkdtemp");
  }
  temp_dir_ = dir;
  absl::StatusOr<std::string> kernel = DataPath(o.board_kernel);
  TOCKPP_RETURN_IF_ERROR(kernel.status());
  absl::StatusOr<std::string> packer = DataPath("//platforms/userspace:pack_apps.py");
  TOCKPP_RETURN_IF_ERROR(packer.status());
  const std::string python = FindInPath("python3");
  const std::string qemu = FindInPath("qemu-system-arm");
  if (python.empty() || qemu.empty()) {
    return absl::NotFoundError("python3 or qemu-system-arm is not on $PATH");
  }
  // The apps region image, packed as the board images are (one packer), in the given order
  // so apps load in the same order as under tockd.
  apps_path_ = temp_dir_ + "/apps.bin";
  std::vector<std::string> pack = {python, *packer, "--start=0x40000", "--order=given",
                                   "--out=" + apps_path_};
  for (const std::string& app : o.apps) {
    absl::StatusOr<std::string> path = DataPath(app);
    TOCKPP_RETURN_IF_ERROR(path.status());
    pack.push_back(*path);
  }
  const std::string pack_log = temp_dir_ + "/pack.txt";
  absl::StatusOr<ExitStatus> packed = RunTool(pack, pack_log);
  std::string pack_output = ReadSmallFile(pack_log);
  unlink(pack_log.c_str());
  TOCKPP_RETURN_IF_ERROR(packed.status());
  if (*packed != ExitStatus::Exited(0)) {
    return absl::InvalidArgumentError(absl::StrCat("packing the apps (", absl::StrJoin(pack, " "),
                                                   ") ", packed->ToString(), ": ", pack_output));
  }
  argv_ = {qemu, "-M", "mps2-an386", "-nographic", "-monitor", "none",
           // Virtual time: 1 ns per instruction, idle periods skipped (deterministic alarms).
           "-icount", "shift=0,sleep=off", "-kernel", *kernel, "-device",
           "loader,file=" + apps_path_ + ",addr=0x40000,force-raw=on", "-serial",
           "stdio",  // UART0
           "-chardev", absl::StrCat("socket,id=hostlink,fd=", uart1_fd), "-serial",
           "chardev:hostlink"};  // UART1
  return absl::OkStatus();
}

absl::Status Tockd::WaitForBoot() {
  ::testing::AssertionResult booted =
      kQemuHostLink ? WaitFor(Stream::kEvents, Regex("^ready$"), 1, options_.default_timeout)
                    : WaitFor(Stream::kLog, " processes loaded, entering main loop\r\n", 1,
                              options_.default_timeout);
  if (!booted) {
    return absl::UnavailableError(absl::StrCat("the board did not boot: ", booted.message()));
  }
  return absl::OkStatus();
}

void Tockd::AddUart0(const char* data, size_t size) {
  Buffer& console = buffers_[static_cast<int>(Stream::kConsole)];
  Buffer& events = buffers_[static_cast<int>(Stream::kEvents)];
  buffers_[static_cast<int>(Stream::kLog)].data.append(data, size);
  console.data.resize(console_whole_);
  uart0_line_.append(data, size);
  size_t start = 0;
  for (size_t nl; (nl = uart0_line_.find('\n', start)) != std::string::npos; start = nl + 1) {
    std::string_view line(uart0_line_.data() + start, nl + 1 - start);
    if (line.size() < 2 || line[line.size() - 2] != '\r') {
      console.data.append(line);  // an app's line
      continue;
    }
    line.remove_suffix(2);  // the kernel's: log only
    if (kQemuHostLink) {
      continue;
    }
    if (line.find(" processes loaded, entering main loop") != std::string_view::npos) {
      events_live_ = true;  // the LED driver's reset-state lines came before
    } else if (std::string event = LedEventOfKernelLine(line); !event.empty() && events_live_) {
      events.data += event + "\n";
    }
  }
  uart0_line_.erase(0, start);
  console_whole_ = console.data.size();
  if (uart0_line_.empty() || uart0_line_.back() != '\r') {
    console.data += uart0_line_;  // an unfinished line shows (unless it is the kernel's)
  }
}

void Tockd::AddUart1(const char* data, size_t size) {
  uart1_line_.append(data, size);
  size_t start = 0;
  for (size_t nl; (nl = uart1_line_.find('\n', start)) != std::string::npos; start = nl + 1) {
    std::string_view line(uart1_line_.data() + start, nl - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line == "ready") {
      events_live_ = true;
    }
    if (kQemuHostLink && events_live_) {
      buffers_[static_cast<int>(Stream::kEvents)].data += std::string(line) + "\n";
    }
  }
  uart1_line_.erase(0, start);
}

void Tockd::ReaderLoop() {
  enum { kOut, kErr, kWatch, kPid, kWake, kCount };
  pollfd fds[kCount] = {{stdout_.get(), POLLIN, 0},
                        {stderr_.get(), POLLIN, 0},
                        {uart1_.valid() ? uart1_.get() : -1, POLLIN, 0},
                        {pidfd_.get(), POLLIN, 0},
                        {wake_.get(), POLLIN, 0}};
  const Stream streams[] = {Stream::kConsole, Stream::kLog, Stream::kEvents};
  bool quit = false;
  while (!quit) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (fds[kWatch].fd < 0 && watch_ && buffers_[static_cast<int>(Stream::kEvents)].open) {
        fds[kWatch].fd = watch_->fd();
      }
      if (fds[kOut].fd < 0 && fds[kErr].fd < 0 && fds[kPid].fd < 0 &&
          !buffers_[static_cast<int>(Stream::kEvents)].open) {
        break;  // everything ended
      }
    }
    int ready = poll(fds, kCount, -1);
    if (ready < 0) {
      if (errno == EINTR) {
        continue;
      }
      break;
    }
    for (int i = kOut; i <= kWatch; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) {
        continue;
      }
      char buf[8192];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        continue;
      }
      std::lock_guard<std::mutex> lock(mu_);
      if (qemu()) {
        ReadQemu(i == kOut ? 0 : i == kErr ? 1 : 2, buf, n);
        if (n <= 0) {
          fds[i].fd = -1;
        }
        changed_.notify_all();
        continue;
      }
      Buffer& b = buffers_[static_cast<int>(streams[i])];
      if (n <= 0) {
        b.open = false;
        fds[i].fd = -1;
      } else {
        b.data.append(buf, static_cast<size_t>(n));
      }
      changed_.notify_all();
    }
    if (fds[kPid].fd >= 0 && fds[kPid].revents != 0) {
      std::lock_guard<std::mutex> lock(mu_);
      int status;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exit_ = ExitStatus::FromWaitStatus(status);
        fds[kPid].fd = -1;
        changed_.notify_all();
      }
    }
    if (fds[kWake].revents != 0) {
      uint64_t value;
      (void)!read(wake_.get(), &value, sizeof value);
      std::lock_guard<std::mutex> lock(mu_);
      if (value >= 2) {
        quit = true;  // destructor's request
      }
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (Buffer& b : buffers_) {
    b.open = false;
  }
  changed_.notify_all();
}

void Tockd::ReadQemu(int source, const char* data, ssize_t n) {
  Buffer& console = buffers_[static_cast<int>(Stream::kConsole)];
  Buffer& log = buffers_[static_cast<int>(Stream::kLog)];
  Buffer& events = buffers_[static_cast<int>(Stream::kEvents)];
  if (n <= 0) {  // end of a source
    if (source == 0) {
      console.open = log.open = false;
    }
    if (source == (kQemuHostLink ? 2 : 0)) {
      events.open = false;
    }
    return;
  }
  const size_t size = static_cast<size_t>(n);
  if (source == 0) {
    AddUart0(data, size);
  } else if (source == 1) {
    qemu_stderr_.append(data, size);
  } else {
    AddUart1(data, size);
  }
}

Tockd::~Tockd() {
  if (pid_ > 0 && exit_status().running()) {
    Stop();
  }
  if (reader_.joinable()) {
    uint64_t quit = 2;
    (void)!write(wake_.get(), &quit, sizeof quit);
    reader_.join();
  }
  if (!temp_dir_.empty()) {
    if (!control_path_.empty()) {
      unlink(control_path_.c_str());
    }
    if (!trace_path_.empty()) {
      unlink(trace_path_.c_str());
    }
    if (!apps_path_.empty()) {
      unlink(apps_path_.c_str());
    }
    if (!record_path_.empty()) {
      if (::testing::Test::HasFailure()) {
        KeepRecording();
      }
      unlink(record_path_.c_str());
    }
    rmdir(temp_dir_.c_str());
  }
}

// --- Output -----------------------------------------------------------------------------------

absl::Duration Tockd::Guard(absl::Duration timeout) const {
  return qemu() ? timeout * kQemuGuardScale : timeout;
}

::testing::AssertionResult Tockd::WaitFor(Stream stream, const Pattern& pattern, int count,
                                          absl::Duration timeout) {
  timeout = Guard(timeout);
  const int s = static_cast<int>(stream);
  const auto deadline = SteadyDeadline(timeout);
  std::unique_lock<std::mutex> lock(mu_);
  if (stream == Stream::kEvents && !watch_ && !qemu()) {
    return ::testing::AssertionFailure() << "waiting for events needs TockdOptions::control = true";
  }
  for (;;) {
    int found = pattern.Count(buffers_[s].data);
    if (found >= count) {
      return ::testing::AssertionSuccess();
    }
    if (!buffers_[s].open) {
      return ::testing::AssertionFailure()
             << "tockd's " << kStreamNames[s] << " ended with " << found << " of " << count
             << " match(es) of " << pattern.Describe() << "\n"
             << Describe(lock);
    }
    if (changed_.wait_until(lock, deadline) == std::cv_status::timeout &&
        pattern.Count(buffers_[s].data) < count) {
      return ::testing::AssertionFailure()
             << "timed out after " << absl::FormatDuration(timeout) << " waiting for " << count
             << " match(es) of " << pattern.Describe() << " on tockd's " << kStreamNames[s]
             << " (found " << pattern.Count(buffers_[s].data) << ")\n"
             << Describe(lock);
    }
  }
}

::testing::AssertionResult Tockd::WaitForConsole(const Pattern& pattern) {
  return WaitFor(Stream::kConsole, pattern, 1, options_.default_timeout);
}
::testing::AssertionResult Tockd::WaitForConsole(const Pattern& pattern, absl::Duration timeout) {
  return WaitFor(Stream::kConsole, pattern, 1, timeout);
}
::testing::AssertionResult Tockd::WaitForLog(const Pattern& pattern) {
  return WaitFor(Stream::kLog, pattern, 1, options_.default_timeout);
}
::testing::AssertionResult Tockd::WaitForLog(const Pattern& pattern, absl::Duration timeout) {
  return WaitFor(Stream::kLog, pattern, 1, timeout);
}
::testing::AssertionResult Tockd::WaitForEvent(const Pattern& pattern) {
  return WaitFor(Stream::kEvents, pattern, 1, options_.default_timeout);
}
::testing::AssertionResult Tockd::WaitForEvent(const Pattern& pattern, absl::Duration timeout) {
  return WaitFor(Stream::kEvents, pattern, 1, timeout);
}

::testing::AssertionResult Tockd::WaitForFault(std::string_view app, FaultReport* report,
                                               int index) {
  return WaitForFault(app, report, index, options_.default_timeout);
}

::testing::AssertionResult Tockd::WaitForFault(std::string_view app, FaultReport* report, int index,
                                               absl::Duration timeout) {
  timeout = Guard(timeout);
  const int s = static_cast<int>(Stream::kLog);
  const auto deadline = SteadyDeadline(timeout);
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    int seen = 0;
    for (FaultReport& r : ParseFaultReports(buffers_[s].data)) {
      if (r.app != app) {
        continue;
      }
      // A dump cut off by the end of the log counts once the log has ended.
      if (!r.complete && buffers_[s].open) {
        break;
      }
      if (seen++ == index) {
        if (report != nullptr) {
          *report = std::move(r);
        }
        return ::testing::AssertionSuccess();
      }
    }
    bool ended = !buffers_[s].open;
    if (ended || changed_.wait_until(lock, deadline) == std::cv_status::timeout) {
      return ::testing::AssertionFailure()
             << (ended ? "tockd's log ended" : "timed out after " + absl::FormatDuration(timeout))
             << " waiting for fault dump #" << index << " of '" << app << "' (saw " << seen << ")\n"
             << Describe(lock);
    }
  }
}

std::string Tockd::Text(Stream stream) const {
  std::lock_guard<std::mutex> lock(mu_);
  return buffers_[static_cast<int>(stream)].data;
}
std::string Tockd::Console() const { return Text(Stream::kConsole); }
std::string Tockd::Log() const { return Text(Stream::kLog); }
std::string Tockd::Events() const { return Text(Stream::kEvents); }

int Tockd::Count(Stream stream, const Pattern& pattern) const {
  std::lock_guard<std::mutex> lock(mu_);
  return pattern.Count(buffers_[static_cast<int>(stream)].data);
}

std::vector<std::string> Tockd::Lines(Stream stream) const {
  std::string text = Text(stream);
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  return lines;
}

std::vector<FaultReport> Tockd::Faults() const {
  std::vector<FaultReport> all = ParseFaultReports(Log());
  std::vector<FaultReport> complete;
  for (FaultReport& r : all) {
    if (r.complete) {
      complete.push_back(std::move(r));
    }
  }
  return complete;
}

std::vector<std::string> Tockd::TraceLines() const {
  std::vector<std::string> lines;
  if (trace_path_.empty()) {
    return lines;
  }
  std::ifstream file(trace_path_);
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  size_t start = 0;
  for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1) {
    lines.push_back(text.substr(start, nl - start));
  }
  return lines;
}

std::string Tockd::Describe(std::unique_lock<std::mutex>& /*lock held*/) const {
  std::string out = absl::StrCat(PlatformName(options_.platform), " ", exit_.ToString(), ": ",
                                 absl::StrJoin(argv_, " "), "\n");
  if (!qemu_stderr_.empty()) {
    out += "--- qemu's stderr ---\n" + Tail(qemu_stderr_, kConsoleTail) + "\n";
  }
  out += "--- console ---\n" + Tail(buffers_[0].data, kConsoleTail) + "\n";
  out += "--- log ---\n" + Tail(buffers_[1].data, kLogTail) + "\n";
  if (watch_ || qemu()) {
    out += "--- events ---\n" + Tail(buffers_[2].data, kConsoleTail) + "\n";
  }
  return out;
}

// --- Input ------------------------------------------------------------------------------------

::testing::AssertionResult Tockd::TypeConsole(std::string_view bytes) {
  const absl::Time deadline = absl::Now() + options_.default_timeout;
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n =
        send(stdin_.get(), bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0 && errno == EAGAIN) {  // tockd is not reading: wait for room, within the guard
      pollfd p{stdin_.get(), POLLOUT, 0};
      int ms = static_cast<int>(absl::ToInt64Milliseconds(deadline - absl::Now()));
      if (ms > 0 && poll(&p, 1, ms) >= 0) {
        continue;
      }
      return ::testing::AssertionFailure() << "typing into tockd's console: tockd is not reading";
    }
    if (n <= 0) {
      return ::testing::AssertionFailure() << "typing into tockd's console: " << strerror(errno);
    }
    done += static_cast<size_t>(n);
  }
  return ::testing::AssertionSuccess();
}

void Tockd::CloseConsoleInput() {
  if (stdin_.valid()) {
    shutdown(stdin_.get(), SHUT_WR);
  }
}

// --- Control ----------------------------------------------------------------------------------

ControlClient& Tockd::control() {
  if (!control_) {
    ADD_FAILURE() << "Tockd::control() needs TockdOptions::control = true (host-only)";
    std::abort();
  }
  return *control_;
}

::testing::AssertionResult Tockd::CheckStatus(const absl::Status& status, std::string_view what) {
  if (status.ok()) {
    return ::testing::AssertionSuccess();
  }
  std::unique_lock<std::mutex> lock(mu_);
  return ::testing::AssertionFailure() << what << ": " << status.ToString() << "\n"
                                       << Describe(lock);
}

::testing::AssertionResult Tockd::HostLinkButton(int button, bool press) {
  const char* verb = press ? "press" : "release";
  if (!kQemuHostLink) {
    return ::testing::AssertionFailure()
           << verb << " on QEMU needs the board's host link (platform.h kQemuHostLink)";
  }
  // Applied once the board echoes it, as tockd's control socket replies once applied.
  const Pattern echo(absl::StrCat("button ", button, press ? " pressed" : " released"));
  const int before = Count(Stream::kEvents, echo);
  const std::string line = absl::StrCat(verb, " ", button, "\n");
  if (send(uart1_.get(), line.data(), line.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(line.size())) {
    return CheckStatus(Errno("writing to the board's UART1"), verb);
  }
  return WaitFor(Stream::kEvents, echo, before + 1, options_.default_timeout);
}

::testing::AssertionResult Tockd::PressButton(int button) {
  if (qemu()) {
    return HostLinkButton(button, true);
  }
  if (!control_) {
    return ::testing::AssertionFailure() << "PressButton needs control = true";
  }
  return CheckStatus(control_->Press(button), "press " + std::to_string(button));
}

::testing::AssertionResult Tockd::ReleaseButton(int button) {
  if (qemu()) {
    return HostLinkButton(button, false);
  }
  if (!control_) {
    return ::testing::AssertionFailure() << "ReleaseButton needs control = true";
  }
  return CheckStatus(control_->Release(button), "release " + std::to_string(button));
}

absl::StatusOr<std::vector<bool>> Tockd::Leds() {
  if (qemu()) {
    std::vector<bool> leds(static_cast<size_t>(LedCount(Platform::kQemu)), false);
    for (const std::string& line : Lines(Stream::kEvents)) {
      std::vector<absl::string_view> words = absl::StrSplit(line, ' ');
      size_t index;
      if (words.size() >= 3 && words[0] == "led" && absl::SimpleAtoi(words[1], &index) &&
          index < leds.size()) {
        leds[index] = words[2] == "on";
      }
    }
    return leds;
  }
  if (!control_) {
    return absl::FailedPreconditionError("Leds() needs control = true");
  }
  return control_->Leds();
}

::testing::AssertionResult Tockd::WaitForProcess(
    std::string_view app, const std::function<bool(const ProcessInfo&)>& predicate,
    ProcessInfo* info) {
  return WaitForProcess(app, predicate, info, options_.default_timeout);
}

::testing::AssertionResult Tockd::WaitForProcess(
    std::string_view app, const std::function<bool(const ProcessInfo&)>& predicate,
    ProcessInfo* info, absl::Duration timeout) {
  if (!control_) {
    return ::testing::AssertionFailure()
           << "WaitForProcess needs control = true (host-only: tockd's `inspect`)";
  }
  const auto deadline = SteadyDeadline(timeout);
  const int events = static_cast<int>(Stream::kEvents);
  std::string last = "(no reply)";
  for (;;) {
    size_t seen;
    {
      std::lock_guard<std::mutex> lock(mu_);
      seen = buffers_[events].data.size();
    }
    absl::StatusOr<ProcessInfo> now = control_->Inspect(app);
    if (now.ok() && predicate(*now)) {
      if (info != nullptr) {
        *info = *std::move(now);
      }
      return ::testing::AssertionSuccess();
    }
    last = now.ok() ? "state=" + now->state : now.status().ToString();
    std::unique_lock<std::mutex> lock(mu_);
    bool changed = changed_.wait_until(lock, deadline, [&] {
      return buffers_[events].data.size() > seen || !buffers_[events].open;
    });
    if (!changed || !buffers_[events].open) {
      return ::testing::AssertionFailure()
             << (changed ? "tockd's events ended"
                         : "timed out after " + absl::FormatDuration(timeout))
             << " waiting for process '" << app << "' to match (last: " << last << ")\n"
             << Describe(lock);
    }
  }
}

// --- App processes ----------------------------------------------------------------------------

std::vector<std::pair<pid_t, std::string>> Tockd::AppProcesses() const {
  std::vector<std::pair<pid_t, std::string>> out;
  if (pid_ <= 0 || !exit_status().running()) {
    return out;
  }
  std::optional<std::vector<pid_t>> children = ChildrenFromTasks(pid_);
  if (!children) {
    children = ChildrenFromStat(pid_);
  }
  std::sort(children->begin(), children->end());
  for (pid_t child : *children) {
    std::string comm = ReadSmallFile(absl::StrCat("/proc/", child, "/comm"));
    if (comm.empty()) {
      continue;  // gone meanwhile
    }
    if (comm.back() == '\n') {
      comm.pop_back();
    }
    out.emplace_back(child, std::move(comm));
  }
  return out;
}

std::optional<pid_t> Tockd::AppPid(std::string_view name) const {
  const std::string_view comm = name.substr(0, 15);  // TASK_COMM_LEN - 1
  for (const auto& [pid, child_comm] : AppProcesses()) {
    if (child_comm == comm) {
      return pid;
    }
  }
  return std::nullopt;
}

// --- Exit -------------------------------------------------------------------------------------

ExitStatus Tockd::WaitForExit() { return WaitForExit(options_.default_timeout); }

ExitStatus Tockd::WaitForExit(absl::Duration timeout) {
  if (qemu()) {
    ADD_FAILURE() << "WaitForExit is host-only: the QEMU board never exits (guard it with "
                     "`if (!OnQemu())` or TOCKPP_HOST_ONLY)";
    return exit_status();
  }
  return WaitForEnd(timeout);
}

ExitStatus Tockd::WaitForEnd(absl::Duration timeout) {
  const auto deadline = SteadyDeadline(timeout);
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_until(lock, deadline, [this] {
    return !exit_.running() && !buffers_[0].open && !buffers_[1].open;
  });
  return exit_;
}

ExitStatus Tockd::Stop(absl::Duration grace) {
  {
    std::lock_guard<std::mutex> lock(mu_);  // the reader reaps under this lock: pid_ is ours
    if (!exit_.running() || pid_ <= 0) {
      return exit_;
    }
    kill(pid_, SIGTERM);
  }
  ExitStatus status = WaitForEnd(grace);
  if (!status.running()) {
    return status;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (exit_.running()) {
      kill(pid_, SIGKILL);
    }
  }
  return WaitForEnd(grace);
}

ExitStatus Tockd::exit_status() const {
  std::lock_guard<std::mutex> lock(mu_);
  return exit_;
}

}  // namespace tock::harness
