/**
 * What several instances of one app share besides the database: a {@link dev.coffer.tools.cluster.Bus} that carries
 * messages between them (record events for realtime, cache invalidations), claims that let exactly one instance run
 * a scheduled job, and the list of live instances. {@link dev.coffer.tools.cluster.LocalBus} is the single-instance
 * bus; the database's bus (PostgreSQL's {@code LISTEN}/{@code NOTIFY}) lives with its dialect in {@code tools.db}.
 */
package dev.coffer.tools.cluster;
