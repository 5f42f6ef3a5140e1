package k03_subprocess.programs;

import support.ChildProgram;

/** Writes each argument it received, exactly as its main saw it, on a line of its own. */
public final class ArgEcho {
    public static void main(String[] args) {
        ChildProgram.dieWithParent();
        StringBuilder lines = new StringBuilder();
        for (String arg : args) {
            lines.append('[').append(arg).append("]\n");
        }
        System.out.print(lines);
        System.out.flush();
    }
}
