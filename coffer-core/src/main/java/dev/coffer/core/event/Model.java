package dev.coffer.core.event;

/**
 * Something the app stores whose lifecycle the model hooks report: a {@link dev.coffer.core.record.Record record}
 * or a {@link dev.coffer.core.collection.Collection collection}.
 */
public interface Model {

    /** The model's id. */
    String id();
}
