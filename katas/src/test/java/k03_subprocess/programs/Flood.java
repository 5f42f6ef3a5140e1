package k03_subprocess.programs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import support.ChildProgram;

/**
 * Writes as many bytes as its argument says to standard error first, then copies standard input to
 * standard output. A parent that reads its streams one after the other deadlocks with it: the
 * stderr pipe fills up while the parent waits on stdout (or writes stdin).
 */
public final class Flood {
    public static void main(String[] args) throws IOException {
        ChildProgram.dieWithParent();
        long bytes = Long.parseLong(args[0]);
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
    }
}
