// A package name as printable text for host logs and control replies: every byte outside
// 0x20..0x7e as \xNN and a backslash as \\ (kernel/printable_name.h), never truncated.
#ifndef TOCKPP_HOSTKERNEL_RUNTIME_ESCAPED_NAME_H_
#define TOCKPP_HOSTKERNEL_RUNTIME_ESCAPED_NAME_H_

#include <string>
#include <string_view>

#include "kernel/printable_name.h"
#include "kernel/process.h"

namespace tock::hostkernel {

inline std::string EscapedName(std::string_view raw) {
  std::string out(tock::EscapedNameLength(raw), '\0');
  out.resize(tock::EscapeName(raw, std::span<char>(out.data(), out.size())));
  return out;
}

inline std::string EscapedName(const tock::Process& p) {
  return EscapedName(std::string_view(p.name(), p.name_length()));
}

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_RUNTIME_ESCAPED_NAME_H_
