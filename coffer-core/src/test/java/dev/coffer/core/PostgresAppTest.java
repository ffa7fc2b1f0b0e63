package dev.coffer.core;

/** {@link ServerAppContract} on PostgreSQL at 127.0.0.1:5432 (user {@code postgres}, trust authentication). */
class PostgresAppTest extends ServerAppContract {

    @Override
    Server server() {
        return new Server("PostgreSQL", 5432, "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres",
                "postgres", "", " WITH (FORCE)");
    }
}
