package support.programs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import support.ChildProgram;
import support.FullPipe;

/**
 * Writes far more than a pipe holds: its second argument's count of {@code e} to standard error
 * first, then its third argument's count of {@code o} to standard output, and exits with 0. It
 * reports to {@link FullPipe} in the folder named by its first argument, so a test can tell a child
 * blocked on a full pipe from a slow one.
 */
public final class Flooder {

    private Flooder() {}

    public static void main(String[] args) throws IOException {
        ChildProgram.dieWithParent();
        Path dir = Path.of(args[0]);
        FullPipe.started(dir);
        write(System.err, 'e', Long.parseLong(args[1]));
        write(System.out, 'o', Long.parseLong(args[2]));
        FullPipe.wroteAll(dir);
    }

    private static void write(OutputStream out, char c, long count) throws IOException {
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) c);
        for (long written = 0; written < count; written += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, count - written));
        }
        out.flush();
    }
}
