/* initial_break_reader: touches every word of its RAM from the memory start up to and
 * including the word AT the initial app break (r3 at _start), never calling brk, after a
 * low-level-debug print has made the kernel allocate a grant (which re-checks the MPU layout).
 * Upstream Tock opens one MPU subregion past the initial break, and libtock-c's mpu_no_libc
 * test relies on that word being readable and writable. No crt0: _start is the whole app.
 * Output (low-level debug, driver 8): 0x1 <break>, then 0xd0e when all words were read and
 * written; then exit 0. A fault means the MPU layout lost the word at the break. */

__attribute__((section(".start"), used, naked, noreturn)) void _start(void) {
  __asm__ volatile(
      "mov r5, r1\n"  /* memory start */
      "mov r7, r3\n"  /* initial app break */
      "movs r2, #1\n" /* LLD command 3: print two numbers (1, break) */
      "mov r3, r7\n"
      "movs r0, #8\n"
      "movs r1, #3\n"
      "svc 2\n"
      "mov r3, r5\n" /* read [start, break] */
      "1:\n"
      "ldr r2, [r3]\n"
      "adds r3, r3, #4\n"
      "cmp r3, r7\n"
      "bls 1b\n"
      "mov r3, r5\n" /* write [start, break] */
      "2:\n"
      "str r3, [r3]\n"
      "adds r3, r3, #4\n"
      "cmp r3, r7\n"
      "bls 2b\n"
      "ldr r2, =0xd0e\n" /* LLD command 2: print one number */
      "movs r0, #8\n"
      "movs r1, #2\n"
      "svc 2\n"
      "movs r0, #0\n" /* exit-terminate, completion 0 */
      "movs r1, #0\n"
      "svc 6\n"
      "3:\n"
      "b 3b\n"
      ".ltorg\n");
}
