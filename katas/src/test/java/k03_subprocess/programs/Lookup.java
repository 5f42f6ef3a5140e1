package k03_subprocess.programs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Map;
import support.ChildProgram;

/**
 * An interactive name lookup in the manner of {@code nslookup}, answering from a fixed table in
 * memory: no network, no real DNS, the same answers everywhere.
 *
 * <p>It prompts with {@code "> "}, then reads one command per line from standard input, decoded
 * with {@code stdin.encoding}: {@code set q=a} or {@code set q=mx} chooses the record type, a name
 * is looked up, {@code exit} (or the end of input) ends it with exit code 0. Answers go to
 * standard output, unknown names to standard error.
 */
public final class Lookup {

    /** Made-up records; the addresses are from the range reserved for documentation. */
    public static final Map<String, String> A = Map.of(
            "python.org", "192.0.2.10",
            "www.python.org", "192.0.2.11",
            "bücher.example", "192.0.2.77",
            "进程.example", "192.0.2.88");
    public static final Map<String, String> MX = Map.of("python.org", "50 mail.python.org.");

    public static void main(String[] args) throws IOException {
        ChildProgram.dieWithParent();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
                Charset.forName(System.getProperty("stdin.encoding", "UTF-8"))));
        String type = "a";
        System.out.print("> ");
        System.out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.strip();
            if (command.equals("exit")) {
                break;
            } else if (command.startsWith("set q=")) {
                type = command.substring("set q=".length());
            } else if (!command.isEmpty()) {
                answer(type, command);
            }
            System.out.print("> ");
            System.out.flush();
        }
        System.out.flush();
    }

    private static void answer(String type, String name) {
        String found = (type.equals("mx") ? MX : A).get(name);
        if (found == null) {
            System.err.print("** server can't find " + name + ": NXDOMAIN\n");
            System.err.flush();
        } else if (type.equals("mx")) {
            System.out.print(name + "\tmail exchanger = " + found + "\n");
        } else {
            System.out.print("Name:\t" + name + "\nAddress: " + found + "\n");
        }
    }
}
