package katatool.grade;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import katatool.isolation.Landlock;
import katatool.run.KataCompiler;
import katatool.run.TestRunner;

/**
 * Runs one kata's tests in a JVM of its own, started by {@link Grader}, and reports each test on
 * the JVM's standard output, the only channel the grader reads.
 *
 * <p>The grader compiled the classes, checked the learner's ones and listed the tests before this
 * JVM started; this JVM only runs them. Its report is not trusted either: the grader hands it a
 * secret (a nonce) on standard input, which this JVM reads, and then closes the stream, before
 * any learner class is loaded. Every result line starts with that nonce, and an end line with the
 * number of results closes the report. Learner code never sees the nonce (it can neither read the
 * closed stream nor look into this class: reflection and stack walking are refused by
 * {@link CodeCheck}), so it cannot add a line the grader accepts; and if it stops this JVM early
 * (a halt, an exit from a shutdown hook), there is no end line and no exit status 0, which voids
 * the kata's points.
 */
public final class GradeChild {

    /** One test's outcome, as reported: the JUnit unique id, and the display path for dynamic tests. */
    public record Line(String id, String name, String status, String message, String output) {}

    static final String END = "END";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GradeChild() {}

    /**
     * Arguments: kata id, learner classes, test classes, test resources, and {@code landlock} or
     * {@code none} (whether to deny writes outside the working folder and the temporary folder).
     * The nonce comes on stdin.
     */
    public static void main(String[] args) throws Exception {
        // If the grader dies or is killed, this JVM must not live on running a learner's code.
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(4)));
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        String nonce = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
        System.in.close();
        System.setIn(new ByteArrayInputStream(new byte[0]));
        if (args.length != 5 || nonce == null || !nonce.matches("[0-9a-f]{32}")) {
            System.err.println("usage: GradeChild <kata id> <classes> <test classes> <test resources> <landlock|none>,"
                    + " and the nonce on stdin");
            Runtime.getRuntime().halt(2);
        }
        if (args[4].equals("landlock")) {
            // Before any learner class loads: from here on, this JVM and every process it starts can
            // write only in the kata's scratch folder (and /dev, and the JVMs' performance data).
            Landlock.sandbox(Path.of("").toAbsolutePath());
        }
        // The original stdout, kept before the tests run: the runner silences System.out while
        // they do, and restores this one after.
        PrintStream channel = System.out;
        String kata = args[0];
        KataCompiler.Output classes = new KataCompiler.Output(Path.of(args[1]), Path.of(args[2]));
        List<TestRunner.Result> ran = new TestRunner(System.getProperty("java.class.path")).run(kata, classes, Path.of(args[3]));
        StringBuilder report = new StringBuilder();
        for (TestRunner.Result r : ran) {
            report.append(nonce).append(' ').append(JSON.writeValueAsString(
                    new Line(r.id(), r.name(), r.status().name(), r.message(), r.output()))).append('\n');
        }
        report.append(nonce).append(' ').append(END).append(' ').append(ran.size()).append('\n');
        // One write, so no other thread's line lands inside the report.
        channel.print(report);
        channel.flush();
        // halt, not exit: a learner's shutdown hook must not be able to hold the grade up.
        Runtime.getRuntime().halt(0);
    }
}
