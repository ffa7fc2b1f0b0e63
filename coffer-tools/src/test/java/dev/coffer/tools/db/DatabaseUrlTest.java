package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void parsesAPostgresUrlWithEverything() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:s%40cret@db.example.com:6543/coffer?sslmode=require&pool=20");
        assertThat(url.engine()).isEqualTo(DatabaseUrl.Engine.POSTGRES);
        assertThat(url.host()).isEqualTo("db.example.com");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("coffer");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.poolSize(10)).isEqualTo(20);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/coffer?sslmode=require");
        assertThat(url.toString()).isEqualTo("postgres://app:***@db.example.com:6543/coffer").doesNotContain("cret");
        assertThat(DatabaseUrl.parse(url.toUrl())).isEqualTo(url);
    }

    @Test
    void defaultsThePortAndAcceptsEachScheme() {
        assertThat(DatabaseUrl.parse("postgresql://localhost/x").port()).isEqualTo(5432);
        assertThat(DatabaseUrl.parse("mysql://root@localhost/x").port()).isEqualTo(3306);
        assertThat(DatabaseUrl.parse("mariadb://root@localhost/x").engine()).isEqualTo(DatabaseUrl.Engine.MYSQL);
        assertThat(DatabaseUrl.parse("postgres://u@h/x").poolSize(7)).isEqualTo(7);
        assertThat(DatabaseUrl.isUrl("POSTGRES://h/x")).isTrue();
        assertThat(DatabaseUrl.isUrl("/var/pb_data")).isFalse();
    }

    @Test
    void malformedUrlsSayWhatIsWrongWithoutThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("sqlserver://h/x")).hasMessageContaining("unsupported database URL scheme");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:pw@h:5432")).hasMessageContaining("names no database")
                .message().doesNotContain("pw");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:pw@h:port/x")).hasMessageContaining("port is not a number");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://h:70000/x")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres:///x")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://h/x?pool=0")).hasMessageContaining("pool option");
        assertThatThrownBy(() -> DatabaseUrl.parse("h/x")).hasMessageContaining("must start with");
    }
}
