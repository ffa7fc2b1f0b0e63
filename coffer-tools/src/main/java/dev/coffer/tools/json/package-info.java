/** The shared Jackson configuration and JSON tree helpers. */
package dev.coffer.tools.json;
