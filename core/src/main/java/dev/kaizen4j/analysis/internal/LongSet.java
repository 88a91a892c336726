package dev.kaizen4j.analysis.internal;

/** A set of {@code long} values without boxing, for per-task state: open addressing, linear probing. */
final class LongSet {

    private long[] slots;
    private boolean[] used;
    private int size;

    LongSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        slots = new long[capacity];
        used = new boolean[capacity];
    }

    /** Adds {@code value}; false when it was already there. */
    boolean add(long value) {
        int mask = slots.length - 1;
        int slot = mix(value) & mask;
        while (used[slot]) {
            if (slots[slot] == value) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        slots[slot] = value;
        used[slot] = true;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldSlots = slots;
        boolean[] oldUsed = used;
        slots = new long[oldSlots.length * 2];
        used = new boolean[oldSlots.length * 2];
        size = 0;
        for (int i = 0; i < oldSlots.length; i++) {
            if (oldUsed[i]) {
                add(oldSlots[i]);
            }
        }
    }

    private static int mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
