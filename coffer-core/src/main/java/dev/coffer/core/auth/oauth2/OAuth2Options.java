package dev.coffer.core.auth.oauth2;

import dev.coffer.core.collection.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The {@code oauth2} options of an auth collection: whether OAuth2 sign-in is on, the configured providers and
 * which record fields receive the provider user's id, name, username and avatar.
 *
 * @param mappedId field for the provider user id, or {@code ""}
 * @param mappedName field for the name, or {@code ""}
 * @param mappedUsername field for the username, or {@code ""}
 * @param mappedAvatarUrl field for the avatar (a file field downloads it; others get the URL), or {@code ""}
 */
public record OAuth2Options(boolean enabled, List<ProviderConfig> providers, String mappedId, String mappedName,
        String mappedUsername, String mappedAvatarUrl) {

    /** Copies the provider list. */
    public OAuth2Options {
        providers = List.copyOf(providers);
    }

    /**
     * Reads the options of a collection. Mapped fields the collection doesn't have read as {@code ""}, as they
     * are dropped when the collection is saved.
     */
    public static OAuth2Options of(Collection c) {
        JsonNode o = c.rawOptions().path("oauth2");
        List<ProviderConfig> providers = new ArrayList<>();
        o.path("providers").forEach(p -> providers.add(ProviderConfig.fromJson(p)));
        JsonNode mapped = o.path("mappedFields");
        return new OAuth2Options(o.path("enabled").asBoolean(false), providers, mapped(c, mapped, "id"),
                mapped(c, mapped, "name"), mapped(c, mapped, "username"), mapped(c, mapped, "avatarURL"));
    }

    private static String mapped(Collection c, JsonNode mapped, String key) {
        String name = mapped.path(key).asString("");
        return !name.isEmpty() && c.field(name).isPresent() ? name : "";
    }

    /** The first provider entry with this name. */
    public Optional<ProviderConfig> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
