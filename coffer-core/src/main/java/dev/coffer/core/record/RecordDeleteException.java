package dev.coffer.core.record;

/**
 * A record can't be deleted because another record needs it: a required relation of that record would be
 * left empty.
 */
public final class RecordDeleteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure naming the record that holds the required reference. */
    public RecordDeleteException(Record referencing) {
        super("the record cannot be deleted because it is part of a required reference in record "
                + referencing.id() + " (" + referencing.collection().name() + " collection)");
    }
}
