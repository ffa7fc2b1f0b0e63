package dev.coffer.core.auth.oauth2;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** GitLab: the REST user endpoint; the email counts only once the account is confirmed. */
final class GitlabProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"247\" fill=\"none\"><path fill=\"#e24329\" d=\"m251.7 97.7-.3-.9-34.7-90.6a9 9 0 0 0-9-5.7q-3 .2-5.2 2a9 9 0 0 0-3.1 4.7L176 78.9H81L57.7 7.2a9.1 9.1 0 0 0-17.2-1L5.6 96.8l-.4.9a64.4 64.4 0 0 0 21.4 74.5h.1l.3.3L80 212l26 19.8 16 12a11 11 0 0 0 13 0l15.9-12 26.2-19.8 53.1-39.9h.2a64.5 64.5 0 0 0 21.3-74.5\"/><path fill=\"#fc6d26\" d=\"m251.7 97.7-.3-.9c-17 3.5-32.9 10.6-46.7 21l-76.2 57.6 48.5 36.7 53.2-39.8.2-.1a64.5 64.5 0 0 0 21.3-74.5\"/><path fill=\"#fca326\" d=\"m80 212.1 26 19.8 16 12a11 11 0 0 0 13 0l15.9-12 26.2-19.8s-22.7-17-48.6-36.7z\"/><path fill=\"#fc6d26\" d=\"M52.2 117.8a117 117 0 0 0-46.6-21l-.4.9a64.4 64.4 0 0 0 21.4 74.5h.1l.3.3L80 212l48.5-36.7z\"/></svg>";

    GitlabProvider(ProviderConfig config) {
        super(config, new Defaults("GitLab", LOGO, true, List.of("read_user"), "https://gitlab.com/oauth/authorize",
                "https://gitlab.com/oauth/token", "https://gitlab.com/api/v4/user"));
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        String email = confirmed(text(raw, "confirmed_at")) ? text(raw, "email") : "";
        return new OAuth2User(Long.toString(raw.path("id").asLong(0)), text(raw, "name"), text(raw, "username"), email,
                text(raw, "avatar_url"), raw, token);
    }

    private static boolean confirmed(String at) {
        try {
            return OffsetDateTime.parse(at).toEpochSecond() != ZERO_TIME;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Go's zero time (0001-01-01T00:00:00Z), which counts as not confirmed. */
    private static final long ZERO_TIME = -62135596800L;
}
