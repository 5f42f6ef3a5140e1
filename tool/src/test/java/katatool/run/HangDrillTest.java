package katatool.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import katatool.cli.Main;
import katatool.core.Manifest;
import katatool.core.Repo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drills with deliberately broken solutions (kept in {@code tool/src/test/broken}, never in
 * katas or solutions): a deadlock, a leaked thread and an uninterruptible spin. Each drill runs
 * the learner's tool in a child JVM, because the broken code's threads can never be stopped, only
 * discarded with their JVM. The kata timeout is cut to 1 s in the throw-away copy so the drills
 * stay quick; the leak grace to 300 ms.
 */
@DisplayName("a broken solution")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class HangDrillTest {

    static final Duration KATA_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    Repo real;

    @BeforeEach
    void findRepo() {
        real = new Repo(Path.of(System.getProperty("katas.repo", "..")).toAbsolutePath().normalize());
    }

    /** What the tool printed, how it ended, and how long it took. */
    record Drill(int exit, String out, Duration took) {}

    @Test
    @DisplayName("that deadlocks is stopped by each test's timeout, and the report names the cycle and its threads")
    void deadlockIsNamed() throws Exception {
        Repo repo = brokenCopy("deadlock", List.of("k06_threads"));

        // --all: this broken code also fails task 1, and the deadlock is in the tasks after it.
        Drill drill = tool(repo, "run", "k06_threads", "--all");

        assertThat(drill.exit()).as("failing tests: exit 1").isEqualTo(1);
        assertThat(drill.out())
                .contains("timed out after 1 second")
                .contains("Deadlock found")
                .containsPattern("\"worker-7-left-then-right\" waits for .* held by \"worker-7-right-then-left\"")
                .contains("NamedThreads.java");
        // Six tests call the deadlocking method; each must end within its timeout plus a few seconds.
        assertThat(drill.took()).as("time for the whole kata").isLessThan(Duration.ofSeconds(6 * (1 + 5) + 20));
    }

    @Test
    @DisplayName("that leaves a thread running fails the test that started it, and names the thread")
    void leakIsNamed() throws Exception {
        Repo repo = brokenCopy("leak", List.of("k06_threads"));

        // --all: the leak is in task 2, and on a loaded machine task 1 may time out first.
        Drill drill = tool(repo, "run", "k06_threads", "--all");

        assertThat(drill.exit()).isEqualTo(1);
        assertThat(drill.out()).contains("Leaked by this test").contains("forgotten-poller");
    }

    @Test
    @DisplayName("that fails a test and leaks a thread as well is told both, with the thread named")
    void failureAndLeakAreBothNamed() throws Exception {
        Repo repo = brokenCopy("leakfail", List.of("k06_threads"));

        Drill drill = tool(repo, "run", "k06_threads", "--all");

        assertThat(drill.exit()).isEqualTo(1);
        assertThat(drill.out()).contains("returns the value the task computed").contains("Leaked by this test")
                .contains("forgotten-poller");
    }

    @Test
    @DisplayName("that leaks a thread leaks it into its own verdict's JVM only: the next verdict runs without it")
    void leakedThreadIsGoneByTheNextVerdict() throws Exception {
        Repo repo = brokenCopy("leak", List.of("k06_threads"));
        Manifest.Kata kata = repo.manifest().find("k06_threads");

        try (Workbench bench = new Workbench(repo, true)) {
            Workbench.Report first = bench.checkLearner(kata);
            long firstJvm = bench.lastVerdictPid();
            Workbench.Report second = bench.checkLearner(kata);

            assertThat(first.failures()).as("the first verdict names the leak")
                    .anySatisfy(f -> assertThat(f.message()).contains("forgotten-poller"));
            assertThat(firstJvm).as("the first verdict ran in a JVM of its own").isNotEqualTo(ProcessHandle.current().pid());
            assertThat(bench.lastVerdictPid()).as("the second verdict ran in another").isNotEqualTo(firstJvm);
            assertThat(ProcessHandle.of(firstJvm).filter(ProcessHandle::isAlive))
                    .as("the first verdict's JVM, and the spinning thread it leaked, once the second verdict is in").isEmpty();
            assertThat(second.failures()).as("the second verdict finds its own leak again, nothing hidden by the first")
                    .anySatisfy(f -> assertThat(f.message()).contains("forgotten-poller"));
        }
        assertThat(Thread.getAllStackTraces().keySet()).as("threads of the tool's own JVM")
                .noneMatch(t -> t.getName().equals("forgotten-poller"));
    }

    @Test
    @DisplayName("that spins for ever without yielding to interrupts still lets the other katas run and pass")
    void otherKatasStillRun() throws Exception {
        Repo repo = brokenCopy("spin", List.of("k06_threads", "k08_locks"));
        KataCopy.copyTree(real.solutionDir("k08_locks"), repo.stubDir("k08_locks"));

        Drill drill = tool(repo, "list");

        assertThat(drill.out()).containsPattern("k06_threads .*(partly solved|not started)")
                .containsPattern("k08_locks .*solved");
    }

    /** A throw-away repository with the given katas, k06's code replaced by a broken variant. */
    private Repo brokenCopy(String variant, List<String> katas) throws IOException {
        Repo repo = new Repo(dir.resolve("repo"));
        List<Manifest.Kata> entries = new ArrayList<>();
        for (String id : katas) {
            entries.add(real.manifest().find(id));
            for (Path from : List.of(real.stubDir(id), real.givenDir(id), real.testDir(id))) {
                if (Files.isDirectory(from)) {
                    KataCopy.copyTree(from, repo.root().resolve(real.root().relativize(from).toString()));
                }
            }
        }
        KataCopy.copyTree(real.testSupportDir(), repo.testSupportDir());
        KataCopy.copyTree(real.testResources(), repo.testResources());
        Files.writeString(repo.manifestFile(), new ObjectMapper().writeValueAsString(new Manifest(1, entries)),
                StandardCharsets.UTF_8);
        Path properties = repo.testResources().resolve("junit-platform.properties");
        Files.writeString(properties, Files.readString(properties, StandardCharsets.UTF_8)
                .replaceAll("timeout\\.default = .*", "timeout.default = " + KATA_TIMEOUT.toSeconds() + " s"),
                StandardCharsets.UTF_8);
        Path broken = real.root().resolve("tool").resolve("src").resolve("test").resolve("broken").resolve(variant)
                .resolve("k06_threads").resolve("NamedThreads.java");
        Files.copy(broken, repo.stubDir("k06_threads").resolve("NamedThreads.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return repo;
    }

    /** Runs the tool in a child JVM (this JVM's java and class path) inside that copy. */
    private Drill tool(Repo repo, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-Dkatas.leakGraceMillis=300",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path log = dir.resolve("tool-output.txt");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(repo.root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            boolean ended = process.waitFor(120, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(ended).as("the tool ended by itself; it printed:%n%s", out).isTrue();
            return new Drill(process.exitValue(), out, took);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

}
