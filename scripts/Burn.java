/*
 * Keeps N cores busy for at most the given number of seconds, then exits by itself; also exits when
 * its standard input closes, so a script that dies takes its burner with it.
 *   java scripts/Burn.java <threads> <max seconds>
 */
public class Burn {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        if (threads < 1 || seconds < 1) {
            throw new IllegalArgumentException("usage: java Burn.java <threads >= 1> <max seconds >= 1>");
        }
        for (int i = 0; i < threads; i++) {
            Thread burner = new Thread(() -> {
                long x = 0;
                while (true) {
                    x += System.nanoTime() % 7; // real work the JIT cannot remove
                    if (x == Long.MIN_VALUE) {
                        System.out.println(x);
                    }
                }
            }, "burn-" + i);
            burner.setDaemon(true);
            burner.start();
        }
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // drain until the parent closes our stdin
                }
            } catch (java.io.IOException ignored) {
                // stdin gone: same as closed
            }
            System.exit(0);
        });
        watcher.setDaemon(true);
        watcher.start();
        Thread.sleep(seconds * 1000); // the burner's lifetime, not synchronisation
    }
}
