#ifndef KB_CSQLITESUPPORT_H
#define KB_CSQLITESUPPORT_H
#include <sqlite3.h>

/// SQLite pieces that Swift cannot express: a variadic call, and an FTS5 extension function
/// (its callbacks take a C function table that SQLite calls millions of times per search).

/// Whether closing the connection checkpoints the write-ahead log (SQLite does by default).
/// sqlite3_db_config is variadic, which Swift cannot call. Returns SQLITE_OK or an error code.
int kb_sqlite_checkpoint_on_close(sqlite3 *db, int enabled);

/// Registers the FTS5 function `kb_rank(table, w1, ..., wN, limit)` on a connection: the score
/// bm25(table, w1, ..., wN) would give, negated (higher is better), computed exactly for every
/// row that can still be among the best `limit`; see rank.c. Returns SQLITE_OK or an error code.
int kb_sqlite_register_rank(sqlite3 *db);

#endif
