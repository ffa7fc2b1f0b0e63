package dev.coffer.apis;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.eclipse.jetty.websocket.api.Session;

/**
 * WebSocket upgrades as ordinary API requests: a servlet filter in front of Javalin hands an upgrade request on as a
 * plain {@code GET} (its {@code Sec-WebSocket-Version} hidden, else Javalin would take it to its own WebSocket
 * routing, which creates an HTTP session per connection), so it passes the request hooks (CORS, rate limits, the
 * auth token) and reaches its route like any request; a route that takes WebSockets then {@linkplain #accept accepts}
 * it. An upgrade to a route that doesn't is answered as the plain request would be.
 */
final class WebSocketUpgrade implements Filter {

    /** The request attribute holding the unwrapped upgrade request. */
    private static final String ORIGINAL = "coffer.websocket.request";
    private static final String VERSION_HEADER = "Sec-WebSocket-Version";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (req instanceof HttpServletRequest http && http.getHeader(VERSION_HEADER) != null) {
            http.setAttribute(ORIGINAL, http);
            chain.doFilter(new HiddenVersion(http), res);
        } else {
            chain.doFilter(req, res);
        }
    }

    /** Whether the request is a WebSocket upgrade (one {@link #accept} can take). */
    static boolean isUpgrade(RequestEvent e) {
        return e.ctx().req().getAttribute(ORIGINAL) != null;
    }

    /**
     * Upgrades the request's connection to a WebSocket served by {@code listener}; the route must write nothing else.
     *
     * @throws ApiError 400 when the request is no valid WebSocket upgrade
     */
    static void accept(RequestEvent e, Session.Listener listener) throws IOException {
        HttpServletRequest original = (HttpServletRequest) e.ctx().req().getAttribute(ORIGINAL);
        HttpServletResponse res = e.ctx().res();
        if (original == null) {
            throw ApiError.badRequest("This endpoint takes WebSocket connections only (Upgrade: websocket).");
        }
        JettyWebSocketServerContainer container = JettyWebSocketServerContainer.getContainer(
                original.getServletContext());
        if (container == null || !container.upgrade((upgradeReq, upgradeRes) -> listener, original, res)) {
            throw ApiError.badRequest("Invalid WebSocket upgrade request.");
        }
    }

    /** The upgrade request as Javalin sees it: without the header that would send it to Javalin's WebSocket routing. */
    private static final class HiddenVersion extends HttpServletRequestWrapper {

        HiddenVersion(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return VERSION_HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return VERSION_HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(VERSION_HEADER::equalsIgnoreCase);
            return Collections.enumeration(names);
        }
    }
}
