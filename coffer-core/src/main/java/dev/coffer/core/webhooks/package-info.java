/**
 * Webhooks: superusers keep them as records of the system collection {@code _webhooks}; every matching record change
 * stores a delivery job in the change's own transaction (an outbox), and the job queue sends it, signed per the
 * Standard Webhooks spec, retrying on a schedule and logging each try in {@code _webhookDeliveries}.
 * {@link dev.coffer.core.webhooks.Webhooks} is the entry point.
 */
package dev.coffer.core.webhooks;
