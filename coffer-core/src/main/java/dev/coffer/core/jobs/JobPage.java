package dev.coffer.core.jobs;

import java.util.List;

/** A page of jobs, newest first, with how many match in all. */
public record JobPage(int page, int perPage, long totalItems, List<Job> items) {

    /** How many pages the matching jobs fill. */
    public long totalPages() {
        return perPage <= 0 ? 0 : (totalItems + perPage - 1) / perPage;
    }
}
