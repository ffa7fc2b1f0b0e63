/**
 * The filter and sort language of rules and queries: lexer, parser, AST and the SQL builder that turns an
 * expression into parameterised SQL through a {@code FieldResolver}.
 */
package dev.coffer.tools.search;
