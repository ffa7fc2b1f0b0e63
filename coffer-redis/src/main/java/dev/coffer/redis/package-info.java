/**
 * Redis as the bus of several Coffer instances ({@code --bus=redis://host:6379}): one pub/sub channel carries the
 * messages ({@link dev.coffer.redis.RedisRelay}), and keys with expiries hold the live members, the claims and the
 * rate windows ({@link dev.coffer.redis.RedisCoordination}). Found through {@link dev.coffer.redis.RedisRelayProvider}.
 */
package dev.coffer.redis;
