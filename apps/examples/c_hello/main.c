/* c_hello: a libtock-c-style app as a Tock user writes it, standard headers only. main's
 * return value becomes the app's exit code (crt0 calls exit(main())).
 */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  char* greeting = malloc(32);
  if (greeting == NULL) return 1;
  snprintf(greeting, 32, "Hello from %s!", "c_hello");
  printf("%s\n", greeting);
  free(greeting);
  return 0;
}
