package katatool.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kata.cmd's rebuild check: cmd cannot compare file times, so the tool tells it when its jar is stale. */
@DisplayName("the tool's freshness check (kata.cmd rebuilds a stale jar)")
@Timeout(30)
class FreshnessTest {

    static final Instant BUILT = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path root;

    Path jar;
    Path source;

    @BeforeEach
    void layout() throws IOException {
        // Explicit times, not "now": the check must not depend on how fast the file system ticks.
        source = write(root.resolve("tool/src/main/java/katatool/cli/Main.java"), BUILT.minusSeconds(60));
        write(root.resolve("tool/pom.xml"), BUILT.minusSeconds(60));
        write(root.resolve("pom.xml"), BUILT.minusSeconds(60));
        jar = write(root.resolve("tool/target/kata-tool.jar"), BUILT);
    }

    @Test
    @DisplayName("finds nothing when the jar is newer than every source")
    void freshJar() {
        assertThat(Freshness.newerSource(root, jar)).isEmpty();
    }

    @Test
    @DisplayName("names a tool source changed after the jar was built")
    void changedSource() throws IOException {
        Files.setLastModifiedTime(source, FileTime.from(BUILT.plusSeconds(1)));

        assertThat(Freshness.newerSource(root, jar)).contains(source);
    }

    @Test
    @DisplayName("names the tool's pom and the parent pom too, since they change how it is built")
    void changedPoms() throws IOException {
        Path parentPom = root.resolve("pom.xml");
        Files.setLastModifiedTime(parentPom, FileTime.from(BUILT.plusSeconds(1)));

        assertThat(Freshness.newerSource(root, jar)).contains(parentPom);
    }

    @Test
    @DisplayName("ignores changes outside the tool, such as the learner's own katas")
    void ignoresKatas() throws IOException {
        write(root.resolve("katas/src/main/java/k01_spawn/Spawn.java"), BUILT.plusSeconds(3600));

        assertThat(Freshness.newerSource(root, jar)).isEmpty();
    }

    @Test
    @DisplayName("does not check at all when the tool runs from classes rather than its jar (tests, the IDE)")
    void notFromAJar() {
        assertThat(Freshness.runningJar()).isEmpty();
    }

    @Test
    @DisplayName("checks the built jar that kata.jar names when the JVM runs a copy of it (kata.cmd, so that Windows can replace the jar)")
    void copyNamesItsOriginal() throws IOException {
        write(root.resolve("katas/manifest.json"), BUILT);
        String before = System.getProperty(Freshness.JAR_PROPERTY);
        System.setProperty(Freshness.JAR_PROPERTY, jar.toString());
        try {
            assertThat(Freshness.runningJar()).contains(new Freshness.Install(root.toAbsolutePath(), jar.toAbsolutePath()));
        } finally {
            if (before == null) {
                System.clearProperty(Freshness.JAR_PROPERTY);
            } else {
                System.setProperty(Freshness.JAR_PROPERTY, before);
            }
        }
    }

    private static Path write(Path file, Instant modified) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, file.getFileName().toString(), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
