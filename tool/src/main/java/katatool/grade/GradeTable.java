package katatool.grade;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The grade as a table: plain text for the terminal, Markdown for the GitHub job summary. */
public final class GradeTable {

    private GradeTable() {}

    public static void print(Grade grade, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "  %-24s %-9s %-9s %-9s %s%n", "kata", "tests", "stress", "points", "solved");
        for (Grade.KataGrade k : grade.katas()) {
            out.printf(Locale.ROOT, "  %-24s %-9s %-9s %-9s %s%n", k.kata().id(), ratio(k.passed(), k.total()),
                    stress(k, grade, "%d/%d"), ratio(k.points(), k.max()), solved(k));
        }
        out.printf(Locale.ROOT, "%nTotal: %d of %d points, %d of %d katas solved.%n", grade.points(), grade.max(),
                grade.solved(), grade.katas().size());
        for (Grade.KataGrade k : grade.katas()) {
            k.problem().ifPresent(p -> out.println(neutral(k.kata().id() + ": " + p.lines().findFirst().orElse(""))));
            k.stress().stream().filter(s -> s.verdict() == Grade.StressVerdict.LOST_UPDATE)
                    .forEach(s -> out.println(neutral(k.kata().id() + ": lost update on " + s.test() + ", minus 1 point: " + s.detail())));
        }
        grade.stressNote().ifPresent(n -> out.println("Stress tests: " + n + "."));
    }

    public static String markdown(Grade grade) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "## Kata grade: %d of %d points, %d of %d katas solved%n%n",
                grade.points(), grade.max(), grade.solved(), grade.katas().size()));
        md.append("| kata | tests passed | stress | points | solved |\n|---|---|---|---|---|\n");
        for (Grade.KataGrade k : grade.katas()) {
            md.append(String.format(Locale.ROOT, "| `%s` %s | %d of %d | %s | %d of %d | %s |%n", k.kata().id(),
                    escape(k.kata().title()), k.passed(), k.total(), stress(k, grade, "%d of %d"), k.points(), k.max(),
                    k.solved() ? "✅" : k.problem().isPresent() ? "❌ " + escape(neutral(k.problem().get().lines().findFirst().orElse(""))) : "–"));
        }
        md.append(String.format(Locale.ROOT, "| **total** | | | **%d of %d** | %d of %d |%n", grade.points(), grade.max(),
                grade.solved(), grade.katas().size()));
        grade.stressNote().ifPresent(n -> md.append("\nStress tests: ").append(escape(n)).append(".\n"));
        return md.toString();
    }

    public static String tamperMarkdown(Map<String, String> tampered) {
        StringBuilder md = new StringBuilder("## Kata grade: void, protected files changed\n\n"
                + "The grade is computed from the repository's own tests; these differ from what the repository hands out:\n\n");
        tampered.forEach((path, what) -> md.append("- ").append(what).append(": `").append(escape(neutral(path))).append("`\n"));
        return md.toString();
    }

    public static String errorMarkdown(String message) {
        return "## Kata grade: error\n\n```\n" + message + "\n```\n";
    }

    /**
     * Text that may carry a learner's words (a compiler message, a file name, jcstress's output)
     * made harmless on a CI console: GitHub reads a line that starts with {@code ::} (or the old
     * {@code ##[}) as a workflow command, so no line printed here can contain either.
     */
    public static String neutral(String text) {
        return text.replace("::", ":\u200B:").replace("##[", "#\u200B#[");
    }

    /** A workflow command's message, escaped as GitHub's toolkit escapes it: no line break ends the command. */
    public static String data(String text) {
        return neutral(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A workflow command's property value (a file name), escaped as GitHub's toolkit escapes it. */
    public static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }

    private static String ratio(long part, long whole) {
        return String.format(Locale.ROOT, "%d/%d", part, whole);
    }

    private static String stress(Grade.KataGrade k, Grade grade, String format) {
        if (k.stress().isEmpty()) {
            return StressGrade.safeTests(k.kata()).isEmpty() || grade.stressNote().isEmpty() ? "–" : "not run";
        }
        return String.format(Locale.ROOT, format, k.stressPoints(), k.stress().size());
    }

    private static String solved(Grade.KataGrade k) {
        if (k.solved()) {
            return "✔ solved";
        }
        return k.problem().isPresent() ? "✘ " + (k.problem().get().contains("does not compile") ? "does not compile" : "error") : "·";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
