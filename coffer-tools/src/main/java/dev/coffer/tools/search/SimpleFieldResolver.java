package dev.coffer.tools.search;

import dev.coffer.tools.db.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@link FieldResolver} for plain tables (logs, collections): it accepts only allow-listed names and maps
 * them to columns of the queried table, and {@code column.a.b} to a JSON path inside a JSON column.
 *
 * <p>An allow-list entry is either an exact name ({@code "created"}) or, when it starts with {@code ^} and
 * ends with {@code $}, a regular expression the whole name must match ({@code "^data\\.[\\w.:]*\\w+$"}).
 * Characters other than letters, digits and {@code _ * - @ #} are dropped from the column and path parts
 * (PocketBase's "columnify"). JSON path values are compared without NULL-to-empty coalescing.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * FieldResolver logs = SimpleFieldResolver.of(dialect, "id", "created", "level", "message", "data",
 *         "^data\\.[\\w.:]*\\w+$");
 * }</pre>
 */
public final class SimpleFieldResolver implements FieldResolver {

    private static final Pattern NOT_COLUMN_CHARS = Pattern.compile("[^\\w*\\-@#]+");
    private static final Pattern INDEX = Pattern.compile("\\d+");

    private final Dialect dialect;
    private final List<String> exact;
    private final List<Pattern> patterns;

    /**
     * A resolver allowing the given names and patterns.
     *
     * @throws IllegalArgumentException when a pattern entry is not a valid regular expression
     */
    public SimpleFieldResolver(Dialect dialect, List<String> allowed) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        List<String> names = new ArrayList<>();
        List<Pattern> regexes = new ArrayList<>();
        for (String entry : allowed) {
            if (entry.length() > 1 && entry.startsWith("^") && entry.endsWith("$")) {
                regexes.add(Pattern.compile(entry));
            } else {
                names.add(entry);
            }
        }
        this.exact = List.copyOf(names);
        this.patterns = List.copyOf(regexes);
    }

    /** A resolver allowing the given names and patterns. */
    public static SimpleFieldResolver of(Dialect dialect, String... allowed) {
        return new SimpleFieldResolver(dialect, List.of(allowed));
    }

    @Override
    public ResolverResult resolve(String identifier) {
        if (!isAllowed(identifier)) {
            throw new FilterException("unknown field " + FilterException.excerpt(identifier));
        }
        String[] parts = identifier.split("\\.", -1);
        String column = columnify(parts[0]);
        if (column.isEmpty()) {
            throw new FilterException("invalid field " + FilterException.excerpt(identifier));
        }
        String quoted = dialect.quote(column);
        if (parts.length == 1) {
            return ResolverResult.of(quoted);
        }
        StringBuilder path = new StringBuilder("$");
        for (int i = 1; i < parts.length; i++) {
            String key = columnify(parts[i]);
            if (key.isEmpty()) {
                throw new FilterException("invalid JSON path in field " + FilterException.excerpt(identifier));
            }
            if (INDEX.matcher(key).matches()) {
                path.append('[').append(key).append(']');
            } else {
                path.append('.').append(key);
            }
        }
        return ResolverResult.of(dialect.jsonExtract(quoted, path.toString())).withNullFallback(NullFallback.DISABLED);
    }

    private boolean isAllowed(String identifier) {
        if (exact.contains(identifier)) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(identifier).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String columnify(String name) {
        return NOT_COLUMN_CHARS.matcher(name).replaceAll("");
    }
}
