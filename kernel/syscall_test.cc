#include "kernel/syscall.h"

#include <gtest/gtest.h>

namespace tock {
namespace {

TEST(DecodeSyscallTest, YieldVariantsCarryTheirParameters) {
  auto nowait = DecodeSyscall(0, {0, 0x20000010, 7, 8});
  ASSERT_TRUE(nowait);
  EXPECT_EQ(nowait->klass, SyscallClass::kYield);
  EXPECT_EQ(nowait->yield.kind, YieldKind::kNoWait);
  EXPECT_EQ(nowait->yield.address, 0x20000010u);

  auto wait = DecodeSyscall(0, {1, 5, 6, 7});
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->yield.kind, YieldKind::kWait);
  EXPECT_EQ(wait->yield.address, 0u);

  auto waitfor = DecodeSyscall(0, {2, 0x40001, 3, 9});
  ASSERT_TRUE(waitfor);
  EXPECT_EQ(waitfor->yield.kind, YieldKind::kWaitFor);
  EXPECT_EQ(waitfor->yield.driver_num, 0x40001u);
  EXPECT_EQ(waitfor->yield.subscribe_num, 3u);
}

// TRD104 §4.1: an invalid yield number is still a yield; the kernel returns at once and uses
// none of its parameters (which therefore are not decoded).
TEST(DecodeSyscallTest, UnknownYieldNumberDecodesAsUnknownYieldWithoutParameters) {
  for (uint32_t number : {3u, 4u, 7u, 0x100u, 0x80000000u, 0xFFFFFFFEu, 0xFFFFFFFFu}) {
    auto s = DecodeSyscall(0, {number, 0x20000010, 0x40001, 9});
    ASSERT_TRUE(s) << number;
    EXPECT_EQ(s->klass, SyscallClass::kYield);
    EXPECT_EQ(s->yield.kind, YieldKind::kUnknown) << number;
    EXPECT_EQ(s->yield.number, number);
    EXPECT_EQ(s->yield.address, 0u);
    EXPECT_EQ(s->yield.driver_num, 0u);
    EXPECT_EQ(s->yield.subscribe_num, 0u);
  }
  for (uint32_t number : {0u, 1u, 2u}) {
    auto s = DecodeSyscall(0, {number, 0, 0, 0});
    ASSERT_TRUE(s);
    EXPECT_EQ(static_cast<uint32_t>(s->yield.kind), number);
    EXPECT_EQ(s->yield.number, number);
  }
}

// Upstream's decoders (arch_helpers.rs) know classes 0..7 only; anything else is no syscall,
// which the kernel turns into a process fault.
TEST(DecodeSyscallTest, UnknownClassIsInvalid) {
  for (uint32_t cls : {8u, 9u, 15u, 255u, 0x100u, 0x80000000u, 0xFFFFFFFFu}) {
    EXPECT_FALSE(DecodeSyscall(cls, {0, 0, 0, 0})) << cls;
    EXPECT_FALSE(DecodeSyscall(cls, {1, 2, 3, 4})) << cls;
  }
}

// Classes 0..7 decode for every r0 (boundary values of each class's selector included): the
// class is kept and the registers land in its fields. Which numbers are supported is the
// kernel's business (memop NOSUPPORT, exit NOSUPPORT, yield returns at once).
TEST(DecodeSyscallTest, EveryKnownClassDecodesForEverySelectorValue) {
  const uint32_t selectors[] = {0, 1, 2, 3, 5, 6, 7, 8, 9, 11, 12, 13, 0x7FFFFFFF, 0xFFFFFFFF};
  for (uint32_t cls = 0; cls <= 7; ++cls) {
    for (uint32_t r0 : selectors) {
      const SyscallRegisters in{r0, 0x11, 0x22, 0x33};
      auto s = DecodeSyscall(cls, in);
      ASSERT_TRUE(s) << cls << " " << r0;
      EXPECT_EQ(static_cast<uint32_t>(s->klass), cls);
      switch (s->klass) {
        case SyscallClass::kYield:
          EXPECT_EQ(s->yield.number, r0);
          break;
        case SyscallClass::kSubscribe:
          EXPECT_EQ(s->subscribe.driver_num, r0);
          EXPECT_EQ(s->subscribe.userdata, 0x33u);
          break;
        case SyscallClass::kCommand:
          EXPECT_EQ(s->command.driver_num, r0);
          EXPECT_EQ(s->command.arg1, 0x33u);
          break;
        case SyscallClass::kReadWriteAllow:
        case SyscallClass::kReadOnlyAllow:
        case SyscallClass::kUserspaceReadableAllow:
          EXPECT_EQ(s->allow.driver_num, r0);
          EXPECT_EQ(s->allow.length, 0x33u);
          break;
        case SyscallClass::kMemop:
          EXPECT_EQ(s->memop.op, r0);
          EXPECT_EQ(s->memop.arg, 0x11u);
          break;
        case SyscallClass::kExit:
          EXPECT_EQ(s->exit.exit_num, r0);
          EXPECT_EQ(s->exit.completion_code, 0x11u);
          break;
      }
    }
  }
}

TEST(DecodeSyscallTest, EveryOtherClassMapsRegistersInOrder) {
  auto sub = DecodeSyscall(1, {1, 2, 0x10000100, 0xAB});
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->klass, SyscallClass::kSubscribe);
  EXPECT_EQ(sub->subscribe.driver_num, 1u);
  EXPECT_EQ(sub->subscribe.subscribe_num, 2u);
  EXPECT_EQ(sub->subscribe.upcall_fn, 0x10000100u);
  EXPECT_EQ(sub->subscribe.userdata, 0xABu);

  auto cmd = DecodeSyscall(2, {3, 4, 5, 6});
  ASSERT_TRUE(cmd);
  EXPECT_EQ(cmd->klass, SyscallClass::kCommand);
  EXPECT_EQ(cmd->command.driver_num, 3u);
  EXPECT_EQ(cmd->command.command_num, 4u);
  EXPECT_EQ(cmd->command.arg0, 5u);
  EXPECT_EQ(cmd->command.arg1, 6u);

  struct {
    uint32_t cls;
    SyscallClass klass;
    AllowKind kind;
  } allows[] = {{3, SyscallClass::kReadWriteAllow, AllowKind::kReadWrite},
                {4, SyscallClass::kReadOnlyAllow, AllowKind::kReadOnly},
                {7, SyscallClass::kUserspaceReadableAllow, AllowKind::kUserspaceReadable}};
  for (const auto& a : allows) {
    auto s = DecodeSyscall(a.cls, {9, 1, 0x20000000, 16});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->klass, a.klass);
    EXPECT_EQ(s->allow.kind, a.kind);
    EXPECT_EQ(s->allow.driver_num, 9u);
    EXPECT_EQ(s->allow.allow_num, 1u);
    EXPECT_EQ(s->allow.address, 0x20000000u);
    EXPECT_EQ(s->allow.length, 16u);
  }

  auto memop = DecodeSyscall(5, {1, 0xFFFFFFF0, 7, 7});
  ASSERT_TRUE(memop);
  EXPECT_EQ(memop->klass, SyscallClass::kMemop);
  EXPECT_EQ(memop->memop.op, 1u);
  EXPECT_EQ(memop->memop.arg, 0xFFFFFFF0u);

  auto exit = DecodeSyscall(6, {1, 77, 0, 0});
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->klass, SyscallClass::kExit);
  EXPECT_EQ(exit->exit.exit_num, kExitRestart);
  EXPECT_EQ(exit->exit.completion_code, 77u);
  // Unknown exit numbers still decode; the kernel answers NOSUPPORT.
  EXPECT_TRUE(DecodeSyscall(6, {5, 0, 0, 0}));
}

TEST(EncodeSyscallTest, RoundTripsEveryClass) {
  const SyscallRegisters cases[][1] = {{{0, 0x20000000, 0, 0}},
                                       {{1, 0, 0, 0}},
                                       {{2, 4, 5, 0}},
                                       {{9, 0, 0, 0}},
                                       {{0xFFFFFFFF, 0, 0, 0}}};
  for (const auto& c : cases) {
    auto s = DecodeSyscall(0, c[0]);
    ASSERT_TRUE(s);
    uint32_t cls;
    SyscallRegisters regs;
    EncodeSyscall(*s, cls, regs);
    EXPECT_EQ(cls, 0u);
    EXPECT_EQ(regs, c[0]);
  }
  for (uint32_t cls = 1; cls <= 7; ++cls) {
    SyscallRegisters in{11, 22, 33, 44};
    if (cls == 5 || cls == 6) {
      in = {1, 22, 0, 0};
    }
    auto s = DecodeSyscall(cls, in);
    ASSERT_TRUE(s);
    uint32_t out_cls;
    SyscallRegisters out;
    EncodeSyscall(*s, out_cls, out);
    EXPECT_EQ(out_cls, cls);
    EXPECT_EQ(out, in);
  }
}

}  // namespace
}  // namespace tock
