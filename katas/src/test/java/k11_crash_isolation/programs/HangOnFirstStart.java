package k11_crash_isolation.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import support.ChildProgram;

/**
 * Child program: a worker that hangs on its first start and succeeds on any later one.
 *
 * <p>Argument: {@code <counterFile>}. Each start adds one to the number in {@code counterFile}
 * (absent means 0) before anything else; start 1 then waits for ever (until it is killed or its
 * parent ends), later starts print {@code ok on attempt N} and exit with 0.
 */
public final class HangOnFirstStart {

    public static void main(String[] args) throws IOException, InterruptedException {
        ChildProgram.dieWithParent();
        Path counter = Path.of(args[0]);
        int attempt = (Files.exists(counter) ? Integer.parseInt(Files.readString(counter, StandardCharsets.UTF_8).strip()) : 0) + 1;
        Files.writeString(counter, Integer.toString(attempt), StandardCharsets.UTF_8);
        if (attempt == 1) {
            new CountDownLatch(1).await(); // nobody counts down
        }
        System.out.println("ok on attempt " + attempt);
    }
}
