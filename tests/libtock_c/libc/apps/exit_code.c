/* exit(main()) and atexit: main returns 42, the handlers run last-registered first and
 * a line left in stdout's buffer (no newline) is flushed by exit.
 */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { printf("atexit: first\n"); }
static void second(void) { printf("atexit: second\n"); }

int main(void) {
  atexit(first);
  atexit(second);
  printf("exit_code: returning 42\n");
  printf("unterminated");
  return 42;
}
