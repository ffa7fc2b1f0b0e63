package dev.coffer.js;

import dev.coffer.apis.ApiError;
import dev.coffer.apis.RequestEvent;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import java.util.List;

/** The middlewares of PocketBase's {@code $apis} ({@code requireAuth()}, …), run in Java with its answers. */
final class JsApis {

    private JsApis() {}

    static void run(JsHooks.BuiltinMiddleware m, RequestEvent e) throws Exception {
        Record auth = e.auth();
        List<String> args = m.args();
        switch (m.name()) {
            case "requireGuestOnly" -> {
                if (auth != null) {
                    throw ApiError.badRequest("The request can be accessed only by guests.");
                }
            }
            case "requireAuth" -> requireAuth(auth, args);
            case "requireSuperuserAuth" -> requireAuth(auth, List.of("_superusers"));
            case "requireSuperuserOrOwnerAuth" -> {
                if (auth == null) {
                    throw new ApiError(401, "The request requires superuser or record authorization token.",
                            Json.object());
                }
                if (!auth.isSuperuser()) {
                    String param = args.isEmpty() || args.get(0).isEmpty() ? "id" : args.get(0);
                    if (!auth.id().equals(e.pathParam(param))) {
                        throw new ApiError(403, "You are not allowed to perform this request.", Json.object());
                    }
                }
            }
            case "skipSuccessActivityLog" -> e.skipSuccessLog();
            case "gzip", "bodyLimit" -> { } // the server's own middlewares already do both
            default -> throw new IllegalStateException("unknown middleware " + m.name());
        }
        e.next();
    }

    private static void requireAuth(Record auth, List<String> collections) {
        if (auth == null) {
            throw new ApiError(401, "The request requires valid record authorization token.", Json.object());
        }
        if (!collections.isEmpty() && !collections.contains(auth.collection().name())) {
            throw new ApiError(403, "The authorized record is not allowed to perform this action.", Json.object());
        }
    }
}
