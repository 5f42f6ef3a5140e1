package katatool.grade;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import katatool.core.AtomicFiles;

/**
 * Writes a grade as Exercism's test-runner {@code results.json}, version 3, so tools that read
 * Exercism results read ours.
 *
 * <p>Top level: {@code version} (3), {@code status} ({@code pass} when every kata is solved,
 * {@code fail} otherwise, {@code error} when there is no trustworthy grade) and {@code message}
 * (why, for {@code error}; otherwise null). Under {@code tests}, one entry per test with
 * {@code name}, {@code status} ({@code pass}/{@code fail}/{@code error}), {@code message},
 * {@code output} (at most 500 characters, then Exercism's truncation note), {@code test_code} (the
 * test's source) and {@code task_id} (the kata task, null for tests of given code and for stress
 * tests), in the order of the test files. A {@code grade} object adds what Exercism has no field for: points per kata, the total,
 * and the protected files that differ. The file is written to a temporary file beside it and
 * moved into place, so it is never seen half written.
 */
public final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {}

    /** The results of a grade. */
    public static ObjectNode of(Grade grade) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 3);
        root.put("status", grade.status());
        if (grade.isVoid()) {
            root.put("message", tamperMessage(grade.tampered()));
        } else {
            root.putNull("message");
        }
        ArrayNode tests = root.putArray("tests");
        for (Grade.KataGrade kata : grade.katas()) {
            for (Grade.TestScore t : kata.tests()) {
                ObjectNode entry = tests.addObject();
                entry.put("name", kata.kata().id() + " › " + t.name());
                entry.put("status", switch (t.status()) {
                    case PASS -> "pass";
                    case FAIL -> "fail";
                    // Exercism has no "skipped": an unmet assumption on this machine earns and costs nothing.
                    case ERROR, SKIPPED -> "error";
                });
                String message = t.status() == Grade.Status.SKIPPED ? "skipped on this machine, not counted: " + t.message()
                        : t.message();
                putText(entry, "message", t.status() == Grade.Status.PASS ? "" : message);
                putText(entry, "output", capped(t.output()));
                entry.put("test_code", t.testCode());
                // Tests of given code earn nothing, so they belong to no task.
                t.task().filter(n -> t.kind() == Grade.Kind.TASK)
                        .ifPresentOrElse(n -> entry.put("task_id", n), () -> entry.putNull("task_id"));
            }
            for (Grade.StressScore s : kata.stress()) {
                ObjectNode entry = tests.addObject();
                entry.put("name", kata.kata().id() + " › stress › " + s.test());
                entry.put("status", switch (s.verdict()) {
                    case CLEAN -> "pass";
                    case LOST_UPDATE, NOT_IMPLEMENTED -> "fail";
                    case ERROR, NOT_RUN -> "error";
                });
                putText(entry, "message", s.verdict() == Grade.StressVerdict.CLEAN ? "" : s.detail());
                entry.putNull("output");
                entry.put("test_code", "");
                entry.putNull("task_id");
            }
        }
        ObjectNode summary = root.putObject("grade");
        summary.put("points", grade.points());
        summary.put("max_points", grade.max());
        summary.put("katas_solved", grade.solved());
        grade.stressNote().ifPresentOrElse(n -> summary.put("stress", n), () -> summary.put("stress", "run"));
        ArrayNode katas = summary.putArray("katas");
        for (Grade.KataGrade kata : grade.katas()) {
            ObjectNode k = katas.addObject();
            k.put("id", kata.kata().id());
            k.put("tests_passed", kata.passed());
            k.put("tests", kata.total());
            k.put("stress_points", kata.stressPoints());
            k.put("stress_tests", kata.stress().size());
            k.put("points", kata.points());
            k.put("max_points", kata.max());
            k.put("solved", kata.solved());
            putText(k, "problem", kata.problem().orElse(""));
            putText(k, "output", kata.output());
        }
        ObjectNode tampered = summary.putObject("tampered");
        grade.tampered().forEach(tampered::put);
        return root;
    }

    /** The results of a grade that could not be computed at all. */
    public static ObjectNode error(String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 3);
        root.put("status", "error");
        root.put("message", message);
        root.putArray("tests");
        return root;
    }

    public static String tamperMessage(Map<String, String> tampered) {
        StringBuilder text = new StringBuilder("The grade is void: the tests would not be the repository's own. "
                + tampered.size() + " protected file(s) or class(es) differ from what the repository hands out:");
        tampered.forEach((path, what) -> text.append("\n  ").append(what).append(": ").append(path));
        return text.toString();
    }

    /** Exercism's limit on a test's output, and the note it asks for when the output was longer. */
    static final int OUTPUT_LIMIT = 500;
    static final String TRUNCATED = "\n\nOutput was truncated. Please limit to 500 chars";

    static String capped(String output) {
        if (output == null || output.length() <= OUTPUT_LIMIT) {
            return output;
        }
        return output.substring(0, OUTPUT_LIMIT) + TRUNCATED;
    }

    /** Writes the results atomically. */
    public static void write(Path file, ObjectNode results) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(results));
    }

    private static void putText(ObjectNode node, String field, String text) {
        if (text == null || text.isEmpty()) {
            node.putNull(field);
        } else {
            node.put(field, text);
        }
    }
}
