package katatool.run;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import katatool.core.AtomicFiles;
import katatool.core.Checksums;
import katatool.core.Manifest;
import katatool.core.Repo;

/**
 * Each kata's status, found without running anything whenever possible.
 *
 * <p>A kata whose learner files all match {@code .kata/stubs.sha256} is not started: its stub fails
 * every test by design (gate 3). For any other kata the last verdict is kept under
 * {@code tool/target/work/status}, keyed by a SHA-256 of every input of that verdict (the learner's
 * files, the kata's given code and tests, the shared test support and resources, the Java
 * version); only a kata whose inputs changed since is compiled and run again. Not thread-safe.
 */
public final class StatusBook {

    /** Bumped whenever the meaning of a cached verdict changes. */
    private static final String FORMAT = "status-v1";

    enum State { NOT_STARTED, STARTED, SOLVED, NOT_COMPILING }

    /** Where a status came from: unchanged stubs, the cache, or a run just now. */
    enum Source { PRISTINE, CACHE, RUN }

    /**
     * One kata's status.
     *
     * @param failingTasks the tasks with at least one failing test, in order
     * @param report the full report when the kata was run just now
     */
    public record Status(Manifest.Kata kata, State state, int passed, int total, List<Integer> failingTasks,
                  String compileError, Source source, Optional<Workbench.Report> report) {

        boolean solved() {
            return state == State.SOLVED;
        }

        String describe() {
            String text = switch (state) {
                case NOT_STARTED -> total == 0 ? "not started" : "not started, 0 of " + total + " tests";
                case STARTED -> "partly solved, " + passed + " of " + total + " tests";
                case SOLVED -> "solved";
                case NOT_COMPILING -> "does not compile";
            };
            return source == Source.CACHE ? text + " (cached)" : text;
        }
    }

    private final Repo repo;
    private SortedMap<String, String> stubs;

    public StatusBook(Repo repo) {
        this.repo = repo;
    }

    /** The status, from the stubs' checksums, then the cache, and only then by running the tests. */
    public Status status(Manifest.Kata kata, Workbench bench) {
        if (pristine(kata)) {
            return new Status(kata, State.NOT_STARTED, 0, 0, List.of(), "", Source.PRISTINE, Optional.empty());
        }
        return cached(kata).orElseGet(() -> record(bench.checkLearner(kata)));
    }

    /**
     * The first kata from {@code from} on (in manifest order) that is not solved, with its status;
     * runs only the katas neither the checksums nor the cache can answer for.
     */
    public Optional<Status> nextUnsolved(Manifest manifest, Workbench bench, int from) {
        for (Manifest.Kata kata : manifest.katas().subList(Math.min(from, manifest.katas().size()), manifest.katas().size())) {
            Status status = status(kata, bench);
            if (!status.solved()) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** True if every learner file of the kata is as the repository hands it out. */
    boolean pristine(Manifest.Kata kata) {
        SortedMap<String, String> expected = stubs().subMap(prefix(kata), prefix(kata) + Character.MAX_VALUE);
        if (expected.isEmpty()) {
            return false;
        }
        SortedMap<String, String> actual = new TreeMap<>();
        for (Path file : files(repo.stubDir(kata.id()))) {
            actual.put(Checksums.relative(repo, file), Checksums.digest(file));
        }
        return actual.equals(expected);
    }

    /** The digests of the learner's files as handed out, by relative path; empty without the list. */
    SortedMap<String, String> stubs() {
        if (stubs == null) {
            stubs = Files.isRegularFile(Checksums.listFile(repo, Checksums.Kind.STUBS))
                    ? Checksums.read(repo, Checksums.Kind.STUBS) : new TreeMap<>();
        }
        return stubs;
    }

    String prefix(Manifest.Kata kata) {
        return "katas/src/main/java/" + kata.id() + "/"; // portability: allowed, checksum keys always use /
    }

    /** The last verdict, if it was reached with exactly the files there are now. */
    Optional<Status> cached(Manifest.Kata kata) {
        Path file = cacheFile(kata);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            if (!key(kata).equals(p.getProperty("key"))) {
                return Optional.empty();
            }
            List<Integer> failing = p.getProperty("failingTasks", "").isBlank() ? List.of()
                    : Arrays.stream(p.getProperty("failingTasks").split(",")).map(Integer::valueOf).toList();
            return Optional.of(new Status(kata, State.valueOf(p.getProperty("state")),
                    Integer.parseInt(p.getProperty("passed")), Integer.parseInt(p.getProperty("total")), failing,
                    p.getProperty("compileError", ""), Source.CACHE, Optional.empty()));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // a damaged cache entry only costs a rerun
        }
    }

    /** Keeps a verdict just reached and returns it as a status. */
    public Status record(Workbench.Report report) {
        return record(report, key(report.kata()));
    }

    /**
     * Keeps a verdict under the {@link #key} its files had when it was compiled: a save made while
     * the tests ran belongs to the next verdict, not to this one.
     */
    public Status record(Workbench.Report report, String key) {
        Manifest.Kata kata = report.kata();
        State state = report.compileError().isPresent() ? State.NOT_COMPILING
                : report.solved() ? State.SOLVED
                : report.passed() == 0 ? State.NOT_STARTED : State.STARTED;
        List<Integer> failing = report.taskTests().stream().filter(t -> t.status() == TestRunner.Status.FAILED)
                .flatMap(t -> t.task().stream()).distinct().sorted().toList();
        Status status = new Status(kata, state, (int) report.passed(), report.total(), failing,
                report.compileError().orElse(""), Source.RUN, Optional.of(report));
        Properties p = new Properties();
        p.setProperty("key", key);
        p.setProperty("state", state.name());
        p.setProperty("passed", Integer.toString(status.passed()));
        p.setProperty("total", Integer.toString(status.total()));
        p.setProperty("failingTasks", String.join(",", failing.stream().map(String::valueOf).toList()));
        p.setProperty("compileError", status.compileError());
        Path file = cacheFile(kata);
        try {
            java.io.StringWriter text = new java.io.StringWriter();
            p.store(text, "last verdict of " + kata.id() + " for the inputs hashed in key");
            // Atomic, and retried while Windows' scanner or indexer holds the file for a moment.
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return status;
    }

    /** A SHA-256 over every file a verdict of this kata depends on, with its path. */
    public String key(Manifest.Kata kata) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((FORMAT + "\n" + kata.id() + "\n" + Runtime.version().feature() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path root : List.of(repo.stubDir(kata.id()), repo.givenDir(kata.id()), repo.testDir(kata.id()),
                    repo.testSupportDir(), repo.testResources())) {
                for (Path file : files(root)) {
                    sha.update((Checksums.relative(repo, file) + " " + Checksums.digest(file) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Path cacheFile(Manifest.Kata kata) {
        return repo.workDir().resolve("status").resolve(kata.id() + ".properties");
    }

    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
