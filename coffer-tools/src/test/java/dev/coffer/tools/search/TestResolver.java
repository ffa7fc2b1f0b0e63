package dev.coffer.tools.search;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.SqliteDialect;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A field resolver over the test table {@code t(id, title, n, data, tags, email, visible)}.
 *
 * <ul>
 *   <li>{@code id}, {@code title}, {@code n}, {@code visible}, {@code tags} (raw JSON text) and {@code email} (only where
 *       {@code visible}) are columns; {@code title:lower} is {@code LOWER(title)};
 *   <li>{@code data} and {@code data.a.0} are JSON values (no coalescing);
 *   <li>{@code tags:each} is multi-valued, joined in the outer query as {@code "je"} (see {@link #FROM});
 *   <li>{@code tags:length} counts the tags; {@code @request.auth.id} is a bound value.
 * </ul>
 */
final class TestResolver implements FieldResolver {

    /** The FROM clause the resolved identifiers expect (with the outer join of {@code tags:each}). */
    static final String FROM = "FROM \"t\" LEFT JOIN json_each(CASE WHEN json_valid(\"t\".\"tags\") THEN \"t\".\"tags\""
            + " ELSE '[]' END) \"je\"";

    private static final Dialect D = SqliteDialect.INSTANCE;
    private static final Pattern JSON_PATH = Pattern.compile("data(\\.\\w+)+");

    private final Object authId;

    TestResolver(Object authId) {
        this.authId = authId;
    }

    TestResolver() {
        this("u1");
    }

    @Override
    public ResolverResult resolve(String identifier) {
        return switch (identifier) {
            case "id", "title", "n", "tags", "visible" -> ResolverResult.of(column("t", identifier));
            case "title:lower" -> ResolverResult.of("LOWER(" + column("t", "title") + ")");
            case "email" -> ResolverResult.of(column("t", "email"))
                    .withAfterBuild(e -> SqlExpression.concat("((", e, ") AND ", column("t", "visible"), " = 1)"));
            case "data" -> ResolverResult.of(D.jsonExtract(column("t", "data"), "$"))
                    .withNullFallback(NullFallback.DISABLED);
            case "tags:length" -> ResolverResult.of(D.jsonArrayLength(column("t", "tags")));
            case "tags:each" -> ResolverResult.of(column("je", "value")).withMultiMatch(MultiMatch.fromTable(D,
                    SqlExpression.of(column("mm_je", "value")), "t", "mm_t",
                    List.of(new Join(SqlExpression.of("json_each(CASE WHEN json_valid(" + column("mm_t", "tags")
                            + ") THEN " + column("mm_t", "tags") + " ELSE '[]' END)"), "mm_je", SqlExpression.EMPTY)),
                    SqlExpression.of(column("mm_t", "id") + " = " + column("t", "id"))));
            case "@request.auth.id" -> ResolverResult.of(SqlExpression.param(authId));
            default -> {
                if (JSON_PATH.matcher(identifier).matches()) {
                    String path = "$" + String.join("", Arrays.stream(identifier.substring(4).split("\\."))
                            .filter(s -> !s.isEmpty())
                            .map(s -> s.chars().allMatch(Character::isDigit) ? "[" + s + "]" : "." + s).toList());
                    yield ResolverResult.of(D.jsonExtract(column("t", "data"), path))
                            .withNullFallback(NullFallback.DISABLED);
                }
                throw new FilterException("unknown field " + identifier);
            }
        };
    }

    static String column(String table, String column) {
        return D.quote(table) + "." + D.quote(column);
    }
}
