/** Random ids and secrets, HS256 tokens and bcrypt password hashes. */
package dev.coffer.tools.security;
