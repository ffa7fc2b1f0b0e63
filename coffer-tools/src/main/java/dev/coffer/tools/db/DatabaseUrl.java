package dev.coffer.tools.db;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The address of a database server, written {@code postgres://user:pass@host:port/db?options} (also
 * {@code postgresql://}) or {@code mysql://…} / {@code mariadb://…}. User, password, port and options may be left
 * out; user and password are percent-decoded. The options are passed to the JDBC driver as they are, except
 * {@code pool} (the most connections Coffer opens, default 10).
 *
 * @param engine which server it is
 * @param host the host name or address
 * @param port the port, or the engine's default
 * @param database the database name
 * @param user the user name, or empty for the driver's default
 * @param password the password, or empty
 * @param options the remaining query options in order
 */
public record DatabaseUrl(Engine engine, String host, int port, String database, String user, String password,
        Map<String, String> options) {

    /** The database servers Coffer runs on. */
    public enum Engine {
        /** PostgreSQL 15 or newer. */
        POSTGRES("postgresql", 5432),
        /** MySQL 8 or MariaDB 10.11 or newer. */
        MYSQL("mariadb", 3306);

        private final String jdbcScheme;
        private final int defaultPort;

        Engine(String jdbcScheme, int defaultPort) {
            this.jdbcScheme = jdbcScheme;
            this.defaultPort = defaultPort;
        }
    }

    /** Checks and freezes the parts. */
    public DatabaseUrl {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        options = Map.copyOf(new LinkedHashMap<>(options == null ? Map.of() : options));
    }

    /** Whether the text is written as a database server URL rather than a path. */
    public static boolean isUrl(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgres://") || lower.startsWith("postgresql://") || lower.startsWith("mysql://")
                || lower.startsWith("mariadb://");
    }

    /**
     * Parses a URL.
     *
     * @throws IllegalArgumentException with a one-line reason (never echoing the password) when it is malformed
     */
    public static DatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the database URL is empty");
        }
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("the database URL must start with postgres://, mysql:// or mariadb://");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        Engine engine = switch (scheme) {
            case "postgres", "postgresql" -> Engine.POSTGRES;
            case "mysql", "mariadb" -> Engine.MYSQL;
            default -> throw new IllegalArgumentException("unsupported database URL scheme " + scheme
                    + "://: use postgres://, mysql:// or mariadb://");
        };
        String rest = text.substring(schemeEnd + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : decode(rest.substring(slash + 1));
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("the database URL names no database: write " + scheme
                    + "://user:password@host:port/DATABASE");
        }
        String user = "";
        String password = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String credentials = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = credentials.indexOf(':');
            user = decode(colon < 0 ? credentials : credentials.substring(0, colon));
            password = colon < 0 ? "" : decode(credentials.substring(colon + 1));
        }
        String host = authority;
        int port = engine.defaultPort;
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            String portText = authority.substring(colon + 1);
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the database URL's port is not a number: " + portText);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("the database URL's port is out of range: " + port);
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the database URL names no host");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            options.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        String pool = options.get("pool");
        if (pool != null) {
            try {
                if (Integer.parseInt(pool) < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the database URL's pool option must be a positive number, not "
                        + pool);
            }
        }
        return new DatabaseUrl(engine, host, port, database, user, password, options);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the database URL has a malformed percent-escape", e);
        }
    }

    /** The most connections to open ({@code pool} option), or {@code fallback} when the URL sets none. */
    public int poolSize(int fallback) {
        String pool = options.get("pool");
        return pool == null ? fallback : Integer.parseInt(pool);
    }

    /** The same server with another database name (for tests and copies that make their own database). */
    public DatabaseUrl withDatabase(String name) {
        return new DatabaseUrl(engine, host, port, name, user, password, options);
    }

    /** The JDBC URL of the driver (without credentials; options other than {@code pool} included). */
    public String jdbcUrl() {
        StringBuilder out = new StringBuilder("jdbc:").append(engine.jdbcScheme).append("://").append(host).append(':')
                .append(port).append('/').append(database);
        char sep = '?';
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().equals("pool")) {
                continue;
            }
            out.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = '&';
        }
        return out.toString();
    }

    /** The URL with everything in it, the password included (percent-encoded), for handing on. */
    public String toUrl() {
        String scheme = engine == Engine.POSTGRES ? "postgres" : "mysql";
        String auth = user.isEmpty() ? "" : encode(user) + (password.isEmpty() ? "" : ":" + encode(password)) + "@";
        StringBuilder out = new StringBuilder(scheme + "://" + auth + host + ":" + port + "/" + encode(database));
        char sep = '?';
        for (Map.Entry<String, String> e : options.entrySet()) {
            out.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return out.toString();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The URL as written, with the password left out. */
    @Override
    public String toString() {
        String scheme = engine == Engine.POSTGRES ? "postgres" : "mysql";
        String auth = user.isEmpty() ? "" : user + (password.isEmpty() ? "" : ":***") + "@";
        return scheme + "://" + auth + host + ":" + port + "/" + database;
    }
}
