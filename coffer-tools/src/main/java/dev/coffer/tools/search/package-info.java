/**
 * The filter and sort language of API rules and {@code ?filter=} / {@code ?sort=} query parameters
 * (PocketBase's fexpr grammar and semantics), turned into parameterised SQL.
 *
 * <ul>
 *   <li>{@link dev.coffer.tools.search.Filter#parse(String, FilterLimits)} lexes ({@link
 *       dev.coffer.tools.search.FilterLexer}) and parses a filter into an immutable tree of
 *       {@link dev.coffer.tools.search.Expr} and {@link dev.coffer.tools.search.Operand} records;
 *       {@link dev.coffer.tools.search.SortField#parseList(String)} parses a sort.
 *   <li>A {@link dev.coffer.tools.search.FieldResolver}, implemented by the domain layer (or
 *       {@link dev.coffer.tools.search.SimpleFieldResolver} for plain tables), turns each identifier into a
 *       {@link dev.coffer.tools.search.ResolverResult}: quoted SQL, bound values, NULL handling and, for
 *       multi-valued operands, a {@link dev.coffer.tools.search.MultiMatch} sub-query.
 *   <li>{@link dev.coffer.tools.search.FilterSqlBuilder} builds the {@code WHERE} condition and
 *       {@link dev.coffer.tools.search.SortSqlBuilder} the {@code ORDER BY} terms, as
 *       {@link dev.coffer.tools.search.SqlExpression}s whose every literal is a {@code ?} parameter. Engine
 *       specifics (null-safe comparison, LIKE, concatenation, functions) come from the
 *       {@link dev.coffer.tools.db.Dialect}.
 * </ul>
 *
 * <p>Every error is a {@link dev.coffer.tools.search.FilterException} whose message is safe to log.
 */
package dev.coffer.tools.search;
