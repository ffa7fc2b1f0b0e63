package dev.coffer.core.auth.oauth2;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Discord: the current-user endpoint; the avatar URL is built from the avatar hash on Discord's CDN. */
final class DiscordProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"199\" preserveAspectRatio=\"xMidYMid\"><path fill=\"#5865f2\" d=\"M216.9 16.6A209 209 0 0 0 164 0c-2.2 4.1-4.9 9.6-6.7 14a194 194 0 0 0-58.6 0C97 9.6 94.2 4.1 92 0a208 208 0 0 0-53 16.6A222 222 0 0 0 1 165a211 211 0 0 0 65 33 161 161 0 0 0 13.8-22.8q-11.5-4.4-21.8-10.6l5.3-4.3a149 149 0 0 0 129.6 0q2.6 2.3 5.3 4.3a136 136 0 0 1-21.9 10.6q6 12 13.9 22.9a211 211 0 0 0 64.8-33.2c5.3-56.3-9-105.1-38-148.4M85.5 135.1c-12.7 0-23-11.8-23-26.2s10.1-26.2 23-26.2 23.2 11.8 23 26.2c0 14.4-10.2 26.2-23 26.2m85 0c-12.6 0-23-11.8-23-26.2s10.2-26.2 23-26.2 23.3 11.8 23 26.2c0 14.4-10.1 26.2-23 26.2\"/></svg>";

    DiscordProvider(ProviderConfig config) {
        super(config, new Defaults("Discord", LOGO, true, List.of("identify", "email"),
                "https://discord.com/api/oauth2/authorize", "https://discord.com/api/oauth2/token",
                "https://discord.com/api/users/@me"));
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        String id = text(raw, "id");
        String avatar = text(raw, "avatar");
        String avatarUrl = avatar.isEmpty() ? "" : "https://cdn.discordapp.com/avatars/" + id + "/" + avatar + ".png";
        String username = text(raw, "username");
        String name = text(raw, "global_name");
        if (name.isEmpty()) {
            String discriminator = text(raw, "discriminator");
            name = discriminator.isEmpty() || discriminator.equals("0") ? username : username + "#" + discriminator;
        }
        String email = raw.path("verified").asBoolean(false) ? text(raw, "email") : "";
        return new OAuth2User(id, name, username, email, avatarUrl, raw, token);
    }
}
