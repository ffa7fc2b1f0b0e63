package dev.coffer.core.backup;

/** Thrown when a backup or restore is asked for while another one is running (only one runs at a time). */
public final class BackupBusyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public BackupBusyException() {
        super("try again later - another backup/restore operation has already been started");
    }
}
