package katatool.cli;

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
import katatool.core.Console;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Maven;
import katatool.core.Repo;
import katatool.run.KataCompiler;
import katatool.run.KataCopy;
import katatool.run.StatusBook;
import katatool.run.TestRunner;
import katatool.run.Workbench;
import katatool.watch.Watch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures watch mode against Maven in one run: for each kata, the median time from a save to its
 * verdict, apart for saves that pass (the reference) and saves that fail (the stub), alternating
 * in a copy of the kata with the load average beside them; then the median time of
 * {@code mvnw test} for the first kata's tests.
 */
@Command(name = "benchmark", hidden = true,
        description = "Save-to-verdict of watch mode, for a save that passes and one that fails, against Maven.")
final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--kata", split = ",", defaultValue = "k06_threads,k04_queue",
            description = "The katas, comma-separated (default: ${DEFAULT-VALUE}: threads, and one with processes).")
    List<String> katas;

    @Option(names = "--saves", defaultValue = "20", description = "Saves to time in watch mode, per kata (default: ${DEFAULT-VALUE}).")
    int saves;

    @Option(names = "--maven-runs", defaultValue = "3", description = "Maven runs to time for the first kata (default: ${DEFAULT-VALUE}; 0 skips Maven).")
    int mavenRuns;

    @Option(names = "--poll", description = "Time the polling watch instead of file events.")
    boolean poll;

    @Option(names = "--same-jvm", description = "Run the tests in the watch's own JVM, not a fresh one per verdict.")
    boolean sameJvm;

    @Option(names = "--phases", description = "Break each save down into phases (wall and CPU time) and print their medians.")
    boolean phases;

    /** Each timed save's phases, passing saves apart from failing ones. */
    private final Map<Boolean, List<List<TestRunner.Phases.Phase>>> phaseLog = new LinkedHashMap<>();

    /** The goal of issue 13: a verdict within a second, on right code and on wrong code alike. */
    static final long GOAL_MILLIS = 1000;

    @Override
    public Integer call() throws Exception {
        Repo repo = Main.repo();
        PrintWriter out = Main.session().out();
        boolean met = true;
        long overallMedian = 0;
        out.println("Load average before: " + load());
        if (phases) {
            TestRunner.Phases.enable();
        }
        for (String id : katas) {
            Manifest.Kata chosen = repo.manifest().find(id);
            List<Long> passing = new ArrayList<>();
            List<Long> failing = new ArrayList<>();
            watchMode(repo, chosen, out, passing, failing);
            passing.sort(null);
            failing.sort(null);
            List<Long> all = new ArrayList<>(passing);
            all.addAll(failing);
            all.sort(null);
            if (overallMedian == 0) {
                overallMedian = median(all);
            }
            out.printf(Locale.ROOT, "watch mode (%s, %s), %s: save-to-verdict median: passing save %,d ms (min %,d, max %,d),"
                            + " failing save %,d ms (min %,d, max %,d); all %d saves %,d ms; load average %s%n",
                    poll ? "polling" : "file events", sameJvm ? "same JVM" : "fresh JVM per verdict", chosen.id(),
                    median(passing), passing.getFirst(), passing.getLast(), median(failing), failing.getFirst(), failing.getLast(),
                    all.size(), median(all), load());
            met &= median(passing) <= GOAL_MILLIS && median(failing) <= GOAL_MILLIS;
            if (phases) {
                printPhases(chosen, out);
            }
        }
        out.println("Goal (both medians <= 1,000 ms on every kata): " + (met ? "met" : "NOT met")
                + " (" + Runtime.getRuntime().availableProcessors() + " cores; load average " + load() + ")");
        if (mavenRuns <= 0) {
            return met ? 0 : 1;
        }
        Manifest.Kata chosen = repo.manifest().find(katas.getFirst());
        long watchMedian = overallMedian;
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
        out.printf(Locale.ROOT, "Maven (" + Console.mavenWrapper() + " %s), %d runs: median %,d ms (min %,d, max %,d)%n", String.join(" ", args),
                maven.size(), mavenMedian, maven.getFirst(), maven.getLast());
        out.printf(Locale.ROOT, "watch mode (median of all saves of %s) is %.1fx faster than Maven%n", chosen.id(), ratio);
        return met ? 0 : 1;
    }

    /** Times saves in a copy of the kata, alternating reference and stub, each verdict checked. */
    @SuppressWarnings("unchecked")
    private void watchMode(Repo repo, Manifest.Kata chosen, PrintWriter out, List<Long> passing, List<Long> failing)
            throws Exception {
        Path dir = Files.createTempDirectory("kata-benchmark");
        try {
            Repo sandbox = KataCopy.copyKata(repo, chosen, dir);
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
                        .onVerdict(t -> verdicts.add(new Object[] {System.nanoTime(), t.report(), t.startedNanos(),
                                TestRunner.Phases.take()}));
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
                    next(verdicts, 300); // the first verdict, in a cold JVM (training the AOT cache): not timed
                    for (int i = 0; i < saves; i++) {
                        boolean solve = i % 2 == 0;
                        bench.awaitWarm(); // the learner reads the last verdict meanwhile
                        TestRunner.Phases.start();
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
                        long took = ((long) verdict[0] - saved) / 1_000_000;
                        (solve ? passing : failing).add(took);
                        if (phases) {
                            phaseLog.computeIfAbsent(solve, k -> new ArrayList<>()).add((List<TestRunner.Phases.Phase>) verdict[3]);
                        }
                        out.printf(Locale.ROOT, "  %s save %2d (%s): %,d ms%n", chosen.id(), i + 1,
                                solve ? "reference, passes" : "stub, fails", took);
                        out.flush();
                    }
                } finally {
                    runner.interrupt();
                    runner.join();
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The median wall and CPU time of each phase over the timed saves, passing and failing apart,
     * in the order the phases happen; a phase missing from a save counts as 0 there.
     */
    private void printPhases(Manifest.Kata kata, PrintWriter out) {
        for (var entry : phaseLog.entrySet()) {
            List<List<TestRunner.Phases.Phase>> saves = entry.getValue();
            java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
            saves.forEach(s -> s.forEach(p -> names.add(p.name())));
            out.printf(Locale.ROOT, "  phases of a %s save of %s (median of %d; wall ms / CPU ms of the process that ran it):%n",
                    entry.getKey() ? "passing" : "failing", kata.id(), saves.size());
            for (String name : names) {
                List<Long> wall = new ArrayList<>();
                List<Long> cpu = new ArrayList<>();
                for (List<TestRunner.Phases.Phase> save : saves) {
                    wall.add(save.stream().filter(p -> p.name().equals(name)).mapToLong(p -> p.wallNanos()).sum() / 1_000);
                    cpu.add(save.stream().filter(p -> p.name().equals(name)).mapToLong(p -> p.cpuNanos()).sum() / 1_000);
                }
                wall.sort(null);
                cpu.sort(null);
                out.printf(Locale.ROOT, "    %8.1f %8.1f  %s%n", median(wall) / 1000.0, median(cpu) / 1000.0, name);
            }
        }
        phaseLog.clear();
        out.flush();
    }

    private static Object[] next(BlockingQueue<Object[]> verdicts) throws InterruptedException {
        return next(verdicts, 60);
    }

    private static Object[] next(BlockingQueue<Object[]> verdicts, int seconds) throws InterruptedException {
        Object[] verdict = verdicts.poll(seconds, TimeUnit.SECONDS);
        if (verdict == null) {
            throw new KataException("No verdict within " + seconds + " s of a save: the watch did not see it.");
        }
        if (verdict[0] instanceof Exception e) {
            throw new KataException("The watch failed: " + e, e);
        }
        return verdict;
    }

    /** The 1, 5 and 15 minute load averages, as the system reports them. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (java.io.IOException | RuntimeException notLinux) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    static long median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return 0;
        }
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
