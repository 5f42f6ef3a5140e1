package support.programs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import support.ChildProgram;

/**
 * Stands in for a test JVM: starts a {@link Sleeper} grandchild, prints its pid, then waits to be
 * killed.
 */
public final class Middle {

    private Middle() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        ChildProgram.dieWithParent();
        Process sleeper = new ProcessBuilder(ChildProgram.command(Sleeper.class))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(sleeper.getInputStream(), StandardCharsets.UTF_8))) {
            System.out.println(out.readLine());
        }
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
