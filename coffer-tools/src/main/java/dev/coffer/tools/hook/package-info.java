/**
 * Typed hooks: the one extension mechanism. A {@link dev.coffer.tools.hook.Hook} holds handlers with an id
 * and a priority; each handler calls {@code next()} to run the rest of the chain, so code before the call runs
 * before the action and code after it runs after.
 */
package dev.coffer.tools.hook;
