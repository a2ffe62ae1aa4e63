/* Attacker: its entry point (linked with -e launch_fault_entry, see BUILD.bazel) is a ud2,
 * so it faults at its first instruction, before crt0 or main run and before any system call.
 */
__asm__(
    "  .section .text.launch_fault_entry, \"ax\", @progbits\n"
    "  .globl launch_fault_entry\n"
    "  .type launch_fault_entry, @function\n"
    "  .p2align 2\n" /* tockd refuses an entry that is not 4-byte aligned */
    "launch_fault_entry:\n"
    "  ud2\n"
    "  .size launch_fault_entry, . - launch_fault_entry\n"
    "  .text\n");

/* crt0 still links against main; it is never reached. */
int main(void) { return 0; }
