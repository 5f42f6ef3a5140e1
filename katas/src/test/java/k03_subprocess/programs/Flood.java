package k03_subprocess.programs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.nio.file.Path;
import support.ChildProgram;
import support.FullPipe;

/**
 * Writes as many bytes as its argument says to standard error first, then copies standard input to
 * standard output. A parent that reads its streams one after the other deadlocks with it: the
 * stderr pipe fills up while the parent waits on stdout (or writes stdin). With a folder as its
 * second argument it reports to {@link FullPipe} there, so a test can say that it is blocked.
 */
public final class Flood {
    public static void main(String[] args) throws IOException {
        ChildProgram.dieWithParent();
        long bytes = Long.parseLong(args[0]);
        Path dir = args.length > 1 ? Path.of(args[1]) : null;
        if (dir != null) {
            FullPipe.started(dir);
        }
        byte[] line = new byte[64];
        Arrays.fill(line, (byte) 'e');
        line[63] = '\n';
        OutputStream err = System.err;
        for (long written = 0; written < bytes; written += line.length) {
            err.write(line, 0, (int) Math.min(line.length, bytes - written));
        }
        err.flush();
        System.in.transferTo(System.out);
        System.out.flush();
        if (dir != null) {
            FullPipe.wroteAll(dir);
        }
    }
}
