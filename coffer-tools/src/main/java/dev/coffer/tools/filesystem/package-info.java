/**
 * File storage: a storage-neutral {@link dev.coffer.tools.filesystem.FileSystem} with a local implementation,
 * uploaded files held in memory, PocketBase's storage-name normalisation and MIME sniffing.
 */
package dev.coffer.tools.filesystem;
