package io.mcpconn.benchmarks.concurrency;

import io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException;
import java.util.ArrayList;
import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** One thread's count of stale saves, busy or locked databases and other errors. */
final class Tally {

    private static final int KEPT_MESSAGES = 5;
    private static final List<String> POSTGRES_BUSY = List.of("40001", "40P01", "55P03");

    long stale;
    long busy;
    long errors;
    final List<String> messages = new ArrayList<>();

    void failed(RuntimeException failure) {
        if (isBusy(failure)) {
            busy++;
        } else {
            errors++;
        }
        if (messages.size() < KEPT_MESSAGES) {
            messages.add(failure.getClass().getName() + ": " + failure.getMessage());
        }
    }

    /**
     * Busy or locked, however it was wrapped: the SQLite adapter's own exception or SQLite's codes,
     * or on PostgreSQL a write it could not serialize, deadlocked, or a lock not to be had
     * (SQLSTATE 40001, 40P01, 55P03) — what is left when the adapter's retries ran out.
     */
    static boolean isBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseLockedException) {
                return true;
            }
            if (cause instanceof SQLException sql && POSTGRES_BUSY.contains(String.valueOf(sql.getSQLState()))) {
                return true;
            }
            if (cause instanceof SQLiteException sqlite) {
                int primary = sqlite.getResultCode().code & 0xFF;
                if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
                    return true;
                }
            }
        }
        return false;
    }
}
