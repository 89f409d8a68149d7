#include "CSQLiteSupport.h"

int kb_sqlite_checkpoint_on_close(sqlite3 *db, int enabled) {
    int now = 0;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, enabled ? 0 : 1, &now);
}
