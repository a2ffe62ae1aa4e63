// The KV store survives kill -9 of tockd: kv_writer writes increasing values to one key and
// prints each acknowledged one; tockd is killed (SIGKILL) after a random number of
// acknowledgements (0..24, so the kill lands anywhere in the write cycle: in a pwrite, between
// a write and its upcall, in the app's printf, during the mount), then started again on the
// same --flash-file. Every restart must read back the last acknowledged value or the one
// written after it (which may have reached the file unacknowledged), never an older one, and
// never a torn one. KV_CRASH_RESTARTS sets the number of restarts (default 100), KV_CRASH_SEED
// the random seed (default: the time; printed).
#include <signal.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace {

using tock::harness::ExitStatus;
using tock::harness::Stream;
using tock::harness::Tockd;

constexpr const char* kWriter = "//tests/crash/apps:kv_writer.tbf";

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  int n = 0;
  return v != nullptr && absl::SimpleAtoi(v, &n) ? n : fallback;
}

// The highest K of the complete "ack K" lines (0 if none).
int64_t LastAck(const std::string& console) {
  int64_t last = 0;
  const size_t end = console.rfind('\n');
  if (end == std::string::npos) {
    return 0;
  }
  for (absl::string_view line : absl::StrSplit(console.substr(0, end), '\n')) {
    int64_t k = 0;
    if (absl::ConsumePrefix(&line, "ack ") && absl::SimpleAtoi(line, &k) && k > last) {
      last = k;
    }
  }
  return last;
}

TEST(KvCrashTest, AcknowledgedValuesSurviveKill9AndNothingIsTorn) {
  const int restarts = EnvInt("KV_CRASH_RESTARTS", 100);
  const uint32_t seed = static_cast<uint32_t>(
      EnvInt("KV_CRASH_SEED", static_cast<int>(absl::ToUnixMicros(absl::Now()) & 0x7FFFFFFF)));
  std::printf("kv_crash_test: %d restarts, seed %u (KV_CRASH_SEED to repeat)\n", restarts, seed);
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> acks_before_kill(0, 24);

  const std::string dir =
      std::getenv("TEST_TMPDIR") != nullptr ? std::getenv("TEST_TMPDIR") : "/tmp";
  const std::string file = dir + "/kv_crash_" + std::to_string(getpid()) + ".bin";
  unlink(file.c_str());

  int64_t last_ack = 0;
  int64_t total_acks = 0;
  int behind = 0;  // restarts that read back the unacknowledged write after the last ack
  for (int run = 0; run <= restarts; ++run) {
    SCOPED_TRACE("run " + std::to_string(run) + " (last acknowledged " + std::to_string(last_ack) +
                 ")");
    auto tockd = Tockd::Start({.apps = {kWriter}, .flags = {"--flash-file=" + file}});
    ASSERT_TRUE(tockd.ok()) << tockd.status();
    ASSERT_TRUE((*tockd)->WaitForConsole("start "));
    ASSERT_TRUE((*tockd)->WaitFor(Stream::kConsole, "\n", 1, absl::Seconds(20)));
    const std::string first = (*tockd)->Console().substr(0, (*tockd)->Console().find('\n'));
    if (run == 0) {
      ASSERT_EQ(first, "start none");
    } else {
      std::vector<std::string> words = absl::StrSplit(first, ' ');
      int64_t read_back = -1;
      ASSERT_EQ(words.size(), 3u) << first;
      ASSERT_TRUE(absl::SimpleAtoi(words[1], &read_back)) << first;
      ASSERT_EQ(words[2], "ok") << "torn value: " << first;
      ASSERT_GE(read_back, last_ack) << "an acknowledged write was lost: " << first;
      ASSERT_LE(read_back, last_ack + 1) << "a value nobody wrote: " << first;
      behind += read_back == last_ack + 1 ? 1 : 0;
      last_ack = read_back;
    }
    if (run == restarts) {
      break;
    }
    const int k = acks_before_kill(random);
    if (k > 0) {
      ASSERT_TRUE((*tockd)->WaitFor(Stream::kConsole, "ack ", k, absl::Seconds(20)));
    }
    ASSERT_EQ(kill((*tockd)->pid(), SIGKILL), 0);
    ASSERT_EQ((*tockd)->WaitForExit(), ExitStatus::Signaled(SIGKILL));
    const std::string console = (*tockd)->Console();
    ASSERT_EQ(console.find("error"), std::string::npos) << console;
    const int64_t acked = LastAck(console);
    if (acked > 0) {
      ASSERT_GT(acked, last_ack);
      total_acks += acked - last_ack;
      last_ack = acked;
    }
  }
  std::printf(
      "kv_crash_test: %d kill -9 restarts, %lld acknowledged writes, none lost, none torn; %d "
      "restarts found the unacknowledged write after the last ack\n",
      restarts, static_cast<long long>(total_acks), behind);
  unlink(file.c_str());
}

}  // namespace
