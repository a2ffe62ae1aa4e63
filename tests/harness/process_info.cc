// Parser for tockd's `ps`/`inspect` lines: "word key=value key=value ...".
#include "tests/harness/process_info.h"

#include <map>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace tock::harness {
namespace {

using Fields = std::map<std::string, std::string>;

// "process id=1 name=x" -> ("process", {id:1, name:x}).
std::pair<std::string, Fields> Tokenize(absl::string_view line) {
  std::pair<std::string, Fields> out;
  bool first = true;
  for (absl::string_view token : absl::StrSplit(line, ' ', absl::SkipEmpty())) {
    if (first) {
      out.first = std::string{token};
      first = false;
      continue;
    }
    size_t eq = token.find('=');
    if (eq == absl::string_view::npos) {
      continue;
    }
    out.second[std::string{token.substr(0, eq)}] = std::string{token.substr(eq + 1)};
  }
  return out;
}

bool Number(const Fields& f, const char* key, uint32_t* out) {
  auto it = f.find(key);
  if (it == f.end()) {
    return false;
  }
  absl::string_view v = it->second;
  if (absl::ConsumePrefix(&v, "0x")) {
    return absl::SimpleHexAtoi(v, out);
  }
  return absl::SimpleAtoi(v, out);
}

bool Region(const Fields& f, const char* key, ProcessInfo::Region* out) {
  auto it = f.find(key);
  if (it == f.end()) {
    return false;
  }
  std::pair<std::string, std::string> parts = absl::StrSplit(it->second, '+');
  Fields split = {{"a", parts.first}, {"b", parts.second}};
  return Number(split, "a", &out->start) && Number(split, "b", &out->length);
}

absl::Status Malformed(absl::string_view line) {
  return absl::InvalidArgumentError(std::string("malformed process line: ") + std::string{line});
}

}  // namespace

uint32_t ProcessInfo::GrantBytes(uint32_t driver) const {
  uint32_t total = 0;
  for (const Grant& g : grants) {
    if (g.driver == driver) {
      total += g.bytes;
    }
  }
  return total;
}

uint32_t ProcessInfo::TotalGrantBytes() const {
  uint32_t total = 0;
  for (const Grant& g : grants) {
    total += g.bytes;
  }
  return total;
}

absl::StatusOr<std::vector<ProcessInfo>> ParseProcessInfo(const std::vector<std::string>& lines) {
  std::vector<ProcessInfo> out;
  for (const std::string& line : lines) {
    auto [kind, f] = Tokenize(line);
    if (kind == "process") {
      ProcessInfo p;
      uint32_t id = 0, restarts = 0;
      auto name = f.find("name");
      auto state = f.find("state");
      if (!Number(f, "id", &id) || name == f.end() || state == f.end() ||
          !Number(f, "restarts", &restarts)) {
        return Malformed(line);
      }
      p.id = static_cast<int>(id);
      p.name = name->second;
      p.state = state->second;
      p.restarts = static_cast<int>(restarts);
      if (auto s = f.find("syscalls"); s != f.end() && !absl::SimpleAtoi(s->second, &p.syscalls)) {
        return Malformed(line);
      }
      out.push_back(std::move(p));
      continue;
    }
    if (out.empty()) {
      return Malformed(line);  // detail before any process line
    }
    ProcessInfo& p = out.back();
    if (kind == "memory") {
      ProcessInfo::Memory m;
      if (!Region(f, "flash", &m.flash) || !Region(f, "ram", &m.ram) ||
          !Number(f, "break", &m.app_break) || !Region(f, "grant", &m.grant)) {
        return Malformed(line);
      }
      p.memory = m;
    } else if (kind == "grant") {
      ProcessInfo::Grant g;
      if (!Number(f, "driver", &g.driver) || !Number(f, "bytes", &g.bytes)) {
        return Malformed(line);
      }
      p.grants.push_back(g);
    } else if (kind == "upcall") {
      ProcessInfo::Upcall u;
      if (!Number(f, "driver", &u.driver) || !Number(f, "subscribe", &u.subscribe)) {
        return Malformed(line);
      }
      if (auto a = f.find("args"); a != f.end()) {
        for (absl::string_view arg : absl::StrSplit(a->second, ',', absl::SkipEmpty())) {
          Fields one = {{"v", std::string{arg}}};
          uint32_t v = 0;
          if (!Number(one, "v", &v)) {
            return Malformed(line);
          }
          u.args.push_back(v);
        }
      }
      p.upcalls.push_back(std::move(u));
    } else if (kind == "allow") {
      ProcessInfo::Allow a;
      auto k = f.find("kind");
      if (k == f.end() || !Number(f, "driver", &a.driver) || !Number(f, "number", &a.number) ||
          !Number(f, "address", &a.address) || !Number(f, "length", &a.length)) {
        return Malformed(line);
      }
      a.kind = k->second;
      p.allows.push_back(std::move(a));
    }
  }
  return out;
}

}  // namespace tock::harness
