/**
 * NATS as the bus of several Coffer instances ({@code --bus=nats://host:4222}): one subject carries the messages
 * ({@link dev.coffer.nats.NatsRelay}); the members, claims and rate windows stay in the app's database. Found through
 * {@link dev.coffer.nats.NatsRelayProvider}.
 */
package dev.coffer.nats;
