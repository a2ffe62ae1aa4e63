/* i386 host app entry: the launcher jumps here with Tock's crt0 arguments in registers
 * (hostkernel/abi/tock_channel.h): eax = app_start (the crt0 header), ebx = memory_start,
 * ecx = memory_len, edx = app_break, esp = app_break. Mirrors libtock-c's Cortex-M crt0:
 * stack at the bottom of RAM, brk to the end of .bss, then C start-up (crt0.c).
 */
  .section .start, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  movl %eax, %esi             /* esi = app_start = &crt0 header (callee-saved) */
  movl %ebx, %edi             /* edi = memory_start */
  movl 36(%esi), %ebp         /* hdr->stack_size */
  leal 15(%edi,%ebp), %ebp
  andl $-16, %ebp             /* ebp = stack_top, 16-byte aligned (i386 SysV) */
  movl 24(%esi), %ebx         /* hdr->bss_start (RAM offset) */
  addl 28(%esi), %ebx         /* + hdr->bss_size */
  addl %edi, %ebx             /* ebx = new app break */
  cmpl %edx, %ebx
  ja 1f                       /* growing: stay on the initial stack until brk returns */
  movl %ebp, %esp             /* shrinking or equal: stack_top is already accessible */
1:
  andl $-16, %esp
  subl $8, %esp
  pushl %ebp                  /* stack_top */
  pushl %ebx                  /* new break */
  call tock_crt0_set_break    /* memop 0, 10, 11 */
  movl %ebp, %esp             /* switch to the real stack */
  subl $8, %esp
  pushl %edi                  /* memory_start */
  pushl %esi                  /* app_start */
  call tock_crt0_start        /* copies .data, zeroes .bss, runs main; never returns */
  ud2
  .size _start, . - _start

  .section .note.GNU-stack, "", @progbits
