// RunSoak: busy loops, tockd through the harness, restart-driven waits, /proc samples, and the
// healthy apps' line check. Every wait is on tockd's output or control socket; the guards only
// decide when "no progress" becomes a wedge.
#include "tests/bench/soak.h"

#include <dirent.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "tests/harness/tockd.h"

namespace tock::bench {
namespace {

using harness::ProcessInfo;
using harness::Tockd;

constexpr char kCrasher[] = "soak_crasher";
constexpr const char* kHealthy[] = {"soak_healthy_a", "soak_healthy_b"};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Directory entries other than "." and ".." (-1 if it cannot be read).
int CountEntries(const std::string& path) {
  DIR* dir = opendir(path.c_str());
  if (dir == nullptr) {
    return -1;
  }
  int n = 0;
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') {
      ++n;
    }
  }
  closedir(dir);
  return n;
}

int64_t RssKib(pid_t pid) {
  std::istringstream status(ReadFile(absl::StrCat("/proc/", pid, "/status")));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      int64_t kib = -1;
      std::istringstream(line.substr(6)) >> kib;
      return kib;
    }
  }
  return -1;
}

// Every pid in /proc/PID/task/*/children.
std::vector<std::string> ChildPids(pid_t pid) {
  std::vector<std::string> pids;
  const std::string tasks = absl::StrCat("/proc/", pid, "/task");
  DIR* dir = opendir(tasks.c_str());
  if (dir == nullptr) {
    return pids;
  }
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] == '.') {
      continue;
    }
    std::istringstream children(ReadFile(tasks + "/" + e->d_name + "/children"));
    for (std::string child; children >> child;) {
      pids.push_back(child);
    }
  }
  closedir(dir);
  return pids;
}

int Children(pid_t pid) {
  return CountEntries(absl::StrCat("/proc/", pid, "/task")) < 0
             ? -1
             : static_cast<int>(ChildPids(pid).size());
}

// "PID (comm) S" of each child (S: R running, S sleeping, t/T stopped, Z zombie).
std::string DescribeChildren(pid_t pid) {
  std::vector<std::string> out;
  for (const std::string& child : ChildPids(pid)) {
    const std::string stat = ReadFile("/proc/" + child + "/stat");
    const size_t paren = stat.rfind(')');
    out.push_back(paren == std::string::npos ? child + " (gone)" : stat.substr(0, paren + 3));
  }
  return absl::StrJoin(out, ", ");
}

// utime + stime of `pid` in seconds (0 if it cannot be read).
double CpuSeconds(pid_t pid) {
  const std::string stat = ReadFile(absl::StrCat("/proc/", pid, "/stat"));
  const size_t paren = stat.rfind(')');
  if (paren == std::string::npos) {
    return 0;
  }
  std::istringstream fields(stat.substr(paren + 2));  // from field 3 (state) on
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) {  // utime, stime
      double v = 0;
      if (absl::SimpleAtod(field, &v)) {
        ticks += v;
      }
    }
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Host processes spinning for the whole soak; killed (and reaped) on destruction. They die
// with this process too (PR_SET_PDEATHSIG), so a crashed run leaves none behind.
class BusyLoops {
 public:
  explicit BusyLoops(int n) {
    const pid_t parent = getpid();
    for (int i = 0; i < n; ++i) {
      const pid_t pid = fork();
      if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) {
          _exit(0);
        }
        for (;;) {
          __asm__ volatile("" ::: "memory");
        }
      }
      if (pid > 0) {
        pids_.push_back(pid);
      }
    }
  }
  ~BusyLoops() {
    for (pid_t pid : pids_) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
  BusyLoops(const BusyLoops&) = delete;
  BusyLoops& operator=(const BusyLoops&) = delete;

  double CpuSeconds() const {
    double total = 0;
    for (pid_t pid : pids_) {
      total += bench::CpuSeconds(pid);
    }
    return total;
  }

 private:
  std::vector<pid_t> pids_;
};

// First line of a (possibly long) harness failure message.
std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string Ps(Tockd& tockd) {
  auto lines = tockd.control().Request("ps");
  return lines.ok() ? absl::StrJoin(*lines, "\n") : lines.status().ToString();
}

// Checks the console: every line belongs to a healthy app and continues its sequence.
void CheckHealthyLines(const std::vector<std::string>& lines, SoakResult& result) {
  std::vector<uint32_t> next(result.healthy.size(), 0);
  for (const std::string& line : lines) {
    const size_t colon = line.find(": ");
    size_t app = result.healthy.size();
    for (size_t i = 0; colon != std::string::npos && i < result.healthy.size(); ++i) {
      if (line.compare(0, colon, result.healthy[i].name) == 0 &&
          colon == result.healthy[i].name.size()) {
        app = i;
      }
    }
    if (app == result.healthy.size()) {
      if (result.foreign_lines++ == 0) {
        result.first_foreign = line;
      }
      continue;
    }
    HealthyOutput& h = result.healthy[app];
    ++h.lines;
    const std::string expected =
        absl::StrFormat("%s: %u %08x", h.name, next[app], SoakCheck(next[app]));
    if (line != expected) {
      if (h.bad++ == 0) {
        h.first_bad = absl::StrCat("'", line, "', expected '", expected, "'");
      }
      // Resynchronise on the line's own number, so one lost line counts once.
      uint32_t n = 0;
      std::string number = line.substr(colon + 2);
      number = number.substr(0, number.find(' '));
      if (absl::SimpleAtoi(number, &n)) {
        next[app] = n;
      }
    }
    ++next[app];
  }
}

}  // namespace

uint32_t SoakCheck(uint32_t n) { return (n * 2654435761u) ^ 0x5a5a5a5au; }

const SoakSample& SoakResult::AfterWarmup(int warmup_cycles) const {
  for (const SoakSample& s : samples) {
    if (s.restarts >= warmup_cycles) {
      return s;
    }
  }
  return samples.back();
}

SoakSample SoakResult::MaxUntil(int warmup_cycles) const {
  const SoakSample& last = AfterWarmup(warmup_cycles);
  SoakSample max = last;
  for (const SoakSample& s : samples) {
    if (s.restarts > last.restarts) {
      break;
    }
    max.rss_kib = std::max(max.rss_kib, s.rss_kib);
    max.fds = std::max(max.fds, s.fds);
    max.threads = std::max(max.threads, s.threads);
    max.children = std::max(max.children, s.children);
  }
  return max;
}

SoakSample SoakResult::MaxAfter(int warmup_cycles) const {
  SoakSample max = AfterWarmup(warmup_cycles);
  for (const SoakSample& s : samples) {
    if (s.restarts < max.restarts) {
      continue;
    }
    max.rss_kib = std::max(max.rss_kib, s.rss_kib);
    max.fds = std::max(max.fds, s.fds);
    max.threads = std::max(max.threads, s.threads);
    max.children = std::max(max.children, s.children);
  }
  return max;
}

namespace {

// One soak against a started tockd: /proc samples, stall reports and the restart cycles. Every
// step writes into `result`; a stall (wedge or tockd's death) ends the run.
class SoakRun {
 public:
  SoakRun(const SoakOptions& options, Tockd& tockd, SoakResult& result,
          std::chrono::steady_clock::time_point start)
      : options_(options),
        tockd_(tockd),
        result_(result),
        pid_(tockd.pid()),
        start_(start),
        healthy_syscalls_(std::size(kHealthy), 0) {}

  // Up: both healthy apps have printed their first line.
  void WaitUntilUp() {
    for (const char* name : kHealthy) {
      testing::AssertionResult up = tockd_.WaitForConsole(absl::StrCat(name, ": 0 "));
      if (!up) {
        Stalled(absl::StrCat(name, "'s first line"), up, 0);
        return;
      }
    }
  }

  // Waits for the crasher's restarts until options.cycles or a stall, sampling every
  // sample_every cycles. Returns the restarts reached.
  int RunCycles() {
    if (Stopped()) {
      return 0;
    }
    absl::StatusOr<ProcessInfo> crasher = tockd_.control().Inspect(kCrasher);
    int restarts = crasher.ok() ? crasher->restarts : 0;
    Sample(restarts);
    int next_sample = options_.sample_every;
    while (restarts < options_.cycles) {
      const int seen = restarts;
      ProcessInfo info;
      testing::AssertionResult moved = tockd_.WaitForProcess(
          kCrasher, [seen](const ProcessInfo& p) { return p.restarts > seen; }, &info,
          options_.wedge_guard);
      if (!moved) {
        Stalled("crasher restart", moved, restarts);
        break;
      }
      restarts = info.restarts;
      result_.seconds = Seconds();
      if (restarts < next_sample && restarts < options_.cycles) {
        continue;
      }
      if (!WaitForHealthyProgress(restarts)) {
        break;
      }
      Sample(restarts);
      while (next_sample <= restarts) {
        next_sample += options_.sample_every;
      }
    }
    return restarts;
  }

  // The last sample, CPU use, the healthy apps' syscall counts, tockd's exit and the console.
  void Finish(int restarts, const BusyLoops& busy) {
    result_.cycles = restarts;
    if (result_.samples.empty() || result_.samples.back().restarts != restarts || result_.wedged) {
      Sample(restarts);
    }
    result_.tockd_cpu_s = CpuSeconds(pid_);
    result_.busy_cpus = result_.seconds > 0 ? busy.CpuSeconds() / result_.seconds : 0;
    for (size_t i = 0; i < std::size(kHealthy); ++i) {
      if (tockd_.exit_status().running()) {
        absl::StatusOr<ProcessInfo> info = tockd_.control().Inspect(kHealthy[i]);
        if (info.ok()) {
          result_.healthy[i].syscalls = info->syscalls;
        }
      }
    }
    result_.exit = tockd_.Stop().ToString();
    CheckHealthyLines(tockd_.Lines(harness::Stream::kConsole), result_);
    result_.fault_dumps =
        tockd_.Count(harness::Stream::kLog, absl::StrCat("Process fault: ", kCrasher, " "));
  }

 private:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

  bool Stopped() const { return result_.wedged || !result_.error.empty(); }

  void Sample(int restarts) {
    result_.samples.push_back({.restarts = restarts,
                               .seconds = Seconds(),
                               .rss_kib = RssKib(pid_),
                               .fds = CountEntries(absl::StrCat("/proc/", pid_, "/fd")),
                               .threads = CountEntries(absl::StrCat("/proc/", pid_, "/task")),
                               .children = Children(pid_)});
  }

  // A stall: a wedge while tockd runs, an error if it died.
  void Stalled(const std::string& what, const testing::AssertionResult& wait, int restarts) {
    if (!tockd_.exit_status().running()) {
      result_.error = absl::StrCat("tockd ", tockd_.exit_status().ToString(), " while waiting for ",
                                   what, " after ", restarts, " restarts");
      return;
    }
    result_.wedged = true;
    result_.wedge =
        absl::StrCat("no ", what, " for ", absl::FormatDuration(options_.wedge_guard), " after ",
                     restarts, " restarts (", FirstLine(wait.message()), ")\nps:\n", Ps(tockd_),
                     "\ntockd's children: ", DescribeChildren(tockd_.pid()));
  }

  // Each sample point also proves the healthy apps still make progress; false on a stall.
  bool WaitForHealthyProgress(int restarts) {
    for (size_t i = 0; i < std::size(kHealthy); ++i) {
      const uint64_t before = healthy_syscalls_[i];
      ProcessInfo info;
      testing::AssertionResult ran = tockd_.WaitForProcess(
          kHealthy[i], [before](const ProcessInfo& p) { return p.syscalls > before; }, &info,
          options_.wedge_guard);
      if (!ran) {
        Stalled(absl::StrCat(kHealthy[i], " progress"), ran, restarts);
        return false;
      }
      healthy_syscalls_[i] = info.syscalls;
    }
    return true;
  }

  const SoakOptions& options_;
  Tockd& tockd_;
  SoakResult& result_;
  const pid_t pid_;  // tockd's, read once at the start
  const std::chrono::steady_clock::time_point start_;
  std::vector<uint64_t> healthy_syscalls_;  // at the last sample point
};

}  // namespace

SoakResult RunSoak(const SoakOptions& options) {
  SoakResult result;
  for (const char* name : kHealthy) {
    result.healthy.push_back({.name = name});
  }
  // Before the harness starts its reader thread: fork from a single-threaded process.
  BusyLoops busy(options.busy_loops);
  const auto start = std::chrono::steady_clock::now();

  harness::TockdOptions tockd_options{
      .apps = {"//tests/bench/apps:soak_crasher.tbf", "//tests/bench/apps:soak_healthy_a.tbf",
               "//tests/bench/apps:soak_healthy_b.tbf"},
      .flags = {"--fault-policy=soak_crasher=restart"},
      .exit_when_done = false,
      .control = true,
      .default_timeout = options.wedge_guard,
  };
  tockd_options.flags.insert(tockd_options.flags.end(), options.extra_flags.begin(),
                             options.extra_flags.end());
  absl::StatusOr<std::unique_ptr<Tockd>> started = Tockd::Start(std::move(tockd_options));
  if (!started.ok()) {
    result.error = started.status().ToString();
    return result;
  }
  SoakRun run(options, **started, result, start);
  run.WaitUntilUp();
  const int restarts = run.RunCycles();
  run.Finish(restarts, busy);
  return result;
}

std::string FormatSamples(const SoakResult& result) {
  std::string out = absl::StrFormat("%9s %9s %9s %5s %8s %9s\n", "restarts", "seconds", "RSS KiB",
                                    "fds", "threads", "children");
  for (const SoakSample& s : result.samples) {
    absl::StrAppendFormat(&out, "%9d %9.1f %9d %5d %8d %9d\n", s.restarts, s.seconds, s.rss_kib,
                          s.fds, s.threads, s.children);
  }
  return out;
}

std::string FormatSummary(const SoakResult& result) {
  if (result.samples.empty()) {
    return absl::StrCat("soak did not start: ", result.error, result.wedge);
  }
  const SoakSample& first = result.samples.front();
  const SoakSample& last = result.samples.back();
  const SoakSample max = result.MaxAfter(0);
  std::string out = absl::StrFormat(
      "%d cycles in %.1f s (%.0f cycles/s); RSS %d -> %d KiB (max %d), fds %d -> %d (max %d), "
      "threads %d -> %d, children %d -> %d (max %d); fault dumps %d; busy loops %.2f CPUs, "
      "tockd %.1f CPU s; tockd %s\n",
      result.cycles, result.seconds, result.seconds > 0 ? result.cycles / result.seconds : 0,
      first.rss_kib, last.rss_kib, max.rss_kib, first.fds, last.fds, max.fds, first.threads,
      last.threads, first.children, last.children, max.children, result.fault_dumps,
      result.busy_cpus, result.tockd_cpu_s, result.exit);
  for (const HealthyOutput& h : result.healthy) {
    absl::StrAppendFormat(&out, "%s: %d lines, %d bad%s, %u syscalls\n", h.name, h.lines, h.bad,
                          h.first_bad.empty() ? "" : " (first " + h.first_bad + ")", h.syscalls);
  }
  absl::StrAppendFormat(
      &out, "foreign console lines: %d%s\n", result.foreign_lines,
      result.first_foreign.empty() ? "" : " (first '" + result.first_foreign + "')");
  absl::StrAppend(&out, "wedge: ", result.wedged ? result.wedge : "none", "\n");
  if (!result.error.empty()) {
    absl::StrAppend(&out, "error: ", result.error, "\n");
  }
  return out;
}

}  // namespace tock::bench
