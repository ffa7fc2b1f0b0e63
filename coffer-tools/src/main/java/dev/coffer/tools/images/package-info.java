/** Image thumbnails: size specs and their generation. */
package dev.coffer.tools.images;
