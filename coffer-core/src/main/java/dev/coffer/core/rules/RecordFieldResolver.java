package dev.coffer.core.rules;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldJson;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordStore;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.search.FieldResolver;
import dev.coffer.tools.search.FilterException;
import dev.coffer.tools.search.NullFallback;
import dev.coffer.tools.search.ResolverResult;
import dev.coffer.tools.search.SqlExpression;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Resolves the identifiers of rules and filters on one collection's records: the collection's own fields
 * (with {@code :lower}, {@code :length}) and the {@code @request.*} values of the current request, which
 * are bound as parameters. Hidden fields resolve only when {@code allowHidden} (rules and superusers).
 */
public final class RecordFieldResolver implements FieldResolver {

    private final Dialect dialect;
    private final Collection collection;
    private final RequestInfo info;
    private final boolean allowHidden;

    /** Creates a resolver for filters on a collection's table, for a request. */
    public RecordFieldResolver(Dialect dialect, Collection collection, RequestInfo info, boolean allowHidden) {
        this.dialect = dialect;
        this.collection = collection;
        this.info = info;
        this.allowHidden = allowHidden;
    }

    @Override
    public ResolverResult resolve(String identifier) {
        String name = identifier;
        String modifier = "";
        int colon = identifier.indexOf(':');
        if (colon >= 0) {
            name = identifier.substring(0, colon);
            modifier = identifier.substring(colon + 1);
        }
        if (name.startsWith("@request.")) {
            return resolveRequest(name.substring("@request.".length()), modifier, identifier);
        }
        if (name.contains(".") || name.startsWith("@")) {
            throw new FilterException("unsupported identifier " + identifier);
        }
        Field field = collection.field(name).orElseThrow(() -> new FilterException("unknown field " + identifier));
        if (field.hidden() && !allowHidden) {
            throw new FilterException("hidden field " + identifier);
        }
        String column = dialect.quote(collection.name()) + "." + dialect.quote(field.name());
        ResolverResult result = switch (modifier) {
            case "" -> ResolverResult.of(column);
            case "lower" -> ResolverResult.of("LOWER(" + column + ")");
            case "length" -> {
                if (!field.isMultiple()) {
                    throw new FilterException(":length is only for multi-value fields: " + identifier);
                }
                yield ResolverResult.of(dialect.jsonArrayLength(column));
            }
            default -> throw new FilterException("unsupported modifier " + identifier);
        };
        if (field instanceof FieldJson) {
            result = result.withNullFallback(NullFallback.DISABLED);
        }
        return result;
    }

    private ResolverResult resolveRequest(String path, String modifier, String identifier) {
        String[] parts = path.split("\\.", 2);
        String head = parts[0];
        String rest = parts.length > 1 ? parts[1] : "";
        if (modifier.equals("isset")) {
            boolean set = switch (head) {
                case "query" -> info.query().containsKey(rest);
                case "headers" -> info.headers().containsKey(rest.toLowerCase(Locale.ROOT));
                case "body" -> info.body().containsKey(rest);
                default -> throw new FilterException(":isset is only for @request.query/headers/body: " + identifier);
            };
            return ResolverResult.of(set ? "TRUE" : "FALSE");
        }
        Object value = switch (head) {
            case "method" -> rest.isEmpty() ? info.method() : fail(identifier);
            case "context" -> rest.isEmpty() ? info.context() : fail(identifier);
            case "query" -> info.query().get(rest);
            case "headers" -> info.headers().get(rest.toLowerCase(Locale.ROOT));
            case "body" -> bodyValue(rest);
            case "auth" -> authValue(rest, identifier);
            default -> fail(identifier);
        };
        SqlExpression param = SqlExpression.param(value);
        ResolverResult result = ResolverResult.of(param);
        return switch (modifier) {
            case "" -> result;
            case "lower" -> result.withExpression(SqlExpression.concat("LOWER(", param, ")"));
            default -> throw new FilterException("unsupported modifier " + identifier);
        };
    }

    private static Object fail(String identifier) {
        throw new FilterException("unknown identifier " + identifier);
    }

    private Object bodyValue(String key) {
        Object v = info.body().get(key);
        if (v instanceof JsonNode n) {
            if (n.isNull()) {
                return null;
            }
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            if (n.isNumber()) {
                return n.asDouble();
            }
            return n.isString() ? n.asString() : Json.write(n);
        }
        return v;
    }

    private Object authValue(String field, String identifier) {
        Record auth = info.auth();
        if (field.isEmpty() || field.contains(".")) {
            throw new FilterException("unsupported identifier " + identifier);
        }
        if (auth == null) {
            return null;
        }
        return switch (field) {
            case "collectionId" -> auth.collection().id();
            case "collectionName" -> auth.collection().name();
            default -> {
                Optional<Field> f = auth.collection().field(field);
                if (f.isEmpty()) {
                    yield null;
                }
                Object v = RecordStore.toDb(f.get(), auth.get(field));
                yield v;
            }
        };
    }
}
