// FaultReport: one Tock-style process fault dump parsed out of tockd's log
// ("---| Process fault: NAME (restart count N) |---", "Cause: ...", "Fault address: 0x...",
// "rip 0x... WHERE", an optional "Backtrace (...):" with "  #N 0x... WHERE" frames, memory
// map) or a Cortex-M board's UART ("---| App Status: NAME |---", "Fault: ...",
// "Faulting address (MMFAR): 0x...", ..., "Grant bytes in use: ..."; no restart count).
// Pure parsing; the log text is all it reads.
#ifndef TOCKPP_TESTS_HARNESS_FAULT_REPORT_H_
#define TOCKPP_TESTS_HARNESS_FAULT_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tock::harness {

struct FaultReport {
  std::string app;                        // process name from the header line
  int restart_count = -1;                 // "(restart count N)", -1 if absent (boards)
  std::string cause;                      // text after "Cause: " (boards: "Fault: ")
  std::optional<uint32_t> fault_address;  // from "Fault address: 0x...", if the dump has one
  std::optional<uint32_t> pc;             // tockd: from "rip 0x..."
  // tockd: what follows the rip value: "poke at apps/x.c:11" when symbolized, else
  // "(no symbols: REASON)".
  std::string pc_location;
  // tockd: each backtrace frame's location ("main at apps/x.c:16"), innermost first.
  std::vector<std::string> backtrace;
  std::string text;  // the whole dump, header to last indented line
  // The memory map's last line ("  free ...", boards "Grant bytes in use:") or, in tockd's
  // format, a later log line seen.
  bool complete = false;
};

// Every complete dump in `log`, in order. A dump ends at the first line that is neither part
// of the dump body nor indented (the next log line), or at the end of the text.
std::vector<FaultReport> ParseFaultReports(std::string_view log);

}  // namespace tock::harness

#endif  // TOCKPP_TESTS_HARNESS_FAULT_REPORT_H_
