#include "hostkernel/config/fault_policy_spec.h"

#include <gtest/gtest.h>

#include <string>

namespace tock::hostkernel {
namespace {

using Kind = FaultPolicySpec::Kind;

TEST(FaultPolicySpec, ParsesTheThreePoliciesAndARestartLimit) {
  EXPECT_EQ(ParseFaultPolicy("panic")->kind, Kind::kPanic);
  EXPECT_EQ(ParseFaultPolicy("stop")->kind, Kind::kStop);
  EXPECT_EQ(*ParseFaultPolicy("restart"), (FaultPolicySpec{Kind::kRestart, 0}));
  EXPECT_EQ(*ParseFaultPolicy("restart:3"), (FaultPolicySpec{Kind::kRestart, 3}));
}

TEST(FaultPolicySpec, RejectsUnknownWordsAndBadCounts) {
  EXPECT_FALSE(ParseFaultPolicy("reboot").ok());
  EXPECT_FALSE(ParseFaultPolicy("restart:0").ok());
  EXPECT_FALSE(ParseFaultPolicy("restart:x").ok());
  EXPECT_FALSE(ParseFaultPolicy("").ok());
}

TEST(FaultPolicySpec, RestartCountsAreThirtyTwoBit) {
  EXPECT_EQ(*ParseFaultPolicy("restart:70000"), (FaultPolicySpec{Kind::kRestart, 70000}));
  EXPECT_EQ(*ParseFaultPolicy("restart:4294967295"),
            (FaultPolicySpec{Kind::kRestart, 4294967295u}));
  for (const char* text : {"restart:4294967296", "restart:99999999999999999999999"}) {
    auto spec = ParseFaultPolicy(text);
    ASSERT_FALSE(spec.ok()) << text;
    EXPECT_NE(spec.status().message().find("is over the maximum of 4294967295"), std::string::npos)
        << spec.status();
  }
  auto signed_count = ParseFaultPolicy("restart:+5");
  ASSERT_FALSE(signed_count.ok());
  EXPECT_NE(signed_count.status().message().find("a number from 1 to 4294967295"),
            std::string::npos)
      << signed_count.status();
}

TEST(FaultPolicyTable, PerAppOverridesWinOverTheDefault) {
  auto table = ParseFaultPolicyTable("stop, blink=restart:2,hello=panic");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->For("other").kind, Kind::kStop);
  EXPECT_EQ(table->For("blink"), (FaultPolicySpec{Kind::kRestart, 2}));
  EXPECT_EQ(table->For("hello").kind, Kind::kPanic);
}

TEST(FaultPolicyTable, RejectsTwoDefaultsAndEmptyNames) {
  EXPECT_FALSE(ParseFaultPolicyTable("stop,panic").ok());
  EXPECT_FALSE(ParseFaultPolicyTable("=stop").ok());
  EXPECT_FALSE(ParseFaultPolicyTable("a=bogus").ok());
}

}  // namespace
}  // namespace tock::hostkernel
