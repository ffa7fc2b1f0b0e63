/**
 * Typed client code from the live collection schema: TypeScript declarations for the PocketBase JS SDK
 * ({@link dev.coffer.core.typegen.TypeScriptTypes}) and Java records ({@link dev.coffer.core.typegen.JavaRecordTypes}),
 * written by {@code coffer typegen} and usable from Java.
 */
package dev.coffer.core.typegen;
