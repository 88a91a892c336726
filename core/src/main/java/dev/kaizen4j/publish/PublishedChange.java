package dev.kaizen4j.publish;

import static java.util.Objects.requireNonNull;

/**
 * Where an approved change was published.
 *
 * @param publisher the publisher's name, for example {@code patch-file} or {@code github}
 * @param reference a pull request URL, a branch, or a patch file path
 */
public record PublishedChange(String publisher, String reference) {

    public PublishedChange {
        requireNonNull(publisher, "publisher");
        requireNonNull(reference, "reference");
    }
}
