// Fuzz target over the deliberately broken fixture capsule (fixtures/off_by_one_capsule.h):
// demonstrates that the harness catches an off-by-one write past an allowed buffer. Its corpus
// stays empty so the replay test is green; `tools/fuzz broken_capsule 60` must crash.
#include "tests/fuzz/fixtures/off_by_one_capsule.h"
#include "tests/fuzz/fuzz_harness.h"

namespace {

using tock::fuzz::OffByOneCapsule;

struct BrokenBoard {
  explicit BrokenBoard(tock::fuzz::Harness& h)
      : grant(h.kernel(), OffByOneCapsule::kDriverNum, h.memory_cap()), capsule(grant) {
    h.Register(OffByOneCapsule::kDriverNum, capsule);
  }
  OffByOneCapsule::GrantType grant;
  OffByOneCapsule capsule;
};

}  // namespace

TOCK_FUZZ_BOARD(BrokenBoard)
