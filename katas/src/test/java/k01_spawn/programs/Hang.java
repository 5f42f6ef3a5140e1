package k01_spawn.programs;

import java.util.concurrent.CountDownLatch;
import support.ChildProgram;

/** A child program that prints one line and then never ends on its own. */
public final class Hang {

    private Hang() {}

    public static void main(String[] args) throws InterruptedException {
        ChildProgram.dieWithParent();
        System.out.println("hanging");
        new CountDownLatch(1).await(); // nobody counts it down: blocks until the process is destroyed
    }
}
