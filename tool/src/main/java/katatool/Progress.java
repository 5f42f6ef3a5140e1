package katatool;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints progress and verdicts for a person to read. */
final class Progress {

    private Progress() {}

    static String status(Workbench.Report r) {
        if (r.compileError().isPresent()) {
            return "does not compile";
        }
        if (r.solved()) {
            return "solved";
        }
        return r.passed() == 0 ? "not started" : "partly solved, " + r.passed() + " of " + r.total() + " tests";
    }

    static void print(List<Workbench.Report> reports, PrintWriter out) {
        long solved = reports.stream().filter(Workbench.Report::solved).count();
        for (Workbench.Report r : reports) {
            out.printf(Locale.ROOT, "  %s %-22s %-36s %s%n", r.solved() ? "✔" : r.passed() > 0 ? "◐" : "·",
                    r.kata().id(), r.kata().title(), status(r));
        }
        int width = 30;
        int filled = reports.isEmpty() ? 0 : (int) (width * solved / reports.size());
        out.printf(Locale.ROOT, "%nProgress [%s%s] %d of %d katas solved%n", "#".repeat(filled), "-".repeat(width - filled),
                solved, reports.size());
        reports.stream().filter(r -> !r.solved()).findFirst().ifPresentOrElse(
                r -> out.println("Next: " + r.kata().id() + " (./kata run " + r.kata().id() + ", README: "
                        + "katas/src/main/java/" + r.kata().id() + "/README.md)"),
                () -> out.println("Every kata is solved."));
    }

    static void verdict(Workbench.Report r, PrintWriter out) {
        out.println(r.kata().id() + " · " + r.kata().title());
        if (r.compileError().isPresent()) {
            out.println(r.compileError().get());
            return;
        }
        for (TestRunner.Result t : r.results()) {
            String mark = switch (t.status()) {
                case PASSED -> "  ✔ ";
                case FAILED -> "  ✘ ";
                case SKIPPED -> "  – ";
            };
            out.println(mark + t.name());
            if (t.status() != TestRunner.Status.PASSED && !t.message().isBlank()) {
                t.message().lines().limit(12).forEach(l -> out.println("      " + l));
            }
            if (t.status() == TestRunner.Status.FAILED && t.output().contains("Full thread dump")) {
                out.println("      thread dump at the timeout:");
                t.output().lines().limit(60).forEach(l -> out.println("        " + l));
            }
        }
        out.printf(Locale.ROOT, "%s: %d of %d tests pass%n", status(r), r.passed(), r.total());
    }
}
