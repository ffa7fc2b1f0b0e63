package dev.coffer.core.rules;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldFile;
import dev.coffer.core.field.FieldGeoPoint;
import dev.coffer.core.field.FieldJson;
import dev.coffer.core.field.FieldNumber;
import dev.coffer.core.field.FieldRelation;
import dev.coffer.core.field.FieldSelect;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.search.Filter;
import dev.coffer.tools.search.FilterException;
import dev.coffer.tools.search.FilterLimits;
import dev.coffer.tools.search.FilterSqlBuilder;
import dev.coffer.tools.search.Join;
import dev.coffer.tools.search.MultiMatch;
import dev.coffer.tools.search.NullFallback;
import dev.coffer.tools.search.ResolverResult;
import dev.coffer.tools.search.SqlExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resolution of one identifier for a {@link RecordFieldResolver}: the walk through its parts (relations,
 * back-relations, {@code @collection}, {@code @request} values, JSON paths, modifiers), the joins it registers
 * and the multi-match sub-query it builds alongside for multi-valued operands.
 */
final class FieldPath {

    private static final int MAX_NESTED_RELATIONS = 6;
    private static final Pattern VIA = Pattern.compile("^(\\w+)_via_(\\w+)$");
    private static final Pattern INDEX = Pattern.compile("[0-9]+");
    private static final Pattern NOT_WORD = Pattern.compile("\\W+");
    private static final Set<String> MODIFIERS = Set.of("isset", "each", "length", "lower", "changed");
    private static final Set<String> PLAIN_AUTH_FIELDS =
            Set.of("id", "collectionId", "collectionName", "email", "emailVisibility", "verified");

    private final RecordFieldResolver resolver;
    private final Dialect dialect;
    private final Collection collection;
    private final RequestInfo info;
    private final boolean allowHidden;
    private final String baseTable;
    private final String baseAlias;
    private final String aliasSuffix;
    private final String identifier;
    private final String[] props;
    private final boolean nullifyMissing;
    private final List<Join> mmJoins = new ArrayList<>();
    private Collection active;
    private String activeAlias;
    private String mmAlias;
    private boolean multi;

    FieldPath(RecordFieldResolver resolver, String identifier) {
        this.resolver = resolver;
        this.dialect = resolver.dialect();
        this.collection = resolver.collection();
        this.info = resolver.info();
        this.allowHidden = resolver.allowsHidden();
        this.baseTable = resolver.baseTable();
        this.baseAlias = resolver.baseAlias();
        this.aliasSuffix = resolver.aliasSuffix();
        this.identifier = identifier;
        this.props = identifier.split("\\.", -1);
        this.nullifyMissing = props[0].equals("@request");
        this.active = collection;
        this.activeAlias = baseAlias;
        this.mmAlias = "__mm_" + baseAlias;
    }

    ResolverResult run() {
        if (props[0].equals("@collection")) {
            return collectionField();
        }
        if (props[0].equals("@request")) {
            if (identifier.startsWith("@request.auth.")) {
                return authField();
            }
            if (identifier.startsWith("@request.body.") && props.length > 2) {
                String[] nameAndModifier = splitModifier(props[2]);
                Optional<Field> bodyField = collection.field(nameAndModifier[0]);
                if (bodyField.isPresent()) {
                    Field field = bodyField.get();
                    if (field instanceof FieldRelation rel && props.length > 3) {
                        return bodyRelation(rel);
                    }
                    if (props.length == 3) {
                        switch (nameAndModifier[1]) {
                            case "each" -> {
                                return bodyEach(field);
                            }
                            case "length" -> {
                                return bodyLength(field);
                            }
                            case "lower" -> {
                                return ResolverResult.of(SqlExpression.concat("LOWER(",
                                        SqlExpression.param(RequestValues.text(info.body().get(field.name()))), ")"));
                            }
                            case "changed" -> {
                                return bodyChanged(field);
                            }
                            default -> {
                                // a plain value or :isset
                            }
                        }
                    }
                }
            }
            return staticValue();
        }
        return walk(0);
    }

    private ResolverResult nullResult() {
        return ResolverResult.of("NULL");
    }

    private ResolverResult staticValue() {
        String[] path = java.util.Arrays.copyOfRange(props, 1, props.length);
        String[] last = splitModifier(path[path.length - 1]);
        path[path.length - 1] = last[0];
        Optional<Object> found = RequestValues.lookup(info, path);
        if (last[1].equals("isset")) {
            return ResolverResult.of(found.isPresent() ? "TRUE" : "FALSE");
        }
        if (!last[1].isEmpty() && !last[1].equals("lower")) {
            throw new FilterException("invalid modifier :" + last[1] + " for a request value");
        }
        Object value = RequestValues.sqlValue(found.orElse(null));
        if (value instanceof String s && collection.field(last[0]).orElse(null) instanceof FieldNumber) {
            try {
                value = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // compared as text
            }
        }
        if (value == null) {
            return nullResult();
        }
        SqlExpression param = SqlExpression.param(value);
        return ResolverResult.of(last[1].equals("lower") ? SqlExpression.concat("LOWER(", param, ")") : param);
    }

    private ResolverResult collectionField() {
        if (props.length < 3) {
            throw new FilterException("invalid @collection field");
        }
        String[] nameAndAlias = props[1].split(":", 2);
        Collection target = load(nameAndAlias[0])
                .orElseThrow(() -> new FilterException("unknown collection in @collection field"));
        active = target;
        activeAlias = (nameAndAlias.length == 2 && !nameAndAlias[1].isEmpty()
                ? "__collection_alias_" + nameAndAlias[1] : "__collection_" + target.name()) + aliasSuffix;
        multi = true;
        registerJoin(target, table(target), activeAlias, SqlExpression.EMPTY);
        mmAlias = "__mm_" + activeAlias;
        mmJoins.add(new Join(table(target), mmAlias, SqlExpression.EMPTY));
        return walk(2);
    }

    private ResolverResult authField() {
        var auth = info.auth();
        if (auth == null) {
            return nullResult();
        }
        if (props.length == 3 && PLAIN_AUTH_FIELDS.contains(props[2])) {
            return staticValue();
        }
        active = auth.collection();
        activeAlias = "__auth_" + active.name() + aliasSuffix;
        registerJoin(active, table(active), activeAlias,
                SqlExpression.of(quoteColumn(activeAlias, "id") + " = ?", auth.id()));
        mmAlias = "__mm_" + activeAlias;
        mmJoins.add(new Join(table(active), mmAlias, SqlExpression.of(quoteColumn(mmAlias, "id") + " = ?", auth.id())));
        return walk(2);
    }

    private ResolverResult bodyRelation(FieldRelation rel) {
        Collection target = load(rel.collectionId())
                .orElseThrow(() -> new FilterException("unknown collection of relation " + rel.name()));
        List<String> ids = RequestValues.uniqueStrings(info.body().get(rel.name()));
        if (ids.isEmpty()) {
            return nullResult();
        }
        active = target;
        activeAlias = "__data_" + target.name() + "_" + rel.name() + aliasSuffix;
        registerJoin(target, table(target), activeAlias, idIn(activeAlias, ids));
        if (rel.isMultiple()) {
            multi = true;
        }
        mmAlias = "__mm_" + activeAlias;
        mmJoins.add(new Join(table(target), mmAlias, idIn(mmAlias, ids)));
        return walk(3);
    }

    private SqlExpression idIn(String alias, List<String> ids) {
        StringBuilder sql = new StringBuilder(quoteColumn(alias, "id")).append(" IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return new SqlExpression(sql.append(')').toString(), new ArrayList<>(ids));
    }

    private ResolverResult bodyEach(Field field) {
        if (!isMultiValuer(field)) {
            throw new FilterException("field " + field.name() + " has no items to iterate");
        }
        SqlExpression items = SqlExpression.param(RequestValues.jsonArray(info.body().get(field.name())));
        String alias = "__dataEach_je_" + field.name() + aliasSuffix;
        registerJoin(null, SqlExpression.render(m -> dialect.jsonEach(m[0]), items), alias, SqlExpression.EMPTY);
        ResolverResult result = ResolverResult.of(dialect.jsonEachValue(alias));
        if (field.isMultiple()) {
            multi = true;
        }
        if (multi) {
            String mm = "__mm_" + alias;
            mmJoins.add(new Join(SqlExpression.render(m -> dialect.jsonEach(m[0]), items), mm, SqlExpression.EMPTY));
            result = result.withMultiMatch(multiMatch(SqlExpression.of(dialect.jsonEachValue(mm))));
        }
        return result;
    }

    private ResolverResult bodyLength(Field field) {
        if (!isMultiValuer(field)) {
            throw new FilterException("field " + field.name() + " has no items to count");
        }
        return ResolverResult.of(Integer.toString(RequestValues.items(info.body().get(field.name())).size()));
    }

    private ResolverResult bodyChanged(Field field) {
        String name = field.name();
        Filter changed = Filter.parse("@request.body." + name + ":isset = true && @request.body." + name + " != "
                + name, FilterLimits.RULE);
        SqlExpression sql = new FilterSqlBuilder(dialect).build(changed, resolver);
        return ResolverResult.of(SqlExpression.concat("(", sql, ")")).withNullFallback(NullFallback.DISABLED);
    }

    private ResolverResult walk(int start) {
        for (int i = start; i < props.length; i++) {
            String prop = props[i];
            if (i == props.length - 1) {
                return finish(prop);
            }
            Field field = active.field(prop).orElse(null);
            if (field != null && guarded(field) && !allowHidden) {
                throw new FilterException("non-filterable field " + quoted(prop));
            }
            if (field instanceof FieldJson || field instanceof FieldGeoPoint) {
                return jsonPath(field, i + 1);
            }
            if (i - start >= MAX_NESTED_RELATIONS) {
                throw new FilterException("max nested relations reached for field " + quoted(prop));
            }
            if (field == null) {
                ResolverResult missing = backRelation(prop);
                if (missing != null) {
                    return missing;
                }
                continue;
            }
            if (!(field instanceof FieldRelation rel)) {
                throw new FilterException("field " + quoted(prop) + " is not a valid relation");
            }
            Collection target = load(rel.collectionId())
                    .orElseThrow(() -> new FilterException("unknown collection of relation " + prop));
            if (!rel.isMultiple() && i == props.length - 2 && props[i + 1].equals("id")) {
                return finish(rel.name());
            }
            relation(rel, target);
        }
        throw new FilterException("cannot resolve field");
    }

    private void relation(FieldRelation rel, Collection target) {
        String column = quoteColumn(activeAlias, rel.name());
        String alias = activeAlias + "_" + rel.name() + aliasSuffix;
        if (!rel.isMultiple()) {
            // a table's id is its primary key: at most one row joins (a view's id column need not be unique)
            registerJoin(target, table(target), alias, SqlExpression.of(quoteColumn(alias, "id") + " = " + column),
                    !target.isView());
        } else {
            String je = "__je_" + alias;
            registerJoin(null, SqlExpression.of(dialect.jsonEach(column)), je, SqlExpression.EMPTY);
            registerJoin(target, table(target), alias,
                    SqlExpression.of(quoteColumn(alias, "id") + " = " + dialect.jsonEachValue(je)));
            multi = true;
        }
        String mmColumn = quoteColumn(mmAlias, rel.name());
        String mmNext = mmAlias + "_" + rel.name();
        if (!rel.isMultiple()) {
            mmJoins.add(new Join(table(target), mmNext, SqlExpression.of(quoteColumn(mmNext, "id") + " = " + mmColumn)));
        } else {
            String je = mmAlias + "_" + rel.name() + "_je";
            mmJoins.add(new Join(SqlExpression.of(dialect.jsonEach(mmColumn)), je, SqlExpression.EMPTY));
            mmJoins.add(new Join(table(target), mmNext,
                    SqlExpression.of(quoteColumn(mmNext, "id") + " = " + dialect.jsonEachValue(je))));
        }
        active = target;
        activeAlias = alias;
        mmAlias = mmNext;
    }

    /** Joins a back-relation; returns NULL's result for a missing one in request paths, else null. */
    private ResolverResult backRelation(String prop) {
        Matcher via = VIA.matcher(prop);
        Collection source = via.matches() ? load(via.group(1)).orElse(null) : null;
        Field back = source == null ? null : source.field(via.group(2)).orElse(null);
        if (!(back instanceof FieldRelation rel) || !rel.collectionId().equals(active.id())) {
            if (nullifyMissing) {
                return nullResult();
            }
            throw new FilterException("failed to resolve field " + quoted(prop));
        }
        if (guarded(rel) && !allowHidden) {
            throw new FilterException("non-filterable back relation field " + quoted(rel.name()));
        }
        String alias = activeAlias + "_" + prop + aliasSuffix;
        registerJoin(source, table(source), alias, backOn(alias, rel, activeAlias));
        if (rel.isMultiple()) {
            multi = true;
        } else if (!multi) {
            multi = source.singleColumnUniqueIndex(rel.name()).isEmpty();
        }
        String mmNext = mmAlias + "_" + prop + aliasSuffix;
        mmJoins.add(new Join(table(source), mmNext, backOn(mmNext, rel, mmAlias)));
        active = source;
        activeAlias = alias;
        mmAlias = mmNext;
        return null;
    }

    private SqlExpression backOn(String alias, FieldRelation rel, String targetAlias) {
        String column = quoteColumn(alias, rel.name());
        if (!rel.isMultiple()) {
            return SqlExpression.of(column + " = " + quoteColumn(targetAlias, "id"));
        }
        String je = "__je_" + alias;
        return SqlExpression.of(quoteColumn(targetAlias, "id") + " IN (SELECT " + dialect.jsonEachValue(je)
                + " FROM " + dialect.jsonEach(column) + " " + dialect.quote(je) + ")");
    }

    private ResolverResult jsonPath(Field field, int from) {
        StringBuilder path = new StringBuilder("$");
        for (int i = from; i < props.length; i++) {
            String key = NOT_WORD.matcher(props[i]).replaceAll("");
            if (key.isEmpty()) {
                throw new FilterException("invalid JSON path in field");
            }
            if (isArrayIndex(key)) {
                path.append('[').append(key).append(']');
            } else {
                path.append('.').append(key);
            }
        }
        String p = path.toString();
        ResolverResult result = ResolverResult.of(dialect.jsonPathValue(quoteColumn(activeAlias, field.name()), p))
                .withNullFallback(NullFallback.DISABLED);
        if (multi) {
            result = result.withMultiMatch(multiMatch(
                    SqlExpression.of(dialect.jsonPathValue(quoteColumn(mmAlias, field.name()), p))));
        }
        return result;
    }

    /** A name in double quotes, escaped as PocketBase quotes it in its messages. */
    private static String quoted(String name) {
        return Json.write(name);
    }

    /**
     * Whether a JSON path part is an array index: digits that fit a 64-bit integer, as Go's {@code strconv.Atoi}
     * reads them; longer digit runs are object keys, as in PocketBase (both just find nothing in most data).
     */
    private static boolean isArrayIndex(String key) {
        if (!INDEX.matcher(key).matches()) {
            return false;
        }
        try {
            Long.parseLong(key);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private ResolverResult finish(String prop) {
        String[] nameAndModifier = splitModifier(prop);
        String modifier = nameAndModifier[1];
        Field field = active.field(nameAndModifier[0]).orElse(null);
        if (field == null) {
            if (nullifyMissing) {
                return nullResult();
            }
            throw new FilterException("unknown field " + quoted(nameAndModifier[0]));
        }
        if (guarded(field) && !allowHidden) {
            throw new FilterException("non-filterable field " + quoted(field.name()));
        }
        String column = quoteColumn(activeAlias, field.name());
        String mmColumn = quoteColumn(mmAlias, field.name());
        if (modifier.equals("length") && isMultiValuer(field)) {
            ResolverResult result = ResolverResult.of(dialect.jsonItemCount(column));
            return multi ? result.withMultiMatch(multiMatch(SqlExpression.of(dialect.jsonItemCount(mmColumn))))
                    : result;
        }
        if (modifier.equals("each") && isMultiValuer(field)) {
            return each(field, column, mmColumn);
        }
        String value = column;
        String mmValue = mmColumn;
        NullFallback nullFallback = NullFallback.AUTO;
        if (field instanceof FieldJson) {
            value = dialect.jsonPathValue(column, "$");
            mmValue = dialect.jsonPathValue(mmColumn, "$");
            nullFallback = NullFallback.DISABLED;
        }
        if (modifier.equals("lower")) {
            value = "LOWER(" + value + ")";
            mmValue = "LOWER(" + mmValue + ")";
        }
        ResolverResult result = ResolverResult.of(value).withNullFallback(nullFallback);
        if (multi) {
            result = result.withMultiMatch(multiMatch(SqlExpression.of(mmValue)));
        }
        if (field.name().equals("email") && !allowHidden && active.isAuth()) {
            String visible = quoteColumn(activeAlias, "emailVisibility") + " = TRUE";
            result = result.withAfterBuild(e -> SqlExpression.concat("((", e, ") AND ", visible, ")"));
        }
        return result;
    }

    private ResolverResult each(Field field, String column, String mmColumn) {
        String alias = "__je_" + activeAlias + "_" + field.name() + aliasSuffix;
        registerJoin(null, SqlExpression.of(dialect.jsonEach(column)), alias, SqlExpression.EMPTY);
        ResolverResult result = ResolverResult.of(dialect.jsonEachValue(alias));
        if (field.isMultiple()) {
            multi = true;
        }
        if (multi) {
            String mm = "__je_" + mmAlias + "_" + field.name() + aliasSuffix;
            mmJoins.add(new Join(SqlExpression.of(dialect.jsonEach(mmColumn)), mm, SqlExpression.EMPTY));
            result = result.withMultiMatch(multiMatch(SqlExpression.of(dialect.jsonEachValue(mm))));
        }
        return result;
    }

    private MultiMatch multiMatch(SqlExpression value) {
        String from = "__mm_" + baseAlias;
        SqlExpression correlation = SqlExpression.of(quoteColumn(from, "id") + " = " + quoteColumn(baseAlias, "id"));
        return MultiMatch.fromTable(dialect, value, baseTable, from, mmJoins, correlation);
    }

    private void registerJoin(Collection target, SqlExpression source, String alias, SqlExpression on) {
        registerJoin(target, source, alias, on, false);
    }

    private void registerJoin(Collection target, SqlExpression source, String alias, SqlExpression on,
            boolean toOne) {
        resolver.registerJoin(target, source, alias, on, toOne);
    }

    private Optional<Collection> load(String idOrName) {
        return resolver.load(idOrName);
    }

    private SqlExpression table(Collection c) {
        return resolver.table(c);
    }

    private String quoteColumn(String alias, String column) {
        return resolver.quoteColumn(alias, column);
    }

    private static String[] splitModifier(String prop) {
        String[] parts = prop.split(":", -1);
        if (parts.length != 2) {
            return new String[] {prop, ""};
        }
        if (!MODIFIERS.contains(parts[1])) {
            throw new FilterException("unknown modifier :" + parts[1]);
        }
        return parts;
    }

    private static boolean isMultiValuer(Field field) {
        return field instanceof FieldSelect || field instanceof FieldRelation || field instanceof FieldFile;
    }

    /**
     * Whether only rules (and superusers) may filter or sort on a field: a hidden field, or one with a read rule (a
     * filter on a value the caller may not read would tell it).
     */
    private static boolean guarded(Field field) {
        return field.hidden() || field.readAccess() != null;
    }
}
