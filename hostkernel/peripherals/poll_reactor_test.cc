// PollReactor: posts run in order and never inside Post(); timers run in deadline order;
// readable watches fire for pipe data and can remove themselves.
#include "hostkernel/peripherals/poll_reactor.h"

#include <unistd.h>

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tock::hostkernel {
namespace {

TEST(PollReactorTest, PostRunsLaterInFifoOrder) {
  PollReactor r;
  std::vector<int> order;
  r.Post([&] { order.push_back(1); });
  r.Post([&] { order.push_back(2); });
  EXPECT_TRUE(order.empty());
  r.RunPosted();
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST(PollReactorTest, PastTimersFireInDeadlineOrderAndCancelledOnesNever) {
  PollReactor r;
  std::vector<int> order;
  uint64_t now = MonotonicNowNs();
  r.RunAt(now - 5, [&] { order.push_back(2); });
  Reactor::Id cancelled = r.RunAt(now - 20, [&] { order.push_back(99); });
  r.RunAt(now - 10, [&] { order.push_back(1); });
  r.CancelTimer(cancelled);
  EXPECT_TRUE(r.RunUntil([&] { return order.size() == 2; }));
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
  EXPECT_EQ(r.timer_count(), 0u);
}

TEST(PollReactorTest, ReadableWatchSeesPipeDataAndCanUnwatchItself) {
  PollReactor r;
  int p[2];
  ASSERT_EQ(pipe(p), 0);
  std::string got;
  Reactor::Id id = 0;
  id = r.WatchReadable(p[0], [&] {
    char c;
    ASSERT_EQ(read(p[0], &c, 1), 1);
    got.push_back(c);
    if (c == '!') {
      r.Unwatch(id);
    }
  });
  ASSERT_EQ(write(p[1], "hi!", 3), 3);
  EXPECT_TRUE(r.RunUntil([&] { return got == "hi!"; }));
  EXPECT_EQ(r.watch_count(), 0u);
  close(p[0]);
  close(p[1]);
}

}  // namespace
}  // namespace tock::hostkernel
