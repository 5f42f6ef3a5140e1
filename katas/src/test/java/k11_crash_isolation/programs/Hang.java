package k11_crash_isolation.programs;

import java.util.concurrent.CountDownLatch;
import support.ChildProgram;

/** Child program: says it started, then waits for ever (until it is killed or its parent ends). */
public final class Hang {

    public static void main(String[] args) throws InterruptedException {
        ChildProgram.dieWithParent();
        System.out.println("started");
        new CountDownLatch(1).await(); // nobody counts down
    }
}
