package io.github.primeflow.benchmarks.report;

/**
 * Replaces the generated part of a README: everything between the {@value #START} and {@value #END} markers,
 * which stay in place so the next run finds them again.
 */
public final class ReadmeSection {

    /** The line that opens the generated section. */
    public static final String START = "<!-- results:start -->";
    /** The line that closes it. */
    public static final String END = "<!-- results:end -->";

    private ReadmeSection() {
    }

    /**
     * Puts {@code content} between the markers.
     *
     * @param readme the README's text
     * @param content the new section (Markdown)
     * @return the README with the section replaced
     * @throws IllegalArgumentException if the markers are missing, duplicated or out of order
     */
    public static String replace(String readme, String content) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("the README needs both " + START + " and " + END);
        }
        if (readme.indexOf(START, start + 1) >= 0 || readme.indexOf(END, end + 1) >= 0) {
            throw new IllegalArgumentException("the README has more than one " + START + " or " + END);
        }
        if (end < start) {
            throw new IllegalArgumentException(END + " comes before " + START);
        }
        String body = content.endsWith("\n") ? content : content + "\n";
        return readme.substring(0, start + START.length()) + "\n" + body + readme.substring(end);
    }
}
