package dev.coffer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coffer typegen} on PocketBase's test fixture (auth, base and view collections, most field kinds): the Java
 * records compile with the JDK's compiler, and the TypeScript types compile with {@code tsc} against the official
 * {@code pocketbase} SDK (from {@code e2e/node_modules}), used as a {@code TypedPocketBase}. The TypeScript check
 * needs node and npm: it skips without them, or fails under {@code COFFER_REQUIRE_SERVICES=1}.
 */
class TypegenTest {

    @TempDir
    static Path tmp;

    private static Path dataDir;

    @BeforeAll
    static void copyFixture() throws IOException {
        dataDir = tmp.resolve("data");
        Path fixture = Processes.repositoryRoot().resolve("fixtures").resolve("pocketbase-testdata");
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = dataDir.resolve(fixture.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith("-wal") && !p.getFileName().toString().endsWith("-shm")) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void typegen(String... args) {
        List<String> all = new ArrayList<>(List.of("typegen", "--dir=" + dataDir));
        all.addAll(List.of(args));
        assertThat(Cli.run(all.toArray(String[]::new))).as("coffer typegen exit code").isZero();
    }

    @Test
    void javaRecordsCompile() throws IOException {
        Path out = tmp.resolve("java");
        typegen("--lang=java", "--out=" + out, "--package=com.example.types");
        Path dir = out.resolve("com/example/types");
        List<String> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.map(Path::toString).sorted().toList();
        }
        assertThat(sources).hasSize(16);
        assertThat(Files.readString(dir.resolve("Demo1.java")))
                .contains("List<String> select_many", "GeoPoint point", "double number", "Object json");
        assertThat(Files.readString(dir.resolve("Users.java"))).doesNotContain("password", "tokenKey");

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK compiler").isNotNull();
        java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-d", tmp.resolve("classes").toString(), "-Xlint:all", "-Werror"));
        args.addAll(sources);
        int code = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(code).as(diagnostics.toString(UTF_8)).isZero();
    }

    @Test
    void typeScriptCompilesAgainstTheSdk() throws Exception {
        Path out = tmp.resolve("ts");
        typegen("--lang=ts", "--out=" + out);
        String types = Files.readString(out.resolve("coffer-types.ts"));
        assertThat(types).contains("export interface Demo1Record {", "collection(idOrName: \"demo1\"): "
                + "RecordService<Demo1Response>", "export enum Collections {");

        NodeTools.requireNodeAndNpm("typegen TypeScript check");
        Path e2e = Processes.repositoryRoot().resolve("e2e");
        NodeTools.ensureNodeModules("typegen TypeScript check", e2e, "typescript");
        Path modules = Files.createSymbolicLink(out.resolve("node_modules"), e2e.resolve("node_modules"));
        try {
            compileWithTsc(out, e2e);
        } finally {
            Files.delete(modules); // the temp folder's clean-up would otherwise follow it
        }
    }

    private static void compileWithTsc(Path out, Path e2e) throws Exception {
        Files.writeString(out.resolve("check.ts"), """
                import PocketBase from 'pocketbase'
                import { Collections, type TypedPocketBase, type Demo1Response } from './coffer-types.js'

                export async function check(): Promise<void> {
                  const pb = new PocketBase('http://127.0.0.1:8090') as TypedPocketBase
                  const one: Demo1Response = await pb.collection('demo1').getOne('x')
                  const text: string = one.text
                  const count: number = one.number
                  const many: string[] = one.file_many
                  const point: { lon: number; lat: number } = one.point
                  const page = await pb.collection('users').getList(1, 20, { filter: 'verified = true' })
                  const email: string = page.items[0].email
                  const name: Collections = page.items[0].collectionName
                  const other = await pb.collection('anything').getOne('x')
                  // @ts-expect-error a field demo1 doesn't have
                  one.nope
                  // @ts-expect-error a select value outside the field's values
                  const bad: Demo1Response['select_one'] = 'nope'
                  console.log(text, count, many, point, email, name, other.id, bad)
                }
                """, UTF_8);
        Path tsc = e2e.resolve("node_modules/typescript/bin/tsc");
        Path log = tmp.resolve("tsc.log");
        Processes.Result result = Processes.run(List.of(NodeTools.command("node"), tsc.toString(), "--noEmit",
                "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext",
                "coffer-types.ts", "check.ts"), out, Map.of(), log, Duration.ofSeconds(90));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
