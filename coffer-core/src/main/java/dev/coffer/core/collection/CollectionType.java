package dev.coffer.core.collection;

/** The three kinds of collection. */
public enum CollectionType {
    /** Plain records. */
    BASE("base"),
    /** Records that can authenticate (email, password, tokens). */
    AUTH("auth"),
    /** Read-only records defined by a SELECT. */
    VIEW("view");

    private final String wire;

    CollectionType(String wire) {
        this.wire = wire;
    }

    /** The name used in JSON and the database. */
    public String wire() {
        return wire;
    }

    /**
     * Parses a type name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static CollectionType of(String wire) {
        for (CollectionType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown collection type \"" + wire + "\"");
    }
}
