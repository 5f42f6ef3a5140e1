package katatool;

import java.io.IOException;
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
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grades a learner's repository: checks that grading can be trusted (a JDK 25, a well-formed
 * manifest, protected files as expected), runs every kata's tests each in a JVM of its own, and
 * scores the stress verdicts on the learner's balances.
 */
final class Grader {

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
     */
    record Options(Optional<Path> expected, Optional<Path> stressJar, Path stressDir, List<String> only,
                   Duration kataCeiling, Path javaHome) {}

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private final Repo repo;
    private final Options options;
    private final PrintWriter out;

    Grader(Repo repo, Options options, PrintWriter out) {
        this.repo = repo;
        this.options = options;
        this.out = out;
    }

    /**
     * Grades the repository.
     *
     * @throws KataException if grading cannot start: no JDK 25, a malformed manifest, an unreadable
     *     digest list, a kata name that does not exist, a stress jar that is not there
     */
    Grade grade() throws IOException, InterruptedException {
        Path java = checkJdk(options.javaHome());
        Manifest manifest = repo.manifest();
        List<Manifest.Kata> katas = options.only().isEmpty() ? manifest.katas()
                : options.only().stream().map(manifest::find).distinct().toList();
        options.stressJar().ifPresent(jar -> {
            if (!Files.isRegularFile(jar)) {
                throw new KataException("No jcstress jar at " + jar + ": build it from your code with"
                        + " " + Console.mavenWrapper() + " -B -pl jcstress -am package -Dmaven.test.skip=true -Dstress.target=katas");
            }
        });
        Map<String, String> tampered = tampered();
        if (!tampered.isEmpty()) {
            return new Grade(List.of(), Optional.of("not run: the grade is void"), tampered);
        }
        List<Grade.KataGrade> graded = new ArrayList<>();
        Map<String, String> posing = new LinkedHashMap<>();
        for (Manifest.Kata kata : katas) {
            out.println("grading " + kata.id() + " ...");
            out.flush();
            GradeChild.Report report = runKata(java, kata);
            report.tampered().forEach(t -> posing.put("katas/src/main/java/" + kata.id() + " (" + t.substring(0, t.indexOf(':')) + ")",
                    t.substring(t.indexOf(':') + 2)));
            graded.add(score(kata, report));
        }
        if (!posing.isEmpty()) {
            return new Grade(List.of(), Optional.of("not run: the grade is void"), posing);
        }
        Optional<String> stressNote = Optional.empty();
        List<Manifest.Kata> stressed = katas.stream().filter(k -> !StressGrade.safeTests(k).isEmpty()).toList();
        if (stressed.isEmpty()) {
            stressNote = Optional.of("no kata graded here has stress tests");
        } else if (options.stressJar().isEmpty()) {
            stressNote = Optional.of("not run (pass --stress-jar with the jcstress jar built from your code:"
                    + " " + Console.mavenWrapper() + " -B -pl jcstress -am package -Dmaven.test.skip=true -Dstress.target=katas)");
        } else {
            out.println("stress-testing your balances with jcstress ...");
            out.flush();
            Map<String, List<Grade.StressScore>> stress = StressGrade.run(options.stressJar().get(), stressed,
                    options.stressDir(), out);
            graded.replaceAll(g -> new Grade.KataGrade(g.kata(), g.problem(), g.tests(),
                    stress.getOrDefault(g.kata().id(), List.of())));
        }
        return new Grade(List.copyOf(graded), stressNote, Map.of());
    }

    /**
     * Checks that {@code javaHome} is a JDK 25 or newer with a compiler, and returns its java.
     *
     * @throws KataException saying what is missing and how to get it
     */
    static Path checkJdk(Path javaHome) {
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

    /** Protected files that differ from the expected digests, by path. */
    Map<String, String> tampered() {
        SortedMap<String, String> expected = options.expected().map(Grader::readDigests)
                .orElseGet(() -> Checksums.read(repo, Checksums.Kind.PROTECTED));
        return Checksums.differences(expected, Checksums.compute(repo, Checksums.Kind.PROTECTED));
    }

    /** Reads a digest list in {@code sha256sum} format from any file (a pinned upstream's). */
    static SortedMap<String, String> readDigests(Path file) {
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

    /** Runs one kata in a child JVM with a ceiling and reads what it reported. */
    private GradeChild.Report runKata(Path java, Manifest.Kata kata) throws IOException, InterruptedException {
        Path work = repo.workDir().resolve("grade").resolve(kata.id());
        KataCompiler.clean(work);
        Path log = work.resolve("child-output.txt");
        List<String> command = List.of(java.toString(), "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8",
                "-Dfile.encoding=UTF-8", "-XX:+EnableDynamicAgentLoading",
                "-cp", System.getProperty("java.class.path"), GradeChild.class.getName(),
                repo.root().toString(), kata.id(), work.toString());
        Process child = new ProcessBuilder(command).directory(repo.root().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = false;
        try {
            finished = child.waitFor(options.kataCeiling().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            // The learner's tests may have started JVMs of their own: none outlives the grade.
            List<ProcessHandle> descendants = child.descendants().toList();
            child.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
            child.waitFor(30, TimeUnit.SECONDS);
        }
        Optional<GradeChild.Report> report = GradeChild.read(work.resolve(GradeChild.REPORT));
        if (finished && report.isPresent()) {
            return report.get();
        }
        String problem = finished
                ? "the tests stopped their JVM (exit code " + child.exitValue() + ") before they finished:"
                        + " does your code call System.exit or Runtime.halt? Its tests count as errors."
                : "the tests did not finish within " + options.kataCeiling().toSeconds() + " s and were stopped:"
                        + " a hang that the test timeouts could not end. Its tests count as errors.";
        List<GradeChild.Entry> planned = GradeChild.read(work.resolve(GradeChild.PLAN))
                .map(GradeChild.Report::tests).orElse(List.of());
        List<GradeChild.Entry> errors = planned.stream()
                .map(e -> new GradeChild.Entry(e.name(), e.tags(), "ERROR", problem, tail(log)))
                .toList();
        return new GradeChild.Report(kata.id(), problem, List.of(), errors);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Turns a child's report into test scores. */
    static Grade.KataGrade score(Manifest.Kata kata, GradeChild.Report report) {
        Optional<String> problem = Optional.ofNullable(report.compileError());
        List<Grade.TestScore> tests = new ArrayList<>();
        for (GradeChild.Entry e : report.tests()) {
            Grade.Kind kind = e.tags().contains("given") ? Grade.Kind.GIVEN : Grade.Kind.TASK;
            Optional<Integer> task = e.tags().stream().filter(t -> t.matches("task:\\d+")).findFirst()
                    .map(t -> Integer.parseInt(t.substring("task:".length())));
            Grade.Status status;
            String message = e.message();
            switch (e.status()) {
                case "PASSED" -> status = Grade.Status.PASS;
                case "FAILED" -> status = Grade.Status.FAIL;
                case "SKIPPED" -> status = Grade.Status.SKIPPED;
                case "PLANNED" -> { // the code did not compile, so the test never ran
                    status = Grade.Status.ERROR;
                    message = report.compileError();
                }
                default -> status = Grade.Status.ERROR;
            }
            tests.add(new Grade.TestScore(e.name(), kind, task, status, message, e.output()));
        }
        if (tests.isEmpty()) {
            tests.add(new Grade.TestScore("(no test could be listed)", Grade.Kind.PLACEHOLDER, Optional.empty(),
                    Grade.Status.ERROR, problem.orElse("the kata has no tests"), ""));
        }
        return new Grade.KataGrade(kata, problem, List.copyOf(tests), List.of());
    }
}
