package katatool;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures watch mode against Maven in one run: the median time from a save to the verdict over
 * a number of saves (alternating the stub and the reference, in a copy of the kata), and the
 * median time of {@code mvnw test} for the same kata's tests.
 */
@Command(name = "benchmark", hidden = true,
        description = "Save-to-verdict of watch mode (median of N saves) against the same kata through Maven.")
final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--kata", defaultValue = "k06_threads", description = "The kata (default: ${DEFAULT-VALUE}).")
    String kata;

    @Option(names = "--saves", defaultValue = "20", description = "Saves to time in watch mode (default: ${DEFAULT-VALUE}).")
    int saves;

    @Option(names = "--maven-runs", defaultValue = "3", description = "Maven runs to time (default: ${DEFAULT-VALUE}; 0 skips Maven).")
    int mavenRuns;

    @Option(names = "--poll", description = "Time the polling watch instead of file events.")
    boolean poll;

    @Option(names = "--same-jvm", description = "Run the tests in the watch's own JVM, not a fresh one per verdict.")
    boolean sameJvm;

    @Override
    public Integer call() throws Exception {
        Repo repo = Main.repo();
        Manifest.Kata chosen = repo.manifest().find(kata);
        PrintWriter out = Main.session().out();
        List<Long> watch = watchMode(repo, chosen, out);
        long watchMedian = median(watch);
        out.printf(Locale.ROOT, "watch mode (%s), %s, %d saves: save-to-verdict median %,d ms (min %,d, max %,d)%n",
                poll ? "polling" : "file events", chosen.id(), watch.size(), watchMedian, watch.getFirst(), watch.getLast());
        if (mavenRuns <= 0) {
            return watchMedian <= 1000 ? 0 : 1;
        }
        List<String> tests = StatusBook.files(repo.testDir(chosen.id())).stream().map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith("Test.java")).map(n -> n.substring(0, n.length() - ".java".length())).toList();
        List<String> args = List.of("-q", "-B", "-pl", "katas,solutions", "test", "-Dtest=" + String.join(",", tests),
                "-Dsurefire.failIfNoSpecifiedTests=false");
        List<Long> maven = new ArrayList<>();
        for (int i = 0; i < mavenRuns; i++) {
            long started = System.nanoTime();
            int exit = Maven.run(repo, args, repo.workDir().resolve("benchmark-maven.log"), 10);
            maven.add((System.nanoTime() - started) / 1_000_000);
            if (exit != 0) {
                throw new KataException("The Maven run failed; see " + repo.workDir().resolve("benchmark-maven.log"));
            }
        }
        maven.sort(null);
        long mavenMedian = median(maven);
        double ratio = (double) mavenMedian / Math.max(1, watchMedian);
        out.printf(Locale.ROOT, "Maven (./mvnw %s), %d runs: median %,d ms (min %,d, max %,d)%n", String.join(" ", args),
                maven.size(), mavenMedian, maven.getFirst(), maven.getLast());
        boolean met = watchMedian <= 1000 && ratio >= 5;
        out.printf(Locale.ROOT, "watch mode is %.1fx faster than Maven; goal (median <= 1,000 ms and >= 5x faster): %s%n",
                ratio, met ? "met" : "NOT met");
        return met ? 0 : 1;
    }

    /** Times saves in a copy of the kata, alternating reference and stub, each verdict checked. */
    private List<Long> watchMode(Repo repo, Manifest.Kata chosen, PrintWriter out) throws Exception {
        Path dir = Files.createTempDirectory("kata-benchmark");
        try {
            Repo sandbox = Sandbox.copyKata(repo, chosen, dir);
            Map<Path, byte[]> stub = new LinkedHashMap<>();
            Map<Path, byte[]> solved = new LinkedHashMap<>();
            for (Path file : KataCompiler.javaFiles(sandbox.stubDir(chosen.id()))) {
                stub.put(file, Files.readAllBytes(file));
                Path reference = sandbox.solutionDir(chosen.id()).resolve(sandbox.stubDir(chosen.id()).relativize(file).toString());
                solved.put(file, Files.readAllBytes(reference));
            }
            BlockingQueue<Object[]> verdicts = new LinkedBlockingQueue<>();
            try (Workbench bench = new Workbench(sandbox, !sameJvm)) {
                Watch watch = new Watch(sandbox, bench, Console.plain(), new PrintWriter(Writer.nullWriter()), false)
                        .onVerdict(t -> verdicts.add(new Object[] {System.nanoTime(), t.report(), t.startedNanos()}));
                Thread runner = Thread.ofPlatform().name("benchmark-watch").start(() -> {
                    try {
                        watch.run(Optional.of(chosen), new BufferedReader(Reader.nullReader()), poll);
                    } catch (InterruptedException stopped) {
                        // the benchmark is over
                    } catch (Exception e) {
                        verdicts.add(new Object[] {e});
                    }
                });
                try {
                    next(verdicts); // the first verdict, in a cold JVM: not timed
                    List<Long> times = new ArrayList<>();
                    for (int i = 0; i < saves; i++) {
                        boolean solve = i % 2 == 0;
                        bench.awaitWarm(); // the learner reads the last verdict meanwhile
                        long saved = System.nanoTime();
                        for (var file : (solve ? solved : stub).entrySet()) {
                            // An editor's atomic save: write beside, then move over the file.
                            Path temp = dir.resolve("save.tmp");
                            Files.write(temp, file.getValue());
                            Files.move(temp, file.getKey(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                        }
                        Object[] verdict = next(verdicts);
                        while ((long) verdict[2] < saved) {
                            verdict = next(verdicts); // a run that began before this save: not its verdict
                        }
                        Workbench.Report report = (Workbench.Report) verdict[1];
                        if (report.solved() != solve) {
                            throw new KataException("Save " + (i + 1) + " got the wrong verdict: " + (report.solved() ? "solved"
                                    : report.compileError().orElseGet(() -> report.failures().stream()
                                    .map(f -> f.name() + ": " + f.message().lines().findFirst().orElse("")).toList().toString())));
                        }
                        times.add(((long) verdict[0] - saved) / 1_000_000);
                        out.printf(Locale.ROOT, "  save %2d (%s): %,d ms%n", i + 1, solve ? "reference" : "stub", times.getLast());
                        out.flush();
                    }
                    times.sort(null);
                    return times;
                } finally {
                    runner.interrupt();
                    runner.join();
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static Object[] next(BlockingQueue<Object[]> verdicts) throws InterruptedException {
        Object[] verdict = verdicts.poll(60, TimeUnit.SECONDS);
        if (verdict == null) {
            throw new KataException("No verdict within 60 s of a save: the watch did not see it.");
        }
        if (verdict[0] instanceof Exception e) {
            throw new KataException("The watch failed: " + e, e);
        }
        return verdict;
    }

    static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
