/**
 * The OpenAPI 3.1 document of a Coffer app, built from its live collections: record endpoints with schemas from
 * each collection's fields, auth endpoints of auth collections and the system APIs. Served by
 * {@link dev.coffer.apis.OpenApiApi} at {@code GET /api/openapi.json}.
 */
package dev.coffer.apis.openapi;
