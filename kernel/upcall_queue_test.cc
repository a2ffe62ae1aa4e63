#include "kernel/upcall_queue.h"

#include <gtest/gtest.h>

namespace tock {
namespace {

QueuedUpcall Entry(uint32_t driver, uint32_t sub, uint32_t fn, uint32_t a0) {
  QueuedUpcall e;
  e.id = UpcallId{driver, sub};
  e.upcall = SubscribedUpcall{fn, 0};
  e.args[0] = a0;
  return e;
}

TEST(UpcallQueueTest, CapacityIsTenLikeUpstreamAndOverflowIsDroppedAndCounted) {
  UpcallQueue q;
  q.Reset();
  EXPECT_EQ(kUpcallQueueCapacity, 10u);
  for (uint32_t i = 0; i < 10; ++i) {
    EXPECT_TRUE(q.Push(Entry(1, 0, 0x100, i)));
  }
  EXPECT_TRUE(q.full());
  EXPECT_FALSE(q.Push(Entry(1, 0, 0x100, 10)));
  EXPECT_FALSE(q.Push(Entry(1, 0, 0x100, 11)));
  EXPECT_EQ(q.dropped(), 2u);
  EXPECT_EQ(q.size(), 10u);
  // FIFO order, the dropped ones never appear.
  for (uint32_t i = 0; i < 10; ++i) {
    EXPECT_EQ(q.Pop()->args[0], i);
  }
  EXPECT_FALSE(q.Pop());
}

TEST(UpcallQueueTest, RemoveAllKeepsOthersInOrderAcrossWrapAround) {
  UpcallQueue q;
  q.Reset();
  for (uint32_t i = 0; i < 7; ++i) {
    ASSERT_TRUE(q.Push(Entry(1, 0, 0x100, i)));
  }
  for (uint32_t i = 0; i < 7; ++i) {
    q.Pop();  // head is now at slot 7
  }
  for (uint32_t i = 0; i < 8; ++i) {
    ASSERT_TRUE(q.Push(Entry(1, i % 2, 0x100, i)));
  }
  EXPECT_EQ(q.RemoveAll(UpcallId{1, 1}), 4u);
  EXPECT_FALSE(q.Contains(UpcallId{1, 1}));
  for (uint32_t want : {0u, 2u, 4u, 6u}) {
    EXPECT_EQ(q.Pop()->args[0], want);
  }
  EXPECT_TRUE(q.empty());
}

TEST(UpcallQueueTest, PopMatchingTakesOldestOfThatIdOnly) {
  UpcallQueue q;
  q.Reset();
  ASSERT_TRUE(q.Push(Entry(1, 0, 0x100, 10)));
  ASSERT_TRUE(q.Push(Entry(2, 0, 0x100, 20)));
  ASSERT_TRUE(q.Push(Entry(2, 0, 0x100, 21)));
  auto e = q.PopMatching(UpcallId{2, 0});
  ASSERT_TRUE(e);
  EXPECT_EQ(e->args[0], 20u);
  EXPECT_FALSE(q.PopMatching(UpcallId{3, 0}));
  EXPECT_EQ(q.Pop()->args[0], 10u);
  EXPECT_EQ(q.Pop()->args[0], 21u);
}

TEST(UpcallQueueTest, PopDeliverableSkipsNullEntriesInFront) {
  UpcallQueue q;
  q.Reset();
  EXPECT_FALSE(q.HasDeliverable());
  EXPECT_FALSE(q.PopDeliverable());
  ASSERT_TRUE(q.Push(Entry(1, 0, 0, 1)));  // value-only (null upcall)
  EXPECT_FALSE(q.HasDeliverable());
  EXPECT_FALSE(q.PopDeliverable());
  EXPECT_EQ(q.size(), 1u);  // nothing deliverable: the null entry stays for yield-wait-for
  ASSERT_TRUE(q.Push(Entry(1, 1, 0x200, 2)));
  ASSERT_TRUE(q.Push(Entry(1, 0, 0, 3)));
  EXPECT_TRUE(q.HasDeliverable());
  auto e = q.PopDeliverable();
  ASSERT_TRUE(e);
  EXPECT_EQ(e->args[0], 2u);
  EXPECT_EQ(q.size(), 1u);
  EXPECT_EQ(q.Pop()->args[0], 3u);
}

TEST(UpcallQueueTest, DroppedCounterSaturates) {
  UpcallQueue q;
  q.Reset();
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(q.Push(Entry(1, 0, 1, 0)));
  }
  for (int i = 0; i < 70000; ++i) {
    EXPECT_FALSE(q.Push(Entry(1, 0, 1, 0)));
  }
  EXPECT_EQ(q.dropped(), 0xFFFFu);
  q.Reset();
  EXPECT_EQ(q.dropped(), 0u);
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace tock
