package dev.coffer.apis;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The collection-scoped routes the request pipeline treats specially, recognised from method and path: the
 * record CRUD routes, the auth routes and file downloads, each with PocketBase's rate-limit tags
 * ({@code create}, {@code authWithPassword} + {@code auth}, {@code file}, …).
 *
 * @param collection the collection id or name from the path
 * @param pattern the route pattern (one limiter per collection and pattern)
 * @param tags the action tags, most specific first
 */
record CollectionRoute(String collection, String pattern, List<String> tags) {

    private static final Map<String, List<String>> AUTH_ACTIONS = Map.ofEntries(
            Map.entry("GET auth-methods", List.of("listAuthMethods")),
            Map.entry("POST auth-refresh", List.of("authRefresh")),
            Map.entry("POST auth-with-password", List.of("authWithPassword", "auth")),
            Map.entry("POST auth-with-oauth2", List.of("authWithOAuth2", "auth")),
            Map.entry("POST request-otp", List.of("requestOTP")),
            Map.entry("POST auth-with-otp", List.of("authWithOTP", "auth")),
            Map.entry("POST request-password-reset", List.of("requestPasswordReset")),
            Map.entry("POST confirm-password-reset", List.of("confirmPasswordReset")),
            Map.entry("POST request-verification", List.of("requestVerification")),
            Map.entry("POST confirm-verification", List.of("confirmVerification")),
            Map.entry("POST request-email-change", List.of("requestEmailChange")),
            Map.entry("POST confirm-email-change", List.of("confirmEmailChange")));

    /** The route of a request, if it is one of the collection routes. */
    static Optional<CollectionRoute> of(String method, String path) {
        String m = method.equals("HEAD") ? "GET" : method;
        String[] s = path.split("/", -1);
        if (s.length < 5 || !s[0].isEmpty() || !s[1].equals("api") || s[3].isEmpty()) {
            return Optional.empty();
        }
        if (s[2].equals("files")) {
            return s.length == 6 && m.equals("GET") && !s[4].isEmpty() && !s[5].isEmpty()
                    ? Optional.of(new CollectionRoute(s[3], "files/{recordId}/{filename}", List.of("file")))
                    : Optional.empty();
        }
        if (!s[2].equals("collections")) {
            return Optional.empty();
        }
        if (s.length == 5 && s[4].equals("records")) {
            return switch (m) {
                case "GET" -> Optional.of(new CollectionRoute(s[3], "records", List.of("list")));
                case "POST" -> Optional.of(new CollectionRoute(s[3], "records", List.of("create")));
                default -> Optional.empty();
            };
        }
        if (s.length == 6 && s[4].equals("records") && !s[5].isEmpty()) {
            return switch (m) {
                case "GET" -> Optional.of(new CollectionRoute(s[3], "records/{id}", List.of("view")));
                case "PATCH" -> Optional.of(new CollectionRoute(s[3], "records/{id}", List.of("update")));
                case "DELETE" -> Optional.of(new CollectionRoute(s[3], "records/{id}", List.of("delete")));
                default -> Optional.empty();
            };
        }
        List<String> tags = s.length == 5 ? AUTH_ACTIONS.get(m + " " + s[4]) : null;
        return tags == null ? Optional.empty() : Optional.of(new CollectionRoute(s[3], s[4], tags));
    }

    /** Whether the route takes a record body (create or update). */
    boolean writesRecord() {
        return tags.equals(List.of("create")) || tags.equals(List.of("update"));
    }
}
