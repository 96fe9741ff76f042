package cnode.colony;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The directory's own limits, validated once on construction: a bad value throws and the
 * colony refuses to start (it is never "corrected"). The first name of each choice list is the
 * default a registration gets when it names none.
 *
 * @param usersMax             users the directory holds; registration beyond is refused
 *                             ({@code DIRECTORY_FULL}). All users live in memory: about
 *                             1.1 KB each with a 100-byte key blob, one e-mail, one session,
 *                             a location and a lease (measured), plus any merchant data
 * @param recoveryEmailsMax    recovery e-mails per user (0 to 16)
 * @param merchantJsonCharsMax longest merchant data, in characters (2 to 1 MiB)
 * @param keyBlobBytesMax      largest private key blob (1 B to 64 KiB)
 * @param wrongPasswordsMax    wrong passwords in a row that lock a user (1 to 1 000)
 * @param sessionTtlMs         how long a session lasts after login or renewal (up to 365 days)
 * @param sessionsPerUserMax   sessions per user; a login beyond drops the oldest (1 to 1 024)
 * @param leaseTtlMaxMs        longest time to live a lease may ask for (up to 24 h)
 * @param locationFreshMs      how long a reported location counts as online (up to 7 days)
 * @param arChoices            clearing agents a user may choose (1 to 64 names)
 * @param ipeChoices           e-money issuers a user may choose (1 to 64 names)
 * @param defaultLimits        the limits a new user gets
 */
public record DirectoryConfig(int usersMax, int recoveryEmailsMax, int merchantJsonCharsMax,
                              int keyBlobBytesMax, int wrongPasswordsMax, long sessionTtlMs,
                              int sessionsPerUserMax, long leaseTtlMaxMs, long locationFreshMs,
                              List<String> arChoices, List<String> ipeChoices,
                              Limits defaultLimits) {
    /** The AR and IPE of the documentation's examples, and the default of both lists. */
    public static final String PLUS_BANK_PRODUCTION = "PLUS_BANK_PRODUCTION";

    private static final long DAY_MS = 24L * 3_600_000L;
    private static final int CHOICES_MAX = 64;

    public DirectoryConfig {
        within("usersMax", usersMax, 1, 10_000_000);
        within("recoveryEmailsMax", recoveryEmailsMax, 0, 16);
        within("merchantJsonCharsMax", merchantJsonCharsMax, 2, 1 << 20);
        within("keyBlobBytesMax", keyBlobBytesMax, 1, 1 << 16);
        within("wrongPasswordsMax", wrongPasswordsMax, 1, 1_000);
        within("sessionTtlMs", sessionTtlMs, 1, 365 * DAY_MS);
        within("sessionsPerUserMax", sessionsPerUserMax, 1, 1_024);
        within("leaseTtlMaxMs", leaseTtlMaxMs, 1, DAY_MS);
        within("locationFreshMs", locationFreshMs, 1, 7 * DAY_MS);
        arChoices = choices("arChoices", arChoices);
        ipeChoices = choices("ipeChoices", ipeChoices);
        Objects.requireNonNull(defaultLimits, "defaultLimits");
    }

    /**
     * The defaults: 100 000 users, 3 e-mails, 16 KiB of merchant data, 1 KiB key blobs, locked
     * after 5 wrong passwords, 24 h sessions, 8 sessions per user, leases of at most 10 min,
     * locations fresh for 2 min, {@code PLUS_BANK_PRODUCTION} as the one AR and IPE, no limits.
     */
    public static DirectoryConfig defaults() {
        return new DirectoryConfig(100_000, 3, 16_384, 1_024, 5, DAY_MS, 8, 600_000, 120_000,
            List.of(PLUS_BANK_PRODUCTION), List.of(PLUS_BANK_PRODUCTION), Limits.NONE);
    }

    /** The default clearing agent: the first of the list. */
    public String defaultAr() {
        return arChoices.getFirst();
    }

    /** The default e-money issuer: the first of the list. */
    public String defaultIpe() {
        return ipeChoices.getFirst();
    }

    private static void within(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                name + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    private static List<String> choices(String name, List<String> names) {
        if (names == null || names.isEmpty() || names.size() > CHOICES_MAX) {
            throw new IllegalArgumentException(name + " must list 1 to " + CHOICES_MAX + " names");
        }
        List<String> copy = List.copyOf(names);
        if (!copy.stream().allMatch(DirectoryFormats::choiceName)) {
            throw new IllegalArgumentException(name + " holds a name outside [A-Z0-9_]{1,64}");
        }
        if (new HashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException(name + " names one choice twice");
        }
        return copy;
    }
}
