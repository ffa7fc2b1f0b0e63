package dev.coffer.core.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.tools.cron.CronJob;
import dev.coffer.tools.filesystem.FileInfo;
import dev.coffer.tools.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class AutoBackupScheduleTest {

    private static final String JOB = "__pbAutoBackup__";

    @TempDir
    Path dir;
    App app;

    @BeforeEach
    void open() {
        app = App.open(AppConfig.of(dir));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private void backups(String json) {
        app.replaceSettings(app.settings().withPatch((ObjectNode) Json.parse("{\"backups\":" + json + "}")));
    }

    private Optional<CronJob> job() {
        return app.cron().jobs().stream().filter(j -> j.id().equals(JOB)).findFirst();
    }

    @Test
    void theJobFollowsBackupsCron() throws Exception {
        assertThat(job()).as("no cron expression, no job").isEmpty();

        backups("{\"cron\":\"0 3 * * *\",\"cronMaxKeep\":2}");
        assertThat(job()).hasValueSatisfying(j -> assertThat(j.expression()).isEqualTo("0 3 * * *"));

        for (int i = 0; i < 3; i++) {
            job().orElseThrow().task().run();
            Thread.sleep(1100); // names carry the time to the second
        }
        List<FileInfo> autos = app.backupsFileSystem().list("@auto_pb_backup_");
        assertThat(autos).as("cronMaxKeep keeps the newest two").hasSize(2);

        backups("{\"cron\":\"\"}");
        assertThat(job()).as("cleared expression removes the job").isEmpty();
    }

    @Test
    void reloadingTheSettingsReschedules() {
        backups("{\"cron\":\"@daily\"}");
        assertThat(job()).isPresent();
        app.reloadSettings();
        assertThat(job()).as("the stored settings have no cron yet").isEmpty();
    }
}
