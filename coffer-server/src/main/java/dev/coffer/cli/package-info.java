/** The command line: {@code serve} and {@code superuser}, with PocketBase's flag names. */
package dev.coffer.cli;
