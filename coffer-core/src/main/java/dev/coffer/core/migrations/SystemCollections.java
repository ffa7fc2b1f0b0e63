package dev.coffer.core.migrations;

import dev.coffer.core.migrations.CollectionDefinition.Rules;
import dev.coffer.core.migrations.FieldDefinition.TextOptions;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The six collections a fresh PocketBase data directory starts with, in the order PocketBase creates them. */
final class SystemCollections {

    static final String MFAS = "_mfas";
    static final String OTPS = "_otps";
    static final String EXTERNAL_AUTHS = "_externalAuths";
    static final String AUTH_ORIGINS = "_authOrigins";
    static final String SUPERUSERS = "_superusers";
    static final String USERS = "users";
    /** The fixed id of the default {@code users} collection. */
    static final String USERS_ID = "_pb_users_auth_";

    private static final String OWNER_RULE =
            "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";

    private SystemCollections() {}

    /** Builds the definitions, with fresh token secrets for the auth collections. */
    static List<CollectionDefinition> all() {
        return List.of(mfas(), otps(), externalAuths(), authOrigins(), superusers(), users());
    }

    static CollectionDefinition mfas() {
        return base(MFAS, new Rules(OWNER_RULE, OWNER_RULE, null, null, null),
                List.of(ref("collectionRef"), ref("recordRef"), ref("method")),
                List.of(index("idx_mfas_collectionRef_recordRef", false, MFAS, "collectionRef,recordRef")));
    }

    static CollectionDefinition otps() {
        return base(OTPS, new Rules(OWNER_RULE, OWNER_RULE, null, null, null),
                List.of(ref("collectionRef"), ref("recordRef"), FieldDefinition.password("password", 0, 8),
                        sentTo()),
                List.of(index("idx_otps_collectionRef_recordRef", false, OTPS, "collectionRef, recordRef")));
    }

    /** The hidden {@code sentTo} field of {@code _otps}. */
    static FieldDefinition sentTo() {
        return FieldDefinition.text(new TextOptions("sentTo").system().hidden());
    }

    static CollectionDefinition externalAuths() {
        return base(EXTERNAL_AUTHS, new Rules(OWNER_RULE, OWNER_RULE, null, null, OWNER_RULE),
                List.of(ref("collectionRef"), ref("recordRef"), ref("provider"), ref("providerId")),
                List.of(index("idx_externalAuths_record_provider", true, EXTERNAL_AUTHS,
                                "collectionRef, recordRef, provider"),
                        index("idx_externalAuths_collection_provider", true, EXTERNAL_AUTHS,
                                "collectionRef, provider, providerId")));
    }

    static CollectionDefinition authOrigins() {
        return base(AUTH_ORIGINS, new Rules(OWNER_RULE, OWNER_RULE, null, null, OWNER_RULE),
                List.of(ref("collectionRef"), ref("recordRef"), ref("fingerprint")),
                List.of(index("idx_authOrigins_unique_pairs", true, AUTH_ORIGINS,
                        "collectionRef, recordRef, fingerprint")));
    }

    static CollectionDefinition superusers() {
        String id = FieldDefinition.collectionId("auth", SUPERUSERS);
        return auth(id, SUPERUSERS, true, Rules.SUPERUSERS_ONLY, List.of(), AuthDefaults.options(86_400, "", ""));
    }

    static CollectionDefinition users() {
        String owner = "id = @request.auth.id";
        List<FieldDefinition> extra = List.of(
                FieldDefinition.text(new TextOptions("name").length(0, 255)),
                FieldDefinition.file("avatar", 1,
                        List.of("image/jpeg", "image/png", "image/svg+xml", "image/gif", "image/webp")));
        return auth(USERS_ID, USERS, false, new Rules(owner, owner, "", owner, owner), extra,
                AuthDefaults.options(AuthDefaults.AUTH_TOKEN_DURATION, "name", "avatar"));
    }

    private static CollectionDefinition base(String name, Rules rules, List<FieldDefinition> own,
            List<String> indexes) {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(FieldDefinition.id());
        fields.addAll(own);
        fields.add(FieldDefinition.autodate("created", true, false));
        fields.add(FieldDefinition.autodate("updated", true, true));
        return new CollectionDefinition(FieldDefinition.collectionId("base", name), name, "base", true, rules,
                fields, indexes, null);
    }

    private static CollectionDefinition auth(String id, String name, boolean system, Rules rules,
            List<FieldDefinition> own, ObjectNode options) {
        List<FieldDefinition> fields = new ArrayList<>();
        fields.add(FieldDefinition.id());
        fields.add(FieldDefinition.password("password", 8, 0));
        fields.add(FieldDefinition.text(new TextOptions("tokenKey").autogenerate("[a-zA-Z0-9]{50}").length(30, 60)
                .required().system().hidden()));
        fields.add(FieldDefinition.email("email", true, true));
        fields.add(FieldDefinition.bool("emailVisibility", true));
        fields.add(FieldDefinition.bool("verified", true));
        fields.addAll(own);
        fields.add(FieldDefinition.autodate("created", system, false));
        fields.add(FieldDefinition.autodate("updated", system, true));
        List<String> indexes = List.of(
                "CREATE UNIQUE INDEX `" + fieldIndexName("tokenKey", id) + "` ON `" + name + "` (`tokenKey`)",
                "CREATE UNIQUE INDEX `" + fieldIndexName("email", id) + "` ON `" + name
                        + "` (`email`) WHERE `email` != ''");
        return new CollectionDefinition(id, name, "auth", system, rules, fields, indexes, options);
    }

    /** The name PocketBase gives an auth collection's default unique index on a field. */
    static String fieldIndexName(String field, String collectionId) {
        String name = "idx_" + field + "_" + collectionId;
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static FieldDefinition ref(String name) {
        return FieldDefinition.text(new TextOptions(name).required().system());
    }

    private static String index(String name, boolean unique, String table, String columns) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX `" + name + "` ON `" + table + "` (" + columns + ")";
    }
}
