/* Counts the generated translation units, each of which includes one public
 * header alone (as C11 and as C++); that they compiled is the test, and the
 * count proves every header was among them. */
#include <stdio.h>

#include "header_alone_list.h"

int main(void)
{
    int compiled = 0;
#define HEADER_ALONE(fn) { int fn(void); compiled += fn(); }
    HEADER_ALONE_ALL
#undef HEADER_ALONE
    printf("%d translation units, each including one public header alone\n", compiled);
    return compiled == HEADER_ALONE_EXPECTED ? 0 : 1;
}
