package cnode.money;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How many coins of each face value make up an amount: the coins the bank issues as change
 * ({@code changeMonexAtBnode}). 21 counts, smallest face value first, each never negative; the
 * {@link #total()} is exact. Built by one of three rules, each of which either returns a
 * distribution whose total is exactly the amount asked for or refuses by name:
 *
 * <ul>
 *   <li>{@link #fewestCoins} ({@code AMOUNT}): largest face value first, which for the 1-2-5
 *       series gives the fewest coins;</li>
 *   <li>{@link #alongCurve} ({@code HISTOGRAM}): the amount split in proportion to an
 *       {@link IssuanceCurve}'s weight × face value, rounded down, the rest by fewest coins;</li>
 *   <li>{@link #fromText} ({@code FACE_VALUE}): counts given as text, accepted only if they add
 *       up to the amount.</li>
 * </ul>
 *
 * No rule gives more than {@link #COINS_MAX} coins. Pure: no clock, no I/O. Immutable (the
 * counts are copied in and out).
 */
public final class CoinDistribution {
    /** The most coins one change may produce. */
    public static final int COINS_MAX = 10_000;
    /** The longest {@code FACE_VALUE} text, in chars (21 lines of 19 digits fit with room). */
    public static final int TEXT_CHARS_MAX = 1_024;

    private static final long FACE_VALUE_MAX = Denominations.faceValue(Denominations.COUNT - 1);
    /** Above this no distribution of at most COINS_MAX coins can reach the amount. */
    private static final long AMOUNT_MAX = COINS_MAX * FACE_VALUE_MAX;
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** Why a distribution was refused, or OK; each rule documents the order of its guards. */
    public enum Result {
        OK,
        /** The amount is 0 or negative. */
        AMOUNT_NOT_POSITIVE,
        /** {@code changeMonexType} is not AMOUNT, HISTOGRAM or FACE_VALUE. */
        UNKNOWN_TYPE,
        /** HISTOGRAM names no issuance curve. */
        UNKNOWN_CURVE,
        /** AMOUNT's target is not within 1 and the amount. */
        TARGET_OUT_OF_RANGE,
        /** FACE_VALUE text longer than {@link #TEXT_CHARS_MAX}. */
        TEXT_TOO_LONG,
        /** FACE_VALUE text with more than 21 lines. */
        TOO_MANY_LINES,
        /** A line (or AMOUNT's target) that is not a decimal integer. */
        NOT_A_NUMBER,
        /** A count written with a minus sign. */
        NEGATIVE_COUNT,
        /** A number that does not fit in 64 bits. */
        OVERFLOW,
        /** More than {@link #COINS_MAX} coins would be needed or were asked for. */
        TOO_MANY_COINS,
        /** FACE_VALUE counts whose total is not the amount. */
        TOTAL_MISMATCH
    }

    /** A rule's answer: OK with the distribution, or the refusal with none. */
    public record Outcome(Result result, Optional<CoinDistribution> distribution) {
        static Outcome ok(CoinDistribution distribution) {
            return new Outcome(Result.OK, Optional.of(distribution));
        }

        static Outcome refused(Result result) {
            assert result != Result.OK;
            return new Outcome(result, Optional.empty());
        }

        public boolean ok() {
            return result == Result.OK;
        }
    }

    private final long[] counts;

    /** 21 counts, index as in {@link Denominations}, none negative (copied). */
    public CoinDistribution(long[] counts) {
        if (counts.length != Denominations.COUNT) {
            throw new IllegalArgumentException("one count per face value");
        }
        this.counts = counts.clone();
        for (long count : this.counts) {
            if (count < 0) {
                throw new IllegalArgumentException("a count is never negative");
            }
        }
    }

    /**
     * {@code AMOUNT}: the fewest coins that make {@code amount}. Guards: AMOUNT_NOT_POSITIVE,
     * TOO_MANY_COINS.
     */
    public static Outcome fewestCoins(long amount) {
        if (amount <= 0) {
            return Outcome.refused(Result.AMOUNT_NOT_POSITIVE);
        }
        if (amount > AMOUNT_MAX) {
            return Outcome.refused(Result.TOO_MANY_COINS);
        }
        return capped(new CoinDistribution(greedy(amount)));
    }

    /**
     * {@code HISTOGRAM}: denomination {@code i} gets {@code floor(amount × weight(i) / W)} coins,
     * where W is the curve's {@link IssuanceCurve#weightedValue()}, so its value is at most its
     * share {@code amount × weight(i) × faceValue(i) / W}; what the rounding leaves is made up by
     * fewest coins, so the total is exact. A small amount may get only the fewest coins. Guards:
     * AMOUNT_NOT_POSITIVE, TOO_MANY_COINS.
     */
    public static Outcome alongCurve(long amount, IssuanceCurve curve) {
        if (amount <= 0) {
            return Outcome.refused(Result.AMOUNT_NOT_POSITIVE);
        }
        if (amount > AMOUNT_MAX) {
            return Outcome.refused(Result.TOO_MANY_COINS);
        }
        long[] counts = new long[Denominations.COUNT];
        long placed = 0;
        for (int i = 0; i < counts.length; i++) {
            // amount <= AMOUNT_MAX and weight <= WEIGHT_MAX, so the product fits in a long.
            counts[i] = Math.multiplyExact(amount, curve.weight(i)) / curve.weightedValue();
            placed = Math.addExact(placed, counts[i] * Denominations.faceValue(i));
        }
        assert placed <= amount : "a share never exceeds its part of the amount";
        long[] rest = greedy(amount - placed);
        for (int i = 0; i < counts.length; i++) {
            counts[i] += rest[i];
        }
        return capped(new CoinDistribution(counts));
    }

    /**
     * {@code FACE_VALUE}: counts per face value, smallest first, one decimal integer per line
     * (lines separated by {@code \n}; spaces and a {@code \r} around a number are ignored, one
     * final line break is allowed; fewer than 21 lines leave the rest at 0). Guards:
     * AMOUNT_NOT_POSITIVE, TEXT_TOO_LONG, TOO_MANY_LINES, then line by line NOT_A_NUMBER,
     * NEGATIVE_COUNT or OVERFLOW, then TOO_MANY_COINS, TOTAL_MISMATCH.
     */
    public static Outcome fromText(long amount, String text) {
        Objects.requireNonNull(text, "text");
        if (amount <= 0) {
            return Outcome.refused(Result.AMOUNT_NOT_POSITIVE);
        }
        if (text.length() > TEXT_CHARS_MAX) {
            return Outcome.refused(Result.TEXT_TOO_LONG);
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String[] lines = body.split("\n", -1);
        if (lines.length > Denominations.COUNT) {
            return Outcome.refused(Result.TOO_MANY_LINES);
        }
        long[] counts = new long[Denominations.COUNT];
        for (int i = 0; i < lines.length; i++) {
            Optional<Result> refusal = readCount(lines[i].strip(), counts, i);
            if (refusal.isPresent()) {
                return Outcome.refused(refusal.get());
            }
        }
        long coins = 0;
        for (long count : counts) {
            // Compared before adding, so that a huge count cannot wrap the sum around.
            if (count > COINS_MAX - coins) {
                return Outcome.refused(Result.TOO_MANY_COINS);
            }
            coins += count;
        }
        CoinDistribution distribution = new CoinDistribution(counts);
        if (distribution.total() != amount) {
            return Outcome.refused(Result.TOTAL_MISMATCH);
        }
        return Outcome.ok(distribution);
    }

    /**
     * The whole {@code changeMonexAtBnode} request: {@code type} AMOUNT, HISTOGRAM or FACE_VALUE
     * and its {@code value}. For AMOUNT the value is the amount that must become formable
     * ({@code cnode-api.md} §2.28): the fewest coins for it plus the fewest for the rest of
     * {@code amount}, so a subset of the coins makes it exactly; an empty value means the fewest
     * coins for the whole amount. For HISTOGRAM it is a curve's name, for FACE_VALUE the counts.
     * Guards: AMOUNT_NOT_POSITIVE, UNKNOWN_TYPE, then those of the chosen rule (AMOUNT:
     * NOT_A_NUMBER, OVERFLOW, TARGET_OUT_OF_RANGE, TOO_MANY_COINS; HISTOGRAM: UNKNOWN_CURVE).
     */
    public static Outcome forChange(long amount, String type, String value) {
        if (amount <= 0) {
            return Outcome.refused(Result.AMOUNT_NOT_POSITIVE);
        }
        String text = value == null ? "" : value;
        return switch (type == null ? "" : type) {
            case "AMOUNT" -> formable(amount, text.strip());
            case "HISTOGRAM" -> IssuanceCurve.named(text.strip())
                .map(curve -> alongCurve(amount, curve))
                .orElse(Outcome.refused(Result.UNKNOWN_CURVE));
            case "FACE_VALUE" -> fromText(amount, text);
            default -> Outcome.refused(Result.UNKNOWN_TYPE);
        };
    }

    /** The count of coins of the face value at {@code index}. */
    public long count(int index) {
        return counts[index];
    }

    /** The 21 counts (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    /** The value of all the coins, in billons; exact (throws on overflow, a bug). */
    public long total() {
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            total = Math.addExact(total,
                Math.multiplyExact(counts[i], Denominations.faceValue(i)));
        }
        return total;
    }

    /** How many coins there are. */
    public long coins() {
        long coins = 0;
        for (long count : counts) {
            coins = Math.addExact(coins, count);
        }
        return coins;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CoinDistribution that && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CoinDistribution" + Arrays.toString(counts);
    }

    private static Outcome formable(long amount, String target) {
        if (target.isEmpty()) {
            return fewestCoins(amount);
        }
        long[] parsed = new long[1];
        Optional<Result> refusal = readCount(target, parsed, 0);
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get() == Result.NEGATIVE_COUNT
                ? Result.TARGET_OUT_OF_RANGE : refusal.get());
        }
        if (parsed[0] < 1 || parsed[0] > amount) {
            return Outcome.refused(Result.TARGET_OUT_OF_RANGE);
        }
        if (amount > AMOUNT_MAX) {
            return Outcome.refused(Result.TOO_MANY_COINS);
        }
        long[] counts = greedy(parsed[0]);
        long[] rest = greedy(amount - parsed[0]);
        for (int i = 0; i < counts.length; i++) {
            counts[i] += rest[i];
        }
        return capped(new CoinDistribution(counts));
    }

    /** Reads one decimal count into {@code counts[index]}, or the reason it cannot. */
    private static Optional<Result> readCount(String line, long[] counts, int index) {
        if (line.startsWith("-") && DIGITS.matcher(line.substring(1)).matches()) {
            return Optional.of(Result.NEGATIVE_COUNT);
        }
        if (!DIGITS.matcher(line).matches()) {
            return Optional.of(Result.NOT_A_NUMBER);
        }
        try {
            counts[index] = Long.parseLong(line);
        } catch (NumberFormatException tooLarge) {
            return Optional.of(Result.OVERFLOW);
        }
        return Optional.empty();
    }

    /** Fewest coins for {@code amount} (>= 0): largest face value first. */
    private static long[] greedy(long amount) {
        long[] counts = new long[Denominations.COUNT];
        long rest = amount;
        for (int i = Denominations.COUNT - 1; i >= 0 && rest > 0; i--) {
            long faceValue = Denominations.faceValue(i);
            counts[i] = rest / faceValue;
            rest -= counts[i] * faceValue;
        }
        assert rest == 0 : "the 1-billon coin makes up any rest";
        return counts;
    }

    private static Outcome capped(CoinDistribution distribution) {
        if (distribution.coins() > COINS_MAX) {
            return Outcome.refused(Result.TOO_MANY_COINS);
        }
        return Outcome.ok(distribution);
    }
}
