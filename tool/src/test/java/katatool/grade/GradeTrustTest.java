package katatool.grade;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import katatool.cli.Main;
import katatool.isolation.Landlock;
import katatool.isolation.Reaper;
import katatool.run.TestPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tampering tries against {@code kata grade}, each performed on a scratch copy of this repository
 * and named after what it tries; each checks that the grade is void or unchanged. These tests are
 * the specification of the grader's trust model (README, Grading).
 */
@DisplayName("kata grade against a learner out for points")
class GradeTrustTest {

    @TempDir
    Path temp;

    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");

    @Nested
    @DisplayName("a process kata's code that escapes its JVM")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Escape {

        // One grade serves every test here: the learner's k03 code tries everything at once, as
        // soon as its class is loaded, then halts its JVM.
        String marker = "escape-marker-" + UUID.randomUUID();
        String laterTests;
        Path later;
        GradeTest.Run run;
        JsonNode results;

        @BeforeAll
        @Timeout(value = 300, unit = SECONDS)
        void gradeTheEscape(@TempDir Path dir) throws IOException {
            Path fork = GradeTest.cloneRepo(dir);
            later = fork.resolve("katas/src/test/java/k07_lost_update/BalanceTest.java");
            laterTests = Files.readString(later, StandardCharsets.UTF_8);
            String script = String.join("\n",
                    "import java.nio.file.*;",
                    // a later kata's tests rewritten after the digests were checked: all pass for free
                    "try { Files.writeString(Path.of(\"" + jshellPath(later) + "\"), \"package k07_lost_update;"  // portability: allowed (string escapes, not paths)
                            + " class BalanceTest { @org.\" + \"ju\" + \"nit.jupiter.api.Test void free() {} }\");"
                            + " System.out.println(\"REWROTE\"); } catch (Exception e) { System.out.println(\"DENIED \" + e); }",
                    "System.out.println(\"LEAKED \" + System.getenv().keySet().stream().filter(k -> !java.util.Set.of("
                            + "\"PATH\", \"SystemRoot\", \"SYSTEMROOT\", \"windir\", \"WINDIR\", \"LANG\", \"LC_ALL\", \"TZ\","  // portability: allowed (string escapes, not paths)
                            + " \"TMP\", \"TEMP\", \"TMPDIR\").contains(k)).sorted().toList());",
                    "System.out.println(\"::error title=Forged::the learner's own annotation\");",
                    // a report in the runner's format, without the runner's nonce
                    "System.out.println(\"0123456789abcdef0123456789abcdef {\\\"id\\\":\\\"[engine:junit-jupiter]/[class:k03_subprocess.SubprocessTest]/[method:forged()]\\\",\\\"name\\\":\\\"forged\\\",\\\"status\\\":\\\"PASSED\\\"}\");",
                    "System.out.println(\"0123456789abcdef0123456789abcdef END 1\");",
                    "System.out.flush();",
                    // in the kata's own scratch folder, which the sandbox lets it write: tells the kata's JVM to halt
                    "Files.writeString(Path.of(\"escape-done\"), \"\");",
                    "/exit", "");
            Path stubs = fork.resolve("katas/src/main/java/k03_subprocess");
            Files.writeString(stubs.resolve("Escape.java"), """
                    package k03_subprocess;

                    import java.nio.charset.StandardCharsets;
                    import java.nio.file.Files;
                    import java.nio.file.Path;
                    import java.util.concurrent.CountDownLatch;

                    final class Escape {
                        static final String SCRIPT = %s;

                        private Escape() {}

                        /** Runs as Subprocess is loaded, in the first test: starts the escape, waits for it, halts. */
                        static void run() {
                            try {
                                // A JVM that starts the escape detached and exits at once: neither the
                                // tests' leak check nor this JVM's end stops what it started.
                                Process middle = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                                        "k03_subprocess.Escape", "detach", "%s").inheritIO().start();
                                while (middle.isAlive() || !Files.exists(Path.of("escape-done"))) {
                                    try {
                                        Thread.sleep(50); // the test's timeout interrupts: the escape goes on regardless
                                    } catch (InterruptedException e) {
                                        // keep waiting
                                    }
                                }
                            } catch (Exception e) {
                                // Not halting: the tests then fail with this reason, which the test names.
                                throw new IllegalStateException("the escape could not start its processes", e);
                            }
                            // Ends the JVM after the forged report, before the runner's own.
                            Runtime.getRuntime().halt(0);
                        }

                        private static String java() {
                            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
                        }

                        public static void main(String[] args) throws Exception {
                            if (args[0].equals("detach")) {
                                new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), "k03_subprocess.Escape",
                                        "linger", args[1]).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                                // jshell: any program a process kata can start, which no check of its classes sees into
                                Process shell = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jshell").toString(),
                                        "-q", "-").redirectOutput(ProcessBuilder.Redirect.INHERIT)
                                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                                try (var in = shell.getOutputStream()) {
                                    in.write(SCRIPT.getBytes(StandardCharsets.UTF_8));
                                }
                            } else {
                                new CountDownLatch(1).await();
                            }
                        }
                    }
                    """.formatted(javaString(script), marker), StandardCharsets.UTF_8);
            Path subprocess = stubs.resolve("Subprocess.java");
            String stub = Files.readString(subprocess, StandardCharsets.UTF_8);
            assertThat(stub).contains("public final class Subprocess {");
            Files.writeString(subprocess, stub.replace("public final class Subprocess {",
                    "public final class Subprocess {\n    static {\n        Escape.run();\n    }\n"), StandardCharsets.UTF_8);

            run = GradeTest.grade(dir, fork, "--kata", "k03_subprocess", "--kata", "k07_lost_update");
            results = run.json();
        }

        @AfterAll
        void noMarkedProcessLeft() {
            // Should the grade have left one, the test run must not.
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                    .forEach(ProcessHandle::destroyForcibly);
        }

        @Test
        @DisplayName("a report forged in the runner's format, then a halt, voids the kata and adds no test")
        void forgedReportThenHalt() {
            assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
            GradeTest.assertResultsShape(results);
            JsonNode k03 = results.at("/grade/katas/0");
            assertThat(k03.get("id").asText()).isEqualTo("k03_subprocess");
            assertThat(k03.get("points").asInt()).isZero();
            assertThat(k03.get("problem").asText()).as("k03: %s; its first test: %s", k03, results.at("/tests/0"))
                    .contains("without the runner's end of report");
            List<JsonNode> tests = tests(results, "k03_subprocess › ");
            assertThat(tests).isNotEmpty().allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("error"))
                    .noneSatisfy(t -> assertThat(t.get("name").asText()).contains("forged"));
            assertThat(k03.get("max_points").asLong()).as("the maximum is the grader's own count")
                    .isEqualTo(tests.stream().filter(t -> t.get("task_id").isInt()).count());
        }

        @Test
        @DisplayName("a later kata's tests rewritten while learner code runs are not the ones graded")
        void laterKataTestsRewrittenAtRunTime() {
            JsonNode k07 = results.at("/grade/katas/1");
            assertThat(k07.get("id").asText()).isEqualTo("k07_lost_update");
            assertThat(k07.get("points").asInt()).as("k07 is still the unsolved stub").isZero();
            assertThat(k07.get("tests").asInt()).isGreaterThan(1);
            assertThat(tests(results, "k07_lost_update › ")).noneSatisfy(
                    t -> assertThat(t.get("name").asText()).endsWith("free"));
        }

        @Test
        @DisplayName("on Linux with Landlock, the learner's code and the processes it starts cannot write to the repository")
        void writesOutsideTheScratchFolderAreDenied() throws IOException {
            assumeThat(Landlock.abi()).as("Landlock is offered by this kernel").isPositive();
            assertThat(results.at("/grade/katas/0/output").asText()).as("k03: %s", results.at("/grade/katas/0"))
                    .contains("DENIED").doesNotContain("REWROTE");
            assertThat(Files.readString(later, StandardCharsets.UTF_8)).isEqualTo(laterTests);
        }

        @Test
        @DisplayName("a detached process is gone when the grade is written")
        void detachedProcessIsGone() {
            assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains(marker))).isEmpty();
        }

        @Test
        @DisplayName("the learner's code sees none of the grader's environment (CI summary, output and token variables)")
        void environmentIsClean() {
            String output = results.at("/grade/katas/0/output").asText();
            assertThat(output).as("k03: %s", results.at("/grade/katas/0")).contains("LEAKED []");
        }

        @Test
        @DisplayName("workflow commands printed by the learner's code never reach the grader's console or the job summary")
        void workflowCommandsAreNotEchoed() throws IOException {
            assertThat(run.out()).doesNotContain("Forged");
            assertThat(run.err()).doesNotContain("Forged");
            assertThat(run.summaryText()).doesNotContain("Forged");
        }

        private static String jshellPath(Path file) {
            return file.toString().replace("\\", "\\\\");  // portability: allowed (string escapes, not paths)
        }

        private static String javaString(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";  // portability: allowed (string escapes, not paths)
        }
    }

    @Nested
    @DisplayName("the child's report")
    class Report {

        static final String NONCE = "00112233445566778899aabbccddeeff";
        static final List<TestPlan.Planned> PLAN = List.of(
                new TestPlan.Planned("[engine:junit-jupiter]/[class:k.ATest]/[method:a()]", "ATest › a", Set.of("task:1"),
                        false, "k.ATest", "a", "k.ATest"),
                new TestPlan.Planned("[engine:junit-jupiter]/[class:k.ATest]/[test-template:p(int)]", "ATest › p",
                        Set.of("task:2"), true, "k.ATest", "p", "k.ATest"));

        static Grader.ChildRun check(int exit, String... lines) {
            Grader.ReportReader reader = new Grader.ReportReader(NONCE,
                    new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
            reader.run();
            return Grader.check(PLAN, reader, exit);
        }

        static String line(String id) {
            return NONCE + " {\"id\":\"" + id + "\",\"name\":\"x\",\"status\":\"PASSED\",\"message\":\"\",\"output\":\"\"}";  // portability: allowed (string escapes, not paths)
        }

        @Test
        @Timeout(value = 10, unit = SECONDS)
        @DisplayName("an honest report is accepted, with a parameterized test's invocations, and lines without the nonce are ignored")
        void honestReport() {
            Grader.ChildRun run = check(0, "some output", line(PLAN.get(0).id()), line(PLAN.get(1).id() + "/[test-template-invocation:#1]"),
                    "ffffffffffffffffffffffffffffffff " + line("[engine:junit-jupiter]/[class:k.ATest]/[method:forged()]").substring(33),
                    NONCE + " END 2");

            assertThat(run.problem()).isEmpty();
            assertThat(run.reported()).hasSize(2);
            assertThat(run.tail()).contains("some output").doesNotContain(NONCE);
        }

        @Test
        @Timeout(value = 10, unit = SECONDS)
        @DisplayName("a report naming a test that does not exist is void")
        void reportNamingTestsThatDoNotExist() {
            assertThat(check(0, line(PLAN.get(0).id()), line("[engine:junit-jupiter]/[class:k.ATest]/[method:extra()]"),
                    NONCE + " END 2").problem()).get().asString().contains("does not have");
        }

        @Test
        @Timeout(value = 10, unit = SECONDS)
        @DisplayName("a report naming a test twice, or ending with another count, is void")
        void reportWithDuplicatesOrWrongCount() {
            assertThat(check(0, line(PLAN.get(0).id()), line(PLAN.get(0).id()), NONCE + " END 2").problem()).isPresent();
            assertThat(check(0, line(PLAN.get(0).id()), NONCE + " END 5").problem()).isPresent();
            assertThat(check(0, line(PLAN.get(0).id()), NONCE + " END 1", line(PLAN.get(0).id())).problem()).isPresent();
        }

        @Test
        @Timeout(value = 10, unit = SECONDS)
        @DisplayName("a malformed report voids the kata and does not crash the grader")
        void malformedReport() {
            assertThat(check(0, NONCE + " {not json", NONCE + " END 1").problem()).get().asString().contains("malformed");
            assertThat(check(0, NONCE + " {\"unknown\":1}", NONCE + " END 1").problem()).isPresent();
            assertThat(check(0, NONCE + " END many").problem()).isPresent();
        }

        @Test
        @Timeout(value = 10, unit = SECONDS)
        @DisplayName("a JVM that halts early (no end line, or an exit status other than 0) voids the kata")
        void haltedEarly() {
            assertThat(check(0, line(PLAN.get(0).id())).problem()).get().asString().contains("without the runner's end");
            assertThat(check(1, line(PLAN.get(0).id()), NONCE + " END 1").problem()).get().asString().contains("exit code 1");
        }
    }

    @Nested
    @DisplayName("files that are compiled but not checked")
    class Unchecked {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "katas/src/test/java/k06_threads/target/ExtraTest.java",
            "katas/src/test/java/k06_threads/node_modules/ExtraTest.java",
            "katas/src/given/java/k07_lost_update/target/Extra.java"})
        @Timeout(value = 120, unit = SECONDS)
        @DisplayName("a file the digest list skips, in a folder that is compiled, voids the grade and is named")
        void fileInASkippedFolder(String file) throws IOException {
            Path fork = GradeTest.cloneRepo(temp);
            Files.createDirectories(fork.resolve(file).getParent());
            String pkg = file.contains("k06") ? "k06_threads" : "k07_lost_update";
            Files.writeString(fork.resolve(file), "package " + pkg + ";\nclass " + (file.contains("Test") ? "ExtraTest" : "Extra")
                    + " {}\n", StandardCharsets.UTF_8);

            GradeTest.Run run = GradeTest.grade(temp, fork, "--kata", "k06_threads");

            assertThat(run.exit()).as("exit code; out: %s", run.out()).isEqualTo(Grader.EXIT_TAMPERED);
            assertThat(run.err()).contains("added: " + file);
            assertThat(run.json().get("status").asText()).isEqualTo("error");
        }
    }

    @Nested
    @DisplayName("crashes and stale files")
    class Crashes {

        @Test
        @Timeout(value = 120, unit = SECONDS)
        @DisplayName("a crash of the grader has an exit code of its own and still writes a results file with status error")
        void crashHasItsOwnExitCode() throws IOException {
            Path fork = GradeTest.cloneRepo(temp);
            // A JDK that passes the checks but whose java cannot start: the grader fails, not the learner.
            Path jdk = temp.resolve("broken-jdk");
            Files.createDirectories(jdk.resolve("bin"));
            Files.writeString(jdk.resolve("bin").resolve(LINUX || !windows() ? "java" : "java.exe"), "", StandardCharsets.UTF_8);
            Files.writeString(jdk.resolve("bin").resolve(LINUX || !windows() ? "javac" : "javac.exe"), "", StandardCharsets.UTF_8);
            Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25\"\n", StandardCharsets.UTF_8);

            GradeTest.Run run = GradeTest.grade(temp, fork, "--kata", "k06_threads", "--java-home", jdk.toString());

            assertThat(run.exit()).as("err: %s", run.err()).isEqualTo(Grader.EXIT_CRASHED).isNotEqualTo(Grader.EXIT_TAMPERED);
            assertThat(run.err()).contains("The grader failed");
            assertThat(run.json().get("status").asText()).isEqualTo("error");
            assertThat(run.json().get("message").asText()).contains("The grader failed");
        }

        @Test
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("a usage error (an unknown kata) leaves a results file that holds a grade as it was")
        void usageErrorKeepsAGoodResultsFile() throws IOException {
            Path fork = GradeTest.cloneRepo(temp);
            Path results = temp.resolve("out").resolve("results.json");
            Files.createDirectories(results.getParent());
            String good = "{\"version\":3,\"status\":\"fail\",\"message\":null,\"tests\":[],\"grade\":{\"points\":7}}";
            Files.writeString(results, good, StandardCharsets.UTF_8);

            GradeTest.Run run = GradeTest.grade(temp, fork, "--kata", "nope");

            assertThat(run.exit()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains("No kata called 'nope'", "left as it was");
            assertThat(Files.readString(results, StandardCharsets.UTF_8)).isEqualTo(good);
        }

        @Test
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("a stress jar built before the learner's code last changed is refused with the command that rebuilds it")
        void staleStressJar() throws IOException {
            Path fork = GradeTest.cloneRepo(temp);
            Path jar = temp.resolve("jcstress.jar");
            Files.writeString(jar, "", StandardCharsets.UTF_8);
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            Path fixed = fork.resolve("katas/src/main/java/k07_lost_update/LockedBalance.java");
            Files.writeString(fixed, "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            GradeTest.Run run = GradeTest.grade(temp, fork, "--kata", "k07_lost_update", "--stress-jar", jar.toString());

            assertThat(run.exit()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains("is older than your code", "katas/src/main/java/", "changed after it was built", "Rebuild it",
                    "-Dstress.target=katas");
        }

        private static boolean windows() {
            return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        }
    }

    @Nested
    @DisplayName("processes that escape")
    class Processes {

        @Test
        @Timeout(value = 120, unit = SECONDS)
        @DisplayName("on Linux, an orphan whose command line names nothing of the grade's (a double fork) is found through the subreaper and killed")
        void doubleForkedOrphanIsKilled() throws IOException, InterruptedException {
            assumeThat(LINUX).as("a child subreaper is a Linux feature").isTrue();
            String marker = "orphan-marker-" + UUID.randomUUID();
            try (Reaper reaper = new Reaper("no-such-folder-" + UUID.randomUUID())) {
                assumeThat(reaper.subreaper()).as("prctl(PR_SET_CHILD_SUBREAPER) is allowed here").isTrue();
                Process middle = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                        Detach.class.getName(), "detach", marker).inheritIO().start();
                assertThat(middle.waitFor(60, TimeUnit.SECONDS)).as("the middle JVM exits at once").isTrue();
                assertThat(ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("").contains(marker)))
                        .as("the orphan came back to this JVM").hasSize(1);

                assertThat(reaper.sweep()).isPositive();

                assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))).isEmpty();
            } finally {
                ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(marker))
                        .forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Nested
    @DisplayName("results.json")
    class Results {

        @Test
        @Timeout(value = 10, unit = SECONDS)
        @DisplayName("a test's output is capped at 500 characters with Exercism's truncation note")
        void outputIsCapped() {
            assertThat(ResultsJson.capped("x".repeat(500))).hasSize(500);
            assertThat(ResultsJson.capped("x".repeat(501))).startsWith("x".repeat(500)).endsWith("Please limit to 500 chars")
                    .hasSize(500 + ResultsJson.TRUNCATED.length());
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** A JVM that starts another and exits at once (a double fork), and the orphan it leaves, which waits forever. */
    public static final class Detach {
        public static void main(String[] args) throws Exception {
            if (args[0].equals("detach")) {
                new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), Detach.class.getName(), "linger", args[1])
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } else {
                new CountDownLatch(1).await();
            }
        }
    }

    static List<JsonNode> tests(JsonNode results, String prefix) {
        return java.util.stream.StreamSupport.stream(results.get("tests").spliterator(), false)
                .filter(t -> t.get("name").asText().startsWith(prefix)).toList();
    }
}
