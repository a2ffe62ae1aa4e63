// Acceptor: out of descriptors (a real EMFILE under a lowered RLIMIT_NOFILE, and errors from
// the accept seam) it stops watching the socket instead of spinning, logs one warning per
// episode, and accepts again after its back-off or when the owner frees a descriptor.
#include "hostkernel/peripherals/unix_socket.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/peripherals/poll_reactor.h"
#include "spdlog/sinks/ostream_sink.h"
#include "spdlog/spdlog.h"

namespace tock::hostkernel {
namespace {

// Under /tmp: Bazel's TEST_TMPDIR is too long for sun_path (108 bytes).
std::string TempSocketPath(const char* tag) {
  return std::string("/tmp/tockpp-") + tag + std::to_string(getpid()) + ".sock";
}

// Captures what is logged while it lives.
class LogCapture {
 public:
  LogCapture() : old_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(text_);
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  }
  ~LogCapture() { spdlog::set_default_logger(old_); }
  int Count(const std::string& needle) const {
    const std::string s = text_.str();
    int n = 0;
    for (size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) {
      ++n;
    }
    return n;
  }
  std::string text() const { return text_.str(); }

 private:
  std::shared_ptr<spdlog::logger> old_;
  std::ostringstream text_;
};

// A socket connected (or connecting) to `path`, without using any other descriptor.
bool ConnectTo(int fd, const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.data(), path.size());
  return connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

UniqueFd NewSocket() { return UniqueFd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)); }

// Lowers RLIMIT_NOFILE to the descriptors open now and fills what is left, so the next
// descriptor anyone asks for fails with EMFILE; undoes both when destroyed.
class DescriptorExhaustion {
 public:
  DescriptorExhaustion() {
    getrlimit(RLIMIT_NOFILE, &old_);
    const int probe = dup(0);
    close(probe);
    rlimit low = old_;
    low.rlim_cur = static_cast<rlim_t>(probe) + 8;
    ok_ = setrlimit(RLIMIT_NOFILE, &low) == 0;
    for (int fd; (fd = dup(0)) >= 0;) {
      fillers_.push_back(fd);
    }
    ok_ = ok_ && errno == EMFILE && !fillers_.empty();
  }
  ~DescriptorExhaustion() {
    for (int fd : fillers_) {
      close(fd);
    }
    setrlimit(RLIMIT_NOFILE, &old_);
  }
  bool ok() const { return ok_; }
  // Frees one descriptor.
  void Release() {
    close(fillers_.back());
    fillers_.pop_back();
  }

 private:
  rlimit old_{};
  std::vector<int> fillers_;
  bool ok_ = false;
};

struct Accepted {
  std::vector<UniqueFd> conns;
  void operator()(UniqueFd fd) { conns.push_back(std::move(fd)); }
};

TEST(ListenUnixTest, OnlyThisUserMayConnectWhateverTheUmask) {
  const std::string path = TempSocketPath("mode");
  const mode_t old = ::umask(0);  // the most permissive umask a caller could have
  auto listening = ListenUnix(path);
  ::umask(old);
  ASSERT_TRUE(listening.ok()) << listening.status();
  struct stat st {};
  ASSERT_EQ(::lstat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ::unlink(path.c_str());
}

TEST(AcceptorTest, OutOfDescriptorsItStopsWatchingAndResumesWhenOneIsFree) {
  const std::string path = TempSocketPath("acc-emfile");
  auto listening = ListenUnix(path);
  ASSERT_TRUE(listening.ok()) << listening.status();
  PollReactor r;
  LogCapture log;
  std::vector<UniqueFd> conns;
  // A back-off far longer than the test: only Resume() can bring the watch back.
  Acceptor acceptor(
      r, std::move(*listening), "test socket", [&](UniqueFd fd) { conns.push_back(std::move(fd)); },
      /*backoff_ns=*/3600'000'000'000u);
  UniqueFd client = NewSocket();
  ASSERT_TRUE(client);
  {
    DescriptorExhaustion exhaustion;
    ASSERT_TRUE(exhaustion.ok());
    ASSERT_TRUE(ConnectTo(client.get(), path)) << std::strerror(errno);
    ASSERT_TRUE(r.RunUntil([&] { return acceptor.stats().failures > 0; }));
    EXPECT_TRUE(acceptor.backing_off());
    EXPECT_FALSE(acceptor.watching());
    EXPECT_EQ(r.watch_count(), 0u);
    // The connection still waits and the socket is readable, but nothing polls it: further
    // iterations make no accept attempt (level-triggered, a watch would fire every time).
    for (int i = 0; i < 100; ++i) {
      r.RunOnce(0);
    }
    EXPECT_EQ(acceptor.stats().failures, 1u);
    EXPECT_TRUE(conns.empty());

    exhaustion.Release();
    acceptor.Resume();
    EXPECT_TRUE(acceptor.watching());
    ASSERT_TRUE(r.RunUntil([&] { return conns.size() == 1; }));
    // That took the one free descriptor: the next accept fails again (Linux wants a descriptor
    // even for an empty backlog), which is the same episode, not a new warning.
    EXPECT_TRUE(acceptor.backing_off());
    EXPECT_EQ(acceptor.stats().failures, 2u);
  }
  // Descriptors to spare: the next connection is accepted and the episode ends.
  acceptor.Resume();
  UniqueFd client2 = NewSocket();
  ASSERT_TRUE(ConnectTo(client2.get(), path));
  ASSERT_TRUE(r.RunUntil([&] { return conns.size() == 2; }));
  EXPECT_FALSE(acceptor.backing_off());
  EXPECT_EQ(acceptor.stats().episodes, 1u);
  EXPECT_EQ(acceptor.stats().accepted, 2u);
  EXPECT_EQ(log.Count("[warning]"), 1) << log.text();
  EXPECT_EQ(log.Count("EMFILE"), 1) << log.text();
  EXPECT_EQ(log.Count("accepting connections again (2 accepts had failed)"), 1) << log.text();
  unlink(path.c_str());
}

TEST(AcceptorTest, RetriesAfterTheBackOffAndLogsOncePerEpisode) {
  const std::string path = TempSocketPath("acc-retry");
  auto listening = ListenUnix(path);
  ASSERT_TRUE(listening.ok()) << listening.status();
  PollReactor r;
  LogCapture log;
  std::vector<UniqueFd> conns;
  int fail_next = 3;
  int calls = 0;
  auto accept_fn = [&](int listen_fd) {
    ++calls;
    if (fail_next > 0) {
      --fail_next;
      errno = ENFILE;
      return -1;
    }
    return accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  };
  Acceptor acceptor(
      r, std::move(*listening), "test socket", [&](UniqueFd fd) { conns.push_back(std::move(fd)); },
      /*backoff_ns=*/1'000'000, accept_fn);
  UniqueFd c1 = NewSocket();
  ASSERT_TRUE(ConnectTo(c1.get(), path));
  ASSERT_TRUE(r.RunUntil([&] { return conns.size() == 1; }));
  EXPECT_EQ(acceptor.stats().failures, 3u);
  EXPECT_EQ(acceptor.stats().episodes, 1u);
  // One call per failure (each one stops the watch), then the one that worked and the one
  // that found the backlog empty.
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(log.Count("[warning]"), 1) << log.text();
  EXPECT_EQ(log.Count("the system has no file descriptor left (ENFILE)"), 1) << log.text();

  // A second episode is logged again.
  fail_next = 1;
  UniqueFd c2 = NewSocket();
  ASSERT_TRUE(ConnectTo(c2.get(), path));
  ASSERT_TRUE(r.RunUntil([&] { return conns.size() == 2; }));
  EXPECT_EQ(acceptor.stats().episodes, 2u);
  EXPECT_EQ(log.Count("[warning]"), 2) << log.text();
  unlink(path.c_str());
}

TEST(AcceptorTest, ConnectionOnlyErrorsAreSkippedWithoutBackingOff) {
  const std::string path = TempSocketPath("acc-aborted");
  auto listening = ListenUnix(path);
  ASSERT_TRUE(listening.ok()) << listening.status();
  PollReactor r;
  std::vector<UniqueFd> conns;
  int aborted = 2;
  auto accept_fn = [&](int listen_fd) {
    if (aborted > 0) {
      --aborted;
      errno = ECONNABORTED;
      return -1;
    }
    return accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  };
  Acceptor acceptor(
      r, std::move(*listening), "test socket", [&](UniqueFd fd) { conns.push_back(std::move(fd)); },
      /*backoff_ns=*/3600'000'000'000u, accept_fn);
  UniqueFd c = NewSocket();
  ASSERT_TRUE(ConnectTo(c.get(), path));
  ASSERT_TRUE(r.RunUntil([&] { return conns.size() == 1; }));
  EXPECT_EQ(acceptor.stats().failures, 0u);
  EXPECT_FALSE(acceptor.backing_off());
  unlink(path.c_str());
}

TEST(AcceptorTest, StopEndsAcceptingAndCancelsTheBackOff) {
  const std::string path = TempSocketPath("acc-stop");
  auto listening = ListenUnix(path);
  ASSERT_TRUE(listening.ok()) << listening.status();
  PollReactor r;
  auto accept_fn = [](int) {
    errno = EMFILE;
    return -1;
  };
  Acceptor acceptor(
      r, std::move(*listening), "test socket", [](UniqueFd) {}, 1'000'000, accept_fn);
  UniqueFd c = NewSocket();
  ASSERT_TRUE(ConnectTo(c.get(), path));
  ASSERT_TRUE(r.RunUntil([&] { return acceptor.backing_off(); }));
  acceptor.Stop();
  EXPECT_FALSE(acceptor.backing_off());
  EXPECT_EQ(r.watch_count(), 0u);
  EXPECT_EQ(r.timer_count(), 0u);
  acceptor.Resume();  // no effect once stopped
  EXPECT_FALSE(acceptor.watching());
  unlink(path.c_str());
}

}  // namespace
}  // namespace tock::hostkernel
