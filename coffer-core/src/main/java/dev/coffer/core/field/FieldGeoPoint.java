package dev.coffer.core.field;

import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A geographic point {@code {lon, lat}}; (0, 0) counts as empty. */
public final class FieldGeoPoint extends Field {

    /** The type name. */
    public static final String TYPE = "geoPoint";

    FieldGeoPoint(ObjectNode json) {
        super(json);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object fromDb(Object raw) {
        if (raw instanceof GeoPoint p) {
            return p;
        }
        // a point sent as a JSON string (a form value, say) is read as the object it holds
        JsonNode n = Coerce.toJson(raw instanceof JsonNode j && j.isString() ? j.asString() : raw);
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
    public FieldError validateValue(Object value) {
        GeoPoint p = (GeoPoint) fromDb(value);
        if (p.lat() == 0 && p.lon() == 0) {
            return required() ? FieldErrors.required() : null;
        }
        if (p.lat() < -90 || p.lat() > 90) {
            return FieldErrors.latitude();
        }
        if (p.lon() < -180 || p.lon() > 180) {
            return FieldErrors.longitude();
        }
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("help", help());
        out.put("required", required());
    }
}
