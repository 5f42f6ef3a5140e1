package k03_subprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("given")
@DisplayName("ArgumentQuoting (given)")
class ArgumentQuotingTest {

    static final List<String> AWKWARD = List.of("plain", "a b", "\"quoted\"", "say \"hi\" twice", "back\\slash\\",
            "\\\"", "\\\\\"x\\\\", "C:\\Program Files\\", "; & | > < * ^ %PATH%", "", " ", "\t", "Grüße 进程");

    @Test
    @DisplayName("quotes for Windows so that the Microsoft C runtime's rules give back exactly the argument")
    void windowsRoundTrip() {
        for (String arg : AWKWARD) {
            String quoted = ArgumentQuoting.forWindows(arg);
            assertThat(quoted).as("quoted form of <%s>", arg).startsWith("\"").endsWith("\"");
            assertThat(splitLikeWindows(quoted)).as("what a Windows program receives for <%s>", arg).containsExactly(arg);
        }
    }

    @Test
    @DisplayName("escapes quotes and the backslashes before them, and leaves other backslashes alone")
    void windowsExamples() {
        assertThat(ArgumentQuoting.forWindows("a b")).isEqualTo("\"a b\"");
        assertThat(ArgumentQuoting.forWindows("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(ArgumentQuoting.forWindows("C:\\dir\\")).isEqualTo("\"C:\\dir\\\\\"");
        assertThat(ArgumentQuoting.forWindows("")).isEqualTo("\"\"");
    }

    @Test
    @DisplayName("leaves arguments alone on Linux and macOS, and quotes them on Windows")
    void thisPlatform() {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String arg : AWKWARD) {
            assertThat(ArgumentQuoting.forThisPlatform(arg)).isEqualTo(windows ? ArgumentQuoting.forWindows(arg) : arg);
        }
    }

    @Test
    @DisplayName("rejects a null argument")
    void rejectsNull() {
        assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ArgumentQuoting.forWindows(null));
        assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> ArgumentQuoting.forThisPlatform(null));
    }

    /**
     * The Microsoft C runtime's command-line splitting rules (what a Windows program does with the
     * one string it is started with): whitespace separates arguments outside quotes; 2n
     * backslashes before a quote give n backslashes and the quote opens or closes; 2n+1 give n
     * backslashes and a literal quote; other backslashes are literal.
     */
    static List<String> splitLikeWindows(String commandLine) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        boolean inArgument = false;
        int i = 0;
        while (i < commandLine.length()) {
            char c = commandLine.charAt(i);
            if (c == '\\') {
                int run = 0;
                while (i < commandLine.length() && commandLine.charAt(i) == '\\') {
                    run++;
                    i++;
                }
                inArgument = true;
                if (i < commandLine.length() && commandLine.charAt(i) == '"') {
                    current.repeat('\\', run / 2);
                    if (run % 2 == 1) {
                        current.append('"');
                        i++;
                    }
                } else {
                    current.repeat('\\', run);
                }
                continue;
            }
            if (c == '"') {
                inQuotes = !inQuotes;
                inArgument = true;
            } else if ((c == ' ' || c == '\t') && !inQuotes) {
                if (inArgument) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
            } else {
                current.append(c);
                inArgument = true;
            }
            i++;
        }
        if (inArgument) {
            args.add(current.toString());
        }
        return args;
    }
}
