/**
 * Durable background jobs: a queue kept in a table of the data database ({@code _jobs}), so that a job enqueued in
 * a transaction exists exactly when that transaction commits, survives restarts, and is shared by every instance
 * on a server database. {@link dev.coffer.core.jobs.Jobs} is the entry point.
 */
package dev.coffer.core.jobs;
