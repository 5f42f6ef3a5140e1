package k03_subprocess.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import support.ChildProgram;

/**
 * Writes its pid to the file named by its argument, then never ends by itself: only a kill (or
 * the end of its parent) stops it. With a second argument {@code mute} it closes its stdout and
 * stderr first, so whoever reads them is done at once, while the child still runs.
 */
public final class Hang {
    public static void main(String[] args) throws IOException, InterruptedException {
        ChildProgram.dieWithParent();
        Path target = Path.of(args[0]);
        Path partial = Files.writeString(target.resolveSibling(target.getFileName() + ".part"),
                Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        Files.move(partial, target);
        if (args.length > 1 && args[1].equals("mute")) {
            // Nothing more to say: the parent's readers reach the end now, not only when this JVM dies.
            System.out.close();
            System.err.close();
        }
        new CountDownLatch(1).await(); // nobody counts down: wait for ever
    }
}
