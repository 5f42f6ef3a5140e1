package katatool.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import katatool.cli.Main;
import katatool.core.Repo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test skipped on this machine (an unmet assumption, such as a measurement that needs a free
 * core) neither passes nor fails a kata in {@code run}, as grading leaves it out: a busy machine
 * must never turn a correct solution into an unsolved kata.
 */
@DisplayName("the learner's tool, given a test skipped on this machine")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SkippedTestVerdictTest {

    static final String KATA = "k06_threads";

    @TempDir
    Path dir;

    @Test
    @DisplayName("says the kata is solved when every other test passes, names the skipped test as skipped, and exits 0")
    void skippedTestDoesNotUnsolve() throws IOException {
        Repo real = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
        Repo repo = KataCopy.copyKata(real, real.manifest().find(KATA), dir.resolve("repo"));
        Files.write(repo.stubDir(KATA).resolve("NamedThreads.java"),
                Files.readAllBytes(repo.solutionDir(KATA).resolve("NamedThreads.java")));
        Files.writeString(repo.testDir(KATA).resolve("NeedsAQuietMachineTest.java"), """
                package k06_threads;

                import static org.assertj.core.api.Assumptions.assumeThat;

                import org.junit.jupiter.api.DisplayName;
                import org.junit.jupiter.api.Tag;
                import org.junit.jupiter.api.Test;

                @DisplayName("a measurement")
                class NeedsAQuietMachineTest {
                    @Test
                    @Tag("task:1")
                    @DisplayName("needs a free core")
                    void needsAFreeCore() {
                        assumeThat(false).as("a core free of other processes").isTrue();
                    }
                }
                """, StandardCharsets.UTF_8);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(repo.root(), new String[] {"run", KATA}, new BufferedReader(new StringReader("")),
                new PrintWriter(out), new PrintWriter(err));

        assertThat(out.toString())
                .contains("– a measurement › needs a free core (skipped on this machine, not counted)")
                .containsPattern(KATA + " is solved: all \\d+ tests pass\\. \\(1 skipped on this machine")
                .contains("✔ Task 1:")
                .doesNotContain("✘");
        assertThat(exit).as("exit code of run, with output:%n%s%s", out, err).isZero();
    }
}
