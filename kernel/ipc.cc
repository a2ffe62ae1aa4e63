// Ipc is a template (its grant's counts are the board's process count); one instantiation here
// makes every build, the Cortex-M one included, compile it.
#include "kernel/ipc.h"

namespace tock {

template class Ipc<8>;

}  // namespace tock
