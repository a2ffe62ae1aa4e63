// ParseCommandLine / FullFlagHelp over absl::FindCommandLineFlag and absl::GetAllFlags.
#include "hostkernel/daemon/command_line.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"

namespace tock::hostkernel {
namespace {

// Abseil's own flags (--flagfile, --fromenv, --helpshort, ...) are not tockd's.
bool IsAbseilFlag(const absl::CommandLineFlag& flag) {
  return absl::StrContains(flag.Filename(), "absl/");
}

absl::CommandLineFlag* Find(const std::string& name) {
  absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
  if (flag == nullptr || flag->IsRetired() || IsAbseilFlag(*flag)) {
    return nullptr;
  }
  return flag;
}

std::string Dashed(const std::string& name) { return absl::StrReplaceAll(name, {{"_", "-"}}); }

// What a flag's values look like, for "bad value" messages (Abseil's own text only repeats the
// value).
const char* Expected(const absl::CommandLineFlag& flag) {
  if (flag.IsOfType<bool>()) {
    return "true or false";
  }
  if (flag.IsOfType<absl::Duration>()) {
    return "a duration such as 10ms, 2s or 1m";
  }
  if (flag.IsOfType<std::string>()) {
    return "text";
  }
  if (flag.IsOfType<double>() || flag.IsOfType<float>()) {
    return "a number";
  }
  return "a whole number in range";
}

absl::Status Usage(absl::string_view message) { return absl::InvalidArgumentError(message); }

}  // namespace

absl::StatusOr<CommandLine> ParseCommandLine(const std::vector<std::string>& args,
                                             CommandLineOptions options) {
  CommandLine out;
  bool flags_ended = false;
  std::set<std::string> lists_given;  // list flags seen: given again, they add to the list
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (flags_ended || arg.size() < 2 || arg[0] != '-') {
      out.positional.push_back(arg);  // "-" alone is a (strange) file name too
      flags_ended = flags_ended || options.flags_end_at_first_positional;
      continue;
    }
    if (arg == "--") {
      flags_ended = true;
      continue;
    }
    if (arg == "-h") {
      out.action = CommandLine::Action::kHelp;
      return out;
    }
    if (arg[1] != '-') {
      return Usage(absl::StrCat("unknown flag ", arg));
    }
    const size_t eq = arg.find('=');
    std::string name = absl::StrReplaceAll(arg.substr(2, eq - 2), {{"-", "_"}});
    const bool has_value = eq != std::string::npos;
    if (name == "help" || name == "helpfull" || name == "version") {
      out.action = name == "help"       ? CommandLine::Action::kHelp
                   : name == "helpfull" ? CommandLine::Action::kHelpFull
                                        : CommandLine::Action::kVersion;
      return out;
    }
    absl::CommandLineFlag* flag = Find(name);
    bool negated = false;
    if (flag == nullptr && absl::StartsWith(name, "no")) {
      flag = Find(name.substr(2));
      negated = flag != nullptr && flag->IsOfType<bool>();
      if (!negated) {
        flag = nullptr;
      } else {
        name = name.substr(2);
      }
    }
    if (flag == nullptr) {
      return Usage(absl::StrCat("unknown flag --", Dashed(name)));
    }
    std::string value;
    if (flag->IsOfType<bool>()) {
      if (negated && has_value) {
        return Usage(absl::StrCat("--no", Dashed(name), " takes no value"));
      }
      value = has_value ? arg.substr(eq + 1) : (negated ? "false" : "true");
    } else if (has_value) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return Usage(absl::StrCat("--", Dashed(name), " needs a value"));
    }
    if (flag->IsOfType<std::vector<std::string>>() && !lists_given.insert(name).second) {
      value =
          absl::StrCat(flag->CurrentValue(), ",", value);  // --credential-key=a --credential-key=b
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return Usage(absl::StrCat("bad value '", value, "' for --", Dashed(name), " (want ",
                                Expected(*flag), ")"));
    }
  }
  return out;
}

std::string FullFlagHelp() {
  std::vector<const absl::CommandLineFlag*> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (!flag->IsRetired() && !IsAbseilFlag(*flag)) {
      flags.push_back(flag);
    }
  }
  std::sort(flags.begin(), flags.end(),
            [](const auto* a, const auto* b) { return a->Name() < b->Name(); });
  std::string out;
  for (const absl::CommandLineFlag* flag : flags) {
    absl::StrAppend(&out, "  --", Dashed(std::string{flag->Name()}), "=", flag->DefaultValue(),
                    "\n      ", flag->Help(), "\n");
  }
  return out;
}

}  // namespace tock::hostkernel
