package k02_pool.programs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import support.ChildProgram;

/**
 * A child program that announces it has started and then waits at a gate the test opens.
 *
 * <p>Arguments: a folder, an id, and the name of the file that opens its gate ({@code -} for no
 * gate). It creates {@code started-<id>} in the folder, waits until the gate file or
 * {@code release-all} exists there, prints {@code <id> ✓}, creates {@code done-<id>} and exits
 * with 0. Files are the one signal that works the same on every operating system without any
 * set-up, so the test can release each child on its own.
 */
public final class Gate {

    /** The file whose appearance releases every waiting child at once. */
    public static final String RELEASE_ALL = "release-all";

    private Gate() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        ChildProgram.dieWithParent();
        Path dir = Path.of(args[0]);
        String id = args[1];
        String gate = args[2];
        Files.createFile(dir.resolve("started-" + id));
        while (!gate.equals("-") && !Files.exists(dir.resolve(gate)) && !Files.exists(dir.resolve(RELEASE_ALL))) {
            Thread.sleep(5); // the child's simulated blocking work: poll the gate
        }
        System.out.println(id + " ✓");
        Files.createFile(dir.resolve("done-" + id));
    }
}
