package katatool.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import katatool.core.Checksums;
import katatool.core.Console;
import katatool.core.Manifest;
import katatool.core.Repo;
import katatool.mistakes.MistakeMatcher;
import katatool.run.Hints;
import katatool.run.Progress;
import katatool.run.StatusBook;
import katatool.run.TestRunner;
import katatool.run.Workbench;

/**
 * The learner's loop: on every save under {@code katas/}, recompile the current kata and rerun its
 * tests in this warm JVM, show the verdict, and move on to the next kata once it passes.
 *
 * <p>Three sources feed one queue that a single thread serves, so compiling and testing never
 * overlap: the file watch, the console (one command a line) and nothing else. Not thread-safe.
 */
public final class Watch {

    private sealed interface Event permits Changed, Line {}

    private record Changed(Set<Path> paths) implements Event {}

    private record Line(String text) implements Event {}

    private final Repo repo;
    private final Workbench bench;
    private final StatusBook book;
    private final Console ui;
    private final PrintWriter out;
    private final boolean verbose;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    /** A verdict and when its run started ({@link System#nanoTime()}). */
    public record Timed(Workbench.Report report, long startedNanos) {}

    private Consumer<Timed> onVerdict = r -> {};
    private TestRunner.Selection selection = TestRunner.Selection.UNTIL_FAILURE;
    private Manifest manifest;
    private Manifest.Kata current;
    private Workbench.Report last;
    /** The kata that {@code n} moves to after a solved one; null otherwise. */
    private Manifest.Kata nextKata;
    private String lastKey = "";
    private String mode = "";

    public Watch(Repo repo, Workbench bench, Console ui, PrintWriter out, boolean verbose) {
        this.repo = repo;
        this.bench = bench;
        this.book = new StatusBook(repo);
        this.ui = ui;
        this.out = out;
        this.verbose = verbose;
        this.manifest = repo.manifest();
    }

    /** Which tests each verdict runs: by default tasks in order until one fails. */
    public Watch select(TestRunner.Selection selection) {
        this.selection = selection;
        return this;
    }

    /** Called on the watch thread after each verdict is printed (the benchmark times it). */
    public Watch onVerdict(Consumer<Timed> listener) {
        this.onVerdict = listener;
        return this;
    }

    /**
     * Watches until the learner types {@code q}, or the thread is interrupted.
     *
     * @param start the kata to begin with; empty for the next unsolved one
     * @param in the console: one command a line
     * @param poll poll the files instead of waiting for file events
     */
    public int run(Optional<Manifest.Kata> start, BufferedReader in, boolean poll) throws IOException, InterruptedException {
        Optional<Manifest.Kata> first = start.isPresent() ? start
                : book.nextUnsolved(manifest, bench, 0).map(StatusBook.Status::kata);
        if (first.isEmpty()) {
            out.println("Every kata is solved. Well done. (" + Console.command() + " watch <kata> to watch one anyway.)");
            return 0;
        }
        current = first.get();
        Thread reader = Thread.ofPlatform().name("kata-watch-console").daemon().start(() -> readConsole(in));
        try (FileWatch files = new FileWatch(repo.root().resolve("katas"), poll,
                paths -> queue.add(new Changed(paths)), note -> queue.add(new Line("#note " + note)))) {
            files.start();
            mode = files.polling() ? "polling every " + FileWatch.POLL.toMillis() + " ms" : "file events";
            show(current, true);
            while (true) {
                Event event = queue.take();
                switch (event) {
                    case Changed changed -> {
                        TestRunner.Phases.mark("watch: change taken from the queue");
                        settle(changed.paths());
                        TestRunner.Phases.mark("watch: debounce (quiet " + QUIET_MILLIS + " ms)");
                        // A save that changed nothing the verdict depends on (a second event of
                        // the same save, a touch) gives no rerun: r reruns on demand.
                        if (affectsCurrent(changed.paths()) && !book.key(current).equals(lastKey)) {
                            show(current, true);
                        }
                    }
                    case Line line -> {
                        if (!command(line.text().strip())) {
                            out.println("Bye. Your progress is in " + Console.command() + " list.");
                            return 0;
                        }
                    }
                }
                out.flush();
            }
        } finally {
            reader.interrupt();
        }
    }

    /**
     * How long the files must stay quiet before a verdict: an editor's save is often two or three
     * writes (a temporary file, a move, a touch), and "save all" writes several files. The file
     * watch has already waited {@link FileWatch#QUIET} after the last event before it reports a
     * change, so this only joins reports that follow each other closely: 60 ms of quiet in all
     * (it was 40 + 80 ms, a sixth of a quiet machine's passing save spent waiting).
     */
    static final long QUIET_MILLIS = Long.getLong("kata.watch.quietMillis", 20);

    /**
     * Waits until no change has arrived for {@link #QUIET_MILLIS}, folding every change that
     * does arrive into this one: one edit, one verdict, and never a verdict on half an edit.
     */
    private void settle(Set<Path> paths) throws InterruptedException {
        drainChanges(paths);
        while (true) {
            Event more = queue.poll(QUIET_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (more == null) {
                return;
            }
            if (more instanceof Changed changed) {
                paths.addAll(changed.paths());
                drainChanges(paths);
            } else {
                // A command typed meanwhile keeps its turn, right after this verdict.
                List<Event> rest = new java.util.ArrayList<>();
                queue.drainTo(rest);
                queue.add(more);
                queue.addAll(rest);
                drainChanges(paths);
                return;
            }
        }
    }

    /** Folds changes already queued behind this one into it: one rerun for a burst of saves. */
    private void drainChanges(Set<Path> paths) {
        // Changes only; commands stay in order behind them.
        queue.removeIf(e -> {
            if (e instanceof Changed more) {
                paths.addAll(more.paths());
                return true;
            }
            return false;
        });
    }

    private void readConsole(BufferedReader in) {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                queue.add(new Line(line));
                if (line.strip().equalsIgnoreCase("q")) {
                    return;
                }
            }
        } catch (IOException closed) {
            // no console: the watch goes on until it is stopped
        }
    }

    /** Runs one command line; false to quit. */
    private boolean command(String line) {
        if (line.startsWith("#note ")) {
            mode = "polling every " + FileWatch.POLL.toMillis() + " ms";
            out.println(ui.yellow(line.substring("#note ".length())));
            return true;
        }
        switch (line.toLowerCase(Locale.ROOT)) {
            case "q", "quit", "exit" -> {
                return false;
            }
            case "h", "hint" -> Hints.reveal(repo, current,
                    last == null || !last.kata().equals(current) ? null : Progress.firstFailingTask(last).orElse(null),
                    false, ui, out);
            case "n", "next" -> {
                // After a solved kata: the next unsolved one; otherwise the next in order.
                int at = manifest.katas().indexOf(current);
                current = nextKata != null ? nextKata : manifest.katas().get((at + 1) % manifest.katas().size());
                nextKata = null;
                if (current != null) {
                    out.print(ui.clearScreen());
                    out.println(ui.green("Now " + current.id() + ": read katas/src/main/java/" + current.id() + "/README.md"));
                }
                show(current, false);
            }
            case "r", "run", "" -> show(current, true);
            case "l", "list" -> {
                List<StatusBook.Status> statuses = manifest.katas().stream().map(k -> book.status(k, bench)).toList();
                Progress.print(statuses, ui, out);
            }
            default -> keys();
        }
        out.flush();
        return true;
    }

    private boolean affectsCurrent(Set<Path> paths) {
        for (Path path : paths) {
            String relative = Checksums.relative(repo, path);
            if (relative.endsWith(".md")) {
                continue; // README and HINTS change no verdict
            }
            if (relative.equals("katas/manifest.json")) {
                manifest = repo.manifest();
                return true;
            }
            if (relative.startsWith("katas/src/test/java/support/") || relative.startsWith("katas/src/test/resources/")) {
                return true;
            }
            for (String tree : List.of("katas/src/main/java/", "katas/src/given/java/", "katas/src/test/java/")) {
                if (relative.startsWith(tree + current.id() + "/")) { // portability: allowed, relative is built with /
                    return true;
                }
            }
        }
        return false;
    }

    /** Compiles and tests a kata, prints the verdict, and moves on when it is solved. */
    private void show(Manifest.Kata kata, boolean clear) {
        if (clear) {
            out.print(ui.clearScreen());
        }
        Progress.testing(repo, kata, ui, out);
        long started = System.nanoTime();
        lastKey = book.key(kata);
        TestRunner.Phases.mark("watch: status key");
        Workbench.Report report = bench.checkLearner(kata, selection);
        long millis = (System.nanoTime() - started) / 1_000_000;
        last = report;
        Progress.verdict(report, ui, verbose, out);
        MistakeMatcher.tell(repo, report, ui, out);
        out.println(ui.dim(report.compileError().isPresent() ? "(nothing tested: the code did not compile; " + millis + " ms)"
                : "(compiled and tested in " + millis + " ms)"));
        out.flush();
        TestRunner.Phases.mark("watch: verdict printed");
        book.record(report, lastKey); // after the verdict is shown: the learner waits for that, not for this
        TestRunner.Phases.mark("watch: status recorded (after printing)");
        onVerdict.accept(new Timed(report, started));
        if (report.solved()) {
            solved(kata);
            return;
        }
        keys();
    }

    /**
     * A solved kata: what just happened, how to compare with the reference, and a pause until
     * the learner types {@code n}; the next kata's wall of failures can wait until asked for.
     */
    private void solved(Manifest.Kata kata) {
        out.println();
        List<String> learned = Progress.whatYouLearned(repo, kata);
        if (!learned.isEmpty()) {
            out.println(ui.bold("What just happened:"));
            learned.forEach(l -> out.println("  " + l));
        }
        out.println("Compare your code with the reference: git diff --no-index solutions/src/main/java/" + kata.id()
                + " katas/src/main/java/" + kata.id());
        int at = manifest.katas().indexOf(kata);
        Optional<StatusBook.Status> next = book.nextUnsolved(manifest, bench, at + 1)
                .or(() -> book.nextUnsolved(manifest, bench, 0));
        nextKata = next.map(StatusBook.Status::kata).orElse(null);
        if (nextKata == null) {
            out.println(ui.green("Every kata is solved. Well done."));
        } else {
            out.println(ui.green("Type n, then Enter, for the next kata: " + nextKata.id() + " (" + nextKata.title() + ")."));
        }
        keys();
    }

    private void keys() {
        out.println(ui.dim("Watching katas/ for changes (" + mode + "). Type a key, then Enter: h hint · n next kata · r rerun"
                + " · l list · q quit"));
        out.flush();
    }
}
