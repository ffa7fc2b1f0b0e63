/**
 * OAuth2 sign-in: the providers (authorization code with PKCE), the token exchange and user lookup, id token
 * checks, external auth links, avatar downloads and the seam through which the realtime broker receives
 * redirect data.
 */
package dev.coffer.core.auth.oauth2;
