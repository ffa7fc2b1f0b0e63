package dev.coffer.core.webhooks;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.tools.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two system collections of webhooks, created on demand (so that a PocketBase data directory stays as it is
 * until webhooks are used): {@code _webhooks} (the subscriptions) and {@code _webhookDeliveries} (one record per
 * delivery try, deleted with its webhook). Both have null rules: superusers only.
 */
final class WebhookCollections {

    static final String WEBHOOKS = "_webhooks";
    static final String DELIVERIES = "_webhookDeliveries";

    private WebhookCollections() {}

    /** Whether both collections exist. */
    static boolean installed(App app) {
        return app.collections().find(WEBHOOKS).isPresent() && app.collections().find(DELIVERIES).isPresent();
    }

    /** Creates whichever of the two collections is missing. */
    static void install(App app) {
        CollectionService service = new CollectionService(app);
        Collection hooks = app.collections().find(WEBHOOKS).orElseGet(() -> service.create(webhooks()));
        if (app.collections().find(DELIVERIES).isEmpty()) {
            service.create(deliveries(hooks.id()));
        }
    }

    private static ObjectNode webhooks() {
        return (ObjectNode) Json.parse("""
                {"name":"_webhooks","type":"base","system":true,
                 "listRule":null,"viewRule":null,"createRule":null,"updateRule":null,"deleteRule":null,
                 "fields":[
                  {"name":"name","type":"text","max":255},
                  {"name":"url","type":"url","required":true},
                  {"name":"events","type":"json","required":true},
                  {"name":"filter","type":"text"},
                  {"name":"headers","type":"json"},
                  {"name":"secret","type":"text","hidden":true},
                  {"name":"previousSecrets","type":"json","hidden":true},
                  {"name":"enabled","type":"bool"},
                  {"name":"failingSince","type":"date"},
                  {"name":"disabledReason","type":"text"},
                  {"name":"created","type":"autodate","onCreate":true},
                  {"name":"updated","type":"autodate","onCreate":true,"onUpdate":true}
                 ]}""");
    }

    private static ObjectNode deliveries(String webhooksId) {
        ObjectNode def = (ObjectNode) Json.parse("""
                {"name":"_webhookDeliveries","type":"base","system":true,
                 "listRule":null,"viewRule":null,"createRule":null,"updateRule":null,"deleteRule":null,
                 "fields":[
                  {"name":"webhook","type":"relation","required":true,"maxSelect":1,"cascadeDelete":true,
                   "collectionId":"WEBHOOKS_ID"},
                  {"name":"event","type":"text"},
                  {"name":"messageId","type":"text"},
                  {"name":"url","type":"text"},
                  {"name":"attempt","type":"number","onlyInt":true},
                  {"name":"status","type":"number","onlyInt":true},
                  {"name":"success","type":"bool"},
                  {"name":"duration","type":"number"},
                  {"name":"request","type":"json"},
                  {"name":"response","type":"text"},
                  {"name":"error","type":"text"},
                  {"name":"nextAttempt","type":"date"},
                  {"name":"created","type":"autodate","onCreate":true}
                 ],
                 "indexes":["CREATE INDEX `idx_webhookDeliveries_webhook` ON `_webhookDeliveries` (`webhook`, `created`)"]}
                """.replace("WEBHOOKS_ID", webhooksId));
        return def;
    }
}
