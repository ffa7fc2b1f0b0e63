/** Value types shared by every layer: PocketBase datetimes and the like. */
package dev.coffer.tools.types;
