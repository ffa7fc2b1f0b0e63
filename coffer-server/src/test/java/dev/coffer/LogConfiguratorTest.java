package dev.coffer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogConfiguratorTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty("COFFER_LOG_LEVEL");
    }

    @Test
    void logbackFindsItAndLogsOneLinePerEventOnStandardError() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.javalin.Javalin").getEffectiveLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger("com.zaxxer.hikari.pool.HikariPool").getEffectiveLevel()).isEqualTo(Level.WARN);

        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.coffer.core.App"), Level.INFO,
                "applied {} system migrations", null, new Object[] {9});
        event.setTimeStamp(0);
        assertThat(line(stderr, event)).matches("\\d\\d:\\d\\d:\\d\\d\\.000 INFO  dev\\.coffer\\.core\\.App - applied 9 system migrations\\R");
        LoggingEvent longName = new LoggingEvent("x", context.getLogger("dev.coffer.apis.RequestLogMiddleware"),
                Level.WARN, "slow", null, null);
        longName.setTimeStamp(0);
        assertThat(line(stderr, longName)).matches("\\d\\d:\\d\\d:\\d\\d\\.000 WARN  d\\.c\\.a\\.RequestLogMiddleware - slow\\R");
    }

    private static String line(ConsoleAppender<ILoggingEvent> appender, ILoggingEvent event) {
        return new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void theRootLevelComesFromCofferLogLevel() {
        System.setProperty("COFFER_LOG_LEVEL", "debug");
        assertThat(LogConfigurator.rootLevel()).isEqualTo(Level.DEBUG);
        System.setProperty("COFFER_LOG_LEVEL", "nonsense");
        assertThat(LogConfigurator.rootLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void aConfigurationFileNamedOnTheCommandLineTakesOver() {
        LoggerContext fresh = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(fresh);
        System.setProperty("logback.configurationFile", "custom.xml");
        try {
            assertThat(configurator.configure(fresh)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(fresh.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }
}
