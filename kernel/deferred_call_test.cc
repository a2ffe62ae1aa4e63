#include "kernel/deferred_call.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "kernel/capability_factory.h"

namespace tock {
namespace {

struct Counter : DeferredCallClient {
  void HandleDeferredCall() override { ++calls; }
  int calls = 0;
};

class DeferredCallTest : public ::testing::Test {
 protected:
  void SetUp() override { DeferredCall::ResetForTesting(cap_); }
  void TearDown() override { DeferredCall::ResetForTesting(cap_); }
  DeferredCallCapability cap_ = CapabilityFactory::DeferredCall();
};

TEST_F(DeferredCallTest, SetRunsClientOnceWhenServiced) {
  DeferredCall dc;
  Counter c;
  dc.RegisterClient(c);
  EXPECT_TRUE(DeferredCall::AllRegistered());
  EXPECT_FALSE(DeferredCall::HasPending());
  dc.Set();
  dc.Set();  // coalesces
  EXPECT_TRUE(dc.IsPending());
  EXPECT_TRUE(DeferredCall::HasPending());
  EXPECT_TRUE(DeferredCall::ServiceNext(cap_));
  EXPECT_EQ(c.calls, 1);
  EXPECT_FALSE(dc.IsPending());
  EXPECT_FALSE(DeferredCall::ServiceNext(cap_));
}

TEST_F(DeferredCallTest, ServicesOnePerStepLowestSlotFirst) {
  DeferredCall a, b;
  Counter ca, cb;
  a.RegisterClient(ca);
  b.RegisterClient(cb);
  b.Set();
  a.Set();
  EXPECT_TRUE(DeferredCall::ServiceNext(cap_));
  EXPECT_EQ(ca.calls, 1);
  EXPECT_EQ(cb.calls, 0);
  EXPECT_TRUE(DeferredCall::ServiceNext(cap_));
  EXPECT_EQ(cb.calls, 1);
}

TEST_F(DeferredCallTest, UnregisteredClientIsReportedAndSkipped) {
  DeferredCall a;
  EXPECT_FALSE(DeferredCall::AllRegistered());
  a.Set();
  EXPECT_FALSE(DeferredCall::ServiceNext(cap_));
  EXPECT_FALSE(DeferredCall::HasPending());
}

TEST_F(DeferredCallTest, RegistryOverflowMakesCallsInert) {
  std::vector<std::unique_ptr<DeferredCall>> calls;
  Counter c;
  for (size_t i = 0; i < kMaxDeferredCalls; ++i) {
    calls.push_back(std::make_unique<DeferredCall>());
    calls.back()->RegisterClient(c);
  }
  EXPECT_TRUE(DeferredCall::AllRegistered());
  DeferredCall extra;
  EXPECT_FALSE(extra.IsRegistered());
  extra.RegisterClient(c);
  extra.Set();
  EXPECT_FALSE(extra.IsPending());
  EXPECT_FALSE(DeferredCall::AllRegistered());
  calls.back()->Set();
  EXPECT_TRUE(DeferredCall::ServiceNext(cap_));
  EXPECT_EQ(c.calls, 1);
}

TEST_F(DeferredCallTest, ResetMakesOldCallsInert) {
  DeferredCall old;
  Counter c;
  old.RegisterClient(c);
  DeferredCall::ResetForTesting(cap_);
  old.Set();
  EXPECT_FALSE(old.IsPending());
  EXPECT_FALSE(DeferredCall::HasPending());
}

}  // namespace
}  // namespace tock
