package dev.coffer.core.field;

/** A geographic point in degrees: longitude in [-180, 180], latitude in [-90, 90]. */
public record GeoPoint(double lon, double lat) {

    /** The zero point, which counts as empty. */
    public static final GeoPoint ZERO = new GeoPoint(0, 0);
}
