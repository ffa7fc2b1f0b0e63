package dev.coffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.AppStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** On MariaDB without a bus the instances can't keep each other in step: a second one is refused, saying why. */
class SoloInstanceTest {

    @Test
    void aSecondInstanceOnMariadbWithoutABusIsRefusedAndOneMayStartOnceTheFirstStopped() throws Exception {
        ServerDatabases databases = ServerDatabases.mariadb("solo instance test");
        String url = databases.create();
        Path dir = Files.createTempDirectory("coffer-solo-");
        try {
            try (Coffer first = Coffer.create(CofferConfig.of(dir).withDatabase(url)).start()) {
                assertThat(first.app().cluster().clustered()).isFalse();
                Coffer second = Coffer.create(CofferConfig.of(dir).withDatabase(url));
                try {
                    assertThatThrownBy(second::start).isInstanceOf(AppStartException.class)
                            .hasMessageContaining("another instance (" + first.app().cluster().instanceId())
                            .hasMessageContaining("--bus=redis://");
                } finally {
                    second.close();
                }
            }
            try (Coffer next = Coffer.create(CofferConfig.of(dir).withDatabase(url)).start()) {
                assertThat(next.port()).isPositive();
            }
        } finally {
            databases.drop(url);
            Processes.deleteRecursively(dir);
        }
    }
}
