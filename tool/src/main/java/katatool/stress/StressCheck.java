package katatool.stress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import katatool.core.Console;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.isolation.ChildEnvironment;

/**
 * Runs the jcstress tests of some katas and turns jcstress's report into a verdict.
 *
 * <p>jcstress can only forbid an outcome, and it exits 0 when nothing ran, when every test was
 * skipped and when a race was never seen. This check fails in each of those cases: every stress
 * test the manifest names must run and produce samples, none may show a forbidden outcome or
 * an error, and each test listed under {@code mustShowRace} must actually show its race.
 */
public final class StressCheck {

    /** How hard jcstress tries. */
    public enum Mode {
        /**
         * A few seconds a test: for the test command and the learner's first look. A racy test that
         * showed no race is run once more, ten times as long: on a crowded machine a fork may get
         * so little CPU in 100 ms that it collects a few thousand samples, or nine.
         */
        FAST(List.of("-f", "1", "-fsm", "0", "-iters", "1", "-time", "100", "-sc", "false"),
                List.of("-f", "1", "-fsm", "0", "-iters", "1", "-time", "1000", "-sc", "false"), Duration.ofMinutes(2)),
        /** jcstress's own default settings: minutes a test. */
        THOROUGH(List.of(), List.of(), Duration.ofMinutes(30));

        public final List<String> flags;
        /** The settings of the second run of racy tests that showed nothing; empty: no second run. */
        final List<String> retryFlags;
        public final Duration perTestCeiling;

        Mode(List<String> flags, List<String> retryFlags, Duration perTestCeiling) {
            this.flags = flags;
            this.retryFlags = retryFlags;
            this.perTestCeiling = perTestCeiling;
        }
    }

    /** One row of a jcstress result table. */
    public record Outcome(String state, long samples, String expect, String description) {}

    /** One test as the RUN RESULTS section reports it. */
    public record TestRun(String name, String status, List<Outcome> outcomes, List<String> messages) {
        public long samples() {
            return outcomes.stream().mapToLong(Outcome::samples).sum();
        }

        public long samples(String expect) {
            return outcomes.stream().filter(o -> o.expect().equals(expect)).mapToLong(Outcome::samples).sum();
        }
    }

    /** The verdict: whether everything held, and a sentence per test. */
    public record Verdict(boolean ok, List<String> lines) {}

    private static final Pattern TEST_LINE = Pattern.compile("^\\.*\\s*\\[([A-Z_ -]+)]\\s+(\\S+)\\s*$");
    // A state may hold several values ("true, 0"), and a rare outcome's frequency reads "<0.01%":
    // both must parse, or a rare FORBIDDEN outcome would go uncounted.
    private static final Pattern ROW = Pattern.compile(
            "^\\s+(\\S.*?)\\s+([\\d,]+)\\s+(<?[\\d.]+%)\\s+(Acceptable|Forbidden|Interesting|Unknown)\\s+(.*)$");

    private StressCheck() {}

    /** The anchored jcstress selector for the named test classes and their nested tests. */
    public static String selector(List<String> tests) {
        return tests.stream().map(t -> Pattern.quote(t) + "(\\..+)?")
                .collect(Collectors.joining("|", "^(", ")$"));
    }

    /** Reads the RUN RESULTS section of jcstress's console output. */
    public static Map<String, TestRun> parse(List<String> output) {
        Map<String, TestRun> runs = new LinkedHashMap<>();
        int start = output.indexOf("RUN RESULTS:");
        if (start < 0) {
            return runs;
        }
        String name = null;
        String status = null;
        List<Outcome> outcomes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        boolean inMessages = false;
        for (String line : output.subList(start + 1, output.size())) {
            Matcher test = TEST_LINE.matcher(line);
            if (test.matches()) {
                if (name != null) {
                    runs.put(name, new TestRun(name, status, List.copyOf(outcomes), List.copyOf(messages)));
                }
                status = test.group(1).strip();
                name = test.group(2);
                outcomes.clear();
                messages.clear();
                inMessages = false;
                continue;
            }
            if (name == null) {
                continue;
            }
            if (line.strip().equals("Messages:")) {
                inMessages = true;
                continue;
            }
            Matcher row = ROW.matcher(line);
            // A section header ends the messages before it: a termination test's "Have stale
            // threads" messages are followed at once by the next section.
            if (line.startsWith("  ") && line.strip().matches("(Interesting|Failed|Error) tests:.*|All remaining tests:.*")) {
                inMessages = false;
            } else if (!inMessages && row.matches()) {
                outcomes.add(new Outcome(row.group(1), Long.parseLong(row.group(2).replace(",", "")),
                        row.group(4).toUpperCase(Locale.ROOT), row.group(5).strip()));
            } else if (inMessages && !line.isBlank()) {
                messages.add(line.strip());
            }
        }
        if (name != null) {
            runs.put(name, new TestRun(name, status, List.copyOf(outcomes), List.copyOf(messages)));
        }
        return runs;
    }

    /**
     * The tests named in {@code mustShowRace} that ran cleanly and collected samples but never
     * showed their race: the ones worth a second, longer run before the verdict.
     */
    static List<String> unseenRaces(List<String> expected, List<String> mustShowRace, Map<String, TestRun> runs) {
        return expected.stream()
                .filter(name -> mustShowRace.stream().anyMatch(m -> name.equals(m) || name.startsWith(m + ".")))
                .filter(name -> {
                    TestRun run = runs.get(name);
                    return run != null && !run.status().contains("ERROR") && run.samples() > 0
                            && run.samples("INTERESTING") == 0 && run.samples("FORBIDDEN") == 0;
                })
                .toList();
    }

    /**
     * Says what each stress test saw, in plain words; true if every class of the learner's held.
     *
     * <p>A test is broken on purpose (given, for study) if the manifest requires it to show its race,
     * or if it declares an interesting outcome: jcstress marks what a safe class must never do as
     * forbidden, and what a broken one may do as interesting. Only forbidden outcomes count against
     * the learner. For k07, a run of {@code n} samples of a two-actor test made {@code 2n} updates.
     */
    public static boolean describe(Manifest.Stress stress, Map<String, TestRun> runs, Console ui, List<String> lines) {
        boolean safe = true;
        for (String test : stress.tests()) {
            boolean given = stress.mustShowRace().stream().anyMatch(m -> m.equals(test) || m.startsWith(test + "."));
            List<TestRun> found = runs.values().stream()
                    .filter(r -> r.name().equals(test) || r.name().startsWith(test + ".")).toList();
            if (found.isEmpty()) {
                lines.add(ui.red("✘ " + simple(test) + ": did not run; rerun with --verbose to see why."));
                safe &= given;
                continue;
            }
            for (TestRun run : found) {
                String name = simple(run.name());
                boolean broken = stress.mustShowRace().stream().anyMatch(m -> run.name().equals(m) || run.name().startsWith(m + "."))
                        || run.outcomes().stream().anyMatch(o -> o.expect().equals("INTERESTING"));
                long lost = run.samples("FORBIDDEN") + run.samples("INTERESTING");
                Optional<String> notYet = run.messages().stream().filter(m -> m.contains("UnsupportedOperationException")).findFirst();
                if (notYet.isPresent()) {
                    lines.add("· " + name + ": not implemented yet (it still throws UnsupportedOperationException).");
                    safe = false;
                } else if (run.status().contains("ERROR") || run.messages().stream().anyMatch(m -> m.contains("Exception"))) {
                    lines.add(ui.red("✘ " + name + ": crashed: " + run.messages().stream().filter(m -> m.contains("Exception"))
                            .findFirst().orElse(String.join(" ", run.messages()))));
                    safe = false;
                } else if (run.samples() == 0) {
                    lines.add(ui.red("✘ " + name + ": ran but collected no samples; try again, or with --thorough."));
                    safe = false;
                } else if (broken && run.samples("FORBIDDEN") == 0) {
                    lines.add(String.format(Locale.ROOT, "• %s (given, broken on purpose): the race showed in %,d of %,d samples%s",
                            name, run.samples("INTERESTING"), run.samples(),
                            run.samples("INTERESTING") > 0 ? ", the race you are fixing." : "; it did not show this time."));
                } else if (lost > 0) {
                    String what = run.outcomes().stream().filter(o -> o.expect().equals("FORBIDDEN") && o.samples() > 0)
                            .map(Outcome::description).findFirst().orElse("");
                    lines.add(ui.red(String.format(Locale.ROOT, "✘ %s: %,d forbidden outcomes in %,d samples (%s); not safe yet.",
                            name, run.samples("FORBIDDEN"), run.samples(), what)));
                    safe = false;
                } else {
                    lines.add(ui.green(String.format(Locale.ROOT, "✔ %s: no forbidden outcome in %,d samples.", name, run.samples())));
                }
            }
        }
        return safe;
    }

    private static String simple(String test) {
        return test.substring(test.indexOf('.') + 1);
    }

    /**
     * Judges one run.
     *
     * @param expected every test that should have run (jcstress's own list for the selector)
     * @param mustShowRace manifest entries whose tests must show their interesting outcome
     * @param runs what the RUN RESULTS section reported
     */
    static Verdict judge(List<String> expected, List<String> mustShowRace, Map<String, TestRun> runs) {
        List<String> lines = new ArrayList<>();
        boolean ok = !expected.isEmpty();
        if (expected.isEmpty()) {
            lines.add("No stress test matched: nothing was checked.");
        }
        for (String name : expected) {
            TestRun run = runs.get(name);
            boolean raceWanted = mustShowRace.stream().anyMatch(m -> name.equals(m) || name.startsWith(m + "."));
            if (run == null) {
                ok = false;
                lines.add("✘ " + name + ": did not run (skipped, or missing from jcstress's report).");
            } else if (run.status().contains("ERROR") || run.messages().stream().anyMatch(m -> m.contains("Exception"))) {
                ok = false;
                String why = run.messages().stream().filter(m -> m.contains("Exception") || m.contains("Error"))
                        .findFirst().orElse(String.join(" ", run.messages()));
                lines.add("✘ " + name + ": could not run: " + why);
            } else if (run.samples() == 0) {
                ok = false;
                lines.add("✘ " + name + ": ran but collected no samples.");
            } else if (run.samples("FORBIDDEN") > 0) {
                ok = false;
                for (Outcome o : run.outcomes()) {
                    if (o.expect().equals("FORBIDDEN") && o.samples() > 0) {
                        lines.add(String.format(Locale.ROOT, "✘ %s: FORBIDDEN outcome %s seen %,d times in %,d samples: %s",
                                name, o.state(), o.samples(), run.samples(), o.description()));
                    }
                }
            } else if (raceWanted && run.samples("INTERESTING") == 0) {
                ok = false;
                lines.add(String.format(Locale.ROOT, "✘ %s: the race was not observed in %,d samples;"
                        + " this run proves nothing about the fixed variants.", name, run.samples()));
            } else if (run.samples("INTERESTING") > 0) {
                Outcome first = run.outcomes().stream().filter(o -> o.expect().equals("INTERESTING")).findFirst().orElseThrow();
                lines.add(String.format(Locale.ROOT, "✔ %s: race observed, %,d of %,d samples (%.2f%%): %s",
                        name, run.samples("INTERESTING"), run.samples(), 100.0 * run.samples("INTERESTING") / run.samples(),
                        first.description()));
            } else {
                lines.add(String.format(Locale.ROOT, "✔ %s: clean, no forbidden outcome in %,d samples", name, run.samples()));
            }
        }
        return new Verdict(ok, lines);
    }

    /**
     * Lists, runs and judges the stress tests of the given katas with the jcstress jar.
     *
     * @param workDir where jcstress writes its HTML report ({@code results/}) and its log
     */
    public static Verdict run(Path jar, List<Manifest.Kata> katas, Mode mode, Path workDir, PrintWriter out)
            throws IOException, InterruptedException {
        List<String> tests = katas.stream().flatMap(k -> k.stressTests().stream())
                .flatMap(s -> s.tests().stream()).toList();
        List<String> mustShow = katas.stream().flatMap(k -> k.stressTests().stream())
                .flatMap(s -> s.mustShowRace().stream()).toList();
        if (tests.isEmpty()) {
            throw new KataException("No stress tests for " + katas.stream().map(Manifest.Kata::id).toList()
                    + ": only katas whose manifest entry has \"stress\" have any.");
        }
        if (!Files.isRegularFile(jar)) {
            throw new KataException("No jcstress jar at " + jar + ": build it first (" + Console.mavenWrapper() + " -pl jcstress -am package).");
        }
        Files.createDirectories(workDir);
        String selector = selector(tests);
        List<String> listed = jcstress(jar, List.of("-t", selector, "-l"), workDir, Duration.ofMinutes(2), null)
                .stream().map(String::strip).filter(l -> l.matches(selector)).toList();
        for (String test : tests) {
            if (listed.stream().noneMatch(l -> l.equals(test) || l.startsWith(test + "."))) {
                return new Verdict(false, List.of("✘ " + test + ": the manifest names it, but the jcstress jar has no such test."));
            }
        }
        List<String> args = new ArrayList<>(List.of("-t", selector, "-v", "-r", workDir.resolve("results").toString()));
        args.addAll(mode.flags);
        out.println("Stress-testing " + listed.size() + " jcstress tests (" + mode.name().toLowerCase(Locale.ROOT)
                + " mode); jcstress's own output goes to " + workDir.resolve("jcstress-output.txt"));
        out.flush();
        List<String> output = jcstress(jar, args, workDir, mode.perTestCeiling.multipliedBy(listed.size()).plusMinutes(1),
                workDir.resolve("jcstress-output.txt"));
        Map<String, TestRun> runs = new LinkedHashMap<>(parse(output));
        List<String> unseen = unseenRaces(listed, mustShow, runs);
        if (!unseen.isEmpty() && !mode.retryFlags.isEmpty()) {
            // Too few samples is not evidence that the harness misses races: look again, longer.
            out.println("No race seen yet in " + unseen + ": running " + (unseen.size() == 1 ? "it" : "them")
                    + " again, ten times as long; jcstress's output goes to " + workDir.resolve("jcstress-output-again.txt"));
            out.flush();
            List<String> again = new ArrayList<>(List.of("-t", selector(unseen), "-v", "-r", workDir.resolve("results-again").toString()));
            again.addAll(mode.retryFlags);
            runs.putAll(parse(jcstress(jar, again, workDir, mode.perTestCeiling.multipliedBy(unseen.size()).plusMinutes(1),
                    workDir.resolve("jcstress-output-again.txt"))));
        }
        Verdict verdict = judge(listed, mustShow, runs);
        verdict.lines().forEach(out::println);
        out.println("HTML report: " + workDir.resolve("results").resolve("index.html"));
        return verdict;
    }

    static List<String> jcstress(Path jar, List<String> args, Path workDir, Duration ceiling, Path log)
            throws IOException, InterruptedException {
        return jcstress(jar, args, workDir, ceiling, log, false);
    }

    /**
     * Runs the jcstress jar with {@code args} in {@code workDir} and returns what it printed.
     *
     * @param sandboxed for a grade: the jar's JVM (and every JVM jcstress forks, which run the
     *     learner's code) may write only in {@code workDir} (Linux Landlock, through
     *     {@link SandboxedMain}), and sees a clean environment
     */
    public static List<String> jcstress(Path jar, List<String> args, Path workDir, Duration ceiling, Path log, boolean sandboxed)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dstdout.encoding=UTF-8", "-Dfile.encoding=UTF-8"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        if (sandboxed) {
            Path tmp = Files.createDirectories(workDir.resolve("tmp"));
            command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-XX:+DisableAttachMechanism",
                    "-cp", jar + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                    SandboxedMain.class.getName(), workDir.toAbsolutePath().toString(), jar.toString()));
            ChildEnvironment.clean(builder.environment(), tmp);
        } else {
            command.addAll(List.of("-jar", jar.toString()));
        }
        command.addAll(args);
        Process process = builder.command(command).start();
        List<String> lines = new ArrayList<>();
        Thread reader = Thread.ofPlatform().name("jcstress-output").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended or was killed; what was read is what there is
            }
        });
        try {
            if (!process.waitFor(ceiling.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new KataException("jcstress did not finish within " + ceiling.toMinutes() + " minutes and was stopped.");
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reader.join(Duration.ofSeconds(10));
        }
        synchronized (lines) {
            if (log != null) {
                Files.write(log, lines, StandardCharsets.UTF_8);
            }
            return List.copyOf(lines);
        }
    }
}
