#ifndef KB_CSQLITECONFIG_H
#define KB_CSQLITECONFIG_H
#include <sqlite3.h>

/// sqlite3_db_config is variadic, which Swift cannot call; these wrappers fix its arguments.

/// Whether closing the connection checkpoints the write-ahead log (SQLite does by default).
/// Returns SQLITE_OK or an error code.
int kb_sqlite_checkpoint_on_close(sqlite3 *db, int enabled);

#endif
