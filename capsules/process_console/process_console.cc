// Process console implementation: line editing, command dispatch, and the text renderers.
#include "capsules/process_console/process_console.h"

#include <cstring>
#include <optional>

#include "kernel/kernel_version.h"
#include "kernel/printable_name.h"

namespace tock::capsules {
namespace {

constexpr uint8_t kBackspace = 0x08;
constexpr uint8_t kDelete = 0x7F;
constexpr uint8_t kEscape = 0x1B;

// The 'App' in bold mathematical letters (U+1D400 U+1D429 U+1D429), as upstream prints it.
constexpr std::string_view kBoldApp = "\xF0\x9D\x90\x80\xF0\x9D\x90\xA9\xF0\x9D\x90\xA9";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') {
    s.remove_prefix(1);
  }
  while (!s.empty() && s.back() == ' ') {
    s.remove_suffix(1);
  }
  return s;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// The second whitespace-separated word, or empty.
std::string_view Argument(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] != ' ') {
    ++i;
  }
  while (i < s.size() && s[i] == ' ') {
    ++i;
  }
  size_t j = i;
  while (j < s.size() && s[j] != ' ') {
    ++j;
  }
  return s.substr(i, j - i);
}

std::string_view NameOf(const Process& p) { return std::string_view(p.name(), p.name_length()); }

// Names as they are shown: escaped (kernel/printable_name.h), where upstream prints raw bytes.
PrintableName ShownName(const Process& p) { return PrintableName(p.name(), p.name_length()); }

std::string_view StateName(ProcessState state) {
  switch (state) {
    case ProcessState::kRunning:
      return "Running";
    case ProcessState::kYielded:
      return "Yielded";
    case ProcessState::kYieldedFor:
      return "YieldedFor";
    case ProcessState::kStoppedRunning:
      return "Stopped(Running)";
    case ProcessState::kStoppedYielded:
      return "Stopped(Yielded)";
    case ProcessState::kStoppedYieldedFor:
      return "Stopped(YieldedFor)";
    case ProcessState::kFaulted:
      return "Faulted";
    case ProcessState::kTerminated:
      return "Terminated";
    case ProcessState::kUnused:
      break;
  }
  return "Unused";
}

// "0x" + 8 upper-case hex digits (Rust's {:#010X}).
TextWriter& Addr(TextWriter& w, uint32_t v) { return w.Str("0x").HexUpper(v, 8); }

constexpr std::string_view kRule = "\xE2\x94\x80";  // ─

TextWriter& Rule(TextWriter& w, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    w.Str(kRule);
  }
  return w;
}

}  // namespace

ProcessConsole::ProcessConsole(hil::uart::Uart& uart, ProcessManagement& pm,
                               const KernelAddresses* kernel_addresses, const char* build)
    : uart_(uart),
      pm_(pm),
      kernel_addresses_(kernel_addresses),
      build_(build != nullptr ? build : "unknown") {
  uart_.SetTransmitClient(*this);
  uart_.SetReceiveClient(*this);
}

void ProcessConsole::WriteKernelVersion() {
  static_assert(kKernelVersionMajor < 10 && kKernelVersionMinor < 10);
  char text[] = "Kernel version: M.m (build ";
  text[16] = static_cast<char>('0' + kKernelVersionMajor);
  text[18] = static_cast<char>('0' + kKernelVersionMinor);
  Write(text);
  Write(build_);
}

void ProcessConsole::DisplayWelcome() {
  WriteKernelVersion();
  Write(")\r\nWelcome to the process console.\r\n");
  Write(kValidCommands);
  Flush();
}

void ProcessConsole::Start() {
  mode_ = Mode::kActive;
  Write(kPrompt);
  Flush();
  StartReceive();
}

void ProcessConsole::StartHibernated() {
  mode_ = Mode::kHibernating;
  StartReceive();
}

void ProcessConsole::StartReceive() {
  if (rx_active_ || mode_ == Mode::kOff) {
    return;
  }
  rx_active_ = uart_.ReceiveBuffer(rx_, 1).ok();
}

void ProcessConsole::ReceivedBuffer(uint8_t* buffer, size_t rx_len, Result<void> /*status*/,
                                    hil::uart::Error error) {
  rx_active_ = false;
  if (error == hil::uart::Error::kNone && rx_len == 1) {
    HandleByte(buffer[0]);
  }
  StartReceive();
  Pump();
}

void ProcessConsole::HandleByte(uint8_t byte) {
  const uint8_t previous = previous_byte_;
  previous_byte_ = byte;
  const bool active = mode_ == Mode::kActive;

  switch (esc_state_) {
    case 1:
      esc_state_ = byte == '[' ? 2 : 0;
      return;
    case 2:
      if (byte >= '0' && byte <= '9') {
        esc_state_ = 3;  // ESC [ n ~ forms: 1 Home, 3 Delete, 4 End
        esc_digit_ = byte;
      } else {
        esc_state_ = 0;
        if (active) {
          HandleEscape(byte);
        }
      }
      return;
    case 3:
      esc_state_ = 0;
      if (byte == '~' && active) {
        HandleEscape(esc_digit_ == '1'   ? 'H'
                     : esc_digit_ == '4' ? 'F'
                     : esc_digit_ == '3' ? '~'
                                         : 0);
      }
      return;
    default:
      break;
  }
  if (byte == kEscape) {
    esc_state_ = 1;
    return;
  }
  if (byte == '\r' || byte == '\n') {
    if (byte == '\n' && previous == '\r') {
      return;  // one line ending, not two
    }
    const std::string_view line(line_.data(), line_len_);
    if (active) {
      Write("\r\n");
    }
    // While hibernating only console-start is obeyed.
    if (active || StartsWith(Trim(line), "console-start")) {
      Execute(line);
    }
    line_len_ = 0;
    cursor_ = 0;
    history_pos_ = -1;
    if (mode_ == Mode::kActive && job_ == Job::kNone) {
      Write(kPrompt);
    }
    return;
  }
  if (byte == kBackspace || byte == kDelete) {
    if (cursor_ > 0) {
      --cursor_;
      if (active) {
        Write("\b");
      }
      EraseAtCursor(active);
    }
    return;
  }
  if (byte >= 0x20 && byte < 0x7F && line_len_ + 1 < kCommandLen) {
    // Insert at the cursor, redraw the tail, and move the terminal cursor back.
    for (size_t i = line_len_; i > cursor_; --i) {
      line_[i] = line_[i - 1];
    }
    line_[cursor_] = static_cast<char>(byte);
    ++line_len_;
    ++cursor_;
    if (active) {
      Write(std::string_view(line_.data() + cursor_ - 1, line_len_ - cursor_ + 1));
      for (size_t i = cursor_; i < line_len_; ++i) {
        Write("\b");
      }
    }
  }
}

void ProcessConsole::EraseAtCursor(bool echo) {
  if (cursor_ >= line_len_) {
    return;
  }
  for (size_t i = cursor_; i + 1 < line_len_; ++i) {
    line_[i] = line_[i + 1];
  }
  --line_len_;
  if (echo) {
    Write(std::string_view(line_.data() + cursor_, line_len_ - cursor_));
    Write(" ");
    for (size_t i = cursor_; i <= line_len_; ++i) {
      Write("\b");
    }
  }
}

void ProcessConsole::HandleEscape(uint8_t final_byte) {
  switch (final_byte) {
    case 'A':  // Up: older entry
      if (history_pos_ + 1 < static_cast<int>(history_count_)) {
        ShowHistory(++history_pos_);
      }
      break;
    case 'B':  // Down: newer entry, then an empty line
      if (history_pos_ > 0) {
        ShowHistory(--history_pos_);
      } else if (history_pos_ == 0) {
        history_pos_ = -1;
        ClearLine();
      }
      break;
    case 'C':  // Right
      if (cursor_ < line_len_) {
        Write("\x1b[C");
        ++cursor_;
      }
      break;
    case 'D':  // Left
      if (cursor_ > 0) {
        Write("\b");
        --cursor_;
      }
      break;
    case 'H':  // Home
      for (; cursor_ > 0; --cursor_) {
        Write("\b");
      }
      break;
    case 'F':  // End
      for (; cursor_ < line_len_; ++cursor_) {
        Write("\x1b[C");
      }
      break;
    case '~':  // Delete: the character under the cursor
      EraseAtCursor(true);
      break;
    default:
      break;
  }
}

void ProcessConsole::ClearLine() {
  HandleEscape('F');  // cursor to the end, then rub out everything
  for (size_t i = 0; i < line_len_; ++i) {
    Write("\b \b");
  }
  line_len_ = 0;
  cursor_ = 0;
}

void ProcessConsole::ShowHistory(size_t entry) {
  ClearLine();
  const size_t index = (history_next_ + kHistoryLen - 1 - entry) % kHistoryLen;
  line_len_ = history_len_[index];
  cursor_ = line_len_;
  std::memcpy(line_.data(), history_[index].data(), line_len_);
  Write(std::string_view(line_.data(), line_len_));
}

void ProcessConsole::Remember(std::string_view line) {
  if (line.empty()) {
    return;
  }
  std::memcpy(history_[history_next_].data(), line.data(), line.size());
  history_len_[history_next_] = static_cast<uint8_t>(line.size());
  history_next_ = (history_next_ + 1) % kHistoryLen;
  if (history_count_ < kHistoryLen) {
    ++history_count_;
  }
}

template <typename F>
void ProcessConsole::ForEachNamed(std::string_view name, F&& fn) {
  if (name.empty()) {
    return;
  }
  for (size_t i = 0; i < pm_.ProcessSlots(); ++i) {
    const Process* p = pm_.ProcessAt(i);
    if (p != nullptr && (NameOf(*p) == name || ShownName(*p).view() == name)) {
      fn(*p);
    }
  }
}

void ProcessConsole::Execute(std::string_view raw) {
  const std::string_view cmd = Trim(raw);
  if (cmd.empty()) {
    return;
  }
  Remember(cmd);
  const std::string_view name = Argument(cmd);

  if (StartsWith(cmd, "console-start")) {
    mode_ = Mode::kActive;
    return;
  }
  if (mode_ == Mode::kHibernating) {
    return;
  }

  if (StartsWith(cmd, "help")) {
    Write("Welcome to the process console.\r\n");
    Write(kValidCommands);
  } else if (StartsWith(cmd, "console-stop")) {
    Write("Disabling the process console.\r\nRun console-start to reactivate.\r\n");
    mode_ = Mode::kHibernating;
  } else if (StartsWith(cmd, "start")) {
    ForEachNamed(name, [&](const Process& p) {
      static_cast<void>(pm_.Resume(p.id()));
      Write("Process ");
      Write(name);
      Write(" resumed.\r\n");
    });
  } else if (StartsWith(cmd, "stop")) {
    ForEachNamed(name, [&](const Process& p) {
      static_cast<void>(pm_.Stop(p.id()));
      Write("Process ");
      Write(name);
      Write(" stopped\r\n");
    });
  } else if (StartsWith(cmd, "fault")) {
    ForEachNamed(name, [&](const Process& p) {
      static_cast<void>(pm_.Fault(p.id()));
      Write("Process ");
      Write(name);
      Write(" now faulted\r\n");
    });
  } else if (StartsWith(cmd, "terminate")) {
    ForEachNamed(name, [&](const Process& p) {
      static_cast<void>(pm_.Terminate(p.id()));
      Write("Process ");
      Write(name);
      Write(" terminated\r\n");
    });
  } else if (StartsWith(cmd, "boot")) {
    ForEachNamed(name, [&](const Process& p) {
      if (p.state() == ProcessState::kTerminated) {
        static_cast<void>(pm_.Boot(p.id()));
      }
    });
  } else if (StartsWith(cmd, "list")) {
    Write(" PID    ShortID    Name                Quanta  Syscalls  Restarts  Grants  State\r\n");
    StartJob(Job::kList);
  } else if (StartsWith(cmd, "status")) {
    uint32_t total = 0, active = 0;
    for (size_t i = 0; i < pm_.ProcessSlots(); ++i) {
      const Process* p = pm_.ProcessAt(i);
      if (p == nullptr) {
        continue;
      }
      ++total;
      if (p->IsAlive() && !p->IsStopped()) {
        ++active;
      }
    }
    uint8_t buf[128];
    TextWriter w(buf);
    w.Str("Total processes: ").Dec(total).Str("\r\nActive processes: ").Dec(active);
    w.Str("\r\nTimeslice expirations: ").Dec(pm_.TimesliceExpirations()).Str("\r\n");
    Write(w.view());
  } else if (StartsWith(cmd, "process")) {
    for (size_t i = 0; i < pm_.ProcessSlots(); ++i) {
      const Process* p = pm_.ProcessAt(i);
      if (p != nullptr && !name.empty() && (NameOf(*p) == name || ShownName(*p).view() == name)) {
        StartJob(Job::kProcess, i);  // first match only
        break;
      }
    }
  } else if (StartsWith(cmd, "kernel")) {
    WriteKernelVersion();
    Write(")\r\n");
    if (kernel_addresses_ != nullptr) {
      StartJob(Job::kKernelMap);
    }
  } else if (StartsWith(cmd, "reset")) {
    if (!pm_.Reset()) {
      Write("Reset function is not implemented\r\n");
    }
  } else if (StartsWith(cmd, "panic")) {
    pm_.Panic("Process Console forced a kernel panic.");
  } else {
    Write(kValidCommands);
  }
}

// ---------------------------------------------------------------- output

void ProcessConsole::Write(std::string_view text) {
  const size_t n = text.size() < kQueueLen - queue_len_ ? text.size() : kQueueLen - queue_len_;
  std::memcpy(queue_.data() + queue_len_, text.data(), n);
  queue_len_ += n;
}

void ProcessConsole::Flush() {
  if (tx_busy_ || queue_len_ == 0) {
    return;
  }
  std::memcpy(tx_.data(), queue_.data(), queue_len_);
  if (uart_.TransmitBuffer(tx_.data(), queue_len_).ok()) {
    tx_busy_ = true;
    queue_len_ = 0;
  }
}

void ProcessConsole::TransmittedBuffer(uint8_t* /*buffer*/, size_t /*len*/,
                                       Result<void> /*status*/) {
  tx_busy_ = false;
  Pump();
}

void ProcessConsole::StartJob(Job job, size_t slot) {
  job_ = job;
  job_slot_ = slot;
  job_offset_ = 0;
}

void ProcessConsole::Pump() {
  while (job_ != Job::kNone && queue_len_ < kQueueLen) {
    TextWriter w(std::span<uint8_t>(queue_.data() + queue_len_, kQueueLen - queue_len_),
                 job_offset_);
    RenderJob(w);
    queue_len_ += w.size();
    job_offset_ += w.size();
    if (w.truncated()) {
      break;
    }
    job_ = Job::kNone;
    if (mode_ == Mode::kActive) {
      Write(kPrompt);
    }
  }
  Flush();
}

void ProcessConsole::RenderJob(TextWriter& w) const {
  switch (job_) {
    case Job::kList:
      RenderListRows(w);
      break;
    case Job::kProcess: {
      const Process* p = pm_.ProcessAt(job_slot_);
      if (p != nullptr) {
        RenderProcess(w, *p);
      }
      break;
    }
    case Job::kKernelMap:
      RenderKernelMap(w);
      break;
    case Job::kNone:
      break;
  }
}

void ProcessConsole::RenderListRows(TextWriter& w) const {
  for (size_t i = 0; i < pm_.ProcessSlots(); ++i) {
    const Process* p = pm_.ProcessAt(i);
    if (p == nullptr) {
      continue;
    }
    const ProcessStats s = pm_.Stats(*p);
    w.Char(' ').DecField(p->id().id(), 7);
    if (s.short_id == 0) {
      w.Field("Unique", 11);
    } else {
      uint8_t buf[12];
      TextWriter id(buf);
      id.Str("0x").Hex(s.short_id);
      w.Field(id.view(), 11);
    }
    w.Field(ShownName(*p).view(), 20);
    w.DecRight(s.timeslice_expirations, 6).DecRight(s.syscall_count, 10);
    w.DecRight(p->restart_count(), 10).Str("  ").DecRight(s.grants_used, 2).Char('/');
    w.DecRight(s.grants_total, 2).Str("   ").Str(StateName(p->state())).Str("\r\n");
  }
}

void ProcessConsole::RenderProcess(TextWriter& w, const Process& p) const {
  const ProcessStats s = pm_.Stats(p);
  w.Str(kBoldApp)
      .Str(": ")
      .Str(ShownName(p).view())
      .Str("   -   [")
      .Str(StateName(p.state()))
      .Str("]");
  w.Str("\r\n Events Queued: ").Dec(static_cast<uint32_t>(p.pending_upcall_count()));
  w.Str("   Syscall Count: ").Dec(s.syscall_count);
  w.Str("   Dropped Upcall Count: ").Dec(p.dropped_upcall_count());
  w.Str("\r\n Restart Count: ").Dec(p.restart_count()).Str("\r\n");
  w.Str(" Last Syscall: None\r\n");
  if (p.has_completion_code()) {
    w.Str(" Completion Code: ").Dec(p.completion_code()).Str("\r\n");
  } else if (p.state() == ProcessState::kFaulted) {
    w.Str(" Completion Code: Faulted\r\n");
  } else {
    w.Str(" Completion Code: None\r\n");
  }

  const uint32_t heap_start = p.debug_heap_start();
  const uint32_t stack_top = p.debug_stack_start();
  w.Str("\r\n\r\n \xE2\x95\x94");  // ╔
  for (int i = 0; i < 11; ++i) {
    w.Str("\xE2\x95\x90");  // ═
  }
  w.Str("\xE2\x95\xA4");  // ╤
  for (int i = 0; i < 42; ++i) {
    w.Str("\xE2\x95\x90");
  }
  w.Str(
      "\xE2\x95\x97\r\n \xE2\x95\x91  Address  \xE2\x94\x82 Region Name    Used | Allocated "
      "(bytes)  \xE2\x95\x91\r\n \xE2\x95\x9A");
  Addr(w, p.memory_end()).Str("\xE2\x95\x90\xE2\x95\xAA");
  for (int i = 0; i < 42; ++i) {
    w.Str("\xE2\x95\x90");
  }
  w.Str("\xE2\x95\x9D");
  w.Str("\r\n             \xE2\x94\x82 Kernel       ").DecRight(p.kernel_memory_used(), 6);
  w.Str("  (grants, upcall queue, grant table)\r\n  ");
  Addr(w, p.kernel_memory_break()).Str(" \xE2\x94\xBC");
  Rule(w, 43).Str("\r\n             \xE2\x94\x82 Unused\r\n  ");
  Addr(w, p.app_break()).Str(" \xE2\x94\xBC");
  Rule(w, 43);
  if (heap_start != 0 && heap_start <= p.app_break()) {
    w.Str("\r\n             \xE2\x94\x82 \xE2\x96\xB2 Heap       ")
        .DecRight(p.app_break() - heap_start, 6);
    w.Str(" | ").DecRight(p.kernel_memory_break() - heap_start, 6).Str("               S\r\n  ");
    Addr(w, heap_start).Str(" \xE2\x94\xBC");
    Rule(w, 43).Str(" R");
  } else {
    w.Str(
        "\r\n             \xE2\x94\x82 \xE2\x96\xB2 Heap            ? |      ?               S"
        "\r\n  ?????????? \xE2\x94\xBC");
    Rule(w, 43).Str(" R");
  }
  if (heap_start != 0 && stack_top != 0 && stack_top <= heap_start) {
    w.Str("\r\n             \xE2\x94\x82 Data         ").DecRight(heap_start - stack_top, 6);
    w.Str(" | ").DecRight(heap_start - stack_top, 6).Str("               A\r\n  ");
    Addr(w, stack_top).Str(" \xE2\x94\xBC");
    Rule(w, 43).Str(" M");
    w.Str("\r\n             \xE2\x94\x82 \xE2\x96\xBC Stack           ? | ");
    w.DecRight(stack_top - p.memory_start(), 6);
  } else {
    w.Str(
        "\r\n             \xE2\x94\x82 Data              ? |      ?               A"
        "\r\n  ?????????? \xE2\x94\xBC");
    Rule(w, 43).Str(" M\r\n             \xE2\x94\x82 \xE2\x96\xBC Stack           ? |      ?");
  }
  w.Str("\r\n  ?????????? \xE2\x94\xBC");
  Rule(w, 43).Str("\r\n             \xE2\x94\x82 Unused\r\n  ");
  Addr(w, p.memory_start()).Str(" \xE2\x94\xB4");
  Rule(w, 43).Str("\r\n             .....\r\n  ");
  Addr(w, p.flash_end()).Str(" \xE2\x94\xAC");
  Rule(w, 43).Str(" F\r\n             \xE2\x94\x82 App Flash    ");
  w.DecRight(p.flash_end() - p.flash_protected_end(), 6).Str("                        L\r\n  ");
  Addr(w, p.flash_protected_end()).Str(" \xE2\x94\xBC");
  Rule(w, 43).Str(" A\r\n             \xE2\x94\x82 Protected    ");
  w.DecRight(p.flash_protected_end() - p.flash_start(), 6).Str("                        S\r\n  ");
  Addr(w, p.flash_start()).Str(" \xE2\x94\xB4");
  Rule(w, 43).Str(" H\r\n");
  RenderDetails(w, p);
}

void ProcessConsole::RenderDetails(TextWriter& w, const Process& p) const {
  const std::optional<ProcessInspector> in = pm_.Inspect(p);
  if (!in) {
    return;
  }
  w.Str("\r\n Grants: ").Dec(static_cast<uint32_t>(in->grant_count())).Str(" allocated, ");
  w.Dec(in->grant_bytes()).Str(" bytes\r\n");
  in->ForEachGrant([&w](const GrantUsageInfo& g) {
    w.Str("   Driver 0x").HexUpper(g.driver_num, 5).Str("  ").DecRight(g.size, 6);
    w.Str(" bytes at ");
    Addr(w, g.address).Str("\r\n");
  });
  w.Str(" Pending Upcalls: ").Dec(static_cast<uint32_t>(in->pending_upcall_count())).Str("\r\n");
  in->ForEachPendingUpcall([&w](const QueuedUpcall& u) {
    w.Str("   Driver 0x").HexUpper(u.id.driver_num, 5).Str("  Subscribe ");
    w.Dec(u.id.subscribe_num).Str("  Args ");
    Addr(w, u.args[0]).Str(", ");
    Addr(w, u.args[1]).Str(", ");
    Addr(w, u.args[2]).Str(u.upcall.IsNull() ? "  (null upcall)\r\n" : "\r\n");
  });
  w.Str(" Allowed Buffers: ").Dec(static_cast<uint32_t>(in->allowed_buffer_count())).Str("\r\n");
  in->ForEachAllowedBuffer([&w](const AllowedBufferInfo& a) {
    w.Str("   ")
        .Field(AllowedBufferKindName(a.kind), 10)
        .Str("Driver 0x")
        .HexUpper(a.driver_num, 5);
    w.Str("  Number ").Dec(a.allow_num).Str("  Address ");
    Addr(w, a.address).Str("  Length ").Dec(a.length).Str("\r\n");
  });
}

void ProcessConsole::RenderKernelMap(TextWriter& w) const {
  const KernelAddresses& k = *kernel_addresses_;
  w.Str("\r\n \xE2\x95\x94");
  for (int i = 0; i < 11; ++i) {
    w.Str("\xE2\x95\x90");
  }
  w.Str("\xE2\x95\xA4");
  for (int i = 0; i < 30; ++i) {
    w.Str("\xE2\x95\x90");
  }
  w.Str(
      "\xE2\x95\x97\r\n \xE2\x95\x91  Address  \xE2\x94\x82 Region Name    Used (bytes)  "
      "\xE2\x95\x91\r\n \xE2\x95\x9A");
  Addr(w, k.bss_end).Str("\xE2\x95\x90\xE2\x95\xAA");
  for (int i = 0; i < 30; ++i) {
    w.Str("\xE2\x95\x90");
  }
  w.Str("\xE2\x95\x9D\r\n             \xE2\x94\x82   BSS        ")
      .DecRight(k.bss_end - k.bss_start, 6);
  w.Str("\r\n  ");
  Addr(w, k.relocations_end).Str(" \xE2\x94\xBC");
  Rule(w, 31).Str(" S\r\n             \xE2\x94\x82   Relocate   ");
  w.DecRight(k.relocations_end - k.relocations_start, 6).Str("            R\r\n  ");
  Addr(w, k.stack_end).Str(" \xE2\x94\xBC");
  Rule(w, 31).Str(" A\r\n             \xE2\x94\x82 \xE2\x96\xBC Stack      ");
  w.DecRight(k.stack_end - k.stack_start, 6).Str("            M\r\n  ");
  Addr(w, k.stack_start).Str(" \xE2\x94\xBC");
  Rule(w, 31).Str("\r\n             .....\r\n  ");
  Addr(w, k.text_end).Str(" \xE2\x94\xBC");
  Rule(w, 31).Str(" F\r\n             \xE2\x94\x82   RoData     ");
  w.DecRight(k.text_end - k.read_only_data_start, 6).Str("            L\r\n  ");
  Addr(w, k.read_only_data_start).Str(" \xE2\x94\xBC");
  Rule(w, 31).Str(" A\r\n             \xE2\x94\x82   Code       ");
  w.DecRight(k.read_only_data_start - k.text_start, 6).Str("            S\r\n  ");
  Addr(w, k.text_start).Str(" \xE2\x94\xBC");
  Rule(w, 31).Str(" H\r\n");
}

}  // namespace tock::capsules
