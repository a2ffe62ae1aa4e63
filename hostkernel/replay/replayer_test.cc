#include "hostkernel/replay/replayer.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tock::hostkernel {
namespace {

struct LoggingSink : InputSink {
  void Console(std::string_view bytes) override { got.push_back("console " + std::string(bytes)); }
  void Control(std::string_view line) override { got.push_back("control " + std::string(line)); }
  void Signal(int signo) override { got.push_back("signal " + std::to_string(signo)); }
  std::vector<std::string> got;
};

std::vector<RecordedInput> Inputs() {
  return {
      {{100, 5, 2, false}, InputKind::kConsole, "a"},
      {{100, 5, 2, false}, InputKind::kControl, "button 0 press"},
      {{100, 5, 3, true}, InputKind::kConsole, "b"},
      {{900, 8, 4, false}, InputKind::kSignal, "15"},
  };
}

TEST(ReplayerTest, InjectsOnlyAtTheRecordedCountsPhaseAndTime) {
  LoggingSink sink;
  Replayer replayer(Inputs(), sink, /*virtual_time=*/true);
  EXPECT_FALSE(replayer.InjectNext({100, 4, 2, false}));  // a syscall early
  EXPECT_FALSE(replayer.InjectNext({100, 5, 2, true}));   // wrong phase
  EXPECT_FALSE(replayer.InjectNext({99, 5, 2, false}));   // too early in virtual time
  EXPECT_TRUE(replayer.InjectNext({100, 5, 2, false}));   // one at a time
  EXPECT_EQ(sink.got, (std::vector<std::string>{"console a"}));
  EXPECT_TRUE(replayer.InjectNext({100, 5, 2, false}));
  EXPECT_EQ(sink.got, (std::vector<std::string>{"console a", "control button 0 press"}));
  EXPECT_FALSE(replayer.InjectNext({100, 5, 2, false}));
  EXPECT_TRUE(replayer.InjectNext({100, 5, 3, true}));
  EXPECT_FALSE(replayer.done());
  EXPECT_TRUE(replayer.InjectNext({900, 8, 4, false}));
  EXPECT_EQ(sink.got.back(), "signal 15");
  EXPECT_TRUE(replayer.done());
  EXPECT_EQ(replayer.injected(), 4u);
}

TEST(ReplayerTest, RealTimeMatchesCountsAndPhaseOnly) {
  LoggingSink sink;
  Replayer replayer(Inputs(), sink, /*virtual_time=*/false);
  EXPECT_TRUE(replayer.InjectNext({1, 5, 2, false}));
  EXPECT_FALSE(replayer.IdleJumpTarget({1, 5, 3, false}, std::nullopt).has_value());
}

TEST(ReplayerTest, IdleVirtualTimeJumpsToTheNextInputUnlessATimerComesFirst) {
  LoggingSink sink;
  Replayer replayer(Inputs(), sink, /*virtual_time=*/true);
  EXPECT_EQ(replayer.IdleJumpTarget({40, 5, 2, false}, std::nullopt), 100u);
  EXPECT_EQ(replayer.IdleJumpTarget({40, 5, 2, false}, uint64_t{150}), 100u);
  EXPECT_FALSE(replayer.IdleJumpTarget({40, 5, 2, false}, uint64_t{100}).has_value());
  EXPECT_FALSE(replayer.IdleJumpTarget({40, 4, 2, false}, std::nullopt).has_value());
  EXPECT_FALSE(replayer.IdleJumpTarget({100, 5, 2, false}, std::nullopt).has_value());
}

TEST(ReplayerTest, ARunPastAnInputHasDiverged) {
  LoggingSink sink;
  Replayer replayer(Inputs(), sink, /*virtual_time=*/true);
  EXPECT_FALSE(replayer.Passed({100, 5, 2, true}));
  EXPECT_TRUE(replayer.Passed({100, 5, 3, false}));
  EXPECT_TRUE(replayer.Passed({0, 6, 0, false}));
  EXPECT_NE(replayer.DescribeNext().find("input 1 of 4 (console 'a') recorded at syscall 5"),
            std::string::npos)
      << replayer.DescribeNext();
}

}  // namespace
}  // namespace tock::hostkernel
