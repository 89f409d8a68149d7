#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include "CSQLiteSupport.h"

int kb_sqlite_checkpoint_on_close(sqlite3 *db, int enabled) {
    int now = 0;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, enabled ? 0 : 1, &now);
}

int kb_start_writeback(const char *path) {
    int descriptor = open(path, O_RDONLY | O_CLOEXEC);
    if (descriptor < 0) return -1;
    int rc = sync_file_range(descriptor, 0, 0, SYNC_FILE_RANGE_WRITE);
    close(descriptor);
    return rc;
}

int kb_sqlite_configure_process(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
