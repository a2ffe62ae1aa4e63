// Parses process fault dumps: tockd's (hostkernel fault dump) and the Cortex-M boards'
// (platforms/arch/cortex_m fault_dump), both in Tock's panic style.
#include "tests/harness/fault_report.h"

#include <cstdlib>

namespace tock::harness {
namespace {

constexpr std::string_view kHeader = "---| Process fault: ";
constexpr std::string_view kRestart = " (restart count ";
constexpr std::string_view kCause = "Cause: ";
constexpr std::string_view kAddress = "Fault address: ";
constexpr std::string_view kRip = "rip ";
constexpr std::string_view kFrame = "  #";
// The boards' dump: "---| App Status: NAME |---", "Fault: ...", "Faulting address (MMFAR): 0x...",
// registers and memory map, last "Grant bytes in use: 0x...". Lines end "\r\n".
constexpr std::string_view kBoardHeader = "---| App Status: ";
constexpr std::string_view kBoardCause = "Fault: ";
constexpr std::string_view kBoardAddress = "Faulting address (";
constexpr std::string_view kBoardLast = "Grant bytes in use:";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::optional<uint32_t> ParseAddress(std::string_view text) {
  std::string value(text);
  char* end = nullptr;
  unsigned long address = std::strtoul(value.c_str(), &end, 0);
  if (end == value.c_str()) {
    return std::nullopt;
  }
  return static_cast<uint32_t>(address);
}

// "0x100023b0  poke at x.c:11" -> 0x100023b0 and "poke at x.c:11".
void ParseLocated(std::string_view text, std::optional<uint32_t>& value, std::string& where) {
  value = ParseAddress(text);
  const size_t gap = text.find("  ");
  where = gap == std::string_view::npos ? "" : std::string(text.substr(gap + 2));
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      nl = text.size();
    }
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

// Body lines of a dump are unprefixed ("Cause:", "rip ...") or indented; the next log line
// starts with spdlog's "[time]" stamp.
bool IsBodyLine(std::string_view line) {
  return !line.empty() && line.front() != '[' && line.find(kHeader) == std::string_view::npos &&
         line.find(kBoardHeader) == std::string_view::npos;
}

// A board dump from its header line `lines[i]`; returns the index of its last line.
size_t ParseBoardDump(const std::vector<std::string_view>& lines, size_t i, FaultReport& report) {
  std::string_view rest = lines[i].substr(lines[i].find(kBoardHeader) + kBoardHeader.size());
  report.app = std::string(rest.substr(0, rest.find(" |---")));
  report.text = std::string(lines[i]);
  size_t j = i + 1;
  for (; j < lines.size() && lines[j].find(kBoardHeader) == std::string_view::npos; ++j) {
    std::string_view body = lines[j];
    report.text += "\n";
    report.text += body;
    if (StartsWith(body, kBoardCause) && report.cause.empty()) {
      report.cause = std::string(body.substr(kBoardCause.size()));
    } else if (StartsWith(body, kBoardAddress) && !report.fault_address) {
      size_t colon = body.find(": ");
      if (colon != std::string_view::npos) {
        report.fault_address = ParseAddress(body.substr(colon + 2));
      }
    }
    if (StartsWith(body, kBoardLast)) {
      report.complete = true;
      return j;
    }
  }
  return j - 1;
}

void ParseHeader(std::string_view line, FaultReport& report) {
  std::string_view rest = line.substr(line.find(kHeader) + kHeader.size());
  size_t paren = rest.find(kRestart);
  if (paren == std::string_view::npos) {
    size_t bar = rest.find(" |---");
    report.app = std::string(rest.substr(0, bar));
    return;
  }
  report.app = std::string(rest.substr(0, paren));
  report.restart_count = std::atoi(std::string(rest.substr(paren + kRestart.size())).c_str());
}

}  // namespace

std::vector<FaultReport> ParseFaultReports(std::string_view log) {
  std::vector<FaultReport> reports;
  std::vector<std::string_view> lines = SplitLines(log);
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find(kBoardHeader) != std::string_view::npos) {
      FaultReport report;
      i = ParseBoardDump(lines, i, report);
      reports.push_back(std::move(report));
      continue;
    }
    if (lines[i].find(kHeader) == std::string_view::npos) {
      continue;
    }
    FaultReport report;
    ParseHeader(lines[i], report);
    report.text = std::string(lines[i]);
    for (size_t j = i + 1; j < lines.size() && IsBodyLine(lines[j]); ++j) {
      std::string_view body = lines[j];
      report.text += "\n";
      report.text += body;
      if (body.substr(0, kCause.size()) == kCause && report.cause.empty()) {
        report.cause = std::string(body.substr(kCause.size()));
      } else if (body.substr(0, kAddress.size()) == kAddress) {
        report.fault_address = ParseAddress(body.substr(kAddress.size()));
      } else if (StartsWith(body, kRip) && !report.pc) {
        ParseLocated(body.substr(kRip.size()), report.pc, report.pc_location);
      } else if (StartsWith(body, kFrame)) {
        std::optional<uint32_t> pc;
        std::string where;
        const size_t value = body.find(' ', kFrame.size());
        ParseLocated(body.substr(value == std::string_view::npos ? body.size() : value + 1), pc,
                     where);
        report.backtrace.push_back(std::move(where));
      }
      if (body.substr(0, 6) == "  free") {
        report.complete = true;
      }
      i = j;
    }
    if (i + 1 < lines.size()) {
      report.complete = true;  // a later line ended the dump
    }
    reports.push_back(std::move(report));
  }
  return reports;
}

}  // namespace tock::harness
