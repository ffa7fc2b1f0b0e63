package dev.coffer.core;

/** {@link ServerAppContract} on MariaDB (10.11 or newer) at 127.0.0.1:3306 (user {@code root}, no password). */
class MysqlAppTest extends ServerAppContract {

    @Override
    Server server() {
        return new Server("MariaDB", 3306, "jdbc:mariadb://127.0.0.1:3306/mysql", "root", "mysql", "mysql",
                " CHARACTER SET utf8mb4", "");
    }
}
