package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/sql} over HTTP against the PocketBase fixture. */
class SqlApiTest {

    static final String USER = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";

    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> sql(String token, String query) {
        return app.send("POST", "/api/sql", token == null ? Map.of() : Map.of("Authorization", token),
                Json.write(Map.of("query", query)));
    }

    private JsonNode ok(String query) {
        HttpResponse<String> r = sql(BatchApiTest.SUPERUSER, query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    /** How the engine the SQL runs on words a syntax error (the raw error is the engine's own). */
    private static final String SYNTAX_ERROR = switch (TestDatabases.kind()) {
        case "postgres" -> "syntax error at or near";
        case "mariadb", "mysql" -> "You have an error in your SQL syntax";
        default -> "SQL logic error";
    };
    /** How the engine words a missing table. */
    private static final String NO_SUCH_TABLE = switch (TestDatabases.kind()) {
        case "postgres" -> "\\\"other_sql_table\\\" does not exist";
        case "mariadb", "mysql" -> "other_sql_table' doesn't exist";
        default -> "no such table";
    };

    @Test
    void onlySuperusersMayRunSql() {
        assertThat(sql(null, "select 1").statusCode()).isEqualTo(401);
        assertThat(sql(USER, "select 1").statusCode()).isEqualTo(403);
    }

    @Test
    void selectsReportColumnsAndTextRows() {
        JsonNode r = ok("select 1");
        assertThat(r.has("execTime")).isTrue();
        assertThat(r.path("affectedRows").asInt()).isZero();
        assertThat(r.path("columns").toString()).isEqualTo("[{\"name\":\"1\",\"type\":\"\",\"nullable\":true}]");
        assertThat(r.path("rows").toString()).isEqualTo("[[\"1\"]]");

        JsonNode last = ok("select 1; select 2 as two, null as n");
        assertThat(last.path("columns").get(0).path("name").asString()).isEqualTo("two");
        assertThat(last.path("rows").toString()).isEqualTo("[[\"2\",null]]");

        JsonNode table = ok("select id, title from demo3 order by id limit 2");
        assertThat(table.path("columns").get(1).path("type").asString()).isEqualTo("TEXT");
        assertThat(table.path("columns").get(0).path("nullable").asBoolean()).isTrue();
        assertThat(table.path("rows")).hasSize(2);

        // a * gives the table's columns as on SQLite: not the row id column a server engine adds to each table
        JsonNode star = ok("select * from demo3 order by id limit 1");
        java.util.List<String> columns = new java.util.ArrayList<>();
        star.path("columns").forEach(c -> columns.add(c.path("name").asString()));
        java.util.List<String> fields = new java.util.ArrayList<>();
        HttpResponse<String> collection = app.send("GET", "/api/collections/demo3",
                Map.of("Authorization", BatchApiTest.SUPERUSER), null);
        Json.parse(collection.body()).path("fields").forEach(f -> fields.add(f.path("name").asString()));
        assertThat(columns).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(star.path("rows").get(0)).hasSize(fields.size());

        JsonNode many = ok("with recursive n(i) as (select 1 union all select i + 1 from n where i < 1500) select i from n");
        assertThat(many.path("rows")).hasSize(1000);
    }

    @Test
    void writesRunInOneTransaction() {
        JsonNode created = ok("create table test_sql_table(id int primary key);insert into test_sql_table(id)VALUES(1)");
        assertThat(created.path("affectedRows").asInt()).isEqualTo(1);
        assertThat(created.path("columns").toString()).isEqualTo("[]");
        assertThat(ok("select count(*) as c from test_sql_table").path("rows").toString()).isEqualTo("[[\"1\"]]");

        if (TestDatabases.kind().equals("mariadb")) {
            // MariaDB commits each schema statement at once, so only the rows of a failed write are undone there
            ok("create table other_sql_table(id int)");
            HttpResponse<String> failed = sql(BatchApiTest.SUPERUSER,
                    "insert into other_sql_table(id)VALUES(1);insert into other_sql_table(id)VALUES(2);invalid");
            assertThat(failed.statusCode()).isEqualTo(400);
            assertThat(failed.body()).contains("Raw error:", SYNTAX_ERROR, "\"data\":{}");
            assertThat(ok("select count(*) as c from other_sql_table").path("rows").toString()).isEqualTo("[[\"0\"]]");
            return;
        }
        HttpResponse<String> failed = sql(BatchApiTest.SUPERUSER,
                "create table other_sql_table(id int);insert into other_sql_table(id)VALUES(1);invalid");
        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(failed.body()).contains("Raw error:", SYNTAX_ERROR, "\"data\":{}");
        HttpResponse<String> gone = sql(BatchApiTest.SUPERUSER, "select * from other_sql_table");
        assertThat(gone.statusCode()).isEqualTo(400);
        assertThat(gone.body()).contains(NO_SUCH_TABLE);
    }

    @Test
    void queriesAreValidated() {
        HttpResponse<String> empty = sql(BatchApiTest.SUPERUSER, "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Json.parse(empty.body()).path("data").path("query").path("code").asString())
                .isEqualTo("validation_required");
        HttpResponse<String> tooLong = sql(BatchApiTest.SUPERUSER, "a".repeat(5001));
        assertThat(Json.parse(tooLong.body()).path("data").path("query").path("code").asString())
                .isEqualTo("validation_length_too_long");
        assertThat(ok("select '" + "a".repeat(4985) + "' as id").path("columns").get(0).path("name").asString())
                .isEqualTo("id");
        assertThat(sql(BatchApiTest.SUPERUSER, "invalid").body()).contains(SYNTAX_ERROR);
    }
}
