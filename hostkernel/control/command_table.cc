// CommandTable: row checks, dispatch with argument counts, generated help.
#include "hostkernel/control/command_table.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tock::hostkernel {

absl::Status CommandTable::Add(Row row) {
  if (row.name.empty() || !row.handler || row.min_args > row.max_args) {
    return absl::InvalidArgumentError(absl::StrCat(
        "control command '", row.name, "' needs a name, a handler and min_args <= max_args"));
  }
  if (Find(row.name) != nullptr) {
    return absl::AlreadyExistsError(
        absl::StrCat("control command '", row.name, "' is defined twice"));
  }
  rows_.push_back(std::move(row));
  return absl::OkStatus();
}

absl::Status CommandTable::AddPeripherals(const PeripheralRegistry& registry) {
  for (const PeripheralControls& p : registry.peripherals()) {
    for (const ControlCommand& c : p.commands) {
      absl::Status added =
          Add({.name = c.name,
               .usage = c.usage,
               .help = c.help,
               .min_args = c.min_args,
               .max_args = c.max_args,
               .handler = [handler = c.handler](uint64_t, ControlArgs args, ReplyLines& out) {
                 return handler(args, out);
               }});
      if (!added.ok()) {
        return absl::Status(added.code(),
                            absl::StrCat("peripheral '", p.name, "': ", added.message()));
      }
    }
  }
  return absl::OkStatus();
}

const CommandTable::Row* CommandTable::Find(absl::string_view name) const {
  for (const Row& row : rows_) {
    if (row.name == name) {
      return &row;
    }
  }
  return nullptr;
}

absl::Status CommandTable::Run(uint64_t client, std::span<const absl::string_view> words,
                               ReplyLines& out) const {
  const Row* row = words.empty() ? nullptr : Find(words[0]);
  if (row == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown command '", words.empty() ? "" : words[0], "' (try help)"));
  }
  const ControlArgs args = words.subspan(1);
  if (args.size() < row->min_args || args.size() > row->max_args) {
    return UsageError(row->usage);
  }
  return row->handler(client, args, out);
}

ReplyLines CommandTable::Help() const {
  ReplyLines out;
  out.reserve(rows_.size());
  for (const Row& row : rows_) {
    out.push_back(absl::StrFormat("%-*s %s", kUsageColumn - 1, row.usage, row.help));
  }
  return out;
}

}  // namespace tock::hostkernel
