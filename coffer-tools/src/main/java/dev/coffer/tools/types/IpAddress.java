package dev.coffer.tools.types;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals: parsing without name lookups, the expanded text form (IPv6 as eight groups of four hex
 * digits) and matching against lists of addresses and CIDR subnets.
 */
public final class IpAddress {

    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

    private IpAddress() {}

    /** The address bytes (4 or 16) of an IPv4 or IPv6 literal; empty for anything else (names are never resolved). */
    public static Optional<byte[]> parse(String literal) {
        String s = literal == null ? "" : literal.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (IPV4.matcher(s).matches()) {
            String[] parts = s.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) Integer.parseInt(parts[i]);
            }
            return Optional.of(b);
        }
        if (!s.contains(":") || !IPV6_CHARS.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s).getAddress()); // a literal with ':' is never looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The expanded form of a literal ({@code 2001:db8::1} → {@code 2001:0db8:0000:…:0001}), or {@code ""}. */
    public static String expanded(String literal) {
        return parse(literal).map(IpAddress::format).orElse("");
    }

    private static String format(byte[] b) {
        StringBuilder out = new StringBuilder(39);
        if (b.length == 4) {
            for (int i = 0; i < 4; i++) {
                out.append(i == 0 ? "" : ".").append(b[i] & 0xff);
            }
            return out.toString();
        }
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(String.format("%02x%02x", b[i] & 0xff, b[i + 1] & 0xff));
        }
        return out.toString();
    }

    /** Whether {@code ip} equals one of the listed addresses or lies in one of the listed CIDR subnets. */
    public static boolean inList(List<String> ipsOrSubnets, String ip) {
        Optional<byte[]> addr = parse(ip);
        if (addr.isEmpty()) {
            return false;
        }
        for (String item : ipsOrSubnets) {
            int slash = item.indexOf('/');
            Optional<byte[]> base = parse(slash < 0 ? item : item.substring(0, slash));
            if (base.isEmpty() || base.get().length != addr.get().length) {
                continue;
            }
            int bits = base.get().length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(item.substring(slash + 1).trim());
                } catch (NumberFormatException e) {
                    continue;
                }
            }
            if (bits >= 0 && bits <= base.get().length * 8 && samePrefix(base.get(), addr.get(), bits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }
}
