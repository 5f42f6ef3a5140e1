package katatool.mistakes;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import katatool.core.Checksums;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.run.KataCompiler;

/**
 * The mistake gate: runs every catalogued entry of the chosen katas against the kata's tests, one
 * child JVM ({@link MistakeChild}) per kata, one more at once than there are cores, and checks each
 * entry's promise.
 *
 * <ul>
 *   <li>Fast (repeat 0): a mistake must fail every test in its {@code fails}, running only
 *       those tests; the lowest-numbered mistake of each kata is also run
 *       against the whole kata, and the learner's tool must name it; an alternative must pass the
 *       whole kata.
 *   <li>Thorough (repeat N): every entry against the whole kata N times; per mistake, the runs
 *       that caught it (every test in {@code fails} failed) and the runs the tool named it.
 * </ul>
 */
public final class MistakeGate {

    /**
     * What the gate found for one kata.
     *
     * @param mistakes how many mistakes the catalogue holds
     * @param alternatives how many alternatives
     * @param broken one sentence per entry that broke its promise (or could not be judged)
     * @param lines the kata's report, one line per entry
     */
    record KataVerdict(Manifest.Kata kata, int mistakes, int alternatives, List<String> broken, List<String> lines, long millis) {}

    /** Every kata's verdict, in the order asked. */
    public record Verdict(List<KataVerdict> katas, long millis) {

        List<String> broken() {
            return katas.stream().flatMap(k -> k.broken().stream()).toList();
        }

        public boolean ok() {
            return broken().isEmpty();
        }
    }

    private MistakeGate() {}

    /**
     * Runs the gate.
     *
     * @param repeat 0 for the fast gate, N for the thorough mode
     * @param ceiling how long one kata's JVM may run
     * @param out where each kata's report is printed as it finishes
     */
    public static Verdict run(Repo repo, List<Manifest.Kata> katas, int repeat, Duration ceiling, PrintWriter out)
            throws InterruptedException {
        long started = System.nanoTime();
        // One kata JVM more than there are cores: most of a catalogue's time is spent waiting for
        // wrong code to reach a test's timeout, when the JVM uses no processor.
        int jobs = Math.max(1, Runtime.getRuntime().availableProcessors()) + 1;
        List<KataVerdict> verdicts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(jobs, Thread.ofPlatform().name("mistake-gate-", 0).factory())) {
            // The largest catalogues first, so that no long one starts last and runs alone.
            Map<Manifest.Kata, Future<KataVerdict>> futures = new java.util.HashMap<>();
            for (Manifest.Kata kata : katas.stream().sorted(java.util.Comparator.comparingInt(
                    (Manifest.Kata k) -> MistakeCatalogue.size(repo, k)).reversed()).toList()) {
                futures.put(kata, pool.submit(() -> {
                    KataVerdict v = kata(repo, kata, repeat, ceiling);
                    synchronized (out) {
                        v.lines().forEach(out::println);
                        out.flush();
                    }
                    return v;
                }));
            }
            for (int i = 0; i < katas.size(); i++) {
                try {
                    verdicts.add(futures.get(katas.get(i)).get());
                } catch (ExecutionException e) {
                    Manifest.Kata kata = katas.get(i);
                    String why = kata.id() + ": the gate could not run its catalogue: " + e.getCause();
                    verdicts.add(new KataVerdict(kata, 0, 0, List.of(why), List.of(why), 0));
                }
            }
        }
        return new Verdict(List.copyOf(verdicts), (System.nanoTime() - started) / 1_000_000);
    }

    /** Runs one kata's catalogue in a child JVM and judges it. */
    static KataVerdict kata(Repo repo, Manifest.Kata kata, int repeat, Duration ceiling) throws IOException, InterruptedException {
        long started = System.nanoTime();
        List<MistakeCatalogue.Entry> entries;
        try {
            entries = MistakeCatalogue.load(repo, kata);
        } catch (KataException malformed) {
            return new KataVerdict(kata, 0, 0, List.of(malformed.getMessage()), List.of(kata.id() + ": " + malformed.getMessage()), 0);
        }
        int mistakes = (int) entries.stream().filter(e -> e.kind() == MistakeCatalogue.Kind.MISTAKE).count();
        int alternatives = entries.size() - mistakes;
        String head = String.format(Locale.ROOT, "%s: %d mistakes, %d alternatives", kata.id(), mistakes, alternatives);
        if (entries.isEmpty()) {
            return new KataVerdict(kata, 0, 0, List.of(), List.of(head + ": no catalogue yet (" + Checksums.relative(repo,
                    MistakeCatalogue.folder(repo, MistakeCatalogue.Kind.MISTAKE, kata.id())) + ")"), 0);
        }
        Path work = repo.workDir().resolve("mistakes").resolve(kata.id());
        KataCompiler.clean(work);
        Path log = work.resolve("child-output.txt");
        // C1 only: a kata's catalogue is mostly javac runs and short tests, and on two cores C2's
        // compiler threads cost more than they give back (every entry, 238, with C1: 2 min 3 s of
        // CPU instead of 3 min 35 s, the same verdicts).
        List<String> command = List.of(java().toString(), "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                "-Dfile.encoding=UTF-8", "-XX:+EnableDynamicAgentLoading", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), MistakeChild.class.getName(),
                repo.root().toString(), kata.id(), work.toString(), Integer.toString(repeat));
        Process child = new ProcessBuilder(command).directory(repo.root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = false;
        try {
            finished = child.waitFor(ceiling.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            // The tests may have started JVMs of their own: none outlives the gate.
            List<ProcessHandle> descendants = child.descendants().toList();
            child.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Optional<MistakeChild.Report> report = MistakeChild.read(work.resolve(MistakeChild.REPORT));
        List<String> broken = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s (%.1f s)", head, millis / 1000.0));
        report.ifPresent(r -> broken.addAll(r.problems()));
        Map<String, MistakeChild.EntryReport> reported = report.map(r -> r.entries().stream()
                .collect(Collectors.toMap(e -> e.kind() + "/" + e.slug(), Function.identity()))).orElse(Map.of());  // portability: allowed (identifiers and quotes, not paths)
        Optional<MistakeCatalogue.Entry> firstMistake = entries.stream()
                .filter(e -> e.kind() == MistakeCatalogue.Kind.MISTAKE).findFirst();
        boolean cut = report.isEmpty() || !report.get().finished();
        for (MistakeCatalogue.Entry entry : entries) {
            MistakeChild.EntryReport got = reported.get(entry.kind().name() + "/" + entry.slug());  // portability: allowed (identifiers and quotes, not paths)
            if (got == null) {
                if (cut) {
                    String why = describe(entry) + " was not judged: its kata's JVM " + (finished
                            ? "stopped (exit code " + child.exitValue() + ") before it finished; see " + Checksums.relative(repo, log)
                            : "was stopped after " + ceiling.toSeconds() + " s (a hang the test timeouts could not end?)");
                    broken.add(why);
                    lines.add("  ✘ " + why);
                    cut = false; // the first unjudged entry is the one that was running: name only it
                }
                continue;
            }
            int before = lines.size();
            judge(entry, got, repeat, entry.equals(firstMistake.orElse(null)), broken, lines);
            if (lines.size() > before) { // how long its runs took: where the gate's time goes
                long ran = got.runs().stream().mapToLong(MistakeChild.Run::millis).sum();
                lines.set(before, lines.get(before) + String.format(Locale.ROOT, " [%.1f s]", ran / 1000.0));
            }
        }
        broken.stream().filter(b -> lines.stream().noneMatch(l -> l.endsWith(b))).toList()
                .forEach(b -> lines.add("  ✘ " + b));
        return new KataVerdict(kata, mistakes, alternatives, List.copyOf(broken), List.copyOf(lines), millis);
    }


    private static void judge(MistakeCatalogue.Entry entry, MistakeChild.EntryReport got, int repeat, boolean first,
                              List<String> broken, List<String> lines) {
        String who = describe(entry);
        if (got.compileError() != null) {
            String why = who + " does not compile: " + got.compileError().lines().findFirst().orElse("");
            broken.add(why);
            lines.add("  ✘ " + why);
            return;
        }
        boolean mistake = entry.kind() == MistakeCatalogue.Kind.MISTAKE;
        if (!mistake) {
            List<MistakeChild.Run> failing = got.runs().stream().filter(r -> !r.failed().isEmpty()).toList();
            String runs = repeat > 0 ? String.format(Locale.ROOT, "passed %d of %d runs", got.runs().size() - failing.size(),
                    got.runs().size()) : "passes every test";
            if (failing.isEmpty()) {
                lines.add("  ✔ " + who + ": " + runs);
                return;
            }
            Set<String> failed = new TreeSet<>();
            failing.forEach(r -> failed.addAll(r.failed()));
            String why = who + " failed " + quote(failed) + (repeat > 0 ? " (" + runs + ")" : "")
                    + ", and a correct solution must pass every test: " + firstMessage(failing.getFirst());
            broken.add(why);
            lines.add("  ✘ " + why);
            return;
        }
        if (repeat > 0) {
            long caught = got.runs().stream().filter(r -> r.failed().containsAll(entry.fails())).count();
            long named = got.runs().stream().filter(r -> r.names(entry.slug())).count();
            int n = got.runs().size();
            String figures = String.format(Locale.ROOT, "caught in %d of %d runs (%.0f%%), named by the tool in %d of %d",
                    caught, n, 100.0 * caught / n, named, n);
            if (caught == n) {
                lines.add("  ✔ " + who + ": " + figures + (named < n ? notNamed(entry, got.runs()) : ""));
            } else {
                Set<String> passed = new TreeSet<>();
                got.runs().forEach(r -> entry.fails().stream().filter(f -> !r.failed().contains(f)).forEach(passed::add));
                String why = who + " was not caught on every run: " + figures + "; it passed " + quote(passed)
                        + " in some runs, which its mistake.json says it fails on every run";
                broken.add(why);
                lines.add("  ✘ " + why);
            }
            return;
        }
        MistakeChild.Run fast = got.runs().getFirst();
        Set<String> passed = new TreeSet<>(entry.fails());
        passed.removeAll(fast.failed());
        if (!passed.isEmpty()) {
            String why = who + " passed " + quote(passed) + ", which its mistake.json says it fails on every run:"
                    + " the tests do not catch this mistake";
            broken.add(why);
            lines.add("  ✘ " + why);
            return;
        }
        String line = "  ✔ " + who + ": fails " + (entry.fails().size() == 1 ? "its test" : "all " + entry.fails().size() + " of its tests");
        if (first && got.runs().size() > 1) {
            MistakeChild.Run whole = got.runs().get(1);
            if (whole.names(entry.slug())) {
                line += "; the tool names it";
            } else {
                String why = who + ": the learner's tool does not name it" + notNamed(entry, List.of(whole))
                        + " (the gate checks that the tool names each kata's lowest-numbered mistake)";
                broken.add(why);
                lines.add("  ✘ " + why);
                return;
            }
        }
        lines.add(line);
    }

    /** Why the tool named something else: the failures outside fails and mayFail, or another mistake. */
    private static String notNamed(MistakeCatalogue.Entry entry, List<MistakeChild.Run> runs) {
        Set<String> outside = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        for (MistakeChild.Run r : runs) {
            if (r.names(entry.slug())) {
                continue;
            }
            r.failed().stream().filter(n -> !entry.focus().contains(n)).forEach(outside::add);
            if (r.named() != null) {
                others.add(r.named());
            }
        }
        if (!others.isEmpty()) {
            return " (it was taken for " + String.join(", ", others) + ", an earlier mistake that matches the same failures)";
        }
        if (!outside.isEmpty()) {
            return " (its whole run also failed " + quote(outside) + ": add them to mayFail if they may fail)";
        }
        return entry.message().isPresent() ? " (its message pattern was found in no failure)" : "";
    }

    private static String firstMessage(MistakeChild.Run run) {
        return run.outcomes().stream().filter(o -> o.status().equals("FAILED")).map(MistakeChild.Outcome::message)
                .findFirst().orElse("");
    }

    private static String describe(MistakeCatalogue.Entry entry) {
        return entry.key() + " (\"" + entry.name() + "\")";  // portability: allowed (identifiers and quotes, not paths)
    }

    private static String quote(Set<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));  // portability: allowed (identifiers and quotes, not paths)
    }

    private static Path java() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
    }

    /** The command's closing sentence. */
    public static void summary(Verdict verdict, int repeat, PrintWriter out) {
        int entries = verdict.katas().stream().mapToInt(k -> k.mistakes() + k.alternatives()).sum();
        out.printf(Locale.ROOT, "%s over %d entries of %d katas in %.1f s: %s%n", repeat > 0 ? "Thorough mode (" + repeat
                + " runs each)" : "Mistake gate", entries, verdict.katas().size(), verdict.millis() / 1000.0,
                verdict.ok() ? "every promise held." : verdict.broken().size() + " broken:");
        verdict.broken().forEach(b -> out.println("  " + b));
    }
}
