/**
 * A minute-resolution job scheduler: {@link dev.coffer.tools.cron.CronSchedule} parses five-field cron
 * expressions and macros, and {@link dev.coffer.tools.cron.Cron} runs registered jobs when the UTC minute
 * matches their schedule.
 */
package dev.coffer.tools.cron;
