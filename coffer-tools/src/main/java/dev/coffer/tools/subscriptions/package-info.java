/**
 * A transport-free realtime broker: connected {@link dev.coffer.tools.subscriptions.Client}s with an id, their
 * subscriptions with options, and a bounded message queue each. Whatever carries the messages (SSE, a test)
 * drains a client's queue; {@link dev.coffer.tools.subscriptions.Broker} is the seam where a multi-instance
 * fan-out can replace {@link dev.coffer.tools.subscriptions.InMemoryBroker}.
 */
package dev.coffer.tools.subscriptions;
