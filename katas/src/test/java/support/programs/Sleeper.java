package support.programs;

import java.util.concurrent.CountDownLatch;
import support.ChildProgram;

/** A child that would wait for ever, were it not for {@link ChildProgram#dieWithParent()}. */
public final class Sleeper {

    private Sleeper() {}

    public static void main(String[] args) throws InterruptedException {
        ChildProgram.dieWithParent();
        System.out.println("sleeping " + ProcessHandle.current().pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
