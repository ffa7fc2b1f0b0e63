/** The events app-level hooks carry. */
package dev.coffer.core.event;
