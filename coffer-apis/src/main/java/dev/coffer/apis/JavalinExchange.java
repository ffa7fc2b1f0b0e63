package dev.coffer.apis;

import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpHeader;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The {@link Exchange} of a request the Javalin (Jetty) server received: the transport edge. */
final class JavalinExchange implements Exchange {

    private final Context ctx;
    private MultipartForm multipart;

    JavalinExchange(Context ctx) {
        this.ctx = ctx;
    }

    /** The Javalin context, for code that needs the connection itself (server-sent events). */
    Context ctx() {
        return ctx;
    }

    @Override
    public String method() {
        return ctx.req().getMethod();
    }

    @Override
    public String path() {
        return ctx.req().getRequestURI();
    }

    @Override
    public Map<String, List<String>> queryParams() {
        return ctx.queryParamMap();
    }

    @Override
    public List<String> headers(String name) {
        return Collections.list(ctx.req().getHeaders(name));
    }

    @Override
    public List<String> headerNames() {
        return Collections.list(ctx.req().getHeaderNames());
    }

    @Override
    public String remoteAddr() {
        return ctx.req().getRemoteAddr();
    }

    @Override
    public long contentLength() {
        return ctx.req().getContentLengthLong();
    }

    @Override
    public byte[] bodyBytes() {
        return ctx.bodyAsBytes();
    }

    @Override
    public Map<String, List<String>> formParams() {
        return UrlEncodedForm.parse(ctx.bodyAsBytes());
    }

    @Override
    public MultipartForm multipart() {
        if (multipart == null) {
            multipart = MultipartForm.parse(ctx);
        }
        return multipart;
    }

    @Override
    public void status(int status) {
        ctx.status(status);
    }

    @Override
    public int status() {
        return ctx.statusCode();
    }

    @Override
    public void setHeader(String name, String value) {
        if (value != null && name.equalsIgnoreCase("Content-Type")) {
            // the servlet API would rewrite "text/html; charset=utf-8" as "text/html;charset=utf-8", as Go doesn't
            ctx.res().setContentType(null);
            ServletContextRequest.getServletContextRequest(ctx.req()).getServletContextResponse().getWrapped()
                    .getHeaders().put(new org.eclipse.jetty.http.HttpField(HttpHeader.CONTENT_TYPE, value));
            return;
        }
        ctx.res().setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
        ctx.res().addHeader(name, value);
    }

    @Override
    public void result(byte[] body) {
        ctx.result(body);
    }

    @Override
    public void result(InputStream body) {
        ctx.result(body);
    }

    @Override
    public String contentType() {
        return ctx.contentType();
    }
}
