package katatool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import katatool.core.Console;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.run.Hints;
import katatool.run.KataCopy;
import katatool.run.TestRunner;
import katatool.run.Workbench;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The learner's loop: running task by task, the help, the range errors, reset and its hints. */
@DisplayName("the learner's loop")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LoopTest {

    static final String KATA = "k06_threads";

    @TempDir
    Path dir;

    Repo repo;

    @BeforeEach
    void copyKata() throws IOException {
        Repo real = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
        repo = KataCopy.copyKata(real, real.manifest().find(KATA), dir.resolve("repo"));
    }

    record Outcome(int exit, String out, String err) {}

    Outcome kata(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(repo.root(), args, new BufferedReader(new StringReader(input)), new PrintWriter(out),
                new PrintWriter(err));
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Nested
    @DisplayName("run")
    class Run {

        @Test
        @DisplayName("stops at the first task that fails and says which tasks were not run")
        void stopsAtFirstFailingTask() {
            Outcome run = kata("", "run", KATA, "--no-color");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("✘ Task 1", "Task 2: Return a result from a thread (not run)",
                    "Tasks 2, 3, 4 were not run: task 1 fails first (--all runs every task).")
                    .doesNotContain("NamedThreads › call (task 2)");
        }

        @Test
        @DisplayName("with --all runs every task")
        void allRunsEveryTask() {
            Outcome run = kata("", "run", KATA, "--all", "--no-color");

            assertThat(run.out()).contains("✘ Task 1", "✘ Task 4", "NamedThreads › call (task 2)").doesNotContain("not run");
        }

        @Test
        @DisplayName("with --task N runs only that task's tests, and a task the kata lacks says the range")
        void oneTask() {
            Outcome run = kata("", "run", KATA, "--task", "3", "--no-color");
            Outcome tooFar = kata("", "run", KATA, "--task", "9");

            assertThat(run.out()).contains("✘ Task 3", "Task 1: Start a named platform thread (not run)")
                    .doesNotContain("✘ Task 1");
            assertThat(tooFar.exit()).isEqualTo(2);
            assertThat(tooFar.err().strip()).isEqualTo(KATA + " has 4 tasks: --task takes 1 to 4.");
        }
    }

    @Test
    @DisplayName("task by task, a parameterized test's cases count: one failing case keeps the kata unsolved and is named")
    void parameterizedCaseCounts() throws Exception {
        Repo real = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
        Manifest.Kata echo = real.manifest().find("k13_async_io");
        Repo k13 = KataCopy.copyKata(real, echo, dir.resolve("k13"));
        Path test = k13.testDir(echo.id()).resolve("EchoServerTest.java");
        String text = Files.readString(test, StandardCharsets.UTF_8);
        String head = "void silentClient(Kind kind) throws IOException {";
        assertThat(text).as("the parameterized test to plant a failure in").contains(head);
        Files.writeString(test, text.replace(head, head + " org.assertj.core.api.Assertions.assertThat(kind)"
                + ".as(\"a case planted to fail\").isNull();"), StandardCharsets.UTF_8);

        try (Workbench bench = new Workbench(k13)) {
            Workbench.Report report = bench.check(echo, k13.root().resolve("solutions/src/main/java"),
                    k13.workDir().resolve("reference"), TestRunner.Selection.UNTIL_FAILURE);

            assertThat(report.solved()).as("solved, although a case fails").isFalse();
            assertThat(report.failures()).isNotEmpty().allSatisfy(f -> assertThat(f.name())
                    .contains("a client that connects and sends nothing does not stall the others"));
            assertThat(report.failures().getFirst().message()).contains("a case planted to fail");
        }
    }

    @Test
    @DisplayName("watch gives one verdict for a burst of writes, and on a solved kata says what it taught and waits for n")
    void watchSolvedKataWaitsForN() throws Exception {
        Repo real = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
        repo = KataCopy.copyKatas(real, List.of(real.manifest().find(KATA), real.manifest().find("k14_visibility")),
                dir.resolve("two"));
        Path stub = repo.stubDir(KATA).resolve("NamedThreads.java");
        String solved = Files.readString(repo.solutionDir(KATA).resolve("NamedThreads.java"), StandardCharsets.UTF_8);
        KataToolTest.LineFeed keys = new KataToolTest.LineFeed();
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> Main.execute(repo.root(),
                new String[] {"watch", KATA, "--no-color"}, new BufferedReader(keys), new PrintWriter(out),
                new PrintWriter(new StringWriter())));
        try {
            await("the first verdict").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(out.toString()).contains("Watching katas/"));

            // Half an edit, then the whole of it, as an editor writing twice: one verdict, on the whole.
            Files.writeString(stub, solved.substring(0, solved.length() / 2), StandardCharsets.UTF_8);
            Files.writeString(stub, solved, StandardCharsets.UTF_8);
            await("the verdict after the save").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(out.toString()).contains("Type n, then Enter, for the next kata: k14_visibility"));

            assertThat(out.toString()).contains(KATA + " is solved", "What just happened:", "How to start a thread",
                    "git diff --no-index solutions/src/main/java/" + KATA + " katas/src/main/java/" + KATA)
                    .doesNotContain("does not compile", "Testing k14_visibility");
            assertThat(out.toString().split("Testing " + KATA, -1)).as("verdicts on k06: the first, and one for the edit")
                    .hasSize(3);

            keys.type("n");
            await("the next kata, on n").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(out.toString()).contains("Testing k14_visibility"));
        } finally {
            keys.type("q");
        }
        // q is read once the next kata's first verdict is in: a cold JVM on a loaded machine.
        assertThat(watching).succeedsWithin(Duration.ofSeconds(120)).isEqualTo(0);
    }

    @Test
    @DisplayName("a kata number out of range says how many katas there are")
    void numberOutOfRange() {
        int katas = repo.manifest().katas().size();

        Outcome run = kata("", "run", Integer.toString(katas + 1));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("There are " + katas + (katas == 1 ? " katas" : " katas"));
    }

    @Test
    @DisplayName("--help works on every command, --version says the tool and Java versions, and the help puts maintainers' commands apart")
    void helpEverywhere() {
        for (String command : new String[] {"list", "run", "watch", "hint", "reset", "stress", "grade", "catalogue", "checksums"}) {
            Outcome help = kata("", command, "--help");
            assertThat(help.exit()).as(command + " --help").isZero();
            assertThat(help.out()).as(command + " --help").startsWith("Usage: " + Console.command() + " " + command);
        }
        Outcome version = kata("", "--version");
        Outcome top = kata("", "--help");

        assertThat(version.out()).startsWith("kata ").contains("Java " + Runtime.version().feature());
        assertThat(top.out().indexOf("For teachers and maintainers:")).as("maintainers after the learner's commands")
                .isGreaterThan(top.out().indexOf("  watch")).isGreaterThan(top.out().indexOf("  grade "))
                .isLessThan(top.out().indexOf("  catalogue"));
    }

    @Test
    @DisplayName("reset with no kata and no --all asks which, in one line")
    void resetNeedsAKata() {
        Outcome reset = kata("", "reset");

        assertThat(reset.exit()).isEqualTo(2);
        assertThat(reset.err().strip()).startsWith("Which kata?").contains("--all").doesNotContain("\n");
    }

    @Test
    @DisplayName("reset starts the kata's hints again from the first")
    void resetForgetsHints() throws IOException {
        kata("", "hint", KATA, "1");
        kata("", "hint", KATA, "1");
        Properties before = Hints.shown(repo);

        Outcome reset = kata("", "reset", KATA, "--yes"); // the files are as handed out: only the hints go back

        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(Hints.shown(before, repo.manifest().find(KATA), 1)).isEqualTo(2);
        assertThat(Hints.shown(Hints.shown(repo), repo.manifest().find(KATA), 1)).isZero();
        assertThat(Files.exists(repo.workDir().resolve("hints.properties"))).isTrue();
    }

    @Test
    @DisplayName("a wait that runs out says what the test waited for and that it was the test's patience")
    void patienceIsExplained() {
        assertThat(TestRunner.patience("org.awaitility.core.ConditionTimeoutException",
                "Condition with alias 'the consumer to receive all 1000 items' didn't complete within 5 seconds because"
                        + " condition with lambda expression was not fulfilled."))
                .hasValueSatisfying(m -> assertThat(m).contains("waited 5 seconds for the consumer to receive all 1000 items")
                        .contains("the test's patience", "not a timeout in your code"));
        assertThat(TestRunner.patience("java.util.concurrent.TimeoutException", "runsTask() timed out after 10 seconds"))
                .hasValueSatisfying(m -> assertThat(m).contains("within 10 seconds", "not a timeout in your code"));
        assertThat(TestRunner.patience("java.lang.IllegalStateException", "boom")).isEmpty();
    }
}
