package dev.coffer.core.migrations;

import dev.coffer.core.App;

/**
 * One migration of an app's own (beside the system migrations): a change of schema or data with its undo, recorded
 * by {@link #file()} in {@code _migrations} once applied, as PocketBase records its {@code pb_migrations} files.
 * Migrations run in the order of their file names, each in a transaction of its own; PocketBase's names start with
 * the unix time ({@code 1712345678_add_posts.js}), and a Java one can follow the same pattern.
 *
 * <pre>{@code
 * app.migrations().register(Migration.of("1733300000_posts_slug.java",
 *         a -> a.db().write(c -> { ...; return null; }),
 *         a -> { ... }));
 * }</pre>
 */
public interface Migration {

    /** The name it is recorded under; migrations run in the order of these names. */
    String file();

    /** Applies it (inside the migration's transaction). */
    void up(App app) throws Exception;

    /** Reverts it (inside the transaction that removes its record); by default nothing. */
    default void down(App app) throws Exception {}

    /** A step of a migration. */
    @FunctionalInterface
    interface Step {
        void run(App app) throws Exception;
    }

    /** A migration from its name and two steps ({@code down} may be null: nothing to undo). */
    static Migration of(String file, Step up, Step down) {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("a migration needs a file name");
        }
        return new Migration() {
            @Override
            public String file() {
                return file;
            }

            @Override
            public void up(App app) throws Exception {
                up.run(app);
            }

            @Override
            public void down(App app) throws Exception {
                if (down != null) {
                    down.run(app);
                }
            }

            @Override
            public String toString() {
                return file;
            }
        };
    }
}
