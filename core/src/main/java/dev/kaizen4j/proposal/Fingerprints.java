package dev.kaizen4j.proposal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable fingerprints of proposals: SHA-256 over their identifying parts, whitespace-normalized. */
public final class Fingerprints {

    /** Hex digits kept: 64 bits, ample for the requests of one team. */
    private static final int LENGTH = 16;

    private Fingerprints() {}

    /**
     * The fingerprint of the given parts. Line endings and trailing whitespace are normalized so
     * that the same change written on another platform has the same fingerprint.
     */
    public static String of(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha256.update(normalize(part).getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha256.digest()).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform provides SHA-256", impossible);
        }
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n").replaceAll("[ \\t]+\n", "\n").strip();
    }
}
