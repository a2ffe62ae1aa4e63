// Human-readable and JSON descriptions of a parsed TBF and one-line error messages, shared by
// the `tbf` CLI commands. Host only.
#ifndef TOCKPP_TBF_TOOLS_DESCRIBE_H_
#define TOCKPP_TBF_TOOLS_DESCRIBE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "tbf-tools/lib/error.h"
#include "tbf-tools/lib/integrity.h"
#include "tbf-tools/lib/tbf_header.h"

namespace tock::tbf {

// "<field> at offset <n> (0x<n>): <description>" — one line, no newline.
std::string FormatError(const Error& error);

// Every field, one per line.
std::string DescribeText(const TbfHeader& header, const IntegrityReport* integrity);

// `s` as a JSON string literal.
std::string JsonQuote(std::string_view s);

// One JSON object (no trailing newline).
std::string DescribeJson(const TbfHeader& header, const IntegrityReport* integrity);

}  // namespace tock::tbf

#endif  // TOCKPP_TBF_TOOLS_DESCRIBE_H_
