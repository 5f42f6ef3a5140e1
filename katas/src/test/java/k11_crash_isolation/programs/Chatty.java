package k11_crash_isolation.programs;

import java.io.PrintStream;
import support.ChildProgram;

/**
 * Child program: writes {@code args[0]} lines of 63 characters and a newline to stderr, then as
 * many to stdout, then exits with 0.
 *
 * <p>Far more than a pipe holds (4 KiB to 64 KiB): a parent that reads nothing until the child
 * exits, or reads stdout to its end before it reads stderr, leaves this child blocked on a full
 * stderr pipe for ever.
 */
public final class Chatty {

    /** One line: 63 characters and the newline, 64 bytes in UTF-8. */
    public static final String LINE = "x".repeat(63);

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        int lines = Integer.parseInt(args[0]);
        for (PrintStream stream : new PrintStream[] {System.err, System.out}) {
            for (int i = 0; i < lines; i++) {
                stream.println(LINE);
            }
            stream.flush();
        }
    }
}
