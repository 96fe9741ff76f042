package cnode.money;

import java.util.List;

/**
 * The 21 face values a coin can have, the same in every currency: the 1-2-5 series from 1 to
 * 5 000 000 billons (0.001 to 5 000 units). Ordered smallest first; the index of a face value is
 * its position in every per-denomination list (issuance curves, {@code FACE_VALUE} counts,
 * {@code monexSummary}). Stateless.
 */
public final class Denominations {
    /** How many face values there are. */
    public static final int COUNT = 21;

    private static final List<Long> FACE_VALUES = build();

    private Denominations() {
    }

    /** The face values in billons, smallest first. */
    public static List<Long> faceValues() {
        return FACE_VALUES;
    }

    /** The face value at {@code index} (0 = 1 billon, 20 = 5 000 000 billons). */
    public static long faceValue(int index) {
        return FACE_VALUES.get(index);
    }

    /** The index of {@code billons} among the face values, or -1 if it is not one. */
    public static int indexOf(long billons) {
        return FACE_VALUES.indexOf(billons);
    }

    public static boolean isFaceValue(long billons) {
        return indexOf(billons) >= 0;
    }

    private static List<Long> build() {
        long[] steps = {1, 2, 5};
        Long[] values = new Long[COUNT];
        long decade = 1;
        for (int i = 0; i < COUNT; i++) {
            values[i] = steps[i % 3] * decade;
            if (i % 3 == 2) {
                decade *= 10;
            }
        }
        assert values[COUNT - 1] == 5_000_000L;
        return List.of(values);
    }
}
