/**
 * The domain: the {@link dev.coffer.core.App} over a data directory, and the models, stores and rules
 * the HTTP surface is built on.
 */
package dev.coffer.core;
