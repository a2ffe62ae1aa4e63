// Host time kept from apps: what the launcher did about it (its handshake), what a fault that
// reached for it is called in a dump, and whether this host really makes rdtsc fault.
//
// The launcher sets PR_SET_TSC (rdtsc/rdtscp raise SIGSEGV) and unmaps the vDSO and the vvar
// pages below it before the app runs (launcher/launcher.c). Some hypervisors accept
// PR_SET_TSC but do not enforce it (CR4.TSD is not passed through); `ProbeRdtscTrap` finds out.
#ifndef TOCKPP_HOSTKERNEL_PROCESS_HOST_TIME_H_
#define TOCKPP_HOSTKERNEL_PROCESS_HOST_TIME_H_

#include <cstdint>
#include <span>
#include <string>

#include "hostkernel/abi/tock_channel.h"

namespace tock::hostkernel {

// The launcher's report (handshake arg[1..3], abi/tock_launch.h).
struct HostTimeHiding {
  bool tsc_faults = false;     // PR_SET_TSC(PR_TSC_SIGSEGV) was accepted
  uint64_t vdso = 0;           // where the vDSO was (AT_SYSINFO_EHDR), 0 if none
  uint64_t removed_start = 0;  // [removed_start, removed_end): vvar pages + vDSO, now unmapped
  uint64_t removed_end = 0;

  static HostTimeHiding FromHandshake(uint32_t vdso_low, uint32_t vdso_high, uint32_t bits);
};

// Names a fault in which the app reached for host state, e.g. "rdtsc (host time is not
// readable; use the alarm driver)"; "" for any other fault. For a refused time call (SIGSYS,
// whose name ExitInfo already gives) only the why: "host time is not readable; ...". `code` holds
// the bytes at the fault's rip read from tockd's own view of the app's flash (empty when rip is not
// in flash). `f` is the launcher's record, which the app could forge: the name is diagnostic only.
std::string HostStateFault(const tock_fault_info& f, std::span<const uint8_t> code,
                           const HostTimeHiding& hidden);

enum class RdtscTrap {
  kFaults,       // rdtsc raises SIGSEGV after PR_SET_TSC: host time is hidden
  kNotEnforced,  // PR_SET_TSC accepted, rdtsc still runs (e.g. a PVM guest)
  kRefused,      // PR_SET_TSC failed (`errno_value` says why)
  kProbeFailed,  // could not fork the probe
};
struct RdtscTrapProbe {
  RdtscTrap result = RdtscTrap::kProbeFailed;
  int errno_value = 0;
};

// Forks a child that sets PR_SET_TSC and executes rdtsc; the result is cached after the first
// call (about 1 ms once). Async-signal-safe in the child, so tockd may call it at any time.
RdtscTrapProbe ProbeRdtscTrap();

// One sentence for tockd's log when host time stays readable, "" when rdtsc faults.
std::string DescribeRdtscTrap(const RdtscTrapProbe& probe);

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_PROCESS_HOST_TIME_H_
