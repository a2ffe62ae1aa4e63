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

// Fixed findings move out of this list; their inputs stay in the corpus as regression tests
// (yield-no-wait-blocked: kernel/kernel_syscalls.cc, fixed). The empty entry keeps the array
// well-formed while nothing is known.
inline constexpr KnownFinding kKnownFindings[] = {
    {"", ""},
};

inline const KnownFinding* FindKnown(const char* id) {
  for (const KnownFinding& k : kKnownFindings) {
    if (k.id[0] != '\0' && std::strcmp(k.id, id) == 0) {
      return &k;
    }
  }
  return nullptr;
}

}  // namespace tock::fuzz

#endif  // TOCKPP_TESTS_FUZZ_KNOWN_FINDINGS_H_
