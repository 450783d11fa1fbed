// Tiny shim over the system libzstd (Debian's libzstd-dev).
#ifndef WINNOW_CZSTD_H
#define WINNOW_CZSTD_H
#include <zstd.h>
#include <zstd_errors.h>
#endif
