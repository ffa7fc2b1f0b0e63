package dev.coffer.core.auth.oauth2;

import dev.coffer.core.cluster.Cluster;
import dev.coffer.tools.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The user names Apple sends only with the first redirect ({@code user} form value), kept for a minute by
 * authorization code until the sign-in that exchanges that code picks them up. In a cluster the sign-in may reach
 * another instance than the redirect did: it then asks the others for the name (one round trip on the bus).
 */
public final class AppleNames {

    private static final String TOPIC = "apple-name";

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final int MAX_NAME = 150;

    private record Entry(String name, Instant expires) {}

    private final Map<String, Entry> byCode = new ConcurrentHashMap<>();
    private final Cluster cluster;

    /** Names kept on this instance only. */
    public AppleNames() {
        this(null);
    }

    /** Names kept on this instance and asked for from the cluster's others (null: none). */
    public AppleNames(Cluster cluster) {
        this.cluster = cluster;
        if (cluster != null) {
            cluster.answer(TOPIC, code -> takeHere(code).orElse(null));
        }
    }

    /** Remembers the name in Apple's {@code user} JSON ({@code {"name":{"firstName","lastName"}}}) for a code. */
    public void remember(String code, String userJson) {
        if (userJson.isEmpty() || code.isEmpty() || code.length() > 1000) {
            return;
        }
        JsonNode user;
        try {
            user = Json.parse(userJson);
        } catch (RuntimeException e) {
            return;
        }
        String full = user.path("name").path("firstName").asString("") + " "
                + user.path("name").path("lastName").asString("");
        if (full.length() > MAX_NAME) {
            full = full.substring(0, MAX_NAME);
        }
        full = full.strip();
        Instant now = Instant.now();
        byCode.values().removeIf(e -> e.expires().isBefore(now));
        if (!full.isEmpty()) {
            byCode.put(code, new Entry(full, now.plus(TTL)));
        }
    }

    /** Takes (and forgets) the name remembered for a code, here or by another instance of the cluster. */
    public Optional<String> take(String code) {
        Optional<String> here = takeHere(code);
        if (here.isPresent() || cluster == null || !cluster.clustered() || code.isEmpty()) {
            return here;
        }
        return cluster.ask(TOPIC, code);
    }

    private Optional<String> takeHere(String code) {
        Entry e = byCode.remove(code);
        return e == null || e.expires().isBefore(Instant.now()) ? Optional.empty() : Optional.of(e.name());
    }
}
