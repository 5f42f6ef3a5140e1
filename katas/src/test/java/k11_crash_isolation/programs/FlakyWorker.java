package k11_crash_isolation.programs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import support.ChildProgram;

/**
 * Child program: a worker that crashes on its first few starts, then succeeds.
 *
 * <p>Arguments: {@code <counterFile> <crashes> <exit|halt>}. Each start adds one to the number in
 * {@code counterFile} (absent means 0), so the test knows how many times it was started. Starts
 * 1 to {@code crashes} write {@code crash on attempt N} to stderr and end with code 3
 * ({@code exit}) or halt with code 7 ({@code halt}); later starts print {@code ok on attempt N}
 * and exit with 0. Starts run one after another, so the file needs no lock.
 */
public final class FlakyWorker {

    public static final int EXIT_CODE = 3;
    public static final int HALT_CODE = 7;

    public static void main(String[] args) throws IOException {
        ChildProgram.dieWithParent();
        Path counter = Path.of(args[0]);
        int crashes = Integer.parseInt(args[1]);
        int attempt = (Files.exists(counter) ? Integer.parseInt(Files.readString(counter, StandardCharsets.UTF_8).strip()) : 0) + 1;
        Files.writeString(counter, Integer.toString(attempt), StandardCharsets.UTF_8);
        if (attempt <= crashes) {
            System.err.println("crash on attempt " + attempt);
            System.err.flush();
            if (args[2].equals("halt")) {
                Runtime.getRuntime().halt(HALT_CODE);
            }
            System.exit(EXIT_CODE);
        }
        System.out.println("ok on attempt " + attempt);
    }
}
