package katatool.grade;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import katatool.core.Checksums;
import katatool.core.Console;
import katatool.core.KataException;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.isolation.ChildEnvironment;
import katatool.isolation.Landlock;
import katatool.isolation.Reaper;
import katatool.run.KataCompiler;
import katatool.run.TestPlan;

/**
 * Grades a learner's repository: checks that grading can be trusted (a JDK 25, a well-formed
 * manifest, protected files as expected), runs every kata's tests each in a JVM of its own, and
 * scores the stress verdicts on the learner's balances.
 */
public final class Grader {

    /**
     * The exit code of {@code kata grade} when protected files differ from the expected digests,
     * which voids the grade; {@link ClassGrader} reads it from each fork's grade.
     */
    public static final int EXIT_TAMPERED = 3;

    /** The exit code of {@code kata grade} when the grader itself failed (a bug of ours, never the learner's doing). */
    public static final int EXIT_CRASHED = 4;

    /**
     * What to grade and how.
     *
     * @param expected a digest list to check protected files against (a pinned upstream's
     *     {@code .kata/protected.sha256}); empty for the repository's own list
     * @param stressJar the jcstress jar built from the learner's code; empty to skip stress
     * @param stressDir where jcstress writes its report
     * @param only kata names to grade; empty for every kata
     * @param kataCeiling how long one kata's JVM may run before it is stopped
     * @param javaHome the JDK that compiles and runs the katas
     * @param sandbox whether the kata JVMs are denied writes outside their scratch folder (Linux Landlock)
     */
    public record Options(Optional<Path> expected, Optional<Path> stressJar, Path stressDir, List<String> only,
                   Duration kataCeiling, Path javaHome, Sandboxing sandbox) {

        Options(Optional<Path> expected, Optional<Path> stressJar, Path stressDir, List<String> only,
                Duration kataCeiling, Path javaHome) {
            this(expected, stressJar, stressDir, only, kataCeiling, javaHome, Sandboxing.AUTO);
        }
    }

    /** Whether the learner's code runs under the operating system's write restriction. */
    public enum Sandboxing {
        /** Where the system offers it (Linux with Landlock). */
        AUTO,
        /** Always: grading fails where the system does not offer it (the Linux CI job). */
        REQUIRED,
        /** Never. */
        OFF
    }

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private final Repo repo;
    private final Options options;
    private final PrintWriter out;

    public Grader(Repo repo, Options options, PrintWriter out) {
        this.repo = repo;
        this.options = options;
        this.out = out;
    }

    /**
     * Grades the repository.
     *
     * <p>In this order, so that the grade depends on nothing the learner's code can write and on
     * nothing read after it has run: the options and the JDK are checked; the protected files are
     * compared with the expected digests; every kata's tests, given code and test resources are
     * copied into a scratch folder of the grader's, each file checked against the digests as it is
     * read (what is compiled is exactly what was checked), with the learner's sources; every kata
     * is compiled from that copy, the learner's classes are checked ({@link CodeCheck}) and the
     * tests are listed ({@link TestPlan}). Only then does learner code run, one kata at a time,
     * each in a JVM of its own whose report is checked against the list. Every process the grade
     * started is gone before the grade is returned.
     *
     * @throws UsageError for a mistake in the command (an unknown kata, a missing stress jar)
     * @throws KataException if grading cannot start: no JDK 25, a malformed manifest, an
     *     unreadable digest list
     */
    public Grade grade() throws IOException, InterruptedException {
        Path java = checkJdk(options.javaHome());
        Manifest manifest = repo.manifest();
        List<Manifest.Kata> katas = new ArrayList<>();
        for (String id : options.only().isEmpty() ? manifest.katas().stream().map(Manifest.Kata::id).toList() : options.only()) {
            try {
                Manifest.Kata kata = manifest.find(id);
                if (!katas.contains(kata)) {
                    katas.add(kata);
                }
            } catch (KataException unknown) {
                throw new UsageError(unknown.getMessage());
            }
        }
        if (options.stressJar().isPresent() && !Files.isRegularFile(options.stressJar().get())) {
            throw new UsageError("No jcstress jar at " + options.stressJar().get() + ": build it from your code with " + buildStress());
        }
        // Checked before anything runs: a jar built from older code would grade the old code's balances.
        Optional<String> staleStress = options.stressJar().flatMap(this::staleJar);
        if (staleStress.isPresent()) {
            throw new UsageError(staleStress.get());
        }
        boolean landlock = switch (options.sandbox()) {
            case OFF -> false;
            case AUTO -> Landlock.abi() > 0;
            case REQUIRED -> {
                if (Landlock.abi() < 1) {
                    throw new KataException("--sandbox required, but this system cannot deny the learner's code writes"
                            + " (Linux 5.13 or newer with Landlock enabled is needed): the grade was not run.");
                }
                yield true;
            }
        };
        SortedMap<String, String> expected = options.expected().map(Grader::readDigests)
                .orElseGet(() -> Checksums.read(repo, Checksums.Kind.PROTECTED));
        Map<String, String> tampered = Checksums.differences(expected, Checksums.compute(repo, Checksums.Kind.PROTECTED));
        if (!tampered.isEmpty()) {
            return new Grade(List.of(), Optional.of("not run: the grade is void"), tampered);
        }
        Path scratch = Files.createTempDirectory("kata-grade-");
        try (Reaper reaper = new Reaper(scratch.toString())) {
            Map<String, String> snapshotTampered = snapshot(repo, expected, katas, scratch.resolve("src"));
            if (!snapshotTampered.isEmpty()) {
                return new Grade(List.of(), Optional.of("not run: the grade is void"), snapshotTampered);
            }
            Repo copy = new Repo(scratch.resolve("src"));
            List<Prepared> prepared = new ArrayList<>();
            Map<String, String> posing = new LinkedHashMap<>();
            try (KataCompiler compiler = new KataCompiler(System.getProperty("java.class.path"))) {
                for (Manifest.Kata kata : katas) {
                    out.println("compiling and checking " + kata.id() + " ...");
                    out.flush();
                    Prepared p = prepare(compiler, copy, kata, scratch.resolve("classes"));
                    p.posing().forEach(t -> posing.put("katas/src/main/java/" + kata.id() + " (" + t.substring(0, t.indexOf(':')) + ")",
                            t.substring(t.indexOf(':') + 2)));
                    prepared.add(p);
                }
            }
            if (!posing.isEmpty()) {
                return new Grade(List.of(), Optional.of("not run: the grade is void"), posing);
            }
            // From here on learner code runs.
            List<Grade.KataGrade> graded = new ArrayList<>();
            for (Prepared p : prepared) {
                Optional<String> problem = p.problem();
                Map<String, GradeChild.Line> reported = Map.of();
                String tail = "";
                if (problem.isEmpty()) {
                    out.println("grading " + p.kata().id() + " ...");
                    out.flush();
                    ChildRun run = runKata(java, p, scratch.resolve("run").resolve(p.kata().id()), reaper, landlock);
                    problem = run.problem();
                    reported = run.reported();
                    tail = run.tail();
                }
                reaper.sweep();
                graded.add(score(p.kata(), p.plan(), copy.root().resolve("katas/src/test/java"), problem, reported, tail));
            }
            reaper.sweep();
            Optional<String> stressNote = Optional.empty();
            List<Manifest.Kata> stressed = katas.stream().filter(k -> !StressGrade.safeTests(k).isEmpty()).toList();
            if (stressed.isEmpty()) {
                stressNote = Optional.of("no kata graded here has stress tests");
            } else if (options.stressJar().isEmpty()) {
                stressNote = Optional.of("not run (pass --stress-jar with the jcstress jar built from your code: " + buildStress() + ")");
            } else {
                out.println("stress-testing your balances with jcstress ...");
                out.flush();
                Map<String, List<Grade.StressScore>> stress = StressGrade.run(options.stressJar().get(), stressed,
                        options.stressDir(), landlock, out);
                reaper.sweep();
                graded.replaceAll(g -> new Grade.KataGrade(g.kata(), g.problem(), g.tests(),
                        stress.getOrDefault(g.kata().id(), List.of()), g.output()));
            }
            return new Grade(List.copyOf(graded), stressNote, Map.of());
        } finally {
            KataCompiler.deleteQuietly(scratch);
        }
    }

    /** How to build the stress jar from the learner's code, in the form of the platform the tool runs on. */
    static String buildStress() {
        return Console.mavenWrapper() + " -B -pl jcstress -am package -Dmaven.test.skip=true -Dstress.target=katas";
    }

    /** A mistake in the command line: reported, but never written over a good results file. */
    public static final class UsageError extends KataException {
        UsageError(String message) {
            super(message);
        }
    }

    /**
     * Checks that {@code javaHome} is a JDK 25 or newer with a compiler, and returns its java.
     *
     * @throws KataException saying what is missing and how to get it
     */
    public static Path checkJdk(Path javaHome) {
        String install = " Install a JDK 25 (for example Eclipse Temurin 25 from adoptium.net, or your system's"
                + " package manager) and run the grade again.";
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path java = javaHome.resolve("bin").resolve(windows ? "java.exe" : "java");
        Path javac = javaHome.resolve("bin").resolve(windows ? "javac.exe" : "javac");
        if (!Files.isRegularFile(java)) {
            throw new KataException("No JDK found at " + javaHome + ": there is no " + java.getFileName() + " in its bin folder." + install);
        }
        if (!Files.isRegularFile(javac)) {
            throw new KataException("The Java at " + javaHome + " is a runtime without a compiler, and grading compiles"
                    + " your code." + install);
        }
        int feature;
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(javaHome.resolve("release"), StandardCharsets.UTF_8));
            feature = m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            feature = 0;
        }
        if (feature < 25) {
            throw new KataException("The Java at " + javaHome + " is " + (feature == 0 ? "of an unknown version" : "Java " + feature)
                    + ", and the katas need Java 25." + install);
        }
        return java;
    }

    /** Reads a digest list in {@code sha256sum} format from any file (a pinned upstream's). */
    public static SortedMap<String, String> readDigests(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KataException("Cannot read the expected digests " + file + ": " + e.getMessage());
        }
        SortedMap<String, String> digests = new TreeMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.matches("[0-9a-f]{64}  \\S.*")) {
                throw new KataException("The expected digests " + file + " have a malformed line: " + line);
            }
            digests.put(line.substring(66), line.substring(0, 64));
        }
        if (digests.isEmpty()) {
            throw new KataException("The expected digests " + file + " list no files.");
        }
        return digests;
    }

    /**
     * A stress jar older than the learner's code it should have been built from: its verdicts
     * would be about the old code, so stress is not run, with the reason.
     */
    Optional<String> staleJar(Path jar) {
        try {
            java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(jar);
            for (Path source : KataCompiler.javaFiles(repo.root().resolve("katas/src/main/java"))) {
                if (Files.getLastModifiedTime(source).compareTo(built) > 0) {
                    return Optional.of("The jcstress jar " + jar + " is older than your code ("
                            + Checksums.relative(repo, source) + " changed after it was built), so its verdicts would be"
                            + " about old code. Rebuild it (" + buildStress() + ") and grade again.");
                }
            }
            return Optional.empty();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.of("Cannot compare the jcstress jar's age with your code's: " + e.getMessage());
        }
    }

    /**
     * Copies the kata tests, test support, given code and test resources into {@code target},
     * every file under those folders (none is skipped), each checked against the expected digests
     * from the very bytes that are written; then the graded katas' learner code and references.
     *
     * @return files that differ from the digests ("changed"), or are not in them ("added")
     */
    static Map<String, String> snapshot(Repo from, SortedMap<String, String> expected, List<Manifest.Kata> katas, Path target)
            throws IOException {
        Map<String, String> differing = new LinkedHashMap<>();
        for (String root : List.of("katas/src/test", "katas/src/given")) {
            for (Path file : allFiles(from.root().resolve(root))) {
                String relative = Checksums.relative(from, file);
                byte[] bytes = Files.readAllBytes(file);
                String digest = expected.get(relative);
                if (digest == null) {
                    differing.put(relative, "added");
                } else if (!digest.equals(Checksums.digest(bytes))) {
                    differing.put(relative, "changed");
                }
                Path copy = target.resolve(relative);
                Files.createDirectories(copy.getParent());
                Files.write(copy, bytes);
            }
        }
        for (Manifest.Kata kata : katas) {
            for (String root : List.of("katas/src/main/java/", "solutions/src/main/java/")) {
                for (Path file : allFiles(from.root().resolve(root + kata.id()))) {
                    Path copy = target.resolve(Checksums.relative(from, file));
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return differing;
    }

    private static List<Path> allFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * One kata, compiled, checked and listed before any learner code runs.
     *
     * @param problem why its tests will not run: a compile error, refused calls
     * @param posing learner classes that pose as tests ("class: why"), which void the grade
     */
    record Prepared(Manifest.Kata kata, List<TestPlan.Planned> plan, Optional<String> problem, List<String> posing,
                    Optional<KataCompiler.Output> classes, Path resources) {}

    private static Prepared prepare(KataCompiler compiler, Repo copy, Manifest.Kata kata, Path classesRoot) throws IOException {
        Path resources = copy.testResources();
        KataCompiler.Output learner;
        try {
            learner = compiler.compile(copy, kata.id(), copy.root().resolve("katas/src/main/java"), classesRoot.resolve("learner"));
        } catch (KataException notCompiling) {
            // The kata's tests are still listed, so its points show in the maximum: they are
            // found by compiling the same tests against the reference code.
            List<TestPlan.Planned> plan = List.of();
            try {
                KataCompiler.Output reference = compiler.compile(copy, kata.id(), copy.root().resolve("solutions/src/main/java"),
                        classesRoot.resolve("reference"));
                plan = TestPlan.discover(kata.id(), reference, resources);
            } catch (RuntimeException alsoNot) {
                // nothing to list: the kata then shows as one entry
            }
            return new Prepared(kata, plan, Optional.of(notCompiling.getMessage()), List.of(), Optional.empty(), resources);
        }
        List<String> posing = posingAsTests(learner);
        if (!posing.isEmpty()) {
            return new Prepared(kata, List.of(), Optional.of("posing as tests"), posing, Optional.empty(), resources);
        }
        List<TestPlan.Planned> plan;
        try {
            plan = TestPlan.discover(kata.id(), learner, resources);
        } catch (RuntimeException e) {
            return new Prepared(kata, List.of(), Optional.of("its tests could not be listed: " + e), List.of(), Optional.empty(), resources);
        }
        List<String> refused = CodeCheck.check(kata.id(), learner.mainClasses(), copy.stubDir(kata.id()), copy.givenDir(kata.id()));
        if (!refused.isEmpty()) {
            return new Prepared(kata, plan, Optional.of("refused, your code was not run: " + String.join("; ", refused)
                    + ". Its tests count as errors."), List.of(), Optional.empty(), resources);
        }
        return new Prepared(kata, plan, Optional.empty(), List.of(), Optional.of(learner), resources);
    }

    /**
     * Learner code that would be run as a test or in place of one: a class with the same name as
     * a test class (the learner's copy would be loaded first), or any class that refers to JUnit
     * (a test class must, through its annotations). Both would let edited tests in through the
     * learner's own folder, which the protected digests do not cover.
     */
    static List<String> posingAsTests(KataCompiler.Output classes) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : allFiles(classes.mainClasses())) {
            if (!file.toString().endsWith(".class")) {
                continue;
            }
            String relative = classes.mainClasses().relativize(file).toString();
            String name = relative.replace(file.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
            if (Files.exists(classes.testClasses().resolve(relative))) {
                found.add(name + ": your code declares a class of the kata's tests, which would run in its place");
            } else {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (text.contains("org/junit") || text.contains("org.junit")) {
                    found.add(name + ": your class uses JUnit, and kata code may not contain tests");
                }
            }
        }
        return found;
    }

    /**
     * What one kata's JVM said, checked.
     *
     * @param problem why its report is void, if it is
     * @param reported the reported tests by unique id (empty when void)
     * @param tail the last lines it printed outside the report
     */
    record ChildRun(Optional<String> problem, Map<String, GradeChild.Line> reported, String tail) {}

    /** Runs one kata's tests in a child JVM with a ceiling, and reads its report over the nonce channel. */
    private ChildRun runKata(Path java, Prepared p, Path work, Reaper reaper, boolean landlock)
            throws IOException, InterruptedException {
        KataCompiler.clean(work);
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        KataCompiler.Output classes = p.classes().orElseThrow();
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        String nonce = HexFormat.of().formatHex(secret);
        List<String> command = List.of(java.toString(), "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=" + tmp, "--finalization=disabled",
                // nothing may attach to the runner's JVM (jcmd, an agent) to read its nonce
                "-XX:+DisableAttachMechanism",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), GradeChild.class.getName(),
                p.kata().id(), classes.mainClasses().toString(), classes.testClasses().toString(), p.resources().toString(),
                landlock ? "landlock" : "none");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        ChildEnvironment.clean(builder.environment(), tmp);
        Process child = builder.start();
        reaper.started(child);
        ReportReader reader = new ReportReader(nonce, child.getInputStream());
        Thread readerThread = Thread.ofVirtual().name("grade-report-" + p.kata().id()).start(reader);
        try (var stdin = child.getOutputStream()) {
            stdin.write((nonce + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException gone) {
            // the JVM died at once; its exit status says so below
        }
        boolean finished = false;
        try {
            finished = child.waitFor(options.kataCeiling().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            // The learner's tests may have started JVMs of their own: none outlives the grade.
            Reaper.killTree(child.toHandle());
            child.waitFor(30, TimeUnit.SECONDS);
            reaper.sweep();
        }
        // A grandchild that kept the pipe open is dead now, so the stream ends.
        readerThread.join(Duration.ofSeconds(30));
        if (!finished) {
            return new ChildRun(Optional.of("the tests did not finish within " + options.kataCeiling().toSeconds()
                    + " s and were stopped: a hang that the test timeouts could not end. Its tests count as errors."),
                    Map.of(), reader.tail());
        }
        return check(p.plan(), reader, child.exitValue());
    }

    /**
     * Checks a child's report: exit status 0, every result line under the nonce well formed and
     * about a planned test (or an invocation of a planned parameterized test), none twice, and an
     * end line with their number. Anything else voids the kata's points.
     */
    static ChildRun check(List<TestPlan.Planned> plan, ReportReader reader, int exit) {
        String voided = " Its tests count as errors.";
        if (exit != 0) {
            return new ChildRun(Optional.of("the tests stopped their JVM (exit code " + exit + ") before they finished:"
                    + " does your code call System.exit or Runtime.halt?" + voided), Map.of(), reader.tail());
        }
        if (reader.end().isEmpty()) {
            return new ChildRun(Optional.of("the kata's JVM ended without the runner's end of report: something"
                    + " stopped it before the runner finished." + voided), Map.of(), reader.tail());
        }
        Map<String, GradeChild.Line> reported = new LinkedHashMap<>();
        for (String line : reader.lines()) {
            GradeChild.Line result;
            try {
                result = JSON.readValue(line, GradeChild.Line.class);
            } catch (IOException | RuntimeException e) {
                return new ChildRun(Optional.of("the kata's report is malformed." + voided), Map.of(), reader.tail());
            }
            if (result.id() == null || result.status() == null || !planned(plan, result.id())) {
                return new ChildRun(Optional.of("the kata's report names a test the kata does not have ("
                        + result.id() + "): the report is void." + voided), Map.of(), reader.tail());
            }
            if (reported.put(result.id(), result) != null) {
                return new ChildRun(Optional.of("the kata's report names a test twice: the report is void." + voided),
                        Map.of(), reader.tail());
            }
        }
        if (reader.end().get() != reported.size()) {
            return new ChildRun(Optional.of("the kata's report does not end as the runner ends it: the report is void."
                    + voided), Map.of(), reader.tail());
        }
        return new ChildRun(Optional.empty(), reported, reader.tail());
    }

    private static boolean planned(List<TestPlan.Planned> plan, String id) {
        return plan.stream().anyMatch(t -> t.template() ? id.startsWith(t.id() + '/') : id.equals(t.id()));
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Reads a child's output: lines under the nonce are the report, the rest is the tests' own
     * output, of which only the last lines are kept (a flood costs no memory).
     */
    static final class ReportReader implements Runnable {
        private static final int TAIL = 40;
        private static final int MAX_LINE = 1 << 20;
        private final String prefix;
        private final java.io.InputStream in;
        private final List<String> lines = new ArrayList<>();
        private final java.util.ArrayDeque<String> tail = new java.util.ArrayDeque<>();
        private Optional<Integer> end = Optional.empty();
        private boolean afterEnd;

        ReportReader(String nonce, java.io.InputStream in) {
            this.prefix = nonce + " ";
            this.in = in;
        }

        @Override
        public void run() {
            try (java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    accept(line);
                }
            } catch (IOException e) {
                // the stream ended with the process
            }
        }

        synchronized void accept(String line) {
            if (line.startsWith(prefix)) {
                String body = line.substring(prefix.length());
                if (afterEnd) {
                    end = Optional.of(-1); // a line after the end: the report does not end as the runner ends it
                } else if (body.startsWith(GradeChild.END + " ")) {
                    afterEnd = true;
                    try {
                        end = Optional.of(Integer.parseInt(body.substring(GradeChild.END.length() + 1).strip()));
                    } catch (NumberFormatException e) {
                        end = Optional.of(-1);
                    }
                } else {
                    lines.add(body);
                }
            } else {
                tail.addLast(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line);
                if (tail.size() > TAIL) {
                    tail.removeFirst();
                }
            }
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        synchronized Optional<Integer> end() {
            return end;
        }

        synchronized String tail() {
            return String.join("\n", tail);
        }
    }

    /**
     * Turns the plan and a checked report into test scores, in the order of the test files. With
     * a problem, or for a test the report left out, every planned test is an error.
     */
    static Grade.KataGrade score(Manifest.Kata kata, List<TestPlan.Planned> plan, Path testRoot, Optional<String> problem,
                                 Map<String, GradeChild.Line> reported, String tail) {
        List<Grade.TestScore> tests = new ArrayList<>();
        for (TestPlan.Planned t : TestPlan.inFileOrder(plan, testRoot)) {
            Grade.Kind kind = t.tags().contains("given") ? Grade.Kind.GIVEN : Grade.Kind.TASK;
            Optional<Integer> task = t.tags().stream().filter(g -> g.matches("task:\\d+")).findFirst()
                    .map(g -> Integer.parseInt(g.substring("task:".length())));
            String code = TestPlan.testCode(t, testRoot);
            List<GradeChild.Line> lines = problem.isPresent() ? List.of()
                    : t.template() ? reported.values().stream().filter(l -> l.id().startsWith(t.id() + '/')).toList()
                    : Optional.ofNullable(reported.get(t.id())).stream().toList();
            if (lines.isEmpty()) {
                String why = problem.orElse("the runner did not report this test");
                tests.add(new Grade.TestScore(t.name(), kind, task, Grade.Status.ERROR, why, tail, code));
                continue;
            }
            for (GradeChild.Line l : lines) {
                String name = t.template() ? t.name() + " › " + lastPart(l.name()) : t.name();
                Grade.Status status = switch (l.status()) {
                    case "PASSED" -> Grade.Status.PASS;
                    case "FAILED" -> Grade.Status.FAIL;
                    case "SKIPPED" -> Grade.Status.SKIPPED;
                    default -> Grade.Status.ERROR;
                };
                tests.add(new Grade.TestScore(name, kind, task, status, Objects.toString(l.message(), ""),
                        Objects.toString(l.output(), ""), code));
            }
        }
        if (tests.isEmpty()) {
            tests.add(new Grade.TestScore("(no test could be listed)", Grade.Kind.PLACEHOLDER, Optional.empty(),
                    Grade.Status.ERROR, problem.orElse("the kata has no tests"), "", ""));
        }
        return new Grade.KataGrade(kata, problem, List.copyOf(tests), List.of(), tail);
    }

    private static String lastPart(String name) {
        if (name == null) {
            return "";
        }
        int at = name.lastIndexOf(" › ");
        return at < 0 ? name : name.substring(at + 3);
    }
}
