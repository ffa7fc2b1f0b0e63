package dev.coffer.tools.search;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A fragment of SQL with positional {@code ?} parameters and their values in order of appearance.
 *
 * <p>Fragments are composed by concatenation, so a fragment that appears twice in a larger statement
 * contributes its parameters twice, at the right positions. Parameter values may be {@code null}.
 *
 * @param sql the SQL text; every {@code ?} outside string literals is a parameter
 * @param params the parameter values, one per {@code ?}, in order
 */
public record SqlExpression(String sql, List<Object> params) {

    /** The empty fragment. */
    public static final SqlExpression EMPTY = new SqlExpression("", List.of());

    private static final char MARK = '\u0000';

    /** Validates and freezes the parts. */
    public SqlExpression {
        Objects.requireNonNull(sql, "sql");
        params = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(params, "params")));
    }

    /** A fragment with the given SQL and parameter values. */
    public static SqlExpression of(String sql, Object... params) {
        return new SqlExpression(sql, Arrays.asList(params));
    }

    /** A single bound parameter, {@code ?}. */
    public static SqlExpression param(Object value) {
        return new SqlExpression("?", Collections.singletonList(value));
    }

    /** Tells whether the SQL is empty or blank. */
    public boolean isBlank() {
        return sql.isBlank();
    }

    /** The same SQL with other parameter values (the count must stay the same). */
    public SqlExpression withParams(List<Object> newParams) {
        if (newParams.size() != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " params, got " + newParams.size());
        }
        return new SqlExpression(sql, newParams);
    }

    /**
     * Concatenates parts in order: each part is either raw SQL text (a {@link String}, no parameters) or a
     * fragment.
     */
    public static SqlExpression concat(Object... parts) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Object part : parts) {
            switch (part) {
                case String text -> sql.append(text);
                case SqlExpression fragment -> {
                    sql.append(fragment.sql);
                    params.addAll(fragment.params);
                }
                default -> throw new IllegalArgumentException("not SQL: " + part.getClass().getName());
            }
        }
        return new SqlExpression(sql.toString(), params);
    }

    /** Joins fragments with a raw separator such as {@code " AND "}. */
    public static SqlExpression join(String separator, List<SqlExpression> fragments) {
        List<Object> parts = new ArrayList<>();
        for (int i = 0; i < fragments.size(); i++) {
            if (i > 0) {
                parts.add(separator);
            }
            parts.add(fragments.get(i));
        }
        return concat(parts.toArray());
    }

    /**
     * Lets a string-building function (typically a {@code Dialect} method) compose fragments: the function
     * receives one opaque marker per argument, and each marker in its result is replaced by that argument's
     * SQL and parameters, so parameters stay in textual order even when an argument is used twice.
     */
    public static SqlExpression render(Function<String[], String> template, SqlExpression... args) {
        String[] markers = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            markers[i] = MARK + Integer.toString(i) + MARK;
        }
        String out = template.apply(markers);
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        int pos = 0;
        while (pos < out.length()) {
            int start = out.indexOf(MARK, pos);
            if (start < 0) {
                sql.append(out, pos, out.length());
                break;
            }
            int end = out.indexOf(MARK, start + 1);
            if (end < 0) {
                throw new IllegalStateException("unbalanced SQL template marker");
            }
            sql.append(out, pos, start);
            SqlExpression arg = args[Integer.parseInt(out.substring(start + 1, end))];
            sql.append(arg.sql);
            params.addAll(arg.params);
            pos = end + 1;
        }
        return new SqlExpression(sql.toString(), params);
    }

    /**
     * Binds the parameters to a statement starting at a 1-based index.
     *
     * @return the index after the last bound parameter
     */
    public int bindTo(PreparedStatement statement, int firstIndex) throws SQLException {
        int index = firstIndex;
        for (Object value : params) {
            statement.setObject(index++, value);
        }
        return index;
    }

    @Override
    public String toString() {
        return params.isEmpty() ? sql : sql + " " + params;
    }
}
