package dev.coffer.js;

import dev.coffer.core.mail.MailMessage;
import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** PocketBase's {@code MailerMessage} as JSON ({@code {from: {address, name}, to: [{address, name}], …}}). */
final class JsMail {

    private JsMail() {}

    static String toJson(MailMessage m) {
        ObjectNode out = Json.object();
        ObjectNode from = out.putObject("from");
        from.put("address", m.fromAddress());
        from.put("name", m.fromName());
        ArrayNode to = out.putArray("to");
        for (String address : m.to()) {
            to.addObject().put("address", address).put("name", "");
        }
        out.put("subject", m.subject());
        out.put("html", m.html());
        out.put("text", m.text());
        return Json.write(out);
    }

    /**
     * A message from its JSON.
     *
     * @throws IllegalArgumentException when it has no recipient or no sender address
     */
    static MailMessage fromJson(String json) {
        JsonNode in = Json.parse(json);
        JsonNode from = in.path("from");
        List<String> to = new ArrayList<>();
        for (JsonNode t : in.path("to")) {
            String address = t.isString() ? t.asString() : t.path("address").asString("");
            if (!address.isBlank()) {
                to.add(address);
            }
        }
        if (to.isEmpty()) {
            throw new IllegalArgumentException("the message has no recipient (to)");
        }
        String fromAddress = from.isString() ? from.asString() : from.path("address").asString("");
        return new MailMessage(from.path("name").asString(""), fromAddress, to, in.path("subject").asString(""),
                in.path("html").asString(""), in.path("text").asString(""));
    }
}
