package dev.coffer.tools.search;

import dev.coffer.tools.db.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds sort fields into the terms of an {@code ORDER BY} clause through a {@link FieldResolver}.
 *
 * <p>A field must resolve to a plain expression: one with bound parameters (a literal or request value) or
 * that is {@code NULL} is rejected. {@value SortField#RANDOM} becomes the dialect's random order and
 * {@value SortField#ROWID} the implicit row id of the given table. Thread-safe.
 *
 * <pre>{@code
 * String order = new SortSqlBuilder(dialect).build(SortField.parseList("-created,id"), resolver, "logs");
 * if (!order.isEmpty()) sql += " ORDER BY " + order;
 * }</pre>
 */
public final class SortSqlBuilder {

    private final Dialect dialect;

    /** A builder for a dialect. */
    public SortSqlBuilder(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * Builds the comma-separated {@code ORDER BY} terms (without the keywords), or an empty string for no
     * fields.
     *
     * @param rowidTable the table or alias that {@value SortField#ROWID} refers to, or {@code null} to leave
     *     it unqualified
     * @throws FilterException when there are too many fields or a field cannot be resolved or sorted by
     */
    public String build(List<SortField> fields, FieldResolver resolver, String rowidTable) {
        if (fields.size() > SortField.MAX_FIELDS) {
            throw new FilterException("sort has more than " + SortField.MAX_FIELDS + " fields");
        }
        List<String> terms = new ArrayList<>(fields.size());
        for (SortField field : fields) {
            terms.add(term(field, resolver, rowidTable));
        }
        return String.join(", ", terms);
    }

    private String term(SortField field, FieldResolver resolver, String rowidTable) {
        if (field.name().equals(SortField.RANDOM)) {
            return dialect.randomOrder();
        }
        if (field.name().equals(SortField.ROWID)) {
            return dialect.rowid(rowidTable) + " " + field.direction();
        }
        ResolverResult result;
        try {
            result = resolver.resolve(field.name());
        } catch (FilterException e) {
            throw new FilterException("invalid sort field " + FilterException.excerpt(field.name()) + ": "
                    + e.getMessage(), e);
        }
        SqlExpression sql = result == null ? SqlExpression.EMPTY : result.expression();
        if (sql.isBlank() || !sql.params().isEmpty() || sql.sql().toLowerCase(Locale.ROOT).equals("null")) {
            throw new FilterException("invalid sort field " + FilterException.excerpt(field.name()));
        }
        return sql.sql() + " " + field.direction();
    }
}
