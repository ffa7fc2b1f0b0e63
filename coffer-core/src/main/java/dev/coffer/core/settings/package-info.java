/** Application settings as PocketBase stores them in {@code _params}. */
package dev.coffer.core.settings;
