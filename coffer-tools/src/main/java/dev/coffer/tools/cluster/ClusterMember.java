package dev.coffer.tools.cluster;

import java.time.Instant;

/** A live instance of the cluster: its id, the address it serves HTTP on (empty until known), when it started and was last seen. */
public record ClusterMember(String id, String address, Instant started, Instant lastSeen) {}
