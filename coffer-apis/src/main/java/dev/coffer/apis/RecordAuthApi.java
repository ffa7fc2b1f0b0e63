package dev.coffer.apis;

import dev.coffer.apis.event.RecordAuthRefreshRequestEvent;
import dev.coffer.apis.event.RecordAuthWithPasswordRequestEvent;
import dev.coffer.core.collection.AuthOptions;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import dev.coffer.tools.db.IndexSpec;
import dev.coffer.tools.security.Jwt;
import dev.coffer.tools.security.Passwords;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The auth endpoints of an auth collection: password login and token refresh. */
public final class RecordAuthApi {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final String LOAD_ERROR = BodyFields.LOAD_ERROR;
    private static final String VALIDATE_ERROR = "An error occurred while validating the submitted data.";

    private final ApiHooks hooks;
    private final RecordAuthResponse responder;

    private RecordAuthApi(ApiHooks hooks) {
        this.hooks = hooks;
        this.responder = new RecordAuthResponse(hooks);
    }

    /** Registers the routes. */
    public static void bind(ApiRouter router, ApiHooks hooks) {
        RecordAuthApi api = new RecordAuthApi(hooks);
        router.post("/api/collections/{collection}/auth-with-password", api::authWithPassword);
        router.post("/api/collections/{collection}/auth-refresh", api::authRefresh);
    }

    /** The auth collection named by the path, or 404. */
    static Collection authCollection(RequestEvent e) {
        Collection c = e.app().collections().find(e.pathParam("collection"))
                .orElseThrow(() -> ApiError.notFound("Missing or invalid collection context."));
        if (!c.isAuth()) {
            throw ApiError.notFound("Missing or invalid auth collection context.");
        }
        return c;
    }

    private void authWithPassword(RequestEvent e) throws Exception {
        Collection collection = authCollection(e);
        AuthOptions.PasswordAuth pa = collection.authOptions().passwordAuth();
        if (!pa.enabled()) {
            throw ApiError.forbidden("The collection is not configured to allow password authentication.");
        }
        ObjectNode body = e.body();
        String identity = BodyFields.text(body, "identity");
        String password = BodyFields.text(body, "password");
        String identityField = BodyFields.text(body, "identityField");
        FieldErrors errors = new FieldErrors();
        requireLength(errors, "identity", identity);
        requireLength(errors, "password", password);
        if (!identityField.isEmpty()) {
            if (identityField.length() > 255) {
                errors.add("identityField", FieldErrors.LENGTH_OUT_OF_RANGE, "The length must be between 1 and 255.");
            } else if (!pa.identityFields().contains(identityField)) {
                errors.add("identityField", FieldErrors.IN_INVALID, "Must be a valid value.");
            }
        }
        errors.throwIfAny(VALIDATE_ERROR);

        Record found = null;
        if (!identityField.isEmpty()) {
            found = findByIdentity(e, collection, identityField, identity).orElse(null);
        } else {
            for (String name : emailFirst(pa.identityFields())) {
                if (name.equals("email") && !EMAIL.matcher(identity).matches()) {
                    continue;
                }
                Optional<Record> r = findByIdentity(e, collection, name, identity);
                if (r.isPresent()) {
                    found = r.get();
                    break;
                }
            }
        }
        RecordAuthWithPasswordRequestEvent event =
                new RecordAuthWithPasswordRequestEvent(e, collection, found, identity, identityField, password);
        hooks.onRecordAuthWithPasswordRequest().trigger(event, ev -> {
            Record r = ev.record();
            if (r == null || !Passwords.matches(ev.password(), r.passwordHash())) {
                if (r == null) {
                    dummyPasswordCheck(ev, ev.collection());
                }
                throw ApiError.badRequest("Failed to authenticate.");
            }
            responder.respond(ev, r, ev.app().tokens().newAuthToken(r, true), RecordAuthResponse.METHOD_PASSWORD, null);
        });
    }

    private static List<String> emailFirst(List<String> fields) {
        if (fields.size() <= 1 || fields.get(0).equals("email") || !fields.contains("email")) {
            return fields;
        }
        List<String> out = new java.util.ArrayList<>();
        out.add("email");
        fields.stream().filter(f -> !f.equals("email")).forEach(out::add);
        return out;
    }

    /** Compares a password against some stored hash so a missing account takes as long as a wrong password. */
    private static void dummyPasswordCheck(RequestEvent e, Collection collection) {
        List<Record> any = e.app().records().query(collection, "", List.of(), 1);
        if (!any.isEmpty()) {
            Passwords.matches("", any.get(0).passwordHash());
        }
    }

    private static Optional<Record> findByIdentity(RequestEvent e, Collection collection, String field, String value) {
        if (collection.field(field).isEmpty()) {
            return Optional.empty();
        }
        Optional<IndexSpec> index = collection.singleColumnUniqueIndex(field);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        String quoted = e.app().db().dialect().quote(field);
        String where = index.get().columns().get(0).noCase() ? e.app().db().dialect().equalIgnoringCase(quoted, "?")
                : quoted + " = ?";
        return e.app().records().query(collection, where, List.of(value), 1).stream().findFirst();
    }

    private void authRefresh(RequestEvent e) throws Exception {
        Record auth = e.auth();
        if (auth == null) {
            throw ApiError.unauthorized("The request requires valid record authorization token.");
        }
        Optional<Collection> collection = e.app().collections().find(e.pathParam("collection"));
        if (collection.isEmpty() || !collection.get().id().equals(auth.collection().id())) {
            throw ApiError.forbidden("The request requires auth record from " + auth.collection().name() + " collection.");
        }
        RecordAuthRefreshRequestEvent event = new RecordAuthRefreshRequestEvent(e, auth);
        hooks.onRecordAuthRefreshRequest().trigger(event, ev -> {
            String token = DefaultMiddlewares.tokenFromHeader(ev.header("Authorization"));
            Map<String, Object> claims = Jwt.unverifiedClaims(token).orElse(Map.of());
            if (Boolean.TRUE.equals(claims.get("refreshable"))) {
                token = ev.app().tokens().newAuthToken(ev.record(), true);
            }
            responder.respond(ev, ev.record(), token, "", null);
        });
    }


    private static void requireLength(FieldErrors errors, String field, String value) {
        if (value.isEmpty()) {
            errors.add(field, FieldErrors.REQUIRED, "Cannot be blank.");
        } else if (value.length() > 255) {
            errors.add(field, FieldErrors.LENGTH_OUT_OF_RANGE, "The length must be between 1 and 255.");
        }
    }
}
