#ifndef KB_CCMARK_SHIM_H
#define KB_CCMARK_SHIM_H
#include <cmark.h>
#endif
