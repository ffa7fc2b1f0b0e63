package dev.coffer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;

/**
 * Coffer's logging set up in code: one line per event on standard error, {@code COFFER_LOG_LEVEL} (system
 * property or environment variable, {@code INFO} by default) for Coffer's own loggers, Jetty, Javalin and the
 * connection pool at {@code WARN}. Found by logback through {@code META-INF/services}; configuring in code spares
 * the XML configuration reader (several hundred classes loaded at every start). A file named by
 * {@code -Dlogback.configurationFile=…} still takes over, read by logback as usual.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel());
        root.addAppender(stderr);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        // start failures are reported by the CLI in one line
        context.getLogger("io.javalin.Javalin").setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code COFFER_LOG_LEVEL} as a system property, else from the environment; {@code INFO} when unset or unknown. */
    static Level rootLevel() {
        String value = System.getProperty("COFFER_LOG_LEVEL");
        if (value == null || value.isBlank()) {
            value = System.getenv("COFFER_LOG_LEVEL");
        }
        return value == null || value.isBlank() ? Level.INFO : Level.toLevel(value.trim().toUpperCase(Locale.ROOT), Level.INFO);
    }
}
