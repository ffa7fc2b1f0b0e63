package dev.coffer.tools.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One term of a sort: a field name as the {@link FieldResolver} knows it, or one of the special names
 * {@value #RANDOM} and {@value #ROWID}, and a direction.
 *
 * @param name the field name as written, modifiers included
 * @param direction the direction
 */
public record SortField(String name, Direction direction) {

    /** Sorts in random order (the direction is ignored). */
    public static final String RANDOM = "@random";

    /** Sorts by the table's implicit row id, i.e. insertion order. */
    public static final String ROWID = "@rowid";

    /** The most sort fields in one sort. */
    public static final int MAX_FIELDS = 8;

    /** The longest sort field name, in UTF-8 bytes. */
    public static final int MAX_NAME_LENGTH = 255;

    /** A sort direction. */
    public enum Direction {
        /** Ascending. */
        ASC,
        /** Descending. */
        DESC
    }

    /** Checks the parts are present. */
    public SortField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
    }

    /**
     * Parses a comma-separated sort such as {@code -created,+title, name}: each term is trimmed, a leading
     * {@code -} means descending, a leading {@code +} or none ascending. An empty text is no sort; empty
     * terms are kept (and rejected when built).
     *
     * @throws FilterException when there are more than {@value #MAX_FIELDS} terms or a name is longer than
     *     {@value #MAX_NAME_LENGTH} bytes
     */
    public static List<SortField> parseList(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String[] terms = text.split(",", -1);
        if (terms.length > MAX_FIELDS) {
            throw new FilterException("sort has more than " + MAX_FIELDS + " fields");
        }
        List<SortField> fields = new ArrayList<>(terms.length);
        for (String term : terms) {
            String trimmed = term.strip();
            SortField field = trimmed.startsWith("-")
                    ? new SortField(trimmed.substring(1), Direction.DESC)
                    : new SortField(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed, Direction.ASC);
            if (field.name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_LENGTH) {
                throw new FilterException("sort field is longer than " + MAX_NAME_LENGTH + " bytes");
            }
            fields.add(field);
        }
        return List.copyOf(fields);
    }
}
