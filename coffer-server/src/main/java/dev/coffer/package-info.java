/** The Coffer entry point, usable as a library ({@link dev.coffer.Coffer}) and from the command line. */
package dev.coffer;
