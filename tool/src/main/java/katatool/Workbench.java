package katatool;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
    }

    private final Repo repo;
    private final KataCompiler compiler;
    private final TestRunner runner;

    public Workbench(Repo repo) {
        this.repo = repo;
        String libraries = System.getProperty("java.class.path");
        this.compiler = new KataCompiler(libraries);
        this.runner = new TestRunner(libraries);
    }

    /** Checks the learner's code in {@code katas/src/main/java}. */
    public Report checkLearner(Manifest.Kata kata) {
        return check(kata, repo.root().resolve("katas/src/main/java"), repo.workDir().resolve("learner"));
    }

    /** Checks the reference code in {@code solutions/src/main/java}. */
    public Report checkReference(Manifest.Kata kata) {
        return check(kata, repo.root().resolve("solutions/src/main/java"), repo.workDir().resolve("reference"));
    }

    /** Compiles the kata from {@code codeRoot} into {@code outRoot} and runs its tests. */
    public Report check(Manifest.Kata kata, Path codeRoot, Path outRoot) {
        KataCompiler.Output classes;
        long started = System.nanoTime();
        try {
            classes = compiler.compile(repo, kata.id(), codeRoot, outRoot);
        } catch (KataException notCompiling) {
            return new Report(kata, List.of(), Optional.of(notCompiling.getMessage()));
        }
        long compiled = System.nanoTime();
        Report report = new Report(kata, runner.run(kata.id(), classes, repo.testResources()), Optional.empty());
        if (Boolean.getBoolean("kata.timing")) {
            System.err.printf("[timing] %s: compile %d ms, tests %d ms%n", kata.id(), (compiled - started) / 1_000_000,
                    (System.nanoTime() - compiled) / 1_000_000);
        }
        return report;
    }

    @Override
    public void close() throws Exception {
        compiler.close();
    }
}
