package dev.coffer.core.migrations;

import dev.coffer.tools.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PocketBase's {@code 1763020353_update_default_auth_alert_templates.go}: auth collections that still use the
 * old default new-login alert body get the current default one.
 */
final class AuthAlertTemplateMigration {

    static final String FILE = "1763020353_update_default_auth_alert_templates.go";

    private AuthAlertTemplateMigration() {}

    static void up(Connection db, Dialect dialect) throws SQLException {
        for (CollectionsTable.Row row : CollectionsTable.all(db, dialect)) {
            if (!row.isAuth()) {
                continue;
            }
            JsonNode options = CollectionsTable.parseOrNull(row.options());
            if (!(options instanceof ObjectNode)) {
                continue;
            }
            JsonNode template = options.path("authAlert").path("emailTemplate");
            if (template instanceof ObjectNode t
                    && AuthDefaults.OLD_AUTH_ALERT_BODY.equals(t.path("body").asString(null))) {
                t.put("body", AuthDefaults.AUTH_ALERT_BODY);
                CollectionsTable.update(db, row.id(), "options", GoJson.write(options));
            }
        }
    }
}
