/**
 * The app as one of several instances on one database: {@link dev.coffer.core.cluster.Cluster} is the app's handle on
 * the {@link dev.coffer.tools.cluster.Bus} (a single-instance one until the app joins), and keeps the collections,
 * the settings and the scheduled jobs in step across the instances.
 */
package dev.coffer.core.cluster;
