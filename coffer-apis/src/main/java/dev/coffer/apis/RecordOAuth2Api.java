package dev.coffer.apis;

import dev.coffer.apis.event.RecordAuthWithOAuth2RequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.auth.oauth2.AppleNames;
import dev.coffer.core.auth.oauth2.ExternalAuths;
import dev.coffer.core.auth.oauth2.OAuth2Exception;
import dev.coffer.core.auth.oauth2.OAuth2Options;
import dev.coffer.core.auth.oauth2.OAuth2Provider;
import dev.coffer.core.auth.oauth2.OAuth2Providers;
import dev.coffer.core.auth.oauth2.OAuth2RedirectRelay;
import dev.coffer.core.auth.oauth2.OAuth2Token;
import dev.coffer.core.cluster.Cluster;
import dev.coffer.core.auth.oauth2.OAuth2User;
import dev.coffer.core.auth.oauth2.ProviderConfig;
import dev.coffer.core.auth.Superusers;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.RandomString;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OAuth2 sign-in of an auth collection ({@code POST /api/collections/{c}/auth-with-oauth2}): exchanges the
 * authorization code, finds the record linked to the provider account (else the signed-in record of the
 * collection, else the record with the provider's email) or creates one, links it and answers with a token and
 * the provider user as {@code meta}. Also binds the provider redirect endpoint ({@link OAuth2RedirectApi}).
 */
public final class RecordOAuth2Api {

    static final String METHOD_OAUTH2 = "oauth2";
    private static final String LOAD_ERROR = BodyFields.LOAD_ERROR;

    private final RecordAuthResponse responder;
    private final OAuth2RecordCreate creator;
    private final AppleNames appleNames;
    private final ApiHooks hooks;

    private RecordOAuth2Api(ApiHooks hooks, AppleNames appleNames) {
        this.hooks = hooks;
        this.responder = new RecordAuthResponse(hooks);
        this.creator = new OAuth2RecordCreate(hooks);
        this.appleNames = appleNames;
    }

    /**
     * Registers the sign-in and redirect routes.
     *
     * @param relay where redirects forward the provider's answer (the realtime broker)
     * @param dashboard whether the dashboard is served (the redirect then ends on its success or failure page)
     * @param cluster the instances that may hold a name Apple sent with a redirect that landed on one of them
     */
    public static void bind(ApiRouter router, ApiHooks hooks, OAuth2RedirectRelay relay, boolean dashboard,
            Cluster cluster) {
        AppleNames names = new AppleNames(cluster);
        RecordOAuth2Api api = new RecordOAuth2Api(hooks, names);
        router.post("/api/collections/{collection}/auth-with-oauth2", api::authWithOAuth2);
        OAuth2RedirectApi.bind(router, relay, names, dashboard);
    }

    /** The submitted sign-in form. */
    private record Form(String provider, String code, String codeVerifier, String redirectUrl, ObjectNode createData) {}

    private void authWithOAuth2(RequestEvent e) throws Exception {
        Collection collection = RecordAuthApi.authCollection(e);
        OAuth2Options options = OAuth2Options.of(collection);
        if (!options.enabled()) {
            throw ApiError.forbidden("The collection is not configured to allow OAuth2 authentication.");
        }
        Record fallback = e.auth() != null && e.auth().collection().id().equals(collection.id()) ? e.auth() : null;
        Form form = readForm(e.body());
        validate(form, options);

        ProviderConfig config = options.provider(form.provider())
                .orElseThrow(() -> ApiError.internal("Missing or invalid provider config."));
        OAuth2Provider provider = OAuth2Providers.create(config)
                .orElseThrow(() -> ApiError.internal("Failed to init provider " + form.provider()));
        OAuth2Token token;
        try {
            token = provider.exchange(form.code(), form.codeVerifier(), form.redirectUrl());
        } catch (OAuth2Exception ex) {
            throw ApiError.badRequest("Failed to fetch OAuth2 token.");
        }
        OAuth2User user;
        try {
            user = provider.fetchUser(token);
        } catch (OAuth2Exception ex) {
            throw ApiError.badRequest("Failed to fetch OAuth2 user.");
        }
        if (form.provider().equals(OAuth2Providers.APPLE) && user.name().isEmpty()) {
            Optional<String> name = appleNames.take(form.code());
            if (name.isPresent()) {
                user = user.withName(name.get());
            }
        }

        App app = e.app();
        ExternalAuths links = new ExternalAuths(app);
        Record link = links.find(collection, form.provider(), user.id()).orElse(null);
        Record record;
        if (link != null) {
            record = app.records().findById(collection, link.getString("recordRef"))
                    .orElseThrow(() -> ApiError.notFound(""));
        } else if (fallback != null) {
            record = fallback;
        } else if (!user.email().isEmpty()) {
            record = findByEmail(app, collection, user.email()).orElse(null);
        } else {
            record = null;
        }

        boolean isNew = record == null;
        OAuth2User oauthUser = user;
        RecordAuthWithOAuth2RequestEvent event = new RecordAuthWithOAuth2RequestEvent(e, collection, form.provider(),
                oauthUser, form.createData(), record);
        hooks.onRecordAuthWithOAuth2Request().trigger(event, ev -> {
            Record signedIn;
            try {
                signedIn = isNew
                        ? creator.create(ev, collection, options, oauthUser, ev.createData(), links, form.provider())
                        : app.db().write(c -> updateExisting(ev, record, oauthUser, link, links, form.provider()));
            } catch (ApiError ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw ApiError.badRequest("Failed to authenticate.");
            }
            responder.respond(ev, signedIn, app.tokens().newAuthToken(signedIn, true), METHOD_OAUTH2,
                    oauthUser.toMeta(isNew));
        });
    }

    private static Form readForm(ObjectNode body) {
        String redirectUrl = BodyFields.text(body, "redirectURL");
        String legacy = BodyFields.text(body, "redirectUrl");
        JsonNode createData = body.get("createData");
        if (createData != null && !createData.isNull() && !createData.isObject()) {
            throw ApiError.badRequest(LOAD_ERROR);
        }
        return new Form(BodyFields.text(body, "provider"), BodyFields.text(body, "code"), BodyFields.text(body, "codeVerifier"),
                redirectUrl.isEmpty() ? legacy : redirectUrl,
                createData instanceof ObjectNode o ? o : Json.object());
    }


    private static void validate(Form form, OAuth2Options options) {
        ObjectNode errors = Json.object();
        if (form.provider().isEmpty()) {
            error(errors, "provider", FieldErrors.REQUIRED, "Cannot be blank.");
        } else if (form.provider().length() > 100) {
            error(errors, "provider", "validation_length_too_long", "The length must be no more than 100.")
                    .putObject("params").put("max", 100);
        } else if (options.provider(form.provider()).isEmpty()) {
            error(errors, "provider", "validation_invalid_provider", "Provider with name " + form.provider()
                    + " is missing or is not enabled.").putObject("params").put("name", form.provider());
        }
        if (form.code().isEmpty()) {
            error(errors, "code", FieldErrors.REQUIRED, "Cannot be blank.");
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(LOAD_ERROR, errors);
        }
    }

    private static ObjectNode error(ObjectNode errors, String field, String code, String message) {
        ObjectNode e = errors.putObject(field);
        e.put("code", code);
        e.put("message", message);
        return e;
    }

    /** The record of the collection with this email (compared case-insensitively). */
    private static Optional<Record> findByEmail(App app, Collection collection, String email) {
        String where = app.db().dialect().equalIgnoringCase(app.db().dialect().quote("email"), "?");
        return app.records().query(collection, where, List.of(email), 1).stream().findFirst();
    }

    /**
     * Signs in an existing record. An unverified record (that someone may have pre-registered) gets a new random
     * password unless it is the one signed in, and loses its other provider links; an empty email takes the
     * provider's, and the record becomes verified when its email is empty or the provider's. Then the provider
     * account is linked if it wasn't.
     */
    private static Record updateExisting(RequestEvent e, Record found, OAuth2User user, Record link, ExternalAuths links,
            String provider) {
        Record record = found.copy();
        App app = e.app();
        Record auth = e.auth();
        boolean signedInRecord = auth != null && auth.id().equals(record.id())
                && auth.collection().id().equals(record.collection().id());
        boolean update = false;
        Record existingLink = link;
        if (!signedInRecord && !record.verified()) {
            update = true;
            Superusers.setPassword(record, RandomString.alphanumeric(30));
        }
        if (!record.verified()) {
            links.deleteAll(record);
            existingLink = null;
        }
        if (record.email().isEmpty() && !user.email().isEmpty()) {
            update = true;
            record.set("email", user.email());
        }
        if (!record.verified() && (record.email().isEmpty() || record.email().equals(user.email()))) {
            update = true;
            record.set("verified", true);
        }
        if (update) {
            app.save(record);
        }
        if (existingLink == null) {
            links.link(record, provider, user.id());
        }
        return record;
    }
}
