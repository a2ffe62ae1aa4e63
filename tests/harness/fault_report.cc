// Parses tockd's process fault dumps (format: hostkernel fault dump, Tock's panic style).
#include "tests/harness/fault_report.h"

#include <cstdlib>

namespace tockpp::harness {
namespace {

constexpr std::string_view kHeader = "---| Process fault: ";
constexpr std::string_view kRestart = " (restart count ";
constexpr std::string_view kCause = "Cause: ";
constexpr std::string_view kAddress = "Fault address: ";

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      nl = text.size();
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// Body lines of a dump are unprefixed ("Cause:", "rip ...") or indented; the next log line
// starts with spdlog's "[time]" stamp.
bool IsBodyLine(std::string_view line) {
  return !line.empty() && line.front() != '[' && line.find(kHeader) == std::string_view::npos;
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
        std::string value(body.substr(kAddress.size()));
        char* end = nullptr;
        unsigned long address = std::strtoul(value.c_str(), &end, 0);
        if (end != value.c_str()) {
          report.fault_address = static_cast<uint32_t>(address);
        }
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

}  // namespace tockpp::harness
