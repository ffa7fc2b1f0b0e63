/**
 * API rules and record filters: {@link dev.coffer.core.rules.RecordFieldResolver} turns the identifiers of
 * PocketBase's filter language into SQL over the record tables (relations, back-relations,
 * {@code @collection}, {@code @request}), {@link dev.coffer.core.rules.RecordRules} checks rules against
 * stored and unsaved records, and {@link dev.coffer.core.rules.RecordSearch} runs the record list query.
 */
package dev.coffer.core.rules;
