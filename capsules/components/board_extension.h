// BoardExtension<Context>: a driver that wires itself into a board by being linked into it, so
// adding a capsule to a board is one new file beside the board and no edit of the board.
//
// A board defines its Context (what wiring needs: kernel, memory capability, DriverRegistrar,
// its peripherals) and calls WireAll(context) once after its own components. An extension is a
// namespace-scope object in a library with `alwayslink = True` (or the linker drops the file);
// its constructor links it into the board's list before main(), so the list needs no heap and
// no central table. Failures go through the context's DriverRegistrar like any other wiring.
//
// Wiring (an extension's file):
//   void WireTemperature(HostBoardContext& board) { ... board.registrar.Add(component); }
//   const BoardExtension<HostBoardContext> kTemperature("temperature", WireTemperature);
#ifndef TOCKPP_CAPSULES_COMPONENTS_BOARD_EXTENSION_H_
#define TOCKPP_CAPSULES_COMPONENTS_BOARD_EXTENSION_H_

namespace tock::capsules::components {

template <typename Context>
class BoardExtension {
 public:
  using WireFn = void (*)(Context&);

  BoardExtension(const char* name, WireFn wire) : name_(name), wire_(wire), next_(head_) {
    head_ = this;
  }
  BoardExtension(const BoardExtension&) = delete;
  BoardExtension& operator=(const BoardExtension&) = delete;

  // Wires every extension linked into this board, in name order (so a board's driver list does
  // not depend on link order).
  static void WireAll(Context& context) {
    const BoardExtension* previous = nullptr;
    while (const BoardExtension* next = NextByName(previous)) {
      next->wire_(context);
      previous = next;
    }
  }

  // The extensions linked in, for listings and tests: first() then next().
  static const BoardExtension* first() { return head_; }
  const BoardExtension* next() const { return next_; }
  const char* name() const { return name_; }

 private:
  // The extension whose name follows previous's (nullptr: the first); nullptr after the last.
  // Quadratic in the number of extensions, which is a handful.
  static const BoardExtension* NextByName(const BoardExtension* previous) {
    const BoardExtension* best = nullptr;
    for (const BoardExtension* e = head_; e != nullptr; e = e->next_) {
      if (previous != nullptr && !Before(previous, e)) {
        continue;
      }
      if (best == nullptr || Before(e, best)) {
        best = e;
      }
    }
    return best;
  }
  // Name order, ties broken by address so that equal names are still visited once each.
  static bool Before(const BoardExtension* a, const BoardExtension* b) {
    const char* x = a->name_;
    const char* y = b->name_;
    while (*x != '\0' && *x == *y) {
      ++x;
      ++y;
    }
    if (*x != *y) {
      return static_cast<unsigned char>(*x) < static_cast<unsigned char>(*y);
    }
    return a < b;
  }

  // Constant-initialized, so it is null before any extension's constructor runs.
  static inline BoardExtension* head_ = nullptr;

  const char* name_;
  WireFn wire_;
  BoardExtension* next_;
};

}  // namespace tock::capsules::components

#endif  // TOCKPP_CAPSULES_COMPONENTS_BOARD_EXTENSION_H_
