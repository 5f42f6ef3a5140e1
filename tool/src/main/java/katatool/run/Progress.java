package katatool.run;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import katatool.core.Console;
import katatool.core.Manifest;
import katatool.core.Repo;

/** Prints progress and verdicts for a person to read. */
public final class Progress {

    private Progress() {}

    /** The list: one line per kata, a progress bar, and what to do next. */
    public static void print(List<StatusBook.Status> statuses, Console ui, PrintWriter out) {
        long solved = statuses.stream().filter(StatusBook.Status::solved).count();
        int titleWidth = statuses.stream().mapToInt(s -> s.kata().title().length()).max().orElse(1);
        for (StatusBook.Status s : statuses) {
            String mark = switch (s.state()) {
                case SOLVED -> ui.green("✔");
                case STARTED -> ui.yellow("◐");
                case NOT_COMPILING -> ui.red("✘");
                case NOT_STARTED -> "·";
            };
            out.printf(Locale.ROOT, "  %s %-22s %-" + titleWidth + "s  %s%n", mark, s.kata().id(), s.kata().title(), s.describe());
        }
        int width = 30;
        int filled = statuses.isEmpty() ? 0 : (int) (width * solved / statuses.size());
        out.printf(Locale.ROOT, "%nProgress [%s%s] %d of %d katas solved%n", ui.green("#".repeat(filled)),
                "-".repeat(width - filled), solved, statuses.size());
        statuses.stream().filter(s -> !s.solved()).findFirst().ifPresentOrElse(
                s -> out.println("Next: " + ui.bold(s.kata().id()) + ": read katas/src/main/java/" + s.kata().id()
                        + "/README.md, then " + Console.command() + " watch (or " + Console.command() + " run)"),
                () -> out.println("Every kata is solved. Well done."));
        if (statuses.stream().anyMatch(s -> s.source() == StatusBook.Source.CACHE)) {
            out.println(ui.dim("(cached): the last verdict for exactly these files (tool/target/work/status); not rerun."));
        }
    }

    /** The "What you will learn" lines of the kata's README: what a solved kata taught. */
    public static List<String> whatYouLearned(Repo repo, Manifest.Kata kata) {
        java.nio.file.Path readme = repo.stubDir(kata.id()).resolve("README.md");
        List<String> lines = new ArrayList<>();
        try {
            boolean in = false;
            for (String line : java.nio.file.Files.readAllLines(readme, java.nio.charset.StandardCharsets.UTF_8)) {
                if (line.startsWith("## ")) {
                    in = line.strip().equals("## What you will learn");
                } else if (in && !line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException unreadable) {
            return List.of(); // a README the learner moved away: nothing to quote
        }
        return lines.stream().limit(8).toList();
    }

    /**
     * Says which kata is being tested, before its tests run: a test that hangs keeps the verdict
     * back until its timeout, and a silent screen meanwhile looks like a hung tool.
     */
    public static void testing(Repo repo, Manifest.Kata kata, Console ui, PrintWriter out) {
        String timeout = TestRunner.katasConfiguration(repo.testResources())
                .getOrDefault("junit.jupiter.execution.timeout.default", "its timeout");
        out.println(ui.dim("Testing " + kata.id() + "... (a test that hangs is stopped after " + timeout + " by default)"));
        out.flush();
    }

    /** A kata's verdict: every test by task, each failure with its message, and what to do next. */
    public static void verdict(Workbench.Report r, Console ui, boolean verbose, PrintWriter out) {
        out.println(ui.bold(r.kata().id() + " · " + r.kata().title()));
        if (r.compileError().isPresent()) {
            out.println(ui.red("✘ " + r.compileError().get()));
            return;
        }
        List<TestRunner.Result> given = r.results().stream().filter(TestRunner.Result::given).toList();
        for (int task = 1; task <= r.kata().tasks().size(); task++) {
            int n = task;
            List<TestRunner.Result> tests = r.results().stream().filter(t -> !t.given() && t.task().orElse(0) == n).toList();
            if (tests.isEmpty()) {
                continue;
            }
            if (r.notRunTasks().contains(task)) {
                out.println(ui.dim("· Task " + task + ": " + r.kata().tasks().get(task - 1) + " (not run)"));
                continue;
            }
            // A test skipped on this machine neither passes nor fails a task, as in grading.
            boolean done = tests.stream().noneMatch(t -> t.status() == TestRunner.Status.FAILED);
            out.println((done ? ui.green("✔") : ui.red("✘")) + " Task " + task + ": " + r.kata().tasks().get(task - 1));
            tests.forEach(t -> test(r, t, ui, verbose, out));
        }
        List<TestRunner.Result> untagged = r.results().stream().filter(t -> !t.given() && t.task().isEmpty()).toList();
        if (!untagged.isEmpty()) {
            out.println("Other tests");
            untagged.forEach(t -> test(r, t, ui, verbose, out));
        }
        if (given.stream().anyMatch(t -> t.status() == TestRunner.Status.FAILED) || verbose) {
            out.println("Tests of the code given to you");
            given.forEach(t -> test(r, t, ui, verbose, out));
        }
        if (r.solved()) {
            out.println(ui.green("✔ " + r.kata().id() + " is solved: all " + r.total() + " tests pass."
                    + (r.skipped() > 0 ? " (" + r.skipped() + " skipped on this machine, as grading skips them)" : "")));
            return;
        }
        out.printf(Locale.ROOT, "%d of %d tests pass.", r.passed(), r.total());
        Optional<Integer> failing = r.taskTests().stream().filter(t -> t.status() == TestRunner.Status.FAILED)
                .flatMap(t -> t.task().stream()).sorted().findFirst();
        failing.ifPresent(task -> out.print(" Work on task " + task + " (README.md); stuck? "
                + Console.command() + " hint " + r.kata().id() + " " + task));
        out.println();
        List<Integer> notRun = r.notRunTasks();
        if (!notRun.isEmpty()) {
            String tasks = notRun.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
            out.println(ui.dim((notRun.size() == 1 ? "Task " + tasks + " was" : "Tasks " + tasks + " were") + " not run"
                    + failing.map(t -> ": task " + t + " fails first").orElse("") + " (--all runs every task)."));
        }
    }

    public static Optional<Integer> firstFailingTask(Workbench.Report r) {
        return r.taskTests().stream().filter(t -> t.status() == TestRunner.Status.FAILED)
                .flatMap(t -> t.task().stream()).sorted().findFirst();
    }

    private static void test(Workbench.Report r, TestRunner.Result t, Console ui, boolean verbose, PrintWriter out) {
        String mark = switch (t.status()) {
            case PASSED -> ui.green("✔");
            case FAILED -> ui.red("✘");
            case SKIPPED -> "–";
            case NOT_RUN -> "·";
        };
        out.println("  " + mark + " " + t.name()
                + (t.status() == TestRunner.Status.SKIPPED ? " (skipped on this machine, not counted)" : ""));
        if (t.status() == TestRunner.Status.PASSED && !verbose) {
            return;
        }
        if (!t.message().isBlank()) {
            // The assertion's own words; the stack trace inside AssertJ's message only with --verbose.
            // A leak found after a failing test follows its failure, and is shown whole whatever the cut.
            int leak = t.message().indexOf("\nLeaked by this test");
            String failure = leak < 0 ? t.message() : t.message().substring(0, leak);
            failure.lines().filter(l -> verbose || !(l.strip().startsWith("at ") || l.strip().startsWith("...(")))
                    .limit(verbose ? Long.MAX_VALUE : 12).forEach(l -> out.println("      " + frame(l)));
            if (leak >= 0) {
                t.message().substring(leak + 1).lines().forEach(l -> out.println("      " + ui.red(frame(l))));
            }
        }
        if (t.status() == TestRunner.Status.FAILED) {
            deadlock(t.output()).forEach(l -> out.println("      " + ui.red(frame(l))));
            List<String> dump = threadDump(t.output(), r.kata().id(), verbose);
            if (!dump.isEmpty()) {
                out.println("      threads when the test timed out" + (verbose ? ":" : " (those in your code; --verbose for all):"));
                dump.forEach(l -> out.println("        " + frame(l)));
            }
        }
        if (verbose && !t.output().isBlank()) {
            out.println("      output:");
            t.output().lines().forEach(l -> out.println("        " + l));
        }
    }

    /** A stack frame without its class loader or module prefix ({@code kata-k06_threads//}, {@code java.base@25/}). */
    static String frame(String line) {
        return line.replaceAll("(?<=at )[\\w.@-]+//?(?=[\\w$])", "");
    }

    /** The deadlock report of {@code support.DeadlockReport}, if the test's output has one. */
    static List<String> deadlock(String output) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String line : output.lines().toList()) {
            if (line.startsWith("Deadlock found")) {
                in = true;
            } else if (in && line.isBlank()) {
                in = false;
            }
            if (in) {
                lines.add(line.stripTrailing());
            }
        }
        return lines;
    }

    /**
     * JUnit's thread dump at a timeout ({@code Thread "x" will be interrupted.}, then each thread
     * with its frames), cut down to the threads that run the kata's code unless verbose.
     */
    static List<String> threadDump(String output, String kataId, boolean verbose) {
        List<String> all = output.lines().toList();
        int start = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("Thread ") && all.get(i).endsWith("will be interrupted.")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return List.of();
        }
        List<String> kept = new ArrayList<>();
        kept.add(all.get(start));
        List<String> block = new ArrayList<>();
        for (String line : all.subList(start + 1, all.size())) {
            if (line.startsWith("Deadlock found")) {
                break;
            }
            boolean frame = line.startsWith("\t") || line.startsWith(" ");
            if (!frame) {
                keep(block, kataId, verbose, kept);
                block = new ArrayList<>();
            }
            block.add(line.strip().isEmpty() ? line : (frame ? "  " : "") + line.strip());
        }
        keep(block, kataId, verbose, kept);
        return kept.size() == 1 && !verbose ? List.of() : kept;
    }

    private static void keep(List<String> block, String kataId, boolean verbose, List<String> kept) {
        if (block.isEmpty() || block.getFirst().isBlank()) {
            return;
        }
        if (verbose) {
            kept.addAll(block);
            return;
        }
        if (block.stream().anyMatch(l -> frame(l).contains("at " + kataId + "."))) {
            kept.add(block.getFirst());
            // The frames from the top down to the last one in the kata's code: where it waits, and why.
            int last = 0;
            for (int i = 1; i < block.size(); i++) {
                if (frame(block.get(i)).contains("at " + kataId + ".")) {
                    last = i;
                }
            }
            kept.addAll(block.subList(1, Math.min(last + 1, 16)));
        }
    }
}
