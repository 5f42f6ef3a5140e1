package k01_spawn.programs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import support.ChildProgram;

/**
 * A child program that ignores a polite request to stop: its shutdown hook never returns, so
 * {@link Process#destroy()} (SIGTERM on Linux and macOS) starts a shutdown that never finishes.
 * Only {@link Process#destroyForcibly()} ends it.
 *
 * <p>Once the hook is installed it prints {@code hook installed} and creates the file named by its
 * first argument, so a test knows the polite request can no longer work. When the hook starts (the
 * polite request has arrived), it creates the same file's name followed by {@code .asked}.
 */
public final class Stubborn {

    private Stubborn() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        ChildProgram.dieWithParent(); // halts, which skips shutdown hooks: a dead parent still ends it
        CountDownLatch never = new CountDownLatch(1);
        Path asked = Path.of(args[0] + ".asked");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.createFile(asked);
                never.await();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println("hook installed");
        Files.createFile(Path.of(args[0]));
        never.await();
    }
}
