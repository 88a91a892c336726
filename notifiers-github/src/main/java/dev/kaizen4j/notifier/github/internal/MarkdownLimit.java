package dev.kaizen4j.notifier.github.internal;

/** Keeps issue and pull request bodies within GitHub's limit of 65,536 characters. */
public final class MarkdownLimit {

    /** Room for the text around the rendered request (how to decide, markers). */
    public static final int MAX_RENDERED = 60_000;

    private MarkdownLimit() {}

    /**
     * {@code markdown} if it fits in {@code max} characters; otherwise its start, with any open code
     * block closed and a note that the rest was left out.
     */
    public static String fit(String markdown, int max) {
        if (markdown.length() <= max) {
            return markdown;
        }
        String note = "\n\n_Truncated: the full change is too long for GitHub here; see the pull request's"
                + " files or the request in the ledger._\n";
        String head = markdown.substring(0, Math.max(0, max - note.length() - 8));
        int cut = head.lastIndexOf('\n');
        head = cut > 0 ? head.substring(0, cut + 1) : head;
        long fences = head.lines().filter(line -> line.startsWith("```")).count();
        return head + (fences % 2 == 1 ? "```" : "") + note;
    }
}
