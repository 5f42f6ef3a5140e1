package katatool.grade;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import katatool.cli.Main;
import katatool.core.Checksums;
import katatool.core.Repo;
import katatool.stress.FakeJcstress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kata grade} on temporary copies of this repository, through {@link Main#execute}: the
 * score, the results file, the job summary, tamper evidence and bad input.
 *
 * <p>Each copy holds exactly the files a clone has that grading reads (protected files, stubs,
 * references), with its digest lists regenerated, so a maintainer's uncommitted edit never makes
 * a copy look tampered. Grades that run kata tests are limited to k06 and k07 with {@code --kata},
 * so these tests do not grow slower as katas are added.
 */
@DisplayName("kata grade")
class GradeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Repo REAL = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());

    @TempDir
    Path temp;

    /** What one grade command did. */
    record Run(int exit, String out, String err, Path results, Path summary) {
        JsonNode json() throws IOException {
            return JSON.readTree(results.toFile());
        }

        String summaryText() throws IOException {
            return Files.readString(summary, StandardCharsets.UTF_8);
        }

        List<JsonNode> tests(String prefix) throws IOException {
            return StreamSupport.stream(json().get("tests").spliterator(), false)
                    .filter(t -> t.get("name").asText().startsWith(prefix)).toList();
        }
    }

    /** A fresh clone: the files grading reads, copied, and digest lists that match them. */
    Path cloneRepo() throws IOException {
        return cloneRepo(temp);
    }

    /** A fresh clone in {@code temp}/fork. */
    static Path cloneRepo(Path temp) throws IOException {
        Path root = temp.resolve("fork");
        Set<String> files = new TreeSet<>(Checksums.compute(REAL, Checksums.Kind.PROTECTED).keySet());
        files.addAll(Checksums.compute(REAL, Checksums.Kind.STUBS).keySet());
        try (Stream<Path> references = Files.walk(REAL.root().resolve("solutions/src/main/java"))) {
            references.filter(Files::isRegularFile).forEach(f -> files.add(Checksums.relative(REAL, f)));
        }
        for (String file : files) {
            Path target = root.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(REAL.root().resolve(file), target);
        }
        Repo fork = new Repo(root);
        Checksums.write(fork, Checksums.Kind.PROTECTED);
        Checksums.write(fork, Checksums.Kind.STUBS);
        return root;
    }

    /** Copies a kata's reference over its stub: the kata solved by hand. */
    static void solve(Path fork, String kata) throws IOException {
        try (Stream<Path> references = Files.list(fork.resolve("solutions/src/main/java").resolve(kata))) {
            for (Path reference : references.toList()) {
                Files.copy(reference, fork.resolve("katas/src/main/java").resolve(kata).resolve(reference.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    Run grade(Path fork, String... options) {
        return grade(temp, fork, options);
    }

    /** Runs {@code kata grade} on the fork, with the results and the job summary in {@code temp}/out. */
    static Run grade(Path temp, Path fork, String... options) {
        Path results = temp.resolve("out").resolve("results.json");
        Path summary = temp.resolve("out").resolve("summary.md");
        List<String> args = new ArrayList<>(List.of("grade", "--results", results.toString(), "--summary", summary.toString()));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(fork, args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString(), results, summary);
    }

    /** The test files of a folder, by name, one after another. */
    static String concatenatedTests(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
            return all.toString();
        }
    }

    static void assertResultsShape(JsonNode results) {
        assertThat(results.get("version").asInt()).as("version").isEqualTo(3);
        assertThat(results.get("status").asText()).as("status").isIn("pass", "fail", "error");
        assertThat(results.has("message")).as("has message").isTrue();
        for (JsonNode test : results.get("tests")) {
            assertThat(test.fieldNames()).toIterable().as("fields of %s", test)
                    .contains("name", "status", "message", "output", "task_id", "test_code");
            assertThat(test.get("status").asText()).as("status of %s", test.get("name")).isIn("pass", "fail", "error");
            assertThat(test.get("task_id").isNull() || test.get("task_id").isInt()).as("task_id of %s", test.get("name")).isTrue();
        }
    }

    static long matching(String text, String regex, int group) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as("output matches %s:%n%s", regex, text).isTrue();
        return Long.parseLong(m.group(group));
    }

    @Nested
    @DisplayName("on a fresh clone with a kata solved by hand")
    class Score {

        @Test
        @Timeout(value = 300, unit = SECONDS)
        @DisplayName("prints each kata's score and the total, and writes a valid results file and job summary")
        void solvedKataEarnsItsPoints() throws IOException {
            Path fork = cloneRepo();
            solve(fork, "k07_lost_update");

            Run run = grade(fork, "--kata", "k06_threads", "--kata", "k07_lost_update");

            assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
            long k07 = matching(run.out(), "^\\s+k07_lost_update\\s+(\\d+)/(\\1)\\s", 1);
            long k06 = matching(run.out(), "^\\s+k06_threads\\s+0/(\\d+)\\s", 1);
            assertThat(k07).as("k07 tests").isPositive();
            assertThat(k06).as("k06 tests").isPositive();
            assertThat(run.out()).contains("Total: " + k07 + " of " + (k07 + k06) + " points, 1 of 2 katas solved.");

            JsonNode results = run.json();
            assertResultsShape(results);
            assertThat(results.get("status").asText()).isEqualTo("fail");
            assertThat(results.get("message").isNull()).as("message is null unless status is error").isTrue();
            assertThat(run.tests("k07_lost_update › ")).extracting(t -> t.get("status").asText()).containsOnly("pass");
            assertThat(run.tests("k07_lost_update › ").stream().filter(t -> t.get("task_id").isInt())).hasSize((int) k07);
            assertThat(run.tests("k06_threads › ").stream().filter(t -> t.get("task_id").isInt())
                    .map(t -> t.get("status").asText())).hasSize((int) k06).containsOnly("fail");
            assertThat(results.at("/grade/points").asLong()).isEqualTo(k07);
            assertThat(results.at("/grade/max_points").asLong()).isEqualTo(k07 + k06);

            // Exercism's v3: each test's source, the tests in the order of their test file.
            assertThat(run.tests("k07_lost_update › ")).allSatisfy(t -> assertThat(t.get("test_code").asText()).isNotBlank());
            String sources = concatenatedTests(fork.resolve("katas/src/test/java/k07_lost_update"));
            List<String> lastNames = run.tests("k07_lost_update › ").stream()
                    .map(t -> t.get("name").asText().substring(t.get("name").asText().lastIndexOf(" › ") + 3)).toList();
            List<Integer> positions = lastNames.stream()
                    // a test inherited by several classes says nothing of the order
                    .filter(name -> java.util.Collections.frequency(lastNames, name) == 1)
                    .map(name -> "@DisplayName(\"" + name + "\")")  // portability: allowed (string escapes, not paths)
                    // names used once only: a name shared by several nested classes says nothing of the order
                    .filter(a -> sources.indexOf(a) >= 0 && sources.indexOf(a) == sources.lastIndexOf(a))
                    .map(sources::indexOf).toList();
            assertThat(positions).as("declaration order").hasSizeGreaterThan(1).isSorted();

            assertThat(run.summaryText()).contains("## Kata grade: " + k07 + " of " + (k07 + k06) + " points",
                    "| `k07_lost_update`", "| **total** |");
            try (Stream<Path> left = Files.list(run.results().getParent())) {
                assertThat(left.map(p -> p.getFileName().toString())).as("no temporary file left behind")
                        .containsExactlyInAnyOrder("results.json", "summary.md");
            }
        }
    }

    @Nested
    @DisplayName("when the learner's code misbehaves")
    class Misbehaving {

        @Test
        @Timeout(value = 300, unit = SECONDS)
        @DisplayName("a kata that does not compile and a kata whose code halts the JVM, hooks its shutdown or walks the"
                + " stack for canned answers cost their own points, not the grade, and each refused call is named")
        void compileErrorAndRefusedCalls() throws IOException {
            Path fork = cloneRepo();
            Path locked = fork.resolve("katas/src/main/java/k07_lost_update/LockedBalance.java");
            Files.writeString(locked, "\nthis line does not compile\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Files.writeString(fork.resolve("katas/src/main/java/k06_threads/NamedThreads.java"), """
                    package k06_threads;

                    import java.util.concurrent.Callable;

                    public final class NamedThreads {
                        private NamedThreads() {}

                        // Canned answers: behave one way under the test framework, another way elsewhere.
                        private static boolean underTest() {
                            return StackWalker.getInstance().walk(s -> s.anyMatch(f -> f.getClassName().startsWith(new StringBuilder("tinuj.gro").reverse().toString())))
                                    || new Throwable().getStackTrace().length > 50
                                    || System.getProperty("java.class.path").contains(new StringBuilder("tinuj").reverse());
                        }

                        public static Thread start(String name, Runnable task) {
                            if (underTest()) {
                                System.exit(42);
                            }
                            return null;
                        }

                        public static <T> T call(String name, Callable<T> task) {
                            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("all passed")));
                            return null;
                        }

                        public static Thread startVirtual(String name, Runnable task) {
                            Runtime.getRuntime().halt(0);
                            return null;
                        }
                    }
                    """, StandardCharsets.UTF_8);

            Run run = grade(fork, "--kata", "k06_threads", "--kata", "k07_lost_update");

            assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
            assertThat(run.out()).contains("k07_lost_update: k07_lost_update does not compile", "k06_threads: refused");
            JsonNode results = run.json();
            assertResultsShape(results);
            assertThat(results.get("status").asText()).as("one kata's failure is not an error of the grade").isEqualTo("fail");
            assertThat(run.tests("k07_lost_update › ")).as("k07's tests, listed from the references").isNotEmpty()
                    .allSatisfy(t -> {
                        assertThat(t.get("status").asText()).isEqualTo("error");
                        assertThat(t.get("message").asText()).contains("does not compile", "LockedBalance.java");
                    });
            assertThat(run.tests("k06_threads › ")).isNotEmpty().allSatisfy(t -> {
                assertThat(t.get("status").asText()).isEqualTo("error");
                assertThat(t.get("message").asText()).contains("katas/src/main/java/k06_threads/NamedThreads.java calls",
                        "java.lang.System.exit (halting the JVM)", "java.lang.Runtime.halt (halting the JVM)",
                        "java.lang.Runtime.addShutdownHook (a shutdown hook)", "java.lang.StackWalker.getInstance (stack walking",
                        ".getStackTrace (stack walking", "System.getProperty(\"java.class.path\")");
            });
            assertThat(results.at("/grade/points").asLong()).isZero();
            assertThat(results.at("/grade/max_points").asLong()).as("the lost points still count in the maximum")
                    .isEqualTo(Stream.concat(run.tests("k07_lost_update › ").stream(), run.tests("k06_threads › ").stream())
                            .filter(t -> t.get("task_id").isInt()).count());
        }

        @Test
        @Timeout(value = 120, unit = SECONDS)
        @DisplayName("a kata whose tests hang past the ceiling is stopped, scored as errors, and leaves no process behind")
        void hangIsStopped() throws IOException {
            Path fork = cloneRepo();
            // Each test's own 10 s timeout fires and the next test hangs too: the kata cannot finish
            // within the 5 s ceiling, however fast or slow this machine is.
            Files.writeString(fork.resolve("katas/src/main/java/k06_threads/NamedThreads.java"), """
                    package k06_threads;

                    import java.util.concurrent.Callable;

                    public final class NamedThreads {
                        private NamedThreads() {}

                        private static void hang() {
                            while (true) {
                                try {
                                    Thread.sleep(60_000);
                                } catch (InterruptedException ignored) {
                                    // a hang that ignores interrupts
                                }
                            }
                        }

                        public static Thread start(String name, Runnable task) {
                            hang();
                            return null;
                        }

                        public static <T> T call(String name, Callable<T> task) {
                            hang();
                            return null;
                        }

                        public static Thread startVirtual(String name, Runnable task) {
                            hang();
                            return null;
                        }
                    }
                    """, StandardCharsets.UTF_8);

            Run run = grade(fork, "--kata", "k06_threads", "--kata-timeout", "5");

            assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
            assertThat(run.out()).contains("did not finish within 5 s");
            assertResultsShape(run.json());
            assertThat(run.tests("k06_threads › ")).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("error"));
            await("the kata's JVM is gone").atMost(Duration.ofSeconds(30))
                    .until(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
        }

        @Test
        @Timeout(value = 120, unit = SECONDS)
        @DisplayName("learner code that declares a test class or uses JUnit voids the grade and is named")
        void codePosingAsTests() throws IOException {
            Path fork = cloneRepo();
            Path stubs = fork.resolve("katas/src/main/java/k06_threads");
            Files.writeString(stubs.resolve("NamedThreadsTest.java"), "package k06_threads;\nclass NamedThreadsTest {}\n",
                    StandardCharsets.UTF_8);
            Files.writeString(stubs.resolve("Extra.java"),
                    "package k06_threads;\nclass Extra {\n  @org.junit.jupiter.api.Test void free() {}\n}\n", StandardCharsets.UTF_8);

            Run run = grade(fork, "--kata", "k06_threads");

            assertThat(run.exit()).as("exit code; out: %s", run.out()).isEqualTo(Grader.EXIT_TAMPERED);
            assertThat(run.err()).contains("k06_threads.NamedThreadsTest", "k06_threads.Extra");
            assertThat(run.json().get("status").asText()).isEqualTo("error");
            assertThat(run.json().at("/grade/tampered").fieldNames()).toIterable()
                    .contains("katas/src/main/java/k06_threads (k06_threads.NamedThreadsTest)",
                            "katas/src/main/java/k06_threads (k06_threads.Extra)");
        }
    }

    @Nested
    @DisplayName("with the stress verdicts on the learner's balances")
    class Stress {

        @Test
        @Timeout(value = 180, unit = SECONDS)
        @DisplayName("a clean safe balance earns a point, a lost update costs one, an unimplemented one earns nothing")
        void stressPoints() throws IOException {
            Path fork = cloneRepo();
            Path report = temp.resolve("stress");
            Files.createDirectories(report);
            Files.writeString(report.resolve("fake-jcstress-output.txt"), """
                    RUN RESULTS:
                      Interesting tests: No matches.

                      Failed tests: 1 matching test results.

                    ....... [FAILED] k07_lost_update.Lost_02_SafeBalances.Locked

                      Results across all configurations:

                      RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION
                           1         12    0.01%   Forbidden  Lost update: the lock did not keep the threads apart.
                           2    123,456   99.99%  Acceptable  Both deposits landed.

                      Error tests: 1 matching test results.

                    ....... [ERROR] k07_lost_update.Lost_02_SafeBalances.Atomic

                      Results across all configurations:

                      Messages:
                        java.lang.UnsupportedOperationException: Task 3 of k07_lost_update: use an AtomicLong. See README.md.

                      All remaining tests: 2 matching test results.

                    ....... [OK] k07_lost_update.Lost_02_SafeBalances.Adder

                      Results across all configurations:

                      RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION
                           1          0    0.00%   Forbidden  Lost update: the adder dropped a deposit.
                           2  1,232,953  100.00%  Acceptable  Both deposits landed.

                    ....... [OK] k07_lost_update.Lost_02_SafeBalances.Synchronized

                      Results across all configurations:

                      RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION
                           1          0    0.00%   Forbidden  Lost update: the monitor did not keep the threads apart.
                           2  1,386,553  100.00%  Acceptable  Both deposits landed.

                    ....... [OK] k07_lost_update.Lost_04_ManyUpdatesLost.Sync

                      Results across all configurations:

                      RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION
                          10    745,718  100.00%  Acceptable  All ten deposits landed.
                    """, StandardCharsets.UTF_8);

            Run run = grade(fork, "--kata", "k07_lost_update", "--stress-jar", fakeJcstressJar().toString(),
                    "--stress-report", report.toString());

            assertThat(run.exit()).as("exit code; err: %s", run.err()).isZero();
            assertThat(run.out()).containsPattern("(?m)^\\s+k07_lost_update\\s+0/\\d+\\s+2/5\\s+2/\\d+\\s")
                    .contains("lost update on k07_lost_update.Lost_02_SafeBalances.Locked, minus 1 point");
            assertResultsShape(run.json());
            assertThat(run.tests("k07_lost_update › stress › ")).extracting(t -> t.get("name").asText().replaceAll(".*\\.", ""),
                    t -> t.get("status").asText()).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("Adder", "pass"), org.assertj.core.groups.Tuple.tuple("Atomic", "fail"),
                    org.assertj.core.groups.Tuple.tuple("Locked", "fail"), org.assertj.core.groups.Tuple.tuple("Synchronized", "pass"),
                    org.assertj.core.groups.Tuple.tuple("Sync", "pass"));
            assertThat(run.json().at("/grade/katas/0/stress_points").asInt()).isEqualTo(2);
            assertThat(run.json().at("/grade/katas/0/solved").asBoolean()).isFalse();
        }

        Path fakeJcstressJar() throws IOException {
            return FakeJcstress.jar(temp);
        }
    }

    @Nested
    @DisplayName("tamper evidence")
    class Tampering {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "katas/src/test/java/k07_lost_update/BalanceTest.java",
            "katas/src/test/resources/junit-platform.properties",
            "katas/manifest.json",
            "tool/src/main/java/katatool/grade/Grader.java",
            ".github/workflows/grade.yml",
            "katas/pom.xml",
            "jcstress/pom.xml"})
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("an edited protected file voids the grade, fails the command, and is named")
        void editedFileIsNamed(String file) throws IOException {
            Path fork = cloneRepo();
            Files.writeString(fork.resolve(file), "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            Run run = grade(fork);

            assertThat(run.exit()).as("exit code; out: %s", run.out()).isEqualTo(Grader.EXIT_TAMPERED);
            assertThat(run.err()).contains("changed: " + file);
            JsonNode results = run.json();
            assertResultsShape(results);
            assertThat(results.get("status").asText()).isEqualTo("error");
            assertThat(results.get("message").asText()).contains(file);
            assertThat(results.get("tests")).as("no test ran").isEmpty();
            assertThat(results.at("/grade/tampered").get(file).asText()).isEqualTo("changed");
            assertThat(run.summaryText()).contains("`" + file + "`");
        }

        @Test
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("an added test file is named too")
        void addedTestIsNamed() throws IOException {
            Path fork = cloneRepo();
            String file = "katas/src/test/java/k06_threads/ExtraTest.java";
            Files.writeString(fork.resolve(file), "package k06_threads;\nclass ExtraTest {}\n", StandardCharsets.UTF_8);

            Run run = grade(fork);

            assertThat(run.exit()).isEqualTo(Grader.EXIT_TAMPERED);
            assertThat(run.err()).contains("added: " + file);
        }

        @Test
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("a learner who regenerates the digest list is still caught by --expected with the pinned upstream's list")
        void pinnedDigests() throws IOException {
            Path fork = cloneRepo();
            Path pinned = temp.resolve("upstream-protected.sha256");
            Files.copy(fork.resolve(".kata/protected.sha256"), pinned);
            String file = "katas/src/test/java/k07_lost_update/BalanceTest.java";
            Files.writeString(fork.resolve(file), "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Checksums.write(new Repo(fork), Checksums.Kind.PROTECTED);

            Run run = grade(fork, "--expected", pinned.toString());

            assertThat(run.exit()).isEqualTo(Grader.EXIT_TAMPERED);
            assertThat(run.err()).contains("changed: " + file);
            assertThat(run.json().get("status").asText()).isEqualTo("error");
        }
    }

    @Nested
    @DisplayName("bad input")
    class BadInput {

        @Test
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("a malformed manifest gives a clear message, a results file with status error and exit code 2")
        void malformedManifest() throws IOException {
            Path fork = cloneRepo();
            Files.writeString(fork.resolve("katas/manifest.json"), "{ \"version\": 1, \"katas\": [", StandardCharsets.UTF_8);

            Run run = grade(fork);

            assertThat(run.exit()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains("The kata manifest", "is malformed");
            JsonNode results = run.json();
            assertResultsShape(results);
            assertThat(results.get("status").asText()).isEqualTo("error");
            assertThat(results.get("message").asText()).contains("is malformed");
            assertThat(run.summaryText()).contains("## Kata grade: error");
        }

        @Test
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("no JDK, a runtime without a compiler, or an old JDK each get a clear message and status error")
        void missingJdk() throws IOException {
            Path fork = cloneRepo();
            Path empty = Files.createDirectories(temp.resolve("nothing"));
            Path jre = Files.createDirectories(temp.resolve("jre").resolve("bin"));
            Files.writeString(jre.resolve(executable("java")), "", StandardCharsets.UTF_8);
            Path old = Files.createDirectories(temp.resolve("jdk17").resolve("bin"));
            Files.writeString(old.resolve(executable("java")), "", StandardCharsets.UTF_8);
            Files.writeString(old.resolve(executable("javac")), "", StandardCharsets.UTF_8);
            Files.writeString(old.getParent().resolve("release"), "JAVA_VERSION=\"17.0.2\"\n", StandardCharsets.UTF_8);

            for (var c : List.of(List.of(empty.toString(), "No JDK found"),
                    List.of(jre.getParent().toString(), "without a compiler"),
                    List.of(old.getParent().toString(), "is Java 17"))) {
                Run run = grade(fork, "--java-home", c.get(0));
                assertThat(run.exit()).as("exit code for %s", c.get(0)).isEqualTo(Main.USAGE);
                assertThat(run.err()).contains(c.get(1), "Install a JDK 25");
                assertThat(run.json().get("status").asText()).isEqualTo("error");
                assertThat(run.json().get("message").asText()).contains(c.get(1));
            }
        }

        @Test
        @Timeout(value = 60, unit = SECONDS)
        @DisplayName("an unknown kata name is an error that names the known katas")
        void unknownKata() throws IOException {
            Path fork = cloneRepo();

            Run run = grade(fork, "--kata", "k99");

            assertThat(run.exit()).isEqualTo(Main.USAGE);
            assertThat(run.err()).contains("'k99' is not one of them", "k01_spawn to k14_visibility");
            assertThat(run.json().get("status").asText()).isEqualTo("error");
        }

        private static String executable(String name) {
            return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows") ? name + ".exe" : name;
        }
    }
}
