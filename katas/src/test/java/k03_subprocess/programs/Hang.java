package k03_subprocess.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import support.ChildProgram;

/**
 * Writes its pid to the file named by its argument, then never ends by itself: only a kill (or
 * the end of its parent) stops it.
 */
public final class Hang {
    public static void main(String[] args) throws IOException, InterruptedException {
        ChildProgram.dieWithParent();
        Path target = Path.of(args[0]);
        Path partial = Files.writeString(target.resolveSibling(target.getFileName() + ".part"),
                Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        Files.move(partial, target);
        new CountDownLatch(1).await(); // nobody counts down: wait for ever
    }
}
