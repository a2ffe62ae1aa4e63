// Fault policy support: the restart count the threshold policies compare against.
#include "kernel/fault_policy.h"

#include "kernel/process.h"

namespace tock {

uint32_t RestartCountOf(const Process& process) { return process.restart_count(); }

}  // namespace tock
