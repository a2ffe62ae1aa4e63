// CommandTable: the control socket's commands as one table of rows (name, usage, help,
// argument counts, handler). Run() finds the row for a command line's first word, checks the
// argument count ("usage: <usage>" otherwise) and calls the handler; Help() is generated from
// the rows, so adding a command is adding a row. Peripheral commands come in as rows from the
// PeripheralRegistry (AddPeripherals); the server's own (ps, watch, ...) are rows too.
// Host-only.
#ifndef TOCKPP_HOSTKERNEL_CONTROL_COMMAND_TABLE_H_
#define TOCKPP_HOSTKERNEL_CONTROL_COMMAND_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "hostkernel/peripherals/peripheral_registry.h"

namespace tock::hostkernel {

class CommandTable {
 public:
  // `client` identifies the connection the line came on (for commands that change it).
  using Handler = std::function<absl::Status(uint64_t client, ControlArgs args, ReplyLines& out)>;
  struct Row {
    std::string name;   // the line's first word
    std::string usage;  // e.g. "inspect APP"; also the left column of `help`
    std::string help;   // one line
    size_t min_args = 0;
    size_t max_args = 0;
    Handler handler;
  };
  // Width of the usage column in Help().
  static constexpr int kUsageColumn = 26;

  // AlreadyExists if the name is taken; InvalidArgument for a row without name or handler, or
  // with min_args > max_args.
  absl::Status Add(Row row);
  // A row for every command of every peripheral in `registry` (their handlers ignore the
  // client). Stops at the first name already taken.
  absl::Status AddPeripherals(const PeripheralRegistry& registry);

  // Null if there is no such command.
  const Row* Find(absl::string_view name) const;
  // `words` is a whole command line split at blanks (not empty). Unknown command:
  // InvalidArgument "unknown command 'X' (try help)"; wrong argument count: InvalidArgument
  // "usage: <usage>"; else the handler's status.
  absl::Status Run(uint64_t client, std::span<const absl::string_view> words,
                   ReplyLines& out) const;
  // One line per row, in order: usage padded to kUsageColumn, then help.
  ReplyLines Help() const;
  const std::vector<Row>& rows() const { return rows_; }

 private:
  std::vector<Row> rows_;
};

}  // namespace tock::hostkernel

#endif  // TOCKPP_HOSTKERNEL_CONTROL_COMMAND_TABLE_H_
