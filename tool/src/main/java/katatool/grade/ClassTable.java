package katatool.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The class table of {@code kata grade-class}: one row per learner, as CSV (RFC 4180, for a
 * spreadsheet) and as Markdown (to read, or to paste into an issue).
 *
 * <p>Columns: learner, commit graded, outcome, points per kata, total points, maximum, katas
 * solved, tampered files, errors. A kata cell is empty when that kata was not scored (a fork not
 * cloned, a void grade).
 */
public final class ClassTable {

    private ClassTable() {}

    public static String csv(List<String> katas, List<ClassGrader.Row> rows) {
        List<String> header = new ArrayList<>(List.of("learner", "source", "commit", "outcome"));
        header.addAll(katas);
        header.addAll(List.of("points", "max_points", "katas_solved", "tampered", "errors"));
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        for (ClassGrader.Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.fork().name(), row.fork().source(), row.commit().orElse(""),
                    row.outcome().label));
            for (String kata : katas) {
                ClassGrader.KataPoints k = row.katas().get(kata);
                cells.add(k == null ? "" : Long.toString(k.points()));
            }
            boolean scored = row.outcome() == ClassGrader.Outcome.GRADED;
            cells.add(scored ? Long.toString(row.points()) : "");
            cells.add(scored ? Long.toString(row.max()) : "");
            cells.add(scored ? Long.toString(row.solved()) : "");
            cells.add(tampered(row.tampered()));
            cells.add(row.errors().stream().map(ClassGrader::shorten).collect(Collectors.joining("; ")));
            line(csv, cells);
        }
        return csv.toString();
    }

    public static String markdown(List<String> katas, List<ClassGrader.Row> rows) {
        StringBuilder md = new StringBuilder();
        long graded = rows.stream().filter(r -> r.outcome() == ClassGrader.Outcome.GRADED).count();
        md.append(String.format(Locale.ROOT, "## Class grade: %d learner(s), %d graded%n%n", rows.size(), graded));
        md.append("| learner | commit | outcome |");
        katas.forEach(k -> md.append(" `").append(k).append("` |"));
        md.append(" total | solved | tampered | errors |\n|---|---|---|");
        katas.forEach(k -> md.append("---|"));
        md.append("---|---|---|---|\n");
        for (ClassGrader.Row row : rows) {
            md.append("| ").append(escape(row.fork().name())).append(" | ")
                    .append(row.commit().map(c -> "`" + c.substring(0, Math.min(12, c.length())) + "`").orElse("–"))
                    .append(" | ").append(row.outcome().label).append(" |");
            for (String kata : katas) {
                ClassGrader.KataPoints k = row.katas().get(kata);
                md.append(' ').append(k == null ? "–" : fraction(k.points(), k.max()) + (k.solved() ? " ✅" : "")).append(" |");
            }
            boolean scored = row.outcome() == ClassGrader.Outcome.GRADED;
            md.append(' ').append(scored ? "**" + fraction(row.points(), row.max()) + "**" : "–").append(" | ")
                    .append(scored ? Long.toString(row.solved()) : "–").append(" | ")
                    .append(escape(tampered(row.tampered()))).append(" | ")
                    .append(escape(row.errors().stream().map(ClassGrader::shorten).collect(Collectors.joining("; "))))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String fraction(long part, long whole) {
        return String.format(Locale.ROOT, "%d/%d", part, whole);
    }

    private static String tampered(Map<String, String> tampered) {
        return tampered.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; "));
    }

    private static void line(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(ClassTable::quote).collect(Collectors.joining(","))).append("\r\n");
    }

    /** RFC 4180 quoting; a cell a spreadsheet would run as a formula is quoted and prefixed with '. */
    static String quote(String cell) {
        String text = cell;
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.startsWith("'")) {
            return "\"" + text.replace("\"", "\"\"") + "\""; // portability: allowed, CSV quoting, not a path
        }
        return text;
    }

    /** Text from a learner's fork (compile errors) inside a Markdown cell: no column breaks, no markup. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("<", "&lt;") // portability: allowed, Markdown escapes, not a path
                .replaceAll("\\s+", " ").strip();
    }
}
