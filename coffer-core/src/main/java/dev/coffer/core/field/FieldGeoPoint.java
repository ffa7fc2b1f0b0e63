package dev.coffer.core.field;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A geographic point {@code {lon, lat}}; (0, 0) counts as empty. */
public final class FieldGeoPoint extends Field {

    /** The type name. */
    public static final String TYPE = "geoPoint";

    private final String help;
    private final boolean required;

    FieldGeoPoint(ObjectNode json) {
        super(json);
        help = text(json, "help");
        required = bool(json, "required");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public Object fromDb(Object raw) {
        if (raw instanceof GeoPoint p) {
            return p;
        }
        JsonNode n = Coerce.toJson(raw);
        if (!n.isObject()) {
            return GeoPoint.ZERO;
        }
        return new GeoPoint(Coerce.toNumber(n.get("lon")), Coerce.toNumber(n.get("lat")));
    }

    @Override
    public JsonNode toJsonValue(Object value) {
        GeoPoint p = (GeoPoint) fromDb(value);
        ObjectNode out = dev.coffer.tools.json.Json.object();
        out.set("lon", Coerce.numberNode(p.lon()));
        out.set("lat", Coerce.numberNode(p.lat()));
        return out;
    }

    @Override
    public Object zeroValue() {
        return GeoPoint.ZERO;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("help", help);
        out.put("required", required);
    }
}
