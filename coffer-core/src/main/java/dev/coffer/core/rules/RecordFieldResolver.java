package dev.coffer.core.rules;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionRegistry;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.search.FieldResolver;
import dev.coffer.tools.search.Filter;
import dev.coffer.tools.search.FilterException;
import dev.coffer.tools.search.FilterLimits;
import dev.coffer.tools.search.FilterSqlBuilder;
import dev.coffer.tools.search.Join;
import dev.coffer.tools.search.MultiMatch;
import dev.coffer.tools.search.ResolverResult;
import dev.coffer.tools.search.SqlExpression;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves the identifiers of rules, filters and sorts on one collection's records to SQL: own fields,
 * relation traversal ({@code author.team.name}, at most six relations deep), back-relations
 * ({@code comments_via_post.text}), JSON and geo point paths, {@code @collection.<name>[:alias].<field>},
 * {@code @request.*} values and the {@code :lower}, {@code :length}, {@code :each}, {@code :isset} and
 * {@code :changed} modifiers.
 *
 * <p>Traversals add {@code LEFT JOIN}s that the caller must put after the base table (see {@link #joins()})
 * and then select {@code DISTINCT} rows. A multi-valued operand carries a {@link MultiMatch} so that plain
 * operators require all its values to match and {@code ?} operators one.
 *
 * <p>Without {@code allowHidden} (client filters of non-superusers) hidden fields are refused, a traversal
 * into a collection whose list rule is null fails, and the non-empty list rules of the traversed
 * collections are returned by {@link #listRuleConditions()}; auth emails then match only where
 * {@code emailVisibility} is true. One instance serves one query and is not thread-safe.
 */
public final class RecordFieldResolver implements FieldResolver {

    private static final List<Pattern> ALLOWED = List.of(
            Pattern.compile("^\\w+[\\w.:]*$"),
            Pattern.compile("^@request\\.context$"),
            Pattern.compile("^@request\\.method$"),
            Pattern.compile("^@request\\.auth\\.[\\w.:]*\\w+$"),
            Pattern.compile("^@request\\.body\\.[\\w.:]*\\w+$"),
            Pattern.compile("^@request\\.query\\.[\\w.:]*\\w+$"),
            Pattern.compile("^@request\\.headers\\.[\\w.:]*\\w+$"),
            Pattern.compile("^@collection\\.\\w+(:\\w+)?\\.[\\w.:]*\\w+$"));

    private final Dialect dialect;
    private final CollectionRegistry collections;
    private final Collection collection;
    private final RequestInfo info;
    private final String baseTable;
    private final String baseAlias;
    private final String aliasSuffix;
    private final Map<String, Join> joins = new LinkedHashMap<>();
    private final Map<String, Collection> ruleJoins = new LinkedHashMap<>();
    private boolean allowHidden;
    private int ruleClones;

    /**
     * A resolver for queries on the collection's own table.
     *
     * @param allowHidden true for API rules and superusers: hidden fields resolve and traversed collections'
     *     list rules are not applied
     */
    public RecordFieldResolver(Dialect dialect, CollectionRegistry collections, Collection collection,
            RequestInfo info, boolean allowHidden) {
        this(dialect, collections, collection, info, allowHidden, collection.name(), collection.name(), "");
    }

    private RecordFieldResolver(Dialect dialect, CollectionRegistry collections, Collection collection,
            RequestInfo info, boolean allowHidden, String baseTable, String baseAlias, String aliasSuffix) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.collections = Objects.requireNonNull(collections, "collections");
        this.collection = Objects.requireNonNull(collection, "collection");
        this.info = info == null ? RequestInfo.empty() : info;
        this.allowHidden = allowHidden;
        this.baseTable = baseTable;
        this.baseAlias = baseAlias;
        this.aliasSuffix = aliasSuffix;
    }

    /**
     * A resolver for a sub-query on the collection's own table under another alias (its joins suffixed with
     * {@code aliasSuffix}), such as a correlated {@code EXISTS} beside the same table in an outer query.
     */
    public static RecordFieldResolver aliased(Dialect dialect, CollectionRegistry collections, Collection collection,
            RequestInfo info, boolean allowHidden, String alias, String aliasSuffix) {
        return new RecordFieldResolver(dialect, collections, collection, info, allowHidden, collection.name(), alias,
                aliasSuffix);
    }

    /**
     * A resolver for queries whose base rows come from another table or common table expression named
     * {@code table} that has the collection's columns, such as a not yet saved record selected in a
     * {@code WITH} clause.
     */
    public static RecordFieldResolver onTable(Dialect dialect, CollectionRegistry collections, Collection collection,
            RequestInfo info, boolean allowHidden, String table) {
        return new RecordFieldResolver(dialect, collections, collection, info, allowHidden, table, table, "");
    }

    /** The collection whose records are resolved. */
    public Collection collection() {
        return collection;
    }

    /** The table or alias the base rows are read from, unquoted. */
    public String baseAlias() {
        return baseAlias;
    }

    /**
     * Switches hidden-field access for the identifiers resolved from now on (a list query resolves the
     * collection's list rule with it and the client filter without it).
     */
    public void setAllowHidden(boolean value) {
        this.allowHidden = value;
    }

    /** The joins the resolved identifiers need, in order, to add after the base table. */
    public List<Join> joins() {
        return List.copyOf(joins.values());
    }

    /**
     * The list rules of the collections that client identifiers traversed into, as one condition to AND
     * to the query ({@link SqlExpression#EMPTY} when there are none). Each is applied as
     * {@code (alias.id = '' OR (rule))} so a missing relation doesn't hide the row; the joins the rules
     * need are added to {@link #joins()}. Call it once, after resolving the filter and sort.
     *
     * @throws FilterException when a traversed collection's list rule cannot be built
     */
    public SqlExpression listRuleConditions() {
        if (allowHidden) {
            return SqlExpression.EMPTY;
        }
        List<SqlExpression> conditions = new ArrayList<>();
        for (Map.Entry<String, Collection> entry : new ArrayList<>(ruleJoins.entrySet())) {
            String rule = entry.getValue().rules().list();
            if (rule == null || rule.isBlank()) {
                continue;
            }
            RecordFieldResolver clone = new RecordFieldResolver(dialect, collections, entry.getValue(), info, true,
                    entry.getValue().name(), entry.getKey(), "__lr" + (++ruleClones));
            Filter filter = Filter.parse("id='' || (\n" + rule + "\n)", FilterLimits.RULE);
            conditions.add(new FilterSqlBuilder(dialect).build(filter, clone));
            clone.joins.forEach(joins::putIfAbsent);
        }
        return conditions.isEmpty() ? SqlExpression.EMPTY : SqlExpression.join(" AND ", conditions);
    }

    @Override
    public ResolverResult resolve(String identifier) {
        if (ALLOWED.stream().noneMatch(p -> p.matcher(identifier).matches())) {
            throw new FilterException("unknown or invalid field");
        }
        return new FieldPath(this, identifier).run();
    }

    Dialect dialect() {
        return dialect;
    }

    RequestInfo info() {
        return info;
    }

    boolean allowsHidden() {
        return allowHidden;
    }

    String baseTable() {
        return baseTable;
    }

    String aliasSuffix() {
        return aliasSuffix;
    }

    String quoteColumn(String alias, String column) {
        return dialect.quote(alias) + "." + dialect.quote(column);
    }

    Optional<Collection> load(String idOrName) {
        if (idOrName.equals(collection.name()) || idOrName.equals(collection.id())) {
            return Optional.of(collection);
        }
        return collections.find(idOrName);
    }

    /**
     * Registers a join ({@code toOne}: at most one row joins each row); a join of a collection is checked against
     * its list rule for client identifiers.
     */
    void registerJoin(Collection target, SqlExpression source, String alias, SqlExpression on, boolean toOne) {
        if (!allowHidden && target != null) {
            if (target.rules().list() == null) {
                throw new FilterException("the fields of " + target.name() + " are only for superusers");
            }
            ruleJoins.put(alias, target);
        }
        joins.put(alias, new Join(source, alias, on, toOne));
    }

    SqlExpression table(Collection c) {
        return SqlExpression.of(dialect.quote(c.name()));
    }

}
