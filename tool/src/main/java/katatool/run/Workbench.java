package katatool.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;

/**
 * Compiles a kata against some code (the learner's, or the references) and runs its tests.
 *
 * <p>One per JVM; not thread-safe. The libraries on this JVM's class path at construction are
 * the ones every kata is compiled and run against.
 */
public final class Workbench implements AutoCloseable {

    /**
     * What one kata's tests said.
     *
     * @param kata the kata
     * @param results one per test, in execution order; empty if the code did not compile
     * @param compileError the compiler's messages, if the code did not compile
     */
    public record Report(Manifest.Kata kata, List<TestRunner.Result> results, Optional<String> compileError) {

        /** Tests that check the learner's work: everything but the tests of given code. */
        public List<TestRunner.Result> taskTests() {
            return results.stream().filter(r -> !r.given()).toList();
        }

        public long passed() {
            return taskTests().stream().filter(r -> r.status() == TestRunner.Status.PASSED).count();
        }

        /**
         * Task tests that ran here: a test skipped on this machine (an unmet assumption, such as a
         * measurement that needs a free core) is left out, as grading leaves it out.
         */
        public int total() {
            return (int) taskTests().stream().filter(r -> r.status() != TestRunner.Status.SKIPPED).count();
        }

        /** Task tests skipped on this machine: neither passed nor failed. */
        public long skipped() {
            return taskTests().size() - total();
        }

        /** Every task test that ran passed; skipped ones count neither way. */
        public boolean solved() {
            return compileError.isEmpty() && total() > 0 && passed() == total();
        }

        public List<TestRunner.Result> failures() {
            return results.stream().filter(r -> r.status() == TestRunner.Status.FAILED).toList();
        }

        /** The tasks none of whose tests ran (an earlier task failed first, or one task was chosen). */
        public List<Integer> notRunTasks() {
            return taskTests().stream().filter(r -> r.status() == TestRunner.Status.NOT_RUN).flatMap(r -> r.task().stream())
                    .distinct().sorted().filter(task -> taskTests().stream().noneMatch(r -> r.task().equals(Optional.of(task))
                            && r.status() != TestRunner.Status.NOT_RUN)).toList();
        }
    }

    private final Repo repo;
    private final KataCompiler compiler;
    private final TestRunner runner;
    private final VerdictJvm fresh;

    /** A workbench that runs tests in this JVM: one-shot commands, which are a fresh JVM themselves. */
    public Workbench(Repo repo) {
        this(repo, false);
    }

    /**
     * @param freshJvm run every verdict's tests in a JVM of its own (warmed up in advance), so that
     *     threads a verdict leaks cannot slow or confuse the next; compiling stays in this JVM
     */
    public Workbench(Repo repo, boolean freshJvm) {
        this.repo = repo;
        String libraries = System.getProperty("java.class.path");
        this.compiler = new KataCompiler(libraries);
        this.runner = new TestRunner(libraries);
        this.fresh = freshJvm ? new VerdictJvm(libraries, repo.testResources(), repo.workDir()) : null;
    }

    /** Checks the learner's code in {@code katas/src/main/java}, task by task until one fails. */
    public Report checkLearner(Manifest.Kata kata) {
        return checkLearner(kata, TestRunner.Selection.UNTIL_FAILURE);
    }

    /** Checks the learner's code in {@code katas/src/main/java}, running the selected tests. */
    public Report checkLearner(Manifest.Kata kata, TestRunner.Selection selection) {
        return check(kata, repo.root().resolve("katas/src/main/java"), repo.workDir().resolve("learner"), selection);
    }

    /** Checks the reference code in {@code solutions/src/main/java}. */
    public Report checkReference(Manifest.Kata kata) {
        return check(kata, repo.root().resolve("solutions/src/main/java"), repo.workDir().resolve("reference"));
    }

    /** Compiles the kata from {@code codeRoot} into {@code outRoot} and runs all its tests. */
    public Report check(Manifest.Kata kata, Path codeRoot, Path outRoot) {
        return check(kata, codeRoot, outRoot, TestRunner.Selection.ALL);
    }

    /** Compiles the kata from {@code codeRoot} into {@code outRoot} and runs the selected tests. */
    public Report check(Manifest.Kata kata, Path codeRoot, Path outRoot, TestRunner.Selection selection) {
        KataCompiler.Output classes;
        long started = System.nanoTime();
        try {
            classes = compiler.compile(repo, kata.id(), codeRoot, outRoot);
        } catch (KataException notCompiling) {
            return new Report(kata, List.of(), Optional.of(notCompiling.getMessage()));
        }
        long compiled = System.nanoTime();
        TestRunner.Phases.mark("compile");
        List<TestRunner.Result> results = fresh != null ? fresh.run(kata.id(), classes, repo.testResources(), selection)
                : runner.run(kata.id(), classes, repo.testResources(), selection);
        Report report = new Report(kata, results, Optional.empty());
        if (Boolean.getBoolean("kata.timing")) {
            System.err.printf("[timing] %s: compile %d ms, tests %d ms%n", kata.id(), (compiled - started) / 1_000_000,
                    (System.nanoTime() - compiled) / 1_000_000);
        }
        return report;
    }

    /** Waits until the JVM for the next verdict is warm, if verdicts run in a fresh JVM; for the benchmark. */
    public void awaitWarm() {
        if (fresh != null) {
            fresh.awaitReady();
        }
    }

    /** The process id of the JVM that ran the last verdict's tests, or this JVM's. */
    long lastVerdictPid() {
        return fresh != null ? fresh.lastPid() : ProcessHandle.current().pid();
    }

    @Override
    public void close() throws Exception {
        if (fresh != null) {
            fresh.close();
        }
        compiler.close();
    }
}
