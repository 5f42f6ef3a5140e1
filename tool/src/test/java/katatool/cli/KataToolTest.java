package katatool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import katatool.core.Repo;
import katatool.run.KataCopy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The learner's tool end to end, through {@link Main#execute}, in a throw-away copy of kata
 * k06_threads (the real katas are never edited).
 */
@DisplayName("the learner's tool")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KataToolTest {

    static final String KATA = "k06_threads";

    @TempDir
    Path dir;

    Repo repo;
    Path stub;
    byte[] stubContent;
    byte[] solvedContent;

    @BeforeEach
    void copyKata() throws IOException {
        Repo real = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
        repo = KataCopy.copyKata(real, real.manifest().find(KATA), dir.resolve("repo"));
        stub = repo.stubDir(KATA).resolve("NamedThreads.java");
        stubContent = Files.readAllBytes(stub);
        solvedContent = Files.readAllBytes(repo.solutionDir(KATA).resolve("NamedThreads.java"));
    }

    /** What one command line printed, and its exit code. */
    record Outcome(int exit, String out, String err) {}

    Outcome kata(String... args) {
        return kata(new BufferedReader(new StringReader("")), args);
    }

    Outcome kata(BufferedReader in, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(repo.root(), args, in, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(exit, out.toString(), err.toString());
    }

    void solve() throws IOException {
        Files.write(stub, solvedContent);
    }

    @Nested
    @DisplayName("list")
    class ListKatas {

        @Test
        @DisplayName("calls an untouched kata not started without compiling or running anything")
        void untouchedKataIsNotStartedWithoutARun() {
            Outcome list = kata("list");

            assertThat(list.exit()).isZero();
            assertThat(list.out()).contains(KATA, "not started", "0 of 1 katas solved", "Next: " + KATA).doesNotContain("(cached)");
            assertThat(repo.workDir().resolve("learner")).as("nothing was compiled").doesNotExist();
        }

        @Test
        @DisplayName("runs a changed kata once, then answers from the cache until its files change again")
        void changedKataRunsOnceThenComesFromTheCache() throws IOException {
            solve();

            assertThat(kata("list").out()).contains("solved").doesNotContain("(cached)").contains("1 of 1 katas solved");
            assertThat(kata("list").out()).contains("solved (cached)", "(cached): the last verdict");

            Files.write(stub, stubContent, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
            assertThat(kata("list").out()).contains("not started").doesNotContain("(cached)");
        }
    }

    @Nested
    @DisplayName("run")
    class Run {

        @Test
        @DisplayName("says which kata it tests, then shows each failing test by task with its message, and exits 1")
        void failingKata() {
            Outcome run = kata("run", "6");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.out()).contains("✘ Task 1: Start a named platform thread",
                    "✘ NamedThreads › start (task 1) › runs the task on a new platform thread that carries the given name",
                    "Task 1 of k06_threads: start a named platform thread", "0 of ", "hint " + KATA + " 1");
            assertThat(run.out()).as("no stack trace without --verbose").doesNotContain("\tat ", "at org.assertj");
            assertThat(run.out()).as("said before the tests run, so a hung test does not look like a hung tool")
                    .startsWith("Testing " + KATA + "... (a test that hangs is stopped after ");
            assertThat(run.err()).isEmpty();
        }

        @Test
        @DisplayName("with no name runs the next unsolved kata, and says solved with exit 0 when it passes")
        void nextKataSolved() throws IOException {
            assertThat(kata("run").out()).contains(KATA + " · Start, name and join threads").containsPattern("0 of \\d+ tests pass");
            solve();

            Outcome run = kata("run", KATA);
            assertThat(run.exit()).isZero();
            assertThat(run.out()).containsPattern(KATA + " is solved: all \\d+ tests pass");
            assertThat(kata("run").out()).contains("Every kata is solved");
        }

        @Test
        @DisplayName("names a timeout's deadlock and shows the threads in the kata's code")
        void deadlockIsNamed() throws IOException {
            Files.writeString(repo.testDir(KATA).resolve("DeadlockTest.java"), """
                    package k06_threads;

                    import java.util.concurrent.CyclicBarrier;
                    import java.util.concurrent.TimeUnit;
                    import org.junit.jupiter.api.Tag;
                    import org.junit.jupiter.api.Test;
                    import org.junit.jupiter.api.Timeout;

                    class DeadlockTest {
                        static final Object LEFT = new Object();
                        static final Object RIGHT = new Object();

                        @Test
                        @Tag("task:1")
                        @Timeout(value = 2, unit = TimeUnit.SECONDS)
                        void locksInOppositeOrder() throws Exception {
                            CyclicBarrier bothHoldOne = new CyclicBarrier(2);
                            Thread other = Thread.ofPlatform().name("right-then-left").daemon().start(() -> lock(RIGHT, LEFT, bothHoldOne));
                            lock(LEFT, RIGHT, bothHoldOne);
                            other.join();
                        }

                        static void lock(Object first, Object second, CyclicBarrier barrier) {
                            synchronized (first) {
                                try {
                                    barrier.await();
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                                synchronized (second) {
                                    second.notify();
                                }
                            }
                        }
                    }
                    """, StandardCharsets.UTF_8);

            Outcome run = kata("run", KATA);

            assertThat(run.out()).contains("timed out after 2 seconds", "Deadlock found", "held by \"right-then-left\"",
                    "at k06_threads.DeadlockTest.lock", "threads when the test timed out");
        }
    }

    @Nested
    @DisplayName("hint")
    class Hint {

        @Test
        @DisplayName("reveals a task's hints one at a time and remembers how many were shown")
        void oneAtATime() {
            Outcome first = kata("hint", KATA, "1");
            Outcome second = kata("hint", KATA, "1");

            assertThat(first.exit()).isZero();
            assertThat(first.out()).contains("Task 1: Start a named platform thread", "hint 1 of 3", "1. Since Java 21")
                    .doesNotContain("2. ");
            assertThat(second.out()).contains("hint 2 of 3", "1. Since Java 21", "2. A builder").doesNotContain("3. ");
        }

        @Test
        @DisplayName("shows every hint with --all, and the last one says so")
        void all() {
            assertThat(kata("hint", KATA, "4", "--all").out()).contains("hint 2 of 2", "2. `Thread.ofVirtual()");
            kata("hint", KATA, "4");
            assertThat(kata("hint", KATA, "4").out()).contains("That was the last hint for task 4.");
        }
    }

    @Nested
    @DisplayName("reset")
    class Reset {

        @BeforeEach
        void commit() throws Exception {
            git("init", "-q");
            git("add", "-A");
            git("-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "katas");
        }

        @Test
        @DisplayName("puts the learner's edited file back from git history and leaves other files alone")
        void restores() throws IOException {
            solve();
            Path mine = repo.stubDir(KATA).resolve("Notes.java");
            Files.writeString(mine, "// mine", StandardCharsets.UTF_8);

            Outcome reset = kata("reset", KATA, "--yes");

            assertThat(reset.exit()).isZero();
            assertThat(reset.out()).contains("NamedThreads.java", "Reset 1 file", "Left alone").contains("Notes.java");
            assertThat(Files.readAllBytes(stub)).isEqualTo(stubContent);
            assertThat(mine).hasContent("// mine");
            assertThat(kata("reset", KATA).out()).contains("already as the repository has it");
        }

        @Test
        @DisplayName("asks first, and changes nothing unless the answer is yes")
        void asks() throws IOException {
            solve();

            Outcome no = kata(new BufferedReader(new StringReader("n\n")), "reset", KATA);
            assertThat(no.exit()).isEqualTo(1);
            assertThat(no.out()).contains("[y/N]", "Nothing changed.");
            assertThat(Files.readAllBytes(stub)).isEqualTo(solvedContent);

            Outcome yes = kata(new BufferedReader(new StringReader("y\n")), "reset", KATA);
            assertThat(yes.exit()).isZero();
            assertThat(Files.readAllBytes(stub)).isEqualTo(stubContent);
        }

        void git(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("git", "-C", repo.root().toString()));
            command.addAll(List.of(args));
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(git.waitFor()).as("git %s: %s", args[0], output).isZero();
        }
    }

    @Nested
    @DisplayName("bad input gets one clear line and exit code 2")
    class BadInput {

        @ParameterizedTest(name = "kata {0}")
        @ValueSource(strings = {"run k99", "hint k06 9", "reset nothing", "stress k06", "frobnicate", "run k06 k07"})
        void oneLine(String line) {
            Outcome outcome = kata(line.split(" "));

            assertThat(outcome.exit()).isEqualTo(2);
            assertThat(outcome.err().strip()).isNotEmpty().doesNotContain("\n", "Exception", "\tat ");
        }

        @Test
        @DisplayName("code that does not compile")
        void compileError() throws IOException {
            Files.writeString(stub, "package k06_threads;\npublic final class NamedThreads {\n  int x = ;\n  int y = ;\n}\n",
                    StandardCharsets.UTF_8);

            Outcome run = kata("run", KATA);

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err().strip()).startsWith(KATA + " does not compile: 2 errors")
                    .contains("NamedThreads.java:3: ", "NamedThreads.java:4: ").doesNotContain("Exception", "\tat ");
        }

        @Test
        @DisplayName("code with many errors: the first ten, with file and line, and how many more")
        void manyCompileErrors() throws IOException {
            StringBuilder code = new StringBuilder("package k06_threads;\npublic final class NamedThreads {\n");
            for (int i = 0; i < 14; i++) {
                code.append("  int x").append(i).append(" = ;\n");
            }
            Files.writeString(stub, code.append("}\n").toString(), StandardCharsets.UTF_8);

            Outcome run = kata("run", KATA);

            assertThat(run.err()).contains("14 errors", "NamedThreads.java:3: ", "NamedThreads.java:12: ", "... and 4 more")
                    .doesNotContain("NamedThreads.java:13: ");
        }

        @Test
        @DisplayName("a reset where the history has no pristine version")
        void resetWithoutHistory() throws IOException {
            solve();

            Outcome reset = kata("reset", KATA, "--yes");

            assertThat(reset.exit()).isEqualTo(2);
            assertThat(reset.err().strip()).contains("git").doesNotContain("\n");
            assertThat(Files.readAllBytes(stub)).as("untouched").isEqualTo(solvedContent);
        }

        @Test
        @DisplayName("a folder that is not a kata repository")
        void noRepository() {
            StringWriter err = new StringWriter();
            int exit = Main.execute(dir, new String[] {"list"}, new BufferedReader(new StringReader("")),
                    new PrintWriter(new StringWriter()), new PrintWriter(err));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).startsWith("No kata repository here");
        }
    }

    @Nested
    @DisplayName("watch")
    class WatchMode {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"file events", "--poll"})
        @DisplayName("shows a failing verdict, gives a hint on h, and the passing verdict after a save")
        void failsThenPasses(String mode) throws Exception {
            LineFeed keys = new LineFeed();
            StringWriter out = new StringWriter();
            List<String> args = new ArrayList<>(List.of("watch", KATA, "--no-color"));
            if (mode.startsWith("--")) {
                args.add(mode);
            }
            CompletableFuture<Integer> watching = CompletableFuture.supplyAsync(() -> Main.execute(repo.root(),
                    args.toArray(String[]::new), new BufferedReader(keys), new PrintWriter(out), new PrintWriter(new StringWriter())));
            try {
                // The first verdict waits for a cold JVM: on a loaded machine that takes a while.
                await("the first verdict").atMost(Duration.ofSeconds(90))
                        .untilAsserted(() -> assertThat(out.toString()).contains("Watching katas/").containsPattern("0 of \\d+ tests pass"));

                keys.type("h");
                await("a hint").atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(out.toString()).contains("hint 1 of 3"));

                solve();
                await("the verdict after the save").atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(out.toString()).contains(KATA + " is solved", "Every kata is solved"));
            } finally {
                keys.type("q");
            }
            assertThat(watching).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(0);
        }
    }

    /** A console for watch mode: each typed line is read as if entered at the keyboard. */
    static final class LineFeed extends Reader {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private String pending = "";

        void type(String line) {
            lines.add(line + "\n");
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (pending.isEmpty()) {
                try {
                    pending = lines.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            int n = Math.min(length, pending.length());
            pending.getChars(0, n, buffer, offset);
            pending = pending.substring(n);
            return n;
        }

        @Override
        public void close() {}
    }
}
