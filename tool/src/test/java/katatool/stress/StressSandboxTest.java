package katatool.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import katatool.isolation.Landlock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stress jar of a grade runs the learner's balances inside jcstress's JVMs: in a grade those
 * JVMs get the same sandbox as the katas' (writes only in the stress folder, a clean environment).
 */
@DisplayName("the grade's jcstress run")
@Timeout(120)
class StressSandboxTest {

    @TempDir
    Path temp;

    String escape(boolean sandboxed) throws IOException, InterruptedException {
        Path work = Files.createDirectories(temp.resolve(sandboxed ? "sandboxed" : "plain"));
        Files.writeString(work.resolve("fake-jcstress-output.txt"), "RUN RESULTS:\n", StandardCharsets.UTF_8);
        Path outside = temp.resolve("outside-" + sandboxed + ".txt");
        Files.writeString(work.resolve("fake-jcstress-escape.txt"), outside.toString(), StandardCharsets.UTF_8);
        List<String> printed = StressCheck.jcstress(FakeJcstress.jar(temp), List.of(), work, Duration.ofMinutes(1), null, sandboxed);
        return String.join("\n", printed) + (Files.exists(outside) ? "\nOUTSIDE FILE EXISTS" : "");
    }

    @Test
    @DisplayName("cannot write outside its stress folder when the grade is sandboxed (and can when it is not)")
    void writesAreDenied() throws IOException, InterruptedException {
        assumeThat(Landlock.abi()).as("Landlock is offered by this kernel").isPositive();

        assertThat(escape(true)).contains("ESCAPE DENIED").doesNotContain("OUTSIDE FILE EXISTS");
        assertThat(escape(false)).as("the same code without the sandbox").contains("ESCAPE WRITTEN").contains("OUTSIDE FILE EXISTS");
    }

    @Test
    @DisplayName("sees none of the grader's environment (the CI's files, HOME) when sandboxed")
    void environmentIsClean() throws IOException, InterruptedException {
        assumeThat(System.getenv("HOME")).as("the grader's own environment has HOME").isNotNull();

        assertThat(escape(true)).contains("SUMMARY VARIABLE null").contains("HOME VARIABLE null");
        assertThat(escape(false)).as("the same code without the sandbox").contains("HOME VARIABLE " + System.getenv("HOME"));
    }
}
