/** Record tokens, password checks and the other pieces of authentication. */
package dev.coffer.core.auth;
