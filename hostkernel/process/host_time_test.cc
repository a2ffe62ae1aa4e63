// HostTimeHiding from the launcher's handshake, the names HostStateFault gives faults that
// reached for host time, and the rdtsc probe against a direct look at this host.
#include "hostkernel/process/host_time.h"

#include <signal.h>

#include <cerrno>
#include <cstdint>
#include <vector>

#include "gtest/gtest.h"
#include "hostkernel/abi/tock_launch.h"

namespace tock::hostkernel {
namespace {

constexpr uint64_t kVdso = 0x7ffc12345000ull;
constexpr uint32_t kSiKernel = 0x80;
constexpr uint32_t kSegvMaperr = 1;

HostTimeHiding Hidden() {
  // 6 pages of vvar below the vDSO, 2 of vDSO code, rdtsc set to fault (as on kernel 6.18).
  return HostTimeHiding::FromHandshake(static_cast<uint32_t>(kVdso),
                                       static_cast<uint32_t>(kVdso >> 32),
                                       6u | 2u << 8 | TOCK_LAUNCH_HOST_TSC_FAULTS);
}

tock_fault_info Fault(uint32_t signo, uint32_t code, uint64_t rip) {
  tock_fault_info f{};
  f.valid = 1;
  f.signo = signo;
  f.code = code;
  f.rip = rip;
  f.addr = static_cast<uint32_t>(rip);
  return f;
}

TEST(HostTimeHidingTest, DecodesTheHandshake) {
  const HostTimeHiding h = Hidden();
  EXPECT_TRUE(h.tsc_faults);
  EXPECT_EQ(h.vdso, kVdso);
  EXPECT_EQ(h.removed_start, kVdso - 6 * 4096ull);
  EXPECT_EQ(h.removed_end, kVdso + 2 * 4096ull);
}

TEST(HostTimeHidingTest, NothingRemovedWhenTheLauncherSaysSo) {
  const HostTimeHiding h = HostTimeHiding::FromHandshake(0x12345000u, 0x7ffcu, 0);
  EXPECT_FALSE(h.tsc_faults);
  EXPECT_EQ(h.removed_start, 0u);
  EXPECT_EQ(h.removed_end, 0u);
}

TEST(HostStateFaultTest, NamesRdtscAndRdtscpFromTheCodeBytes) {
  const std::vector<uint8_t> rdtsc = {0x0F, 0x31, 0x90};
  const std::vector<uint8_t> rdtscp = {0x0F, 0x01, 0xF9};
  EXPECT_EQ(HostStateFault(Fault(SIGSEGV, kSiKernel, 0x10000100), rdtsc, Hidden()),
            "rdtsc (host time is not readable; use the alarm driver)");
  EXPECT_EQ(HostStateFault(Fault(SIGSEGV, kSiKernel, 0x10000100), rdtscp, Hidden()),
            "rdtscp (host time is not readable; use the alarm driver)");
}

TEST(HostStateFaultTest, OtherGeneralProtectionFaultsAreNotNamed) {
  const std::vector<uint8_t> hlt = {0xF4, 0x90, 0x90};
  EXPECT_EQ(HostStateFault(Fault(SIGSEGV, kSiKernel, 0x10000100), hlt, Hidden()), "");
  // The bytes of rdtsc at a wild write's rip do not make it an rdtsc.
  const std::vector<uint8_t> rdtsc = {0x0F, 0x31};
  EXPECT_EQ(HostStateFault(Fault(SIGSEGV, kSegvMaperr, 0x10000100), rdtsc, Hidden()), "");
  EXPECT_EQ(HostStateFault(Fault(SIGSEGV, kSiKernel, 0x10000100), {}, Hidden()), "");
}

TEST(HostStateFaultTest, NamesACallIntoTheRemovedVdsoAndVvar) {
  EXPECT_EQ(HostStateFault(Fault(SIGSEGV, kSegvMaperr, kVdso + 0x9a0), {}, Hidden()),
            "call into the removed vDSO (clock_gettime/gettimeofday are not available; use the "
            "alarm driver)");
  EXPECT_EQ(HostStateFault(Fault(SIGSEGV, kSegvMaperr, kVdso - 4096), {}, Hidden()),
            "jump into the removed vvar pages (host time is not readable; use the alarm driver)");
  // Past the vDSO: still named, as an address outside app memory.
  EXPECT_EQ(HostStateFault(Fault(SIGSEGV, kSegvMaperr, kVdso + 2 * 4096ull), {}, Hidden()),
            "jump to 0x7ffc12347000, an unmapped address outside app memory");
  // A SEGV inside the app's 32-bit space is an ordinary fault.
  EXPECT_EQ(HostStateFault(Fault(SIGSEGV, kSegvMaperr, 0x40000000), {}, Hidden()), "");
}

TEST(HostStateFaultTest, NamesRefusedTimeCalls) {
  tock_fault_info f = Fault(SIGSYS, 1, 0x10000100);
  f.addr = 0xFF600000u;          // the emulated vsyscall's call site, cut to 32 bits
  f.syscall_arch = 0xC000003Eu;  // AUDIT_ARCH_X86_64
  f.syscall_nr = 96;
  EXPECT_EQ(HostStateFault(f, {}, Hidden()),
            "through the vsyscall page: host time is not readable; use the alarm driver");
  f.addr = 0x10000102;
  f.syscall_nr = 228;
  EXPECT_EQ(HostStateFault(f, {}, Hidden()), "host time is not readable; use the alarm driver");
  f.syscall_nr = 39;  // getpid: refused, but not about time
  EXPECT_EQ(HostStateFault(f, {}, Hidden()), "");
}

TEST(HostStateFaultTest, AnInvalidRecordIsNeverNamed) {
  tock_fault_info f = Fault(SIGSEGV, kSiKernel, 0x10000100);
  f.valid = 0;
  const std::vector<uint8_t> rdtsc = {0x0F, 0x31};
  EXPECT_EQ(HostStateFault(f, rdtsc, Hidden()), "");
}

TEST(ProbeRdtscTrapTest, AgreesWithItselfAndDescribesEveryOutcome) {
  const RdtscTrapProbe probe = ProbeRdtscTrap();
  EXPECT_NE(probe.result, RdtscTrap::kProbeFailed) << probe.errno_value;
  EXPECT_EQ(ProbeRdtscTrap().result, probe.result);  // cached
  EXPECT_EQ(DescribeRdtscTrap(probe).empty(), probe.result == RdtscTrap::kFaults);
  EXPECT_NE(DescribeRdtscTrap({RdtscTrap::kRefused, EINVAL}).find("Invalid argument"),
            std::string::npos);
  EXPECT_NE(DescribeRdtscTrap({RdtscTrap::kNotEnforced, 0}).find("not enforced"),
            std::string::npos);
}

}  // namespace
}  // namespace tock::hostkernel
