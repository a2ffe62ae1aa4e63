// Commands piped into tockd's process console in one write are all answered, whole and in
// order (issue 21 item 7): the capsule queues lines that arrive while it is still answering.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/harness/tockd.h"

namespace tock::console {
namespace {

using harness::Stream;
using harness::Tockd;

constexpr char kHello[] = "//apps/examples/hello:hello.tbf";
constexpr char kValid[] =
    "Valid commands are: help status list stop start fault boot terminate process kernel reset "
    "panic console-start console-stop\r\n";

// The answer to `command`: the text after its echoed line (searched from `at`) up to the next
// prompt, or "" if either is missing; `at` moves to that prompt.
std::string AnswerAfter(const std::string& console, const std::string& command, size_t& at) {
  // The echo follows its prompt, or a line of app output printed after that prompt.
  const std::string echo = command + "\r\n";
  size_t begin = at;
  for (;; ++begin) {
    begin = console.find(echo, begin);
    if (begin == std::string::npos) {
      return "";
    }
    if (begin == 0 || console[begin - 1] == '\n' ||
        (begin >= 6 && console.compare(begin - 6, 6, "tock$ ") == 0)) {
      break;
    }
  }
  const size_t body = begin + echo.size();
  const size_t end = console.find("tock$ ", body);
  if (end == std::string::npos) {
    return "";
  }
  at = end;
  return console.substr(body, end - body);
}

class PipelinedCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started =
        Tockd::Start({.apps = {kHello}, .exit_when_done = false, .process_console = "active"});
    ASSERT_TRUE(started.ok()) << started.status();
    tockd = std::move(*started);
    // The app's own line first, so the answers below are the only console output.
    ASSERT_TRUE(tockd->WaitForConsole("Hello, World!"));
  }
  // Types `commands` (one write, '\n' after each) and checks every answer, in that order.
  void ExpectAnswered(const std::vector<std::string>& commands) {
    std::string input;
    for (const std::string& c : commands) {
      input += c + "\n";
    }
    ASSERT_TRUE(tockd->TypeConsole(input));
    // One prompt at the start and one after each answer.
    ASSERT_TRUE(tockd->WaitFor(Stream::kConsole, "tock$ ", static_cast<int>(commands.size()) + 1,
                               absl::Seconds(20)));
    const std::string console = tockd->Console();
    SCOPED_TRACE("console:\n" + console);
    size_t at = 0;
    for (const std::string& c : commands) {
      const std::string answer = AnswerAfter(console, c, at);
      SCOPED_TRACE(testing::Message() << "answer to " << c << ":\n" << answer);
      if (c == "help") {
        EXPECT_EQ(answer, std::string("Welcome to the process console.\r\n") + kValid);
      } else if (c == "list") {
        EXPECT_EQ(answer.rfind(" PID    ShortID    Name                Quanta  Syscalls  "
                               "Restarts  Grants  State\r\n",
                               0),
                  0u);
        // tockd assigns ShortIds: CRC-32/POSIX of the package name (kernel/app_id.h).
        EXPECT_NE(answer.find("0x5e21dea1 hello   "), std::string::npos);
        EXPECT_EQ(std::count(answer.begin(), answer.end(), '\n'), 2);  // header + one row
      } else if (c == "status") {
        EXPECT_EQ(answer.rfind("Total processes: 1\r\nActive processes: ", 0), 0u);
        EXPECT_NE(answer.find("\r\nTimeslice expirations: "), std::string::npos);
        EXPECT_EQ(std::count(answer.begin(), answer.end(), '\n'), 3);
      } else if (c == "process hello") {
        EXPECT_EQ(
            answer.rfind("\xF0\x9D\x90\x80\xF0\x9D\x90\xA9\xF0\x9D\x90\xA9: hello   -   [", 0), 0u);
        // Each piece of the overview exactly once, in upstream's order.
        size_t last = 0;
        for (const char* piece :
             {" Last Syscall: ", " Completion Code: ", "Grant Ptrs", "App Flash", "Protected",
              " H\r\n", " Grants: ", " Allowed Buffers: "}) {
          const size_t pos = answer.find(piece);
          ASSERT_NE(pos, std::string::npos) << piece << " missing";
          EXPECT_GE(pos, last) << piece;
          EXPECT_EQ(answer.find(piece, pos + 1), std::string::npos) << piece << " repeated";
          last = pos;
        }
        // hello has run by now: its last system call is shown, not "None".
        EXPECT_EQ(answer.find(" Last Syscall: None"), std::string::npos);
      }
      ASSERT_FALSE(answer.empty()) << c << " not answered";
    }
    // Nothing after the final prompt: no command was answered twice or left over.
    EXPECT_EQ(console.substr(at), "tock$ ");
  }

  std::unique_ptr<Tockd> tockd;
};

TEST_F(PipelinedCommandsTest, ShortAnswersFirst) {
  ExpectAnswered({"help", "list", "status", "process hello"});
}

// The first answer takes several transmissions; the other lines arrive while it is sent.
TEST_F(PipelinedCommandsTest, LinesArrivingDuringALongAnswerWait) {
  ExpectAnswered({"process hello", "list", "status", "help"});
}

}  // namespace
}  // namespace tock::console
