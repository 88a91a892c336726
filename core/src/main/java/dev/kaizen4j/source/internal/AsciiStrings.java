package dev.kaizen4j.source.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings made from ASCII bytes, one instance per distinct text: names, types and task ids repeat on
 * every line of a log. A text is known by its length and its first and last eight bytes, which for
 * texts of up to sixteen bytes are all of them, so most look-ups read two words and compare nothing
 * else. Texts longer than {@link #MAX_LENGTH} bytes are not kept. Not thread-safe.
 */
final class AsciiStrings {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final String[] strings;
    private final long[] heads;
    private final long[] tails;
    /** The bytes of texts longer than sixteen bytes, which the two words do not cover. */
    private final byte[][] longer;
    private final int mask;
    private final boolean replacing;
    private final int capacity;
    private int size;

    private AsciiStrings(int slots, boolean replacing) {
        this.strings = new String[slots];
        this.heads = new long[slots];
        this.tails = new long[slots];
        this.longer = new byte[slots][];
        this.mask = slots - 1;
        this.replacing = replacing;
        this.capacity = slots / 2;
    }

    /** Keeps the first {@code slots / 2} distinct texts; later ones are made anew each time. */
    static AsciiStrings bounded(int slots) {
        return new AsciiStrings(requirePowerOfTwo(slots), false);
    }

    /**
     * Keeps the latest text per slot, replacing what was there: it follows a changing set, such as the
     * tasks open at the moment.
     */
    static AsciiStrings latest(int slots) {
        return new AsciiStrings(requirePowerOfTwo(slots), true);
    }

    private static int requirePowerOfTwo(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        return slots;
    }

    /** Longer texts are made anew each time: a log of huge names or ids must not fill the heap with copies. */
    static final int MAX_LENGTH = 256;

    /** The string of the ASCII bytes {@code bytes[from, to)}. */
    String get(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length > MAX_LENGTH) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
        long head = head(bytes, from, length);
        long tail = length >= Long.BYTES ? (long) LONGS.get(bytes, to - Long.BYTES) : head;
        long mixed = (head * 0x9E3779B97F4A7C15L) ^ (tail * 0xC2B2AE3D27D4EB4FL) ^ length;
        int slot = (int) (mixed ^ (mixed >>> 29) ^ (mixed >>> 43)) & mask;
        while (true) {
            String known = strings[slot];
            if (known == null) {
                break;
            }
            if (known.length() == length && heads[slot] == head && tails[slot] == tail
                    && (length <= 2 * Long.BYTES || Arrays.equals(longer[slot], 0, length, bytes, from, to))) {
                return known;
            }
            if (replacing) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        String value = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        if (replacing || size < capacity) {
            if (strings[slot] == null) {
                size++;
            }
            strings[slot] = value;
            heads[slot] = head;
            tails[slot] = tail;
            longer[slot] = length > 2 * Long.BYTES ? Arrays.copyOfRange(bytes, from, to) : null;
        }
        return value;
    }

    /** The first eight bytes (fewer, zero-padded, for a shorter text). */
    private static long head(byte[] bytes, int from, int length) {
        if (length >= Long.BYTES) {
            return (long) LONGS.get(bytes, from);
        }
        if (from + Long.BYTES <= bytes.length) {
            return (long) LONGS.get(bytes, from) & ((1L << (length * 8)) - 1);
        }
        long head = 0;
        for (int i = length - 1; i >= 0; i--) {
            head = (head << 8) | (bytes[from + i] & 0xFF);
        }
        return head;
    }
}
