package support.programs;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import support.ChildProgram;

/**
 * A child that reaches {@link ChildProgram#dieWithParent()} only after its parent has died: it
 * first reads its standard input to the end, which comes when the parent's end of the pipe closes,
 * that is, when the parent is gone. Then it would wait for ever.
 */
public final class LateSleeper {

    private LateSleeper() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
        ChildProgram.dieWithParent();
        new CountDownLatch(1).await();
    }
}
