package dev.coffer.tools.search;

/**
 * Turns the identifiers of a filter or sort into SQL; the domain layer implements it per schema (records,
 * logs, collections), and {@link SimpleFieldResolver} does it for plain tables.
 *
 * <p>The resolver is the only source of identifiers in the built SQL: it validates the name against its
 * schema and access rules, quotes every table and column through the dialect and binds any value (such as
 * {@code @request.auth.id}) as a parameter. A resolver may remember what it resolved (joins to add to the
 * outer query, for instance); such a resolver is used for one query and is not shared between threads.
 */
@FunctionalInterface
public interface FieldResolver {

    /**
     * Resolves one identifier as written in the filter or sort, modifiers included ({@code title},
     * {@code author.name:lower}, {@code tags:each}, {@code @request.auth.id}).
     *
     * <p>Datetime macros ({@code @now}, ...) are handled by the builder and never reach the resolver. The
     * bare words {@code null}, {@code true} and {@code false} do reach it first, and fall back to the
     * literals when it rejects them.
     *
     * @return the resolved operand, never {@code null}
     * @throws FilterException when the identifier is unknown or not allowed here
     */
    ResolverResult resolve(String identifier);
}
