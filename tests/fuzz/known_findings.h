// Invariant violations that are understood bugs in code this folder does not own, each with
// its regression input kept in corpus/<target>/. While listed here the harness reports them
// and skips the rest of that input instead of trapping; delete the entry once fixed so the
// regression input guards the fix. Host-only.
#ifndef TOCKPP_TESTS_FUZZ_KNOWN_FINDINGS_H_
#define TOCKPP_TESTS_FUZZ_KNOWN_FINDINGS_H_

#include <cstring>

namespace tock::fuzz {

struct KnownFinding {
  const char* id;       // the invariant id the harness reports
  const char* summary;  // file, function, what goes wrong
};

inline constexpr KnownFinding kKnownFindings[] = {
    {"yield-no-wait-blocked",
     "kernel/kernel_syscalls.cc Kernel::DoYield(kNoWait): has_tasks is !queue().empty(), which "
     "counts value-only entries of Null-Upcall slots; the process is set Yielded, "
     "DeliverPending finds nothing deliverable, and yield-no-wait blocks (and wrote 1 = 'an "
     "upcall will run' to r1's byte). Input: corpus/dispatch/known-yield-no-wait-blocked "
     "(command probe 2 = schedule upcall 0 unsubscribed, then yield-no-wait)"},
};

inline const KnownFinding* FindKnown(const char* id) {
  for (const KnownFinding& k : kKnownFindings) {
    if (k.id[0] != '\0' && std::strcmp(k.id, id) == 0) return &k;
  }
  return nullptr;
}

}  // namespace tock::fuzz

#endif  // TOCKPP_TESTS_FUZZ_KNOWN_FINDINGS_H_
