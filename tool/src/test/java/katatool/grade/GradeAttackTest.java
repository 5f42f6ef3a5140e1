package katatool.grade;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import katatool.core.Repo;
import katatool.isolation.Landlock;
import katatool.run.KataCompiler;
import katatool.run.TestPlan;
import katatool.stress.FakeJcstress;
import katatool.stress.StressCheck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks found by red-teaming the grader, each performed end to end on a scratch fork and
 * graded; each had changed the grade before its fix. Beside {@link GradeTrustTest}, which holds
 * the attacks the grader was built against; {@link CodeCheckTest} holds the class-level ones.
 */
@DisplayName("kata grade against attacks found by red-teaming it")
class GradeAttackTest {

    @TempDir
    Path temp;

    private static String resource(String name) throws IOException {
        try (InputStream in = GradeAttackTest.class.getResourceAsStream("/attacks/" + name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @Timeout(value = 300, unit = SECONDS)
    @DisplayName("code that runs jshell in the kata's JVM to forge the runner's report (nonce from a heap dump) is refused and earns nothing")
    void jshellForgedReport() throws IOException {
        Path fork = GradeTest.cloneRepo(temp);
        Path k07 = fork.resolve("katas/src/main/java/k07_lost_update");
        Files.writeString(k07.resolve("Cheat.java"), resource("JshellForgery.java.txt"), StandardCharsets.UTF_8);
        Path balance = k07.resolve("SynchronizedBalance.java");
        String stub = Files.readString(balance, StandardCharsets.UTF_8);
        assertThat(stub).contains("public final class SynchronizedBalance implements Balance {");
        Files.writeString(balance, stub.replace("public final class SynchronizedBalance implements Balance {",
                "public final class SynchronizedBalance implements Balance {\n    static {\n        Cheat.run();\n    }\n"),
                StandardCharsets.UTF_8);

        // jcstress runs the refused code all the same: here it finds every balance clean.
        Path report = Files.createDirectories(temp.resolve("stress"));
        StringBuilder clean = new StringBuilder("RUN RESULTS:\n  All remaining tests: 5 matching test results.\n\n");
        for (String test : List.of("Lost_02_SafeBalances.Adder", "Lost_02_SafeBalances.Atomic", "Lost_02_SafeBalances.Locked",
                "Lost_02_SafeBalances.Synchronized", "Lost_04_ManyUpdatesLost.Sync")) {
            clean.append("....... [OK] k07_lost_update.").append(test).append("\n\n  Results across all configurations:\n\n")
                    .append("  RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION\n")
                    .append("       2  1,232,953  100.00%  Acceptable  Both deposits landed.\n\n");
        }
        Files.writeString(report.resolve("fake-jcstress-output.txt"), clean, StandardCharsets.UTF_8);

        GradeTest.Run run = GradeTest.grade(temp, fork, "--kata", "k07_lost_update", "--stress-jar",
                FakeJcstress.jar(temp).toString(), "--stress-report", report.toString());

        assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
        JsonNode results = run.json();
        assertThat(results.at("/grade/points").asLong()).as("points; out: %s", run.out()).isZero();
        assertThat(results.at("/grade/katas/0/stress_points").asInt()).as("stress points of refused code").isZero();
        assertThat(run.tests("k07_lost_update › stress › ")).hasSize(5)
                .allSatisfy(t -> assertThat(t.get("message").asText()).contains("your code was refused"));
        assertThat(results.at("/grade/max_points").asLong()).isPositive();
        assertThat(run.tests("k07_lost_update › ").stream().filter(t -> !t.get("name").asText().contains(" › stress › ")))
                .isNotEmpty().allSatisfy(t -> {
            assertThat(t.get("status").asText()).isEqualTo("error");
            assertThat(t.get("message").asText()).contains("katas/src/main/java/k07_lost_update/Cheat.java uses jdk.jshell.JShell");
        });
    }

    @Test
    @Timeout(value = 300, unit = SECONDS)
    @DisplayName("code that finds the nonce in its JVM's memory, then prints a report into System.out and closes it, earns nothing")
    void nonceFromMemoryThenClosedStdout() throws IOException {
        Path fork = GradeTest.cloneRepo(temp);
        Repo repo = new Repo(fork);
        List<String> ids = new ArrayList<>();
        try (KataCompiler compiler = new KataCompiler(System.getProperty("java.class.path"))) {
            KataCompiler.Output reference = compiler.compile(repo, "k07_lost_update", fork.resolve("solutions/src/main/java"),
                    temp.resolve("ids"));
            for (TestPlan.Planned t : TestPlan.discover("k07_lost_update", reference, repo.testResources())) {
                ids.add("\"" + t.id() + (t.template() ? "/[test-template-invocation:#1]" : "") + "\"");  // portability: allowed (JUnit ids, not paths)
            }
        }
        Path k07 = fork.resolve("katas/src/main/java/k07_lost_update");
        Files.writeString(k07.resolve("Ghost.java"), resource("NonceFromMemory.java.txt").replace("/*IDS*/", String.join(", ", ids)),
                StandardCharsets.UTF_8);
        Path balance = k07.resolve("SynchronizedBalance.java");
        Files.writeString(balance, Files.readString(balance, StandardCharsets.UTF_8).replace(
                "public final class SynchronizedBalance implements Balance {",
                "public final class SynchronizedBalance implements Balance {\n    static {\n        Ghost.start();\n    }\n"),
                StandardCharsets.UTF_8);

        GradeTest.Run run = GradeTest.grade(temp, fork, "--kata", "k07_lost_update");

        assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
        JsonNode results = run.json();
        assertThat(results.at("/grade/points").asLong()).as("points; out: %s", run.out()).isZero();
        if (Landlock.root()) {
            // Root reads /proc/self/mem whatever the sandbox: the forgery reaches the report, which is void.
            assertThat(results.at("/grade/katas/0/problem").asText()).contains("does not end as the runner ends it");
        }
    }

    @Test
    @Timeout(value = 300, unit = SECONDS)
    @DisplayName("without the sandbox, a process kata's code that compiles a forgery into a later kata's checked classes voids that kata")
    void laterKataClassesRewrittenWithoutTheSandbox() throws IOException {
        Path fork = GradeTest.cloneRepo(temp);
        // The forgery of jshellForgedReport, compiled by k03's code into k07's classes after the check.
        Path payload = Files.createDirectories(temp.resolve("payload"));
        Files.writeString(payload.resolve("Cheat.java"), resource("JshellForgery.java.txt"), StandardCharsets.UTF_8);
        String balance = Files.readString(fork.resolve("katas/src/main/java/k07_lost_update/SynchronizedBalance.java"),
                StandardCharsets.UTF_8);
        Files.writeString(payload.resolve("SynchronizedBalance.java"), balance.replace(
                "public final class SynchronizedBalance implements Balance {",
                "public final class SynchronizedBalance implements Balance {\n    static {\n        Cheat.run();\n    }\n"),
                StandardCharsets.UTF_8);
        Path k03 = fork.resolve("katas/src/main/java/k03_subprocess");
        Files.writeString(k03.resolve("Plant.java"), """
                package k03_subprocess;

                import java.nio.file.Path;

                final class Plant {
                    private Plant() {}

                    static void run() {
                        try {
                            // The kata's JVM runs in <scratch>/run/<kata>; the classes are in <scratch>/classes.
                            Path k07 = Path.of("").toAbsolutePath().getParent().getParent()
                                    .resolve("classes").resolve("learner").resolve("k07_lost_update").resolve("main");
                            Path payload = Path.of(%s);
                            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                                    "-d", k07.toString(), "-cp", k07.toString(), payload.resolve("Cheat.java").toString(),
                                    payload.resolve("SynchronizedBalance.java").toString()).inheritIO().start().waitFor();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                """.formatted(javaString(payload.toString())), StandardCharsets.UTF_8);
        Path subprocess = k03.resolve("Subprocess.java");
        String stub = Files.readString(subprocess, StandardCharsets.UTF_8);
        assertThat(stub).contains("public final class Subprocess {");
        Files.writeString(subprocess, stub.replace("public final class Subprocess {",
                "public final class Subprocess {\n    static {\n        Plant.run();\n    }\n"), StandardCharsets.UTF_8);

        GradeTest.Run run = GradeTest.grade(temp, fork, "--kata", "k03_subprocess", "--kata", "k07_lost_update", "--sandbox", "off");

        assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
        assertThat(run.json().at("/grade/points").asLong()).as("points; out: %s", run.out()).isZero();
        assertThat(run.tests("k07_lost_update › ")).isNotEmpty().allSatisfy(t -> {
            assertThat(t.get("status").asText()).isEqualTo("error");
            assertThat(t.get("message").asText()).contains("compiled classes or the tests' resources were changed after they were checked");
        });
    }

    private static String javaString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";  // portability: allowed (string escapes, not paths)
    }

    @Test
    @Timeout(value = 300, unit = SECONDS)
    @DisplayName("code that switches the thread CPU clock off after a wrong measurement does not turn its failing test into a skipped one")
    void cpuClockSwitchedOffToSkip() throws IOException {
        Path fork = GradeTest.cloneRepo(temp);
        GradeTest.solve(fork, "k09_parallelism");
        Path meter = fork.resolve("katas/src/main/java/k09_parallelism/CpuMeter.java");
        String reference = Files.readString(meter, StandardCharsets.UTF_8);
        String wrong = reference.replace("long before = THREADS.getCurrentThreadCpuTime();", "long before = System.nanoTime();")
                .replace("cpuNanos.add(THREADS.getCurrentThreadCpuTime() - before);",
                        "cpuNanos.add(10_000_000_000L); // ten seconds a worker, whatever it used")
                .replace("        return new Usage(", "        THREADS.setThreadCpuTimeEnabled(false);\n        return new Usage(");
        assertThat(wrong).as("the reference as expected").isNotEqualTo(reference).contains("setThreadCpuTimeEnabled(false)", "10_000_000_000L");
        Files.writeString(meter, wrong, StandardCharsets.UTF_8);

        GradeTest.Run run = GradeTest.grade(temp, fork, "--kata", "k09_parallelism");

        assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
        assertThat(run.tests("k09_parallelism › CpuMeter › measuring (task 2) › adds up the processor time every worker used itself"))
                .singleElement().satisfies(t -> assertThat(t.get("status").asText()).as(t.toString()).isEqualTo("fail"));
    }

    @Test
    @DisplayName("a line without end in a kata JVM's output (a test's huge message or print) is cut as it is read")
    void endlessLineIsCut() {
        String nonce = "0123456789abcdef0123456789abcdef";
        String huge = "x".repeat(3 << 20);
        Grader.ReportReader reader = new Grader.ReportReader(nonce, new java.io.ByteArrayInputStream(
                (nonce + " {\"id\":\"" + huge + "\"}\n" + huge).getBytes(StandardCharsets.UTF_8)));  // portability: allowed (JSON, not paths)

        reader.run();

        assertThat(reader.lines()).singleElement().satisfies(l -> assertThat(l.length()).isLessThan(huge.length()));
        assertThat(reader.tail().length()).isLessThan(huge.length());
    }

    /**
     * The stress verdicts come from jcstress's console output, into which the code under test
     * prints too: a balance that loses updates printed a copy of a clean result, which replaced
     * its real one (k07's unlocked "LockedBalance" went from −1 to +1 in a real grade).
     */
    @Nested
    @DisplayName("jcstress's output, with the code under test printing into it")
    class StressOutput {

        private static final String NAME = "k07_lost_update.Lost_02_SafeBalances.Locked";

        /** jcstress's RUN RESULTS for the unlocked balance, with what its VM printed in the place jcstress shows it. */
        private static List<String> output(String... printed) {
            List<String> lines = new ArrayList<>(List.of("RUN RESULTS:", "  Failed tests: 1 matching test results.", "",
                    "...... [FAILED] " + NAME, "", "  Results across all configurations:", "",
                    "  RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION",
                    "       1     13,653    1.21%   Forbidden  Lost update: the lock did not keep the threads apart.",
                    "       2  1,116,900   98.79%  Acceptable  Both deposits landed.", "", "  VM output stream:"));
            for (String p : printed) {
                lines.add("    " + p);
            }
            lines.addAll(List.of("", "", "  Error tests: No matches.", "", "  All remaining tests: No matches."));
            return lines;
        }

        private static Grade.StressVerdict verdict(List<String> output) {
            Map<String, StressCheck.TestRun> runs = StressCheck.parse(output);
            return StressGrade.score(NAME, runs.get(NAME)).verdict();
        }

        @Test
        @DisplayName("a clean result printed by the balance, indented as jcstress shows it, does not replace the real one")
        void printedCopyOfACleanResult() {
            List<String> output = output("[OK] " + NAME, "  RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION",
                    "       2  3,690,553  100.00%  Acceptable  Both deposits landed.");

            assertThat(verdict(output)).isEqualTo(Grade.StressVerdict.LOST_UPDATE);
        }

        @Test
        @DisplayName("a copy at the left margin (a line break inside an exception's message) makes the test an error, not clean")
        void copyAtTheLeftMargin() {
            List<String> output = output("java.lang.IllegalStateException: x");
            output.addAll(output.indexOf("  Error tests: No matches."), List.of(".......... [OK] " + NAME, "",
                    "  RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION",
                    "       2  3,690,553  100.00%  Acceptable  Both deposits landed."));

            assertThat(verdict(output)).isEqualTo(Grade.StressVerdict.ERROR);
        }

        @Test
        @DisplayName("a section header and outcome rows printed by the balance add no samples")
        void printedRowsAfterAHeader() {
            List<String> output = output("  Failed tests: No matches.",
                    "       2  3,690,553  100.00%  Acceptable  Both deposits landed.");
            Map<String, StressCheck.TestRun> runs = StressCheck.parse(output);

            assertThat(runs.get(NAME).samples()).isEqualTo(13_653 + 1_116_900);
            assertThat(verdict(output)).isEqualTo(Grade.StressVerdict.LOST_UPDATE);
        }

        @Test
        @DisplayName("a carriage return printed by the balance does not start a line of jcstress's own")
        void carriageReturnStartsNoLine() throws IOException {
            List<String> lines = new ArrayList<>();
            StressCheck.readLines(new StringReader("    x\r.......... [OK] " + NAME + "\r\nnext\n" + "y".repeat(StressCheck.MAX_LINE + 10)),
                    lines::add);

            assertThat(lines).containsExactly("    x\r.......... [OK] " + NAME, "next", "y".repeat(StressCheck.MAX_LINE));
        }
    }
}
