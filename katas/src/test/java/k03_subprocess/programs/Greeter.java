package k03_subprocess.programs;

import support.ChildProgram;

/**
 * Says which charset its standard output uses, then greets in Chinese, through {@code System.out}:
 * the bytes it writes are in whatever {@code stdout.encoding} its parent gave it.
 */
public final class Greeter {

    /** Text that GBK and UTF-8 both carry, and that comes out wrong if decoded with the other. */
    public static final String GREETING = "你好, 进程和线程";

    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        System.out.print("stdout.encoding=" + System.getProperty("stdout.encoding") + "\n");
        System.out.print(GREETING + "\n");
        System.out.flush();
    }
}
