/** The events request hooks carry, one per API action. */
package dev.coffer.apis.event;
