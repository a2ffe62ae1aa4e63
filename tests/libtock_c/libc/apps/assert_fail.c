/* A failing assert prints newlib's message on stderr and aborts: completion code 1, no
 * atexit handlers, and nothing after it runs.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

static void handler(void) { printf("assert_fail: atexit ran (wrong)\n"); }

int main(void) {
  atexit(handler);
  printf("assert_fail: before\n");
  int value = 3;
  assert(value == 4);
  printf("assert_fail: after (wrong)\n");
  return 0;
}
