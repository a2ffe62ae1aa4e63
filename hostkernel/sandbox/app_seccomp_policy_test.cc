// Runs the exported app filter through a small classic-BPF interpreter and
// checks the verdict for the calls that matter (real installs are covered by
// hostkernel/process tests with real child processes).
#include "hostkernel/sandbox/app_seccomp_policy.h"

#include <linux/futex.h>
#include <linux/seccomp.h>
#include <sys/stat.h>

#include <cstddef>
#include <cstring>

#include "gtest/gtest.h"
#include "hostkernel/abi/tock_channel.h"

namespace tock::hostkernel {
namespace {

// Refused calls trap (the launcher names them, then the process dies by SIGSYS).
constexpr uint32_t kRefused = SECCOMP_RET_TRAP;
constexpr uint32_t kX32Bit = 0x40000000u;
constexpr uint32_t kMmap = 9, kFutex = 202, kWrite = 1, kExitGroup = 231, kRtSigreturn = 15,
                   kOpen = 2, kOpenat = 257, kPkeyMprotect = 329, kMremap = 25, kModifyLdt = 154,
                   kMunmap = 11, kShmat = 30, kArchPrctl = 158;

uint32_t RunBpf(std::span<const sock_filter> prog, const seccomp_data& data) {
  uint32_t a = 0, x = 0, mem[16] = {};
  const auto* bytes = reinterpret_cast<const uint8_t*>(&data);
  for (size_t pc = 0; pc < prog.size(); ++pc) {
    const sock_filter& f = prog[pc];
    const uint32_t src = (BPF_SRC(f.code) == BPF_X) ? x : f.k;
    switch (BPF_CLASS(f.code)) {
      case BPF_LD:
        if (BPF_MODE(f.code) == BPF_ABS) {
          if (f.k + 4 > sizeof(data)) {
            return 0xdead;
          }
          std::memcpy(&a, bytes + f.k, 4);
        } else if (BPF_MODE(f.code) == BPF_IMM) {
          a = f.k;
        } else if (BPF_MODE(f.code) == BPF_MEM) {
          a = mem[f.k & 15];
        } else {
          return 0xdead;
        }
        break;
      case BPF_LDX:
        x = (BPF_MODE(f.code) == BPF_MEM) ? mem[f.k & 15] : f.k;
        break;
      case BPF_ST:
        mem[f.k & 15] = a;
        break;
      case BPF_STX:
        mem[f.k & 15] = x;
        break;
      case BPF_ALU:
        switch (BPF_OP(f.code)) {
          case BPF_AND:
            a &= src;
            break;
          case BPF_OR:
            a |= src;
            break;
          case BPF_ADD:
            a += src;
            break;
          case BPF_SUB:
            a -= src;
            break;
          case BPF_RSH:
            a >>= src;
            break;
          case BPF_LSH:
            a <<= src;
            break;
          default:
            return 0xdead;
        }
        break;
      case BPF_JMP: {
        if (BPF_OP(f.code) == BPF_JA) {
          pc += f.k;
          break;
        }
        bool t = false;
        switch (BPF_OP(f.code)) {
          case BPF_JEQ:
            t = a == src;
            break;
          case BPF_JGT:
            t = a > src;
            break;
          case BPF_JGE:
            t = a >= src;
            break;
          case BPF_JSET:
            t = (a & src) != 0;
            break;
          default:
            return 0xdead;
        }
        pc += t ? f.jt : f.jf;
        break;
      }
      case BPF_RET:
        return BPF_RVAL(f.code) == BPF_A ? a : f.k;
      case BPF_MISC:
        if (BPF_MISCOP(f.code) == BPF_TAX) {
          x = a;
        } else {
          a = x;
        }
        break;
    }
  }
  return 0xdead;
}

seccomp_data Call(uint32_t nr, uint64_t a0 = 0, uint64_t a1 = 0, uint32_t arch = kAuditArchAmd64) {
  seccomp_data d{};
  d.nr = static_cast<int>(nr);
  d.arch = arch;
  d.args[0] = a0;
  d.args[1] = a1;
  return d;
}

class AppSeccompPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto prog = AppSeccompFilter();
    ASSERT_TRUE(prog.ok()) << prog.status();
    prog_ = *prog;
  }
  uint32_t Verdict(const seccomp_data& d) { return RunBpf(prog_, d) & SECCOMP_RET_ACTION_FULL; }
  std::span<const sock_filter> prog_;
};

constexpr uint32_t kKernelSeq = TOCK_HOST_CHANNEL_ADDR + offsetof(tock_channel, kernel_seq);

TEST_F(AppSeccompPolicyTest, FutexWaitOnKernelSeqIsAllowed) {
  EXPECT_EQ(Verdict(Call(kFutex, kKernelSeq, FUTEX_WAIT)), SECCOMP_RET_ALLOW);
}

TEST_F(AppSeccompPolicyTest, FutexElsewhereOrOtherOpsKill) {
  EXPECT_EQ(Verdict(Call(kFutex, kKernelSeq + 4, FUTEX_WAIT)), kRefused);
  EXPECT_EQ(Verdict(Call(kFutex, kKernelSeq, FUTEX_WAKE)), kRefused);
  EXPECT_EQ(Verdict(Call(kFutex, kKernelSeq, FUTEX_WAIT_PRIVATE)), kRefused);
}

TEST_F(AppSeccompPolicyTest, WriteOnlyToTheWakeEventfd) {
  EXPECT_EQ(Verdict(Call(kWrite, TOCK_CHANNEL_EVENTFD)), SECCOMP_RET_ALLOW);
  EXPECT_EQ(Verdict(Call(kWrite, 1)), kRefused);
  EXPECT_EQ(Verdict(Call(kWrite, 4)), kRefused);
}

TEST_F(AppSeccompPolicyTest, ExitAndSigreturnAreAllowed) {
  EXPECT_EQ(Verdict(Call(kExitGroup)), SECCOMP_RET_ALLOW);
  EXPECT_EQ(Verdict(Call(kRtSigreturn)), SECCOMP_RET_ALLOW);
}

TEST_F(AppSeccompPolicyTest, MprotectGoesToTheKernel) {
  EXPECT_EQ(Verdict(Call(kLinuxSysMprotect, TOCK_HOST_RAM_ADDR, 4096)), SECCOMP_RET_USER_NOTIF);
}

TEST_F(AppSeccompPolicyTest, SchedYieldIsAllowedOnlyAsX86_64) {
  constexpr uint32_t kSchedYield = 24;
  EXPECT_EQ(Verdict(Call(kSchedYield)), SECCOMP_RET_ALLOW);
  EXPECT_EQ(Verdict(Call(kX32Bit | kSchedYield)), kRefused);
  EXPECT_EQ(Verdict(Call(158, 0, 0, kAuditArchI386)), kRefused);  // i386 sched_yield
}

TEST_F(AppSeccompPolicyTest, EveryOtherWayToChangeMemoryKills) {
  for (uint32_t nr :
       {kMmap, kMremap, kPkeyMprotect, kModifyLdt, kOpen, kOpenat, kMunmap, kShmat, kArchPrctl}) {
    EXPECT_EQ(Verdict(Call(nr)), kRefused) << nr;
  }
}

TEST_F(AppSeccompPolicyTest, OtherArchitecturesKillEvenForAllowedNumbers) {
  // i386 write(3), exit_group and mprotect through `int $0x80`: the wrong arch.
  EXPECT_EQ(Verdict(Call(4, TOCK_CHANNEL_EVENTFD, 0, kAuditArchI386)), kRefused);
  EXPECT_EQ(Verdict(Call(252, 0, 0, kAuditArchI386)), kRefused);
  EXPECT_EQ(Verdict(Call(125, 0, 0, kAuditArchI386)), kRefused);
  // Even an i386 call whose number is an allowed x86-64 one (1 = i386 exit).
  EXPECT_EQ(Verdict(Call(1, 0, 0, kAuditArchI386)), kRefused);
}

TEST_F(AppSeccompPolicyTest, X32NumberedCallsKill) {
  EXPECT_EQ(Verdict(Call(kX32Bit | kWrite, TOCK_CHANNEL_EVENTFD)), kRefused);
  EXPECT_EQ(Verdict(Call(kX32Bit | kExitGroup)), kRefused);
  EXPECT_EQ(Verdict(Call(kX32Bit | kFutex, kKernelSeq, FUTEX_WAIT)), kRefused);
  EXPECT_EQ(Verdict(Call(kX32Bit | kLinuxSysMprotect)), kRefused);
}

TEST(SyscallNameTest, NamesRefusedCallsForFaultDumps) {
  EXPECT_EQ(SyscallName(kAuditArchAmd64, 39), "getpid #39");
  EXPECT_EQ(SyscallName(kAuditArchAmd64, 257), "openat #257");
  EXPECT_EQ(SyscallName(kAuditArchI386, 20), "i386 getpid #20");
  EXPECT_EQ(SyscallName(kAuditArchAmd64, 0x40000027u), "unknown #0x40000027");
  EXPECT_EQ(SyscallName(0x12345678u, 1), "unknown #1");
}

TEST_F(AppSeccompPolicyTest, MemfdExportIsSealedAndNonEmpty) {
  auto fd = ExportAppSeccompFilterToMemfd();
  ASSERT_TRUE(fd.ok()) << fd.status();
  struct stat st;
  ASSERT_EQ(fstat(fd->get(), &st), 0);
  EXPECT_EQ(static_cast<size_t>(st.st_size), prog_.size() * sizeof(sock_filter));
  EXPECT_EQ(write(fd->get(), "x", 1), -1);
}

}  // namespace
}  // namespace tock::hostkernel
