package dev.coffer.tools.cron;

/**
 * One registered job of a {@link Cron}: its id, its schedule and the task it runs.
 *
 * @param id the unique id
 * @param schedule when it runs
 * @param task what it runs
 */
public record CronJob(String id, CronSchedule schedule, Runnable task) {

    /** The schedule's expression as it was given. */
    public String expression() {
        return schedule.expression();
    }
}
