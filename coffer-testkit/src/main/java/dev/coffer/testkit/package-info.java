/**
 * Test support: {@link dev.coffer.testkit.TestApp} (Coffer on a fresh fixture copy) and
 * {@link dev.coffer.testkit.ApiScenario} (a request and its expected response).
 */
package dev.coffer.testkit;
