package dev.coffer.core.jobs;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.tools.json.Json;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A process for {@link JobsCrashTest}: opens the app in a data directory, optionally enqueues {@code N} jobs of type
 * {@code crash}, runs three workers whose handler writes {@code S id} before and {@code E id} after a few
 * milliseconds of work to a log file, and either runs until it is killed or, in {@code finish} mode, until no job is
 * pending or running.
 *
 * <p>Arguments: data directory, {@code enqueue:N} or {@code finish}, log file.
 */
public final class JobsCrashChild {

    private JobsCrashChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args[1];
        try (FileChannel log = FileChannel.open(Path.of(args[2]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND); App app = App.open(AppConfig.of(dir))) {
            app.jobs().handle("crash", job -> {
                write(log, "S " + job.id() + "\n");
                Thread.sleep(3);
                write(log, "E " + job.id() + "\n");
            });
            if (mode.startsWith("enqueue:")) {
                int n = Integer.parseInt(mode.substring("enqueue:".length()));
                for (int i = 0; i < n; i++) {
                    app.jobs().enqueue("crash", Json.parse("{\"n\":" + i + "}"));
                }
                System.out.println("ENQUEUED");
                System.out.flush();
            }
            app.jobs().start(3);
            if (!mode.equals("finish")) {
                Thread.sleep(Long.MAX_VALUE);
            }
            while (app.jobs().counts().get(JobState.PENDING) + app.jobs().counts().get(JobState.RUNNING) > 0) {
                Thread.sleep(20);
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }

    private static synchronized void write(FileChannel log, String line) throws java.io.IOException {
        log.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
    }
}
