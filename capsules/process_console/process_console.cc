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
// Input-queue markers where a dropped line ended (at '\r' or '\n'); never queued from input.
constexpr uint8_t kDroppedAtCr = 0x01;
constexpr uint8_t kDroppedAtLf = 0x02;

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

constexpr std::string_view kRule = "\xE2\x94\x80";   // ─
constexpr std::string_view kCross = "\xE2\x94\xBC";  // ┼

TextWriter& Rule(TextWriter& w, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    w.Str(kRule);
  }
  return w;
}

}  // namespace

// The command table: one row per command, in the order `help` lists them. Upstream matches a
// line by prefix in a fixed order; no name here is a prefix of another, so order only sets the
// help text.
struct ProcessConsole::Commands {
  static constexpr Command kRows[] = {
      {"help", "help [COMMAND]", 0, 1, false, &ProcessConsole::CmdHelp},
      {"status", "status", 0, 0, false, &ProcessConsole::CmdStatus},
      {"list", "list", 0, 0, false, &ProcessConsole::CmdList},
      {"stop", "stop NAME", 1, 1, false, &ProcessConsole::CmdStop},
      {"start", "start NAME", 1, 1, false, &ProcessConsole::CmdStart},
      {"fault", "fault NAME", 1, 1, false, &ProcessConsole::CmdFault},
      {"boot", "boot NAME", 1, 1, false, &ProcessConsole::CmdBoot},
      {"terminate", "terminate NAME", 1, 1, false, &ProcessConsole::CmdTerminate},
      {"process", "process NAME", 1, 1, false, &ProcessConsole::CmdProcess},
      {"kernel", "kernel", 0, 0, false, &ProcessConsole::CmdKernel},
      {"reset", "reset", 0, 0, false, &ProcessConsole::CmdReset},
      {"panic", "panic", 0, 0, false, &ProcessConsole::CmdPanic},
      {"console-start", "console-start", 0, 0, true, &ProcessConsole::CmdConsoleStart},
      {"console-stop", "console-stop", 0, 0, false, &ProcessConsole::CmdConsoleStop},
  };

  static constexpr bool NoNameIsAPrefixOfAnother() {
    for (const Command& a : kRows) {
      for (const Command& b : kRows) {
        if (&a != &b && b.name.substr(0, a.name.size()) == a.name) {
          return false;
        }
      }
    }
    return true;
  }

  static const Command* Find(std::string_view line) {
    for (const Command& c : kRows) {
      if (StartsWith(line, c.name)) {
        return &c;
      }
    }
    return nullptr;
  }
};

ProcessConsole::ProcessConsole(hil::uart::Uart& uart, ProcessManagement& pm,
                               const KernelAddresses* kernel_addresses, const char* build)
    : uart_(uart),
      pm_(pm),
      kernel_addresses_(kernel_addresses),
      build_(build != nullptr ? build : "unknown") {
  static_assert(Commands::NoNameIsAPrefixOfAnother(),
                "prefix matching would depend on the row order");
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

void ProcessConsole::WriteValidCommands() {
  Write("Valid commands are:");
  for (const Command& c : Commands::kRows) {
    Write(" ");
    Write(c.name);
  }
  Write("\r\n");
}

void ProcessConsole::DisplayWelcome() {
  WriteKernelVersion();
  Write(")\r\nWelcome to the process console.\r\n");
  WriteValidCommands();
  Flush();
}

void ProcessConsole::Start() {
  mode_ = Mode::kActive;
  Write(kPrompt);
  StartReceive();
  Service();
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

// The receive is re-armed at once, whatever the console is printing: on a shared MuxUart a
// device without a receive outstanding misses the bytes other devices get.
void ProcessConsole::ReceivedBuffer(uint8_t* buffer, size_t rx_len, Result<void> /*status*/,
                                    hil::uart::Error error) {
  rx_active_ = false;
  if (error == hil::uart::Error::kNone && rx_len == 1) {
    Enqueue(buffer[0]);
  }
  StartReceive();
  Service();
}

// ---------------------------------------------------------------- input queue

void ProcessConsole::Enqueue(uint8_t byte) {
  if (byte == kDroppedAtCr || byte == kDroppedAtLf || byte == 0) {
    return;  // the queue's own markers; the editor ignores these bytes anyway
  }
  const bool line_end = byte == '\r' || byte == '\n';
  auto push = [this](uint8_t b) {
    input_[(input_head_ + input_len_) % kInputLen] = b;
    ++input_len_;
  };
  if (discarding_) {
    if (line_end) {
      discarding_ = false;
      // The last slot is kept for this marker; back-to-back dropped lines share one.
      if (input_len_ < kInputLen) {
        push(byte == '\r' ? kDroppedAtCr : kDroppedAtLf);
      }
    }
    return;
  }
  if (input_len_ + 1 >= kInputLen) {
    // Full: take back the unfinished line's queued bytes and drop the whole line, so no
    // fragment of it runs as a command or joins the next line.
    input_len_ -= input_line_len_;
    input_line_len_ = 0;
    ++dropped_lines_;
    if (line_end) {
      push(byte == '\r' ? kDroppedAtCr : kDroppedAtLf);
    } else {
      discarding_ = true;
    }
    return;
  }
  push(byte);
  input_line_len_ = line_end ? 0 : input_line_len_ + 1;
}

void ProcessConsole::Service() {
  if (servicing_) {
    return;
  }
  servicing_ = true;
  for (;;) {
    if (job_ != Job::kNone && !RenderMore()) {
      break;  // the queue is full; the next TransmittedBuffer continues
    }
    // The next input byte waits until the answer before it is complete and there is room for
    // whatever it prints.
    if (input_len_ == 0 || kQueueLen - queue_len_ < kOutputReserve) {
      break;
    }
    const uint8_t byte = input_[input_head_];
    input_head_ = (input_head_ + 1) % kInputLen;
    --input_len_;
    if (input_line_len_ > input_len_) {
      input_line_len_ = input_len_;
    }
    HandleByte(byte);
  }
  Flush();
  servicing_ = false;
}

// ---------------------------------------------------------------- line editing

void ProcessConsole::HandleByte(uint8_t byte) {
  const uint8_t previous = previous_byte_;
  previous_byte_ = byte;
  const bool active = mode_ == Mode::kActive;

  if (byte == kDroppedAtCr || byte == kDroppedAtLf) {
    // A line that did not fit in the input queue: forget what of it was typed.
    previous_byte_ = byte == kDroppedAtCr ? '\r' : '\n';
    esc_state_ = 0;
    line_len_ = 0;
    cursor_ = 0;
    history_pos_ = -1;
    if (active) {
      Write("\r\n");
      Write(kLineDropped);
      Write(kPrompt);
    }
    return;
  }
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
    Execute(line);
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
  const Command* c = Commands::Find(cmd);
  if (mode_ == Mode::kHibernating && (c == nullptr || !c->when_hibernating)) {
    return;  // while hibernating only console-start is obeyed
  }
  if (c == nullptr) {
    WriteValidCommands();
    return;
  }
  // The words after the first (upstream splits on whitespace: "stopblink x" names x).
  Args args;
  size_t i = 0;
  auto space = [&cmd](size_t k) { return cmd[k] == ' ' || cmd[k] == '\t'; };
  while (i < cmd.size() && !space(i)) {
    ++i;
  }
  for (;;) {
    while (i < cmd.size() && space(i)) {
      ++i;
    }
    if (i == cmd.size()) {
      break;
    }
    const size_t start = i;
    while (i < cmd.size() && !space(i)) {
      ++i;
    }
    if (args.count < kMaxArgs) {
      args.word[args.count] = cmd.substr(start, i - start);
    }
    ++args.count;
  }
  if (args.count < c->min_args) {
    return;  // upstream ignores a command without its process name
  }
  if (args.count > c->max_args) {
    Write("Usage: ");
    Write(c->usage);
    Write("\r\n");
    return;
  }
  (this->*(c->handler))(args);
}

// ---------------------------------------------------------------- commands

void ProcessConsole::CmdHelp(const Args& args) {
  if (args.count == 1) {
    for (const Command& c : Commands::kRows) {
      if (c.name == args.first()) {
        Write("Usage: ");
        Write(c.usage);
        Write("\r\n");
        return;
      }
    }
  }
  Write("Welcome to the process console.\r\n");
  WriteValidCommands();
}

void ProcessConsole::CmdStatus(const Args&) {
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
}

void ProcessConsole::CmdList(const Args&) {
  Write(" PID    ShortID    Name                Quanta  Syscalls  Restarts  Grants  State\r\n");
  StartJob(Job::kList);
}

void ProcessConsole::Control(std::string_view name,
                             Result<void> (ProcessManagement::*op)(ProcessId),
                             std::string_view done) {
  ForEachNamed(name, [&](const Process& p) {
    static_cast<void>((pm_.*op)(p.id()));
    Write("Process ");
    Write(name);
    Write(done);
  });
}

void ProcessConsole::CmdStop(const Args& args) {
  Control(args.first(), &ProcessManagement::Stop, " stopped\r\n");
}

void ProcessConsole::CmdStart(const Args& args) {
  Control(args.first(), &ProcessManagement::Resume, " resumed.\r\n");
}

void ProcessConsole::CmdFault(const Args& args) {
  Control(args.first(), &ProcessManagement::Fault, " now faulted\r\n");
}

void ProcessConsole::CmdTerminate(const Args& args) {
  Control(args.first(), &ProcessManagement::Terminate, " terminated\r\n");
}

void ProcessConsole::CmdBoot(const Args& args) {
  ForEachNamed(args.first(), [&](const Process& p) {
    if (p.state() == ProcessState::kTerminated) {
      static_cast<void>(pm_.Boot(p.id()));
    }
  });
}

void ProcessConsole::CmdProcess(const Args& args) {
  const std::string_view name = args.first();
  for (size_t i = 0; i < pm_.ProcessSlots(); ++i) {
    const Process* p = pm_.ProcessAt(i);
    if (p != nullptr && (NameOf(*p) == name || ShownName(*p).view() == name)) {
      StartJob(Job::kProcess, i);  // first match only, as upstream
      return;
    }
  }
}

void ProcessConsole::CmdKernel(const Args&) {
  WriteKernelVersion();
  Write(")\r\n");
  if (kernel_addresses_ != nullptr) {
    StartJob(Job::kKernelMap);
  }
}

void ProcessConsole::CmdReset(const Args&) {
  if (!pm_.Reset()) {
    Write("Reset function is not implemented\r\n");
  }
}

void ProcessConsole::CmdPanic(const Args&) { pm_.Panic("Process Console forced a kernel panic."); }

void ProcessConsole::CmdConsoleStart(const Args&) { mode_ = Mode::kActive; }

void ProcessConsole::CmdConsoleStop(const Args&) {
  Write("Disabling the process console.\r\nRun console-start to reactivate.\r\n");
  mode_ = Mode::kHibernating;
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
  Service();
}

void ProcessConsole::StartJob(Job job, size_t slot) {
  job_ = job;
  job_slot_ = slot;
  job_offset_ = 0;
}

bool ProcessConsole::RenderMore() {
  if (queue_len_ == kQueueLen) {
    return false;
  }
  TextWriter w(std::span<uint8_t>(queue_.data() + queue_len_, kQueueLen - queue_len_), job_offset_);
  RenderJob(w);
  queue_len_ += w.size();
  job_offset_ += w.size();
  if (w.truncated()) {
    return false;
  }
  job_ = Job::kNone;
  if (mode_ == Mode::kActive) {
    Write(kPrompt);
  }
  return true;
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
  RenderLastSyscall(w, p);
  if (p.has_completion_code()) {
    w.Str(" Completion Code: ").Dec(p.completion_code()).Str("\r\n");
  } else if (p.state() == ProcessState::kFaulted) {
    w.Str(" Completion Code: Faulted\r\n");
  } else {
    w.Str(" Completion Code: None\r\n");
  }
  // Not in upstream's overview: the AppID the board assigned and the credential it accepted.
  w.Str(" ShortId: ");
  if (s.short_id == 0) {
    w.Str("Unique");
  } else {
    w.Str("0x").Hex(s.short_id);
  }
  w.Str("   Credential: ").Str(CredentialStatusName(s.credential)).Str("\r\n");
  RenderMemoryMap(w, p);
  RenderDetails(w, p);
}

// Upstream prints the kernel's Syscall value with Rust's Debug format; the same text here:
// numbers in decimal, addresses as 0x-prefixed lower-case hex.
void ProcessConsole::RenderLastSyscall(TextWriter& w, const Process& p) const {
  const SyscallRecord record = p.last_syscall();
  w.Str(" Last Syscall: ");
  if (record.empty()) {
    w.Str("None\r\n");
    return;
  }
  const std::optional<Syscall> call = record.Decode();
  if (!call) {
    w.Str("Invalid { class_number: ").Dec(record.class_num).Str(" }\r\n");
    return;
  }
  auto driver = [&w](uint32_t driver_num, uint32_t subdriver_num) -> TextWriter& {
    return w.Str("driver_number: ").Dec(driver_num).Str(", subdriver_number: ").Dec(subdriver_num);
  };
  switch (call->klass) {
    case SyscallClass::kYield: {
      const YieldCall& y = call->yield;
      w.Str("Yield { yield_type: ");
      if (y.kind == YieldKind::kNoWait) {
        w.Str("NoWait { ptr: 0x").Hex(y.address).Str(" }");
      } else if (y.kind == YieldKind::kWait) {
        w.Str("Wait");
      } else if (y.kind == YieldKind::kWaitFor) {
        w.Str("WaitFor { ");
        driver(y.driver_num, y.subscribe_num).Str(" }");
      } else {
        w.Str("Unknown(").Dec(y.number).Str(")");
      }
      w.Str(" }");
      break;
    }
    case SyscallClass::kSubscribe: {
      const SubscribeCall& c = call->subscribe;
      w.Str("Subscribe { ");
      driver(c.driver_num, c.subscribe_num).Str(", upcall_ptr: 0x").Hex(c.upcall_fn);
      w.Str(", appdata: ").Dec(c.userdata).Str(" }");
      break;
    }
    case SyscallClass::kCommand: {
      const CommandCall& c = call->command;
      w.Str("Command { ");
      driver(c.driver_num, c.command_num).Str(", arg0: ").Dec(c.arg0);
      w.Str(", arg1: ").Dec(c.arg1).Str(" }");
      break;
    }
    case SyscallClass::kReadWriteAllow:
    case SyscallClass::kReadOnlyAllow:
    case SyscallClass::kUserspaceReadableAllow: {
      const AllowCall& a = call->allow;
      w.Str(a.kind == AllowKind::kReadWrite  ? "ReadWriteAllow { "
            : a.kind == AllowKind::kReadOnly ? "ReadOnlyAllow { "
                                             : "UserspaceReadableAllow { ");
      driver(a.driver_num, a.allow_num).Str(", allow_address: 0x").Hex(a.address);
      w.Str(", allow_size: ").Dec(a.length).Str(" }");
      break;
    }
    case SyscallClass::kMemop:
      w.Str("Memop { operand: ").Dec(call->memop.op).Str(", arg0: ").Dec(call->memop.arg);
      w.Str(" }");
      break;
    case SyscallClass::kExit:
      w.Str("Exit { which: ").Dec(call->exit.exit_num).Str(", completion_code: ");
      w.Dec(call->exit.completion_code).Str(" }");
      break;
  }
  w.Str("\r\n");
}

// Upstream's RAM and flash map. The top of RAM is the kernel-owned region: the grant table
// ("Grant Ptrs") and upcall queue ("Upcalls") placed at load, and below them the grant blocks
// allocated since ("Grant"). The process control block lives in kernel memory here, not in
// the process's RAM, so "Process" is 0. The stack's used size and bottom come from the lowest
// stack pointer the platform reported at a system call ("?" before the first); its allocation
// is the stack top down to the start of RAM, as upstream.
void ProcessConsole::RenderMemoryMap(TextWriter& w, const Process& p) const {
  const uint32_t grant_ptrs = static_cast<uint32_t>(p.grant_table_size() * 8);
  const uint32_t top = p.memory_end() - p.kernel_memory_initial_break();
  const uint32_t upcalls = top > grant_ptrs ? top - grant_ptrs : 0;
  const uint32_t heap_start = p.debug_heap_start();
  const uint32_t stack_top = p.debug_stack_start();
  const bool heap_known = heap_start != 0 && heap_start <= p.app_break();
  const bool stack_known =
      stack_top != 0 && stack_top >= p.memory_start() && (!heap_known || stack_top <= heap_start);
  auto exceeded = [](uint32_t size, uint32_t allocated) {
    return size > allocated ? std::string_view(" EXCEEDED!") : std::string_view("          ");
  };
  auto row = [&w](std::string_view corner, uint32_t address) -> TextWriter& {
    w.Str("\r\n  ");
    Addr(w, address).Str(" ").Str(corner);
    return Rule(w, 43);
  };

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
  w.Str("\r\n             \xE2\x94\x82 Grant Ptrs   ").DecRight(grant_ptrs, 6);
  w.Str("\r\n             \xE2\x94\x82 Upcalls      ").DecRight(upcalls, 6);
  w.Str("\r\n             \xE2\x94\x82 Process      ").DecRight(0, 6);
  row(kCross, p.kernel_memory_initial_break());
  w.Str("\r\n             \xE2\x94\x82 \xE2\x96\xBC Grant      ")
      .DecRight(p.kernel_memory_initial_break() - p.kernel_memory_break(), 6);
  row(kCross, p.kernel_memory_break());
  w.Str("\r\n             \xE2\x94\x82 Unused");
  row(kCross, p.app_break());
  if (heap_known) {
    const uint32_t size = p.app_break() - heap_start;
    const uint32_t allocated = p.kernel_memory_break() - heap_start;
    w.Str("\r\n             \xE2\x94\x82 \xE2\x96\xB2 Heap       ").DecRight(size, 6);
    w.Str(" | ").DecRight(allocated, 6).Str(exceeded(size, allocated)).Str("     S");
    row(kCross, heap_start).Str(" R");
  } else {
    w.Str(
        "\r\n             \xE2\x94\x82 \xE2\x96\xB2 Heap            ? |      ?               S"
        "\r\n  ?????????? \xE2\x94\xBC");
    Rule(w, 43).Str(" R");
  }
  if (heap_known && stack_known) {
    w.Str("\r\n             \xE2\x94\x82 Data         ").DecRight(heap_start - stack_top, 6);
    w.Str(" | ").DecRight(heap_start - stack_top, 6).Str("               A");
  } else {
    w.Str("\r\n             \xE2\x94\x82 Data              ? |      ?               A");
  }
  // The lowest stack pointer the platform reported at a system call (upstream's figure).
  const uint32_t min_sp = p.min_stack_pointer();
  const bool sp_known = stack_known && min_sp >= p.memory_start() && min_sp <= stack_top;
  if (stack_known) {
    row(kCross, stack_top).Str(" M");
    const uint32_t allocated = stack_top - p.memory_start();
    w.Str("\r\n             \xE2\x94\x82 \xE2\x96\xBC Stack      ");
    if (sp_known) {
      w.DecRight(stack_top - min_sp, 6).Str(" | ").DecRight(allocated, 6);
      w.Str(exceeded(stack_top - min_sp, allocated));
    } else {
      w.Str("     ? | ").DecRight(allocated, 6);
    }
  } else {
    w.Str("\r\n  ?????????? \xE2\x94\xBC");
    Rule(w, 43).Str(" M\r\n             \xE2\x94\x82 \xE2\x96\xBC Stack           ? |      ?");
  }
  if (sp_known) {
    w.Str("\r\n  ");
    Addr(w, min_sp).Str(" \xE2\x94\xBC");
  } else {
    w.Str("\r\n  ?????????? \xE2\x94\xBC");
  }
  Rule(w, 43).Str("\r\n             \xE2\x94\x82 Unused");
  row("\xE2\x94\xB4", p.memory_start()).Str("\r\n             .....");
  row("\xE2\x94\xAC", p.flash_end()).Str(" F\r\n             \xE2\x94\x82 App Flash    ");
  w.DecRight(p.flash_end() - p.flash_protected_end(), 6).Str("                        L");
  row(kCross, p.flash_protected_end()).Str(" A\r\n             \xE2\x94\x82 Protected    ");
  w.DecRight(p.flash_protected_end() - p.flash_start(), 6).Str("                        S");
  row("\xE2\x94\xB4", p.flash_start()).Str(" H\r\n");
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
