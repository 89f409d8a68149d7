#ifndef KB_CSQLITESUPPORT_INTERNAL_H
#define KB_CSQLITESUPPORT_INTERNAL_H
#include <sqlite3.h>

/// The FTS5 pieces, registered together by kb_sqlite_register_fts5.
int kb_register_rank(fts5_api *fts5);
int kb_register_cached_tokenizer(fts5_api *fts5);

#endif
