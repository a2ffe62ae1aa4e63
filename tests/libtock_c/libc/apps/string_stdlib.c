/* string.h / stdlib.h / ctype.h / errno: each line "name: value" for the driver to compare. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void* a, const void* b) {
  int x = *(const int*)a, y = *(const int*)b;
  return (x > y) - (x < y);
}

static int sign(int v) { return (v > 0) - (v < 0); }

int main(void) {
  char buf[64];
  printf("strlen: %u\n", (unsigned)strlen("hello"));
  strcpy(buf, "abc");
  strcat(buf, "def");
  printf("strcat: %s\n", buf);
  strncat(buf, "ghijk", 2);
  printf("strncat: %s\n", buf);
  printf("strcmp: %d %d %d\n", sign(strcmp("a", "b")), sign(strcmp("b", "a")), strcmp("x", "x"));
  printf("strncmp: %d\n", strncmp("abcX", "abcY", 3));
  printf("strcasecmp: %d\n", strcasecmp("HeLLo", "hello"));
  printf("strchr: %s\n", strchr("key=value", '='));
  printf("strrchr: %s\n", strrchr("a/b/c", '/'));
  printf("strstr: %s\n", strstr("find the needle here", "needle"));
  printf("strspn: %u %u\n", (unsigned)strspn("123abc", "0123456789"),
         (unsigned)strcspn("abc,def", ","));
  memset(buf, 0, sizeof buf);
  strncpy(buf, "xy", 5);
  printf("strncpy: %s %d\n", buf, buf[4]);
  printf("strlcpy: %u ", (unsigned)strlcpy(buf, "truncate me", 6));
  printf("%s\n", buf);
  char text[] = " one, two,,three ";
  printf("strtok:");
  for (char* t = strtok(text, " ,"); t != NULL; t = strtok(NULL, " ,")) printf(" [%s]", t);
  printf("\n");
  char* d = strdup("duplicate");
  printf("strdup: %s\n", d);
  free(d);
  char move[] = "0123456789";
  memmove(move + 2, move, 5);
  printf("memmove: %s\n", move);
  printf("memcmp: %d\n", sign(memcmp("abc", "abd", 3)));
  printf("memchr: %s\n", (char*)memchr("hello", 'l', 5));
  printf("strerror: %s\n", strerror(ENOMEM));

  char* end;
  printf("atoi: %d %d\n", atoi("  -123xyz"), atoi("+77"));
  printf("strtol: %ld %ld %ld\n", strtol("0x1f", NULL, 16), strtol("0755", NULL, 0),
         strtol("-101", &end, 2));
  printf("strtol_end: '%s'\n", end);
  errno = 0;
  long big = strtol("99999999999999999999", NULL, 10);
  printf("strtol_range: %d %d\n", big == LONG_MAX, errno == ERANGE);
  printf("strtoul: %lu\n", strtoul("4294967295", NULL, 10));
  printf("abs: %d %ld\n", abs(-5), labs(-70000L));

  int nums[] = {42, -1, 17, 8, 99, 0, 8, -50, 3};
  size_t count = sizeof nums / sizeof nums[0];
  qsort(nums, count, sizeof nums[0], cmp_int);
  printf("qsort:");
  for (size_t i = 0; i < count; ++i) printf(" %d", nums[i]);
  printf("\n");
  int key = 17;
  int* found = bsearch(&key, nums, count, sizeof nums[0], cmp_int);
  key = 5;
  printf("bsearch: %d %d\n", found != NULL ? (int)(found - nums) : -1,
         bsearch(&key, nums, count, sizeof nums[0], cmp_int) == NULL);
  srand(1);
  int r1 = rand(), r2 = rand();
  srand(1);
  printf("rand: %d %d %d\n", r1, r2, rand() == r1);

  printf("ctype: %d%d%d%d%d%d %c%c\n", isalpha('a') != 0, isdigit('7') != 0, isspace('\t') != 0,
         isupper('a') != 0, isxdigit('F') != 0, ispunct('!') != 0, toupper('q'), tolower('Q'));
  assert(1 + 1 == 2);
  printf("string_stdlib: done\n");
  return 0;
}
