// Process console: a text shell on a UART (normally a UartDevice of the shared MuxUart) to list
// and control processes, following upstream capsules_core::process_console: commands help,
// status, list, stop, start, fault, terminate, boot, process, kernel, reset, panic,
// console-start, console-stop, matched by prefix; prompt "tock$ "; echo and line editing
// (Backspace/DEL, Left/Right, Home/End, Delete) and Up/Down command history. Untrusted capsule: all
// authority comes through the ProcessManagement the board gives it.
//
// Commands are one constexpr table (process_console.cc, ProcessConsole::Commands): name, usage,
// argument counts and handler; `help` prints the names from it and `help NAME` the usage line.
// Input: every received byte goes into a bounded input queue (kInputLen) and is taken out only
// while no command output is pending, so lines that arrive in one burst, even while an answer
// is still being sent, are answered whole and in order. A line that does not fit is dropped as a
// whole (with a notice). Output: long answers are rendered again and again with an offset into a
// fixed queue, so no buffer needs to hold a whole listing.
//
// Wiring (board, statics):
//   UartDevice pconsole_uart(mux_uart);
//   KernelProcessManagement pm(kernel, process_cap, loop_cap, &BoardPanic);
//   ProcessConsole pconsole(pconsole_uart, pm);
//   pconsole.DisplayWelcome();
//   pconsole.Start();          // or StartHibernated() to let apps own the console
#ifndef TOCKPP_CAPSULES_PROCESS_CONSOLE_PROCESS_CONSOLE_H_
#define TOCKPP_CAPSULES_PROCESS_CONSOLE_PROCESS_CONSOLE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "capsules/process_console/process_management.h"
#include "capsules/text_writer.h"
#include "hil/uart.h"

namespace tock::capsules {

class ProcessConsole final : public hil::uart::TransmitClient, public hil::uart::ReceiveClient {
 public:
  static constexpr size_t kCommandLen = 64;
  static constexpr size_t kHistoryLen = 10;
  static constexpr size_t kQueueLen = 512;
  // Received bytes not yet handled (a burst of pipelined lines waits here).
  static constexpr size_t kInputLen = 256;
  // Input is handled only while this much output queue is free: the most one byte can print
  // without a job (an echo redraw, or a command such as help).
  static constexpr size_t kOutputReserve = 256;
  static constexpr size_t kMaxArgs = 3;
  static constexpr std::string_view kPrompt = "tock$ ";
  static constexpr std::string_view kLineDropped = "Line dropped: console input queue full\r\n";

  // Kernel memory map for the `kernel` command (linker symbols on a board).
  struct KernelAddresses {
    uint32_t stack_start, stack_end;
    uint32_t bss_start, bss_end;
    uint32_t relocations_start, relocations_end;
    uint32_t text_start, text_end;
    uint32_t read_only_data_start;
  };

  enum class Mode : uint8_t { kOff, kActive, kHibernating };

  // `build` is printed in "Kernel version: 2.3 (build <build>)" (kernel/kernel_version.h).
  ProcessConsole(hil::uart::Uart& uart, ProcessManagement& pm,
                 const KernelAddresses* kernel_addresses = nullptr, const char* build = nullptr);

  // Kernel version line, welcome line and the valid-commands line.
  void DisplayWelcome();
  // Active: prints the prompt and listens.
  void Start();
  // Listens, but obeys only console-start (no echo, no prompt).
  void StartHibernated();
  Mode mode() const { return mode_; }
  // Lines dropped whole because the input queue was full.
  uint32_t dropped_lines() const { return dropped_lines_; }

  void TransmittedBuffer(uint8_t* buffer, size_t len, Result<void> status) override;
  void ReceivedBuffer(uint8_t* buffer, size_t rx_len, Result<void> status,
                      hil::uart::Error error) override;

 private:
  enum class Job : uint8_t { kNone, kList, kProcess, kKernelMap };

  // The words after the command name.
  struct Args {
    std::array<std::string_view, kMaxArgs> word{};
    size_t count = 0;
    std::string_view first() const { return count > 0 ? word[0] : std::string_view(); }
  };
  using Handler = void (ProcessConsole::*)(const Args&);
  // One command: matched when the trimmed line starts with `name` (upstream's prefix match).
  struct Command {
    std::string_view name;
    std::string_view usage;
    uint8_t min_args;       // fewer: the line is ignored, as upstream ignores a missing name
    uint8_t max_args;       // more: the usage line is printed
    bool when_hibernating;  // obeyed while hibernating (only console-start)
    Handler handler;
  };
  struct Commands;  // the table (process_console.cc)

  void StartReceive();
  // Input queue: adds a received byte (or drops the line it belongs to when full).
  void Enqueue(uint8_t byte);
  // Handles queued input and renders pending output while there is room, then flushes.
  void Service();
  void HandleByte(uint8_t byte);
  void HandleEscape(uint8_t final_byte);
  // Removes the character under the cursor (if any) and redraws the rest of the line.
  void EraseAtCursor(bool echo);
  void ShowHistory(size_t entry);
  void ClearLine();
  void Execute(std::string_view line);
  void WriteValidCommands();

  // Handlers (one per table row).
  // Applies `op` to every process named `name`, printing "Process <name><done>" for each.
  void Control(std::string_view name, Result<void> (ProcessManagement::*op)(ProcessId),
               std::string_view done);
  void CmdHelp(const Args& args);
  void CmdStatus(const Args& args);
  void CmdList(const Args& args);
  void CmdStop(const Args& args);
  void CmdStart(const Args& args);
  void CmdFault(const Args& args);
  void CmdBoot(const Args& args);
  void CmdTerminate(const Args& args);
  void CmdProcess(const Args& args);
  void CmdKernel(const Args& args);
  void CmdReset(const Args& args);
  void CmdPanic(const Args& args);
  void CmdConsoleStart(const Args& args);
  void CmdConsoleStop(const Args& args);
  void Remember(std::string_view line);
  // Applies fn(const Process&) to every process whose name is `name`.
  template <typename F>
  void ForEachNamed(std::string_view name, F&& fn);

  void Write(std::string_view text);
  // "Kernel version: <major>.<minor> (build <build>" without the closing parenthesis.
  void WriteKernelVersion();
  void Flush();
  // Renders as much of the current job as fits in the queue; true when the job is finished.
  bool RenderMore();
  void StartJob(Job job, size_t slot = 0);
  void RenderJob(TextWriter& w) const;
  void RenderListRows(TextWriter& w) const;
  void RenderProcess(TextWriter& w, const Process& p) const;
  // Grants, pending upcalls and allowed buffers, when the ProcessManagement can inspect.
  void RenderDetails(TextWriter& w, const Process& p) const;
  void RenderLastSyscall(TextWriter& w, const Process& p) const;
  void RenderMemoryMap(TextWriter& w, const Process& p) const;
  void RenderKernelMap(TextWriter& w) const;

  hil::uart::Uart& uart_;
  ProcessManagement& pm_;
  const KernelAddresses* kernel_addresses_;
  const char* build_;
  Mode mode_ = Mode::kOff;

  // Input line and editing state.
  std::array<char, kCommandLen> line_{};
  size_t line_len_ = 0;
  size_t cursor_ = 0;  // insertion point within line_
  uint8_t previous_byte_ = 0;
  uint8_t esc_state_ = 0;  // 0 none, 1 after ESC, 2 after ESC [, 3 after ESC [ digit
  uint8_t esc_digit_ = 0;
  std::array<std::array<char, kCommandLen>, kHistoryLen> history_{};
  std::array<uint8_t, kHistoryLen> history_len_{};
  size_t history_count_ = 0;  // entries stored (<= kHistoryLen); newest at history_next_ - 1
  size_t history_next_ = 0;
  int history_pos_ = -1;  // -1: editing a new line; k: showing the k-th newest entry

  // Output.
  std::array<uint8_t, kQueueLen> queue_{};
  size_t queue_len_ = 0;
  std::array<uint8_t, kQueueLen> tx_{};
  bool tx_busy_ = false;
  Job job_ = Job::kNone;
  size_t job_slot_ = 0;
  size_t job_offset_ = 0;

  uint8_t rx_[1] = {0};
  bool rx_active_ = false;

  // Input queue (ring) and its overflow state.
  std::array<uint8_t, kInputLen> input_{};
  size_t input_head_ = 0;
  size_t input_len_ = 0;
  size_t input_line_len_ = 0;  // bytes of the newest, unfinished line in the queue
  bool discarding_ = false;    // dropping the rest of a line that did not fit
  bool servicing_ = false;
  uint32_t dropped_lines_ = 0;
};

}  // namespace tock::capsules

#endif  // TOCKPP_CAPSULES_PROCESS_CONSOLE_PROCESS_CONSOLE_H_
