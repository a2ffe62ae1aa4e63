// Process info syscall driver (0x10002), after upstream capsules_extra::process_info_driver:
// lets an app list the board's processes (ids, ShortIds, names, counters) and change their
// state. Upstream marks it for testing and tutorials, not production: any app holding it can
// stop or terminate every other. Authority comes only through the board's ProcessManagement
// (capsules/process_console/process_management.h); app memory only through ProcessBuffers.
//
// Commands (arg0 = data1, arg1 = data2):
//   0  exists.
//   1  Success(u32): number of processes.
//   2  fill RW allow 0 with each process's id (little-endian u32, as many as fit);
//      Success(u32): number of processes.
//   3  the same with ShortIds (0 = LocallyUnique).
//   4  name of the process whose id is arg0 into RW allow 0 (as much as fits);
//      Success(u32): its full length; INVAL: no such process.
//   5  four u32s for process arg0 into RW allow 0: timeslice expirations, syscalls, restarts,
//      state (0 running, 1 yielded, 2 yielded-for, 3 stopped, 4 faulted, 5 terminated);
//      Success even when no process matches (as upstream: the buffer is left alone).
//   6  change process arg0's state: arg1 1 start (resume), 2 stop, 3 fault, 4 terminate,
//      5 boot (only when terminated), other values nothing; INVAL: no such process.
//   Other: NOSUPPORT. No upcalls; no RO allows.
//
// Wiring (board, statics):
//   KernelProcessManagement pm(kernel, process_cap, loop_cap);
//   DriverComponent<ProcessInfoDriver> process_info(pm, kernel, mem_cap);
//   registrar.Add(process_info);
#ifndef TOCKPP_CAPSULES_PROCESS_INFO_PROCESS_INFO_DRIVER_H_
#define TOCKPP_CAPSULES_PROCESS_INFO_PROCESS_INFO_DRIVER_H_

#include <cstdint>

#include "capsules/driver_numbers.h"
#include "capsules/process_console/process_management.h"
#include "kernel/grant.h"
#include "kernel/syscall_driver.h"

namespace tock::capsules {

struct ProcessInfoApp {};

class ProcessInfoDriver final : public SyscallDriver {
 public:
  static constexpr uint32_t kDriverNum = driver_num::kProcessInfo;
  static constexpr const char* kName = "process_info";
  static constexpr uint32_t kInfoAllow = 0;
  using GrantType = Grant<ProcessInfoApp, UpcallCount<0>, AllowRoCount<0>, AllowRwCount<1>>;

  // Process states as command 5 reports them (upstream's numbering).
  static uint32_t StateNumber(ProcessState state);

  ProcessInfoDriver(ProcessManagement& processes, GrantType& grant)
      : processes_(processes), grant_(grant) {}

  CommandReturn Command(uint32_t command_num, uint32_t arg0, uint32_t arg1, ProcessId pid) override;
  Result<void> AllocateGrant(ProcessId pid) override { return grant_.Allocate(pid); }

 private:
  // Writes one u32 per process (value(process)) into the caller's allow; returns the count.
  template <typename F>
  CommandReturn FillWords(ProcessId caller, F value);
  CommandReturn Name(ProcessId caller, uint32_t process_id);
  CommandReturn Stats(ProcessId caller, uint32_t process_id);
  CommandReturn SetState(uint32_t process_id, uint32_t state);
  const Process* Find(uint32_t process_id) const;

  ProcessManagement& processes_;
  GrantType& grant_;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_PROCESS_INFO_PROCESS_INFO_DRIVER_H_
