package katatool.mistakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import katatool.core.AtomicFiles;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.run.KataCompiler;
import katatool.run.KataCopy;
import katatool.run.TestPlan;
import katatool.run.TestRunner;

/**
 * Runs one kata's mistake catalogue in a JVM of its own, started by {@link MistakeGate}: puts each
 * entry's classes in place of the reference's, compiles that complete solution, runs the kata's
 * tests against it, and writes what happened to {@code report.json} after every entry.
 *
 * <p>One JVM per kata because test runs must not overlap in one JVM, and because a mistake may
 * leave threads running for ever or stop its JVM: then only this kata's report is cut short.
 */
public final class MistakeChild {

    /** One test's outcome; the message is cut to its first lines. */
    public record Outcome(String name, String status, String message) {}

    /**
     * One run of the kata's tests against an entry.
     *
     * @param whole true when every test ran, false when only the entry's {@code fails}
     * @param named the slug of the mistake the learner's tool would name, or null
     */
    /**
     * One run of an entry.
     *
     * @param named the mistakes the learner's tool names for it, comma-separated (several when the
     *     tests cannot tell them apart), or null
     */
    public record Run(boolean whole, List<Outcome> outcomes, String named, long millis) {

        /** Whether the learner's tool names this mistake (alone, or among others it cannot tell apart). */
        boolean names(String slug) {
            return named != null && List.of(named.split(",")).contains(slug);
        }

        Set<String> failed() {
            return outcomes.stream().filter(o -> o.status().equals("FAILED")).map(Outcome::name).collect(Collectors.toSet());
        }
    }

    /** What became of one entry; compileError is null when it compiled. */
    public record EntryReport(String kind, String slug, String compileError, List<Run> runs) {}

    /**
     * The kata's report.
     *
     * @param problems malformed entries and other reasons the gate could not judge them
     * @param finished false while entries are still being run
     */
    public record Report(String kata, List<String> problems, List<EntryReport> entries, boolean finished) {}

    static final String REPORT = "report.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MistakeChild() {}

    /**
     * Arguments: repository root, kata id, output folder, repeat (0: the fast gate; N: the whole
     * kata N times for every entry).
     */
    public static void main(String[] args) throws Exception {
        // If the gate dies or is killed, this JVM must not live on running a mistake.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        if (args.length != 4) {
            System.err.println("usage: MistakeChild <repository root> <kata id> <output folder> <repeat>");
            Runtime.getRuntime().halt(2);
        }
        Repo repo = new Repo(Path.of(args[0]));
        Path work = Path.of(args[2]);
        int repeat = Integer.parseInt(args[3]);
        Manifest.Kata kata = repo.manifest().find(args[1]);
        Report report = run(repo, kata, work, repeat);
        write(work.resolve(REPORT), report);
        System.out.flush();
        // A mistake may leave a thread waiting for ever: it must not keep this JVM alive.
        Runtime.getRuntime().halt(0);
    }

    static Report run(Repo repo, Manifest.Kata kata, Path work, int repeat) throws IOException {
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<EntryReport> done = new ArrayList<>();
        List<MistakeCatalogue.Entry> entries;
        try {
            entries = MistakeCatalogue.load(repo, kata);
        } catch (KataException malformed) {
            return new Report(kata.id(), List.of(malformed.getMessage()), List.of(), true);
        }
        String libraries = System.getProperty("java.class.path");
        try (KataCompiler compiler = new KataCompiler(libraries)) {
            TestRunner runner = new TestRunner(libraries);
            Path classes = work.resolve("classes");
            KataCompiler.Output reference;
            try {
                reference = compiler.compile(repo, kata.id(), repo.root().resolve("solutions/src/main/java"), classes);
            } catch (KataException e) {
                return new Report(kata.id(), List.of(kata.id() + ": the reference does not compile: " + e.getMessage()), List.of(), true);
            }
            System.out.println("reference compiled at " + (System.nanoTime() - started) / 1_000_000 + " ms");
            List<TestPlan.Planned> planned = TestPlan.discover(kata.id(), reference, repo.testResources());
            Set<String> tests = planned.stream().map(TestPlan.Planned::name).collect(Collectors.toSet());
            Set<String> templates = planned.stream().filter(TestPlan.Planned::template).map(TestPlan.Planned::name)
                    .collect(Collectors.toSet());
            problems.addAll(MistakeCatalogue.checkTestNames(repo, entries, tests, templates));
            List<MistakeCatalogue.Entry> mistakes = entries.stream()
                    .filter(e -> e.kind() == MistakeCatalogue.Kind.MISTAKE).toList();
            for (MistakeCatalogue.Entry entry : entries) {
                System.out.println("entry " + entry.key() + " at " + (System.nanoTime() - started) / 1_000_000 + " ms");
                System.out.flush();
                write(work.resolve(REPORT), new Report(kata.id(), problems, done, false));
                Path code = work.resolve("code").resolve(entry.kind().folder + "-" + entry.slug());
                assemble(repo, entry, code);
                KataCompiler.Output output;
                long compiling = System.nanoTime();
                try {
                    output = compiler.compile(repo, kata.id(), code, classes);
                    System.out.println("  compiled in " + (System.nanoTime() - compiling) / 1_000_000 + " ms");
                } catch (KataCompiler.CompileError e) {
                    done.add(new EntryReport(entry.kind().name(), entry.slug(), String.join("\n", e.errors()), List.of()));
                    continue;
                }
                List<Run> runs = new ArrayList<>();
                boolean mistake = entry.kind() == MistakeCatalogue.Kind.MISTAKE;
                if (repeat > 0) {
                    for (int i = 0; i < repeat; i++) {
                        runs.add(run(runner, kata, output, repo, mistakes, name -> true, true));
                    }
                } else if (mistake) {
                    // Only fails decides the fast verdict; mayFail (often the slow tests that time out) is for the matcher.
                    Set<String> promised = Set.copyOf(entry.fails());
                    runs.add(run(runner.withSettings(MISTAKE_SETTINGS), kata, output, repo, mistakes, promised::contains, false));
                    if (entry.equals(mistakes.getFirst())) { // the one whose naming the gate checks
                        runs.add(asTheLearnerRuns(runner, kata, output, repo, mistakes));
                    }
                } else {
                    runs.add(run(runner, kata, output, repo, mistakes, name -> true, true));
                }
                done.add(new EntryReport(entry.kind().name(), entry.slug(), null, runs));
            }
        }
        return new Report(kata.id(), problems, done, true);
    }

    /**
     * The fast gate's settings for a mistake's promised tests: a hung test is stopped after 3 s
     * instead of 10. A shorter timeout can only turn a pass into a failure, so it cannot let a
     * mistake through; whether a mistake is caught with the katas' own settings, on the whole
     * kata, is what the thorough mode ({@code --repeat}) measures.
     */
    static final Map<String, String> MISTAKE_SETTINGS = Map.of("junit.jupiter.execution.timeout.default", "3 s");

    /**
     * The whole kata as {@code ./kata run} runs it, task by task until one fails: the verdict in
     * which the learner's tool must name the mistake.
     */
    private static Run asTheLearnerRuns(TestRunner runner, Manifest.Kata kata, KataCompiler.Output output, Repo repo,
                                        List<MistakeCatalogue.Entry> mistakes) {
        long started = System.nanoTime();
        List<TestRunner.Result> results = runner.run(kata.id(), output, repo.testResources(), TestRunner.Selection.UNTIL_FAILURE);
        long millis = (System.nanoTime() - started) / 1_000_000;
        String named = named(mistakes, results);
        List<Outcome> outcomes = results.stream().filter(r -> r.status() != TestRunner.Status.NOT_RUN)
                .map(r -> new Outcome(r.name(), r.status().name(), r.message().lines().limit(3).collect(Collectors.joining(" / "))))
                .toList();
        return new Run(true, outcomes, named, millis);
    }

    /**
     * The mistakes the learner's tool names for these results, comma-separated: the only match, or
     * all of several that the tests cannot tell apart.
     */
    private static String named(List<MistakeCatalogue.Entry> mistakes, List<TestRunner.Result> results) {
        List<MistakeCatalogue.Entry> found = MistakeMatcher.matches(mistakes, results);
        return found.isEmpty() ? null : found.stream().map(MistakeCatalogue.Entry::slug).collect(Collectors.joining(","));
    }

    private static Run run(TestRunner runner, Manifest.Kata kata, KataCompiler.Output output, Repo repo,
                           List<MistakeCatalogue.Entry> mistakes, java.util.function.Predicate<String> only, boolean whole) {
        long started = System.nanoTime();
        List<TestRunner.Result> results = runner.run(kata.id(), output, repo.testResources(), only);
        long millis = (System.nanoTime() - started) / 1_000_000;
        String named = whole ? named(mistakes, results) : null;
        List<Outcome> outcomes = results.stream()
                .map(r -> new Outcome(r.name(), r.status().name(), r.message().lines().limit(3).collect(Collectors.joining(" / "))))
                .toList();
        return new Run(whole, outcomes, named, millis);
    }

    /** The reference's kata folder with the entry's classes put in place: a complete solution. */
    static void assemble(Repo repo, MistakeCatalogue.Entry entry, Path codeRoot) throws IOException {
        KataCompiler.clean(codeRoot);
        Path kataDir = codeRoot.resolve(entry.kata());
        KataCopy.copyTree(repo.solutionDir(entry.kata()), kataDir);
        for (Path file : entry.javaFiles()) {
            Path target = kataDir.resolve(entry.dir().relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void write(Path file, Report report) throws IOException {
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
    }

    static Optional<Report> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Report.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
