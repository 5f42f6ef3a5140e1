package katatool.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import katatool.core.AtomicFiles;
import katatool.core.KataException;

/**
 * Grades a whole class from the teacher's side: clones each learner's fork into a scratch copy of
 * its own, runs the pinned grader on it as a separate process, and gathers one row per learner.
 *
 * <p>Several forks are graded at once, at most {@code jobs}. A fork that cannot be cloned, does
 * not compile, tampers or hangs gets its row with the reason; nothing one fork does stops the
 * others. Every process started (git, the grader and whatever the learner's code started under
 * it) is destroyed when its fork is done, when it overruns its ceiling, and, through a shutdown
 * hook, when the teacher presses Ctrl+C.
 */
public final class ClassGrader {

    /** How long a clone may take before it is given up as failed. */
    static final Duration CLONE_CEILING = Duration.ofMinutes(10);

    /**
     * How to grade the class.
     *
     * @param out the output folder: {@code results/}, {@code logs/}, {@code forks/}, the tables
     * @param grader the command line that starts the pinned grader, up to its subcommand
     *     ({@code java -jar kata-tool.jar}); it runs in the fork's clone
     * @param expected the pinned upstream's {@code .kata/protected.sha256}, read once before any
     *     fork is graded; each grade gets a fresh copy of these bytes
     * @param graderJar the pinned grader's jar, checked against {@code graderSha256} before each
     *     grade; empty when the tool runs from classes (its own tests)
     * @param katas the katas to grade, in the manifest's order; {@code only} says whether to pass
     *     them to the grader or grade every kata
     * @param only true when the teacher chose the katas with {@code --kata}
     * @param kataCeiling how long one kata's tests may run
     * @param forkCeiling how long one fork's whole grade may run
     * @param jobs how many forks are graded at once
     */
    public record Settings(Path out, List<String> grader, byte[] expected, Optional<Path> graderJar, String graderSha256,
                    List<String> katas, boolean only, Duration kataCeiling, Duration forkCeiling, int jobs) {}

    /** How far one fork got. */
    enum Outcome {
        GRADED("graded"), TAMPERED("void: tampered"), NOT_CLONED("not cloned"), NOT_GRADED("not graded"),
        TIMED_OUT("timed out");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    /** One kata's points in a row. */
    record KataPoints(long points, long max, boolean solved) {}

    /**
     * One learner's row of the class table.
     *
     * @param commit the commit graded, when the clone got that far
     * @param katas points per kata id, for the katas the grader scored
     * @param tampered protected files that differ from the pinned digests, with how
     * @param errors why the fork, or a kata of it, earned less than its tests would say
     */
    public record Row(ClassRoster.Fork fork, Optional<String> commit, Outcome outcome, Map<String, KataPoints> katas,
               long points, long max, long solved, Map<String, String> tampered, List<String> errors) {

        static Row failed(ClassRoster.Fork fork, Optional<String> commit, Outcome outcome, String error) {
            return new Row(fork, commit, outcome, Map.of(), 0, 0, 0, Map.of(), List.of(error));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Error texts in a table cell are cut here: the learner's results file has them whole. */
    private static final int ERROR_CHARS = 300;

    private final Settings settings;
    private final PrintWriter out;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    /** Set by the shutdown hook: the rows of forks it stopped are not grades, so no table is written. */
    private volatile boolean aborted;
    private int done;
    private int failed;
    private int active;

    public ClassGrader(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Grades every fork and returns the rows in the forks file's order.
     *
     * @throws InterruptedException if the grading thread is interrupted; every process is gone by then
     * @throws KataException if the JVM is shutting down (Ctrl+C) before every fork was graded
     */
    public List<Row> grade(List<ClassRoster.Fork> forks) throws IOException, InterruptedException {
        for (String dir : List.of("results", "logs", "forks", "scratch")) {
            Files.createDirectories(settings.out().resolve(dir));
        }
        // Ctrl+C ends the JVM through its shutdown hooks: this one leaves no grader or learner JVM behind.
        Thread hook = new Thread(() -> {
            aborted = true;
            destroyAll();
        }, "grade-class: stop every process");
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService pool = Executors.newFixedThreadPool(settings.jobs());
        try {
            report(forks.size(), null);
            List<Future<Row>> rows = new ArrayList<>();
            for (ClassRoster.Fork fork : forks) {
                rows.add(pool.submit(() -> gradeOne(fork, forks.size())));
            }
            List<Row> table = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                try {
                    table.add(rows.get(i).get());
                } catch (ExecutionException e) {
                    // gradeOne turns every failure into a row; this is the net under that net.
                    table.add(Row.failed(forks.get(i), Optional.empty(), Outcome.NOT_GRADED,
                            "the class grader failed on this fork: " + e.getCause()));
                }
            }
            if (aborted) {
                throw new KataException("Stopped before every fork was graded: no class table written. The results of the"
                        + " forks graded so far are in " + settings.out().resolve("results") + ".");
            }
            return table;
        } finally {
            stopping = true;
            pool.shutdownNow();
            destroyAll();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting, and the hook is doing its work
            }
        }
    }

    private Row gradeOne(ClassRoster.Fork fork, int total) {
        synchronized (this) {
            active++;
        }
        Row row;
        try {
            row = clonedAndGraded(fork);
        } catch (IOException | RuntimeException e) {
            // A fork must never stop the class: whatever went wrong becomes its row.
            row = Row.failed(fork, Optional.empty(), Outcome.NOT_GRADED, "could not grade: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            row = Row.failed(fork, Optional.empty(), Outcome.NOT_GRADED, "stopped before it was graded");
        }
        try {
            if (!Files.isRegularFile(results(fork))) {
                ResultsJson.write(results(fork), ResultsJson.error(row.errors().isEmpty() ? "not graded" : row.errors().get(0)));
            }
        } catch (IOException e) {
            row = Row.failed(fork, row.commit(), Outcome.NOT_GRADED, "could not write the results file: " + e.getMessage());
        }
        synchronized (this) {
            active--;
            done++;
            if (row.outcome() != Outcome.GRADED) {
                failed++;
            }
        }
        report(total, row);
        return row;
    }

    private Row clonedAndGraded(ClassRoster.Fork fork) throws IOException, InterruptedException {
        Path clone = settings.out().resolve("forks").resolve(fork.name());
        Path scratch = settings.out().resolve("scratch").resolve(fork.name());
        Path log = settings.out().resolve("logs").resolve(fork.name() + ".txt");
        Files.deleteIfExists(results(fork));
        deleteTree(clone);
        deleteTree(scratch);
        Files.createDirectories(scratch);
        Files.writeString(log, "grade-class: " + fork.name() + " from " + fork.source() + fork.ref().map(r -> " at " + r).orElse("")
                + "\n", StandardCharsets.UTF_8);

        Run cloned = run(git("clone", "--quiet", "--", fork.source(), clone.toString()), settings.out(), log, CLONE_CEILING);
        if (cloned.exit() != 0) {
            return Row.failed(fork, Optional.empty(), Outcome.NOT_CLONED, "could not clone " + fork.source() + ": "
                    + cloned.why("git clone", log));
        }
        if (fork.ref().isPresent()) {
            Optional<String> commit = resolve(clone, fork.ref().get(), log);
            if (commit.isEmpty()) {
                return Row.failed(fork, Optional.empty(), Outcome.NOT_CLONED, "no commit, branch or tag '" + fork.ref().get()
                        + "' in " + fork.source());
            }
            Run checkout = run(git("-C", clone.toString(), "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach",
                    commit.get()), settings.out(), log, CLONE_CEILING);
            if (checkout.exit() != 0) {
                return Row.failed(fork, commit, Outcome.NOT_CLONED, "could not check out " + fork.ref().get() + ": "
                        + checkout.why("git checkout", log));
            }
        }
        Optional<String> commit = resolve(clone, "HEAD", log);
        if (commit.isEmpty()) {
            return Row.failed(fork, Optional.empty(), Outcome.NOT_CLONED, "the clone of " + fork.source() + " has no commit");
        }

        // The learners' code runs as the teacher's user: an earlier fork's could have rewritten the jar or
        // the digests on disk. The digests were read once, at the start; the jar is checked before each use.
        if (settings.graderJar().isPresent() && !sha256(settings.graderJar().get()).equals(settings.graderSha256())) {
            return Row.failed(fork, commit, Outcome.NOT_GRADED, "the grader jar " + settings.graderJar().get()
                    + " changed while the class was graded: not graded. Rebuild it from the pinned commit and grade again,"
                    + " in a fresh container.");
        }
        Path expected = scratch.resolve("expected.sha256");
        Files.write(expected, settings.expected());
        Path graded = scratch.resolve("results.json");
        List<String> command = new ArrayList<>(settings.grader());
        command.addAll(List.of("grade", "--expected", expected.toString(), "--results", graded.toString(),
                "--summary", scratch.resolve("summary.md").toString(),
                "--kata-timeout", Long.toString(settings.kataCeiling().toSeconds())));
        if (settings.only()) {
            settings.katas().forEach(k -> command.addAll(List.of("--kata", k)));
        }
        Files.writeString(log, "grade-class: grading commit " + commit.get() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Run grade = run(command, clone, log, settings.forkCeiling());
        if (grade.timedOut()) {
            return Row.failed(fork, commit, Outcome.TIMED_OUT, "the grade did not finish within "
                    + settings.forkCeiling().toSeconds() + " s and was stopped (log: logs/" + fork.name() + ".txt)");
        }
        Optional<JsonNode> json = readJson(graded);
        if (json.isPresent()) {
            AtomicFiles.write(results(fork), Files.readAllBytes(graded));
        }
        return switch (grade.exit()) {
            case 0 -> json.map(j -> row(fork, commit, j))
                    .orElseGet(() -> Row.failed(fork, commit, Outcome.NOT_GRADED, "the grader wrote no readable results file"));
            case Grader.EXIT_TAMPERED -> new Row(fork, commit, Outcome.TAMPERED, Map.of(), 0, 0, 0,
                    json.map(ClassGrader::tampered).filter(t -> !t.isEmpty())
                            .orElse(Map.of("(see the results file)", "changed")),
                    List.of("the grade is void: protected files differ from the pinned upstream's"));
            default -> Row.failed(fork, commit, Outcome.NOT_GRADED, json.map(j -> j.path("message").asText(""))
                    .filter(m -> !m.isBlank()).map(m -> "the grader could not grade it: " + m)
                    .orElse("the grader failed with exit code " + grade.exit() + " (log: logs/" + fork.name() + ".txt)"));
        };
    }

    /** A row from a results file of a grade that was computed. */
    private static Row row(ClassRoster.Fork fork, Optional<String> commit, JsonNode results) {
        JsonNode grade = results.path("grade");
        Map<String, KataPoints> katas = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (JsonNode kata : grade.path("katas")) {
            String id = kata.path("id").asText();
            katas.put(id, new KataPoints(kata.path("points").asLong(), kata.path("max_points").asLong(),
                    kata.path("solved").asBoolean()));
            String problem = kata.path("problem").asText("");
            if (!problem.isBlank()) {
                errors.add(id + ": " + problem.lines().findFirst().orElse(""));
            }
        }
        return new Row(fork, commit, Outcome.GRADED, katas, grade.path("points").asLong(), grade.path("max_points").asLong(),
                grade.path("katas_solved").asLong(), tampered(results), errors);
    }

    private static Map<String, String> tampered(JsonNode results) {
        Map<String, String> tampered = new LinkedHashMap<>();
        results.path("grade").path("tampered").fields().forEachRemaining(e -> tampered.put(e.getKey(), e.getValue().asText()));
        return tampered;
    }

    private static Optional<JsonNode> readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path results(ClassRoster.Fork fork) {
        return settings.out().resolve("results").resolve(fork.name() + ".json");
    }

    /** The full commit id that {@code ref} names in the clone, if any: local first, then the remote's branch. */
    private Optional<String> resolve(Path clone, String ref, Path log) throws IOException, InterruptedException {
        for (String candidate : ref.equals("HEAD") ? List.of("HEAD") : List.of(ref, "origin/" + ref)) {
            Path answer = settings.out().resolve("scratch").resolve(clone.getFileName()).resolve("rev.txt");
            Files.deleteIfExists(answer);
            Run run = run(git("-C", clone.toString(), "rev-parse", "--verify", "--quiet", candidate + "^{commit}"),
                    settings.out(), answer, CLONE_CEILING);
            String id = Files.readString(answer, StandardCharsets.UTF_8).strip();
            Files.deleteIfExists(answer);
            if (run.exit() == 0 && id.matches("[0-9a-f]{40,64}")) {
                return Optional.of(id);
            }
        }
        Files.writeString(log, "grade-class: no commit named " + ref + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return Optional.empty();
    }

    /** The SHA-256 of a file, in hex. */
    public static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static List<String> git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "protocol.ext.allow=never"));
        command.addAll(List.of(args));
        return command;
    }

    /** How a process ended. */
    record Run(int exit, boolean timedOut) {
        String why(String what, Path log) {
            if (timedOut) {
                return what + " did not finish within " + CLONE_CEILING.toMinutes() + " min";
            }
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(l -> !l.isBlank() && !l.startsWith("grade-class:")).toList();
                // git says why on its first "fatal:" line; what follows is advice.
                return lines.stream().filter(l -> l.startsWith("fatal:") || l.startsWith("error:")).findFirst()
                        .or(() -> lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1)))
                        .map(String::strip).orElse(what + " exited with " + exit);
            } catch (IOException e) {
                return what + " exited with " + exit;
            }
        }
    }

    /**
     * Runs a command directly (no shell) in {@code dir}, appending its output to {@code log}, with
     * no input, a clean environment and a ceiling; the process and all it started are gone when
     * this returns.
     */
    private Run run(List<String> command, Path dir, Path log, Duration ceiling) throws IOException, InterruptedException {
        if (stopping) {
            throw new InterruptedException("stopping");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        cleanEnvironment(builder.environment());
        Process process = builder.start();
        running.add(process);
        try {
            if (stopping) { // Ctrl+C came between the check above and the start
                return new Run(-1, true);
            }
            process.getOutputStream().close();
            boolean finished = process.waitFor(ceiling.toMillis(), TimeUnit.MILLISECONDS);
            return finished ? new Run(process.exitValue(), false) : new Run(-1, true);
        } finally {
            destroy(process);
            running.remove(process);
        }
    }

    /**
     * What the grader and git inherit: enough to find programs, a home and a temp folder, and
     * never the CI's channels (job summary, workflow commands, tokens), which learner code under
     * the grader could otherwise write to or read.
     */
    static void cleanEnvironment(Map<String, String> environment) {
        Set<String> keep = Set.of("PATH", "HOME", "USERPROFILE", "SYSTEMROOT", "WINDIR", "TEMP", "TMP", "TMPDIR", "LANG",
                "LC_ALL", "HOMEDRIVE", "HOMEPATH", "APPDATA", "LOCALAPPDATA", "PATHEXT", "COMSPEC",
                "SSH_AUTH_SOCK", "GIT_SSH_COMMAND", "GIT_SSL_CAINFO", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY");
        environment.keySet().removeIf(name -> !keep.contains(name.toUpperCase(Locale.ROOT)));
        // A fork that needs a password must fail, not wait at a prompt nobody sees.
        environment.put("GIT_TERMINAL_PROMPT", "0");
        environment.put("GCM_INTERACTIVE", "never");
        environment.putIfAbsent("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
    }

    /** Destroys a process and everything under it, deepest last seen first, and waits for them. */
    private static void destroy(Process process) {
        // Collected before the parent dies: after that, its children belong to init and are no longer listed.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // destroyForcibly is SIGKILL / TerminateProcess: nothing more can be done from here
            }
        }
    }

    private void destroyAll() {
        stopping = true;
        List.copyOf(running).forEach(ClassGrader::destroy);
    }

    private synchronized void report(int total, Row row) {
        String counts = String.format(Locale.ROOT, "[%d of %d done, %d running, %d failed]", done, total, active, failed);
        if (row == null) {
            out.println(counts + " grading " + total + " fork(s), " + settings.jobs() + " at a time");
        } else {
            String what = row.outcome() == Outcome.GRADED
                    ? row.points() + " of " + row.max() + " points" + (row.errors().isEmpty() ? "" : ", " + row.errors().size() + " error(s)")
                    : row.outcome().label + ": " + shorten(row.errors().isEmpty() ? "" : row.errors().get(0));
            out.println(counts + " " + row.fork().name() + ": " + what);
        }
        out.flush();
    }

    static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= ERROR_CHARS ? line : line.substring(0, ERROR_CHARS - 1) + "…";
    }

    /** Deletes a folder and what is in it, without following links out of it. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                // git marks its objects read-only, which stops a delete on Windows.
                p.toFile().setWritable(true);
                Files.delete(p);
            }
        }
    }
}
