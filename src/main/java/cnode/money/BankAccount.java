package cnode.money;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bank account that redemption may pay out to: an IBAN (ISO 13616) whose length and check
 * digits are right, held in its electronic form (no spaces, upper case, e.g.
 * {@code PL61109010140000071219812874}). A Polish NRB (26 digits) is the same account as the
 * IBAN {@code PL} + NRB, and is held as that IBAN.
 *
 * <p>Checks, in order: at most {@link #TEXT_CHARS_MAX} chars; spaces removed and letters upper
 * cased; only letters and digits; at least four of them; two letters, two digits, then letters
 * and digits; a country code of ISO 3166 (the JDK's list, plus XK); the length the SWIFT IBAN
 * registry gives that country, or 15 to 34 for an ISO country not in the table below; check
 * digits 02 to 98 and the number mod 97 equal to 1. The country's own BBAN layout is not
 * checked: mod 97 already catches every single changed character and every swap of two
 * neighbouring digits. A {@code BankAccount} that exists has passed every check. Immutable.
 */
public final class BankAccount {
    /** The longest input accepted, in chars (the longest IBAN, 34, printed with spaces). */
    public static final int TEXT_CHARS_MAX = 64;
    /** Digits in an NRB. */
    public static final int NRB_DIGITS = 26;

    private static final int LENGTH_MIN = 15;
    private static final int LENGTH_MAX = 34;
    /** IBAN lengths from the SWIFT IBAN registry: every EU/EEA country and many others. */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
        Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
        Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
        Map.entry("BH", 22), Map.entry("BI", 27), Map.entry("BR", 29), Map.entry("BY", 28),
        Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
        Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
        Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18),
        Map.entry("FK", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
        Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
        Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22),
        Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
        Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28),
        Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
        Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27), Map.entry("MD", 24),
        Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20), Map.entry("MR", 27),
        Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
        Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28),
        Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24),
        Map.entry("RS", 22), Map.entry("RU", 33), Map.entry("SA", 24), Map.entry("SC", 31),
        Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24),
        Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
        Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29),
        Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));
    private static final Set<String> ISO_COUNTRIES =
        Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

    /** A check's answer: OK with the account, or the refusal with none. */
    public record Checked(BankAccountCheck result, Optional<BankAccount> account) {
        public boolean ok() {
            return result == BankAccountCheck.OK;
        }
    }

    private final String iban;

    /** The account of {@code iban}, which must pass every check in electronic form. */
    public BankAccount(String iban) {
        if (iban == null || checkIban(iban) != BankAccountCheck.OK || !iban.equals(compact(iban))) {
            throw new IllegalArgumentException("not an IBAN in electronic form");
        }
        this.iban = iban;
    }

    /** An IBAN, or an NRB when the text holds digits and spaces only. */
    public static Checked parse(String text) {
        if (text != null && text.length() <= TEXT_CHARS_MAX && !text.isBlank()
            && compact(text).chars().allMatch(BankAccount::isDigit)) {
            return parseNrb(text);
        }
        return parseIban(text);
    }

    /** An IBAN, printed (with spaces) or electronic, letters in either case. */
    public static Checked parseIban(String text) {
        if (text == null || text.length() > TEXT_CHARS_MAX) {
            return refused(BankAccountCheck.BAD_LENGTH);
        }
        String iban = compact(text);
        BankAccountCheck result = checkIban(iban);
        if (result != BankAccountCheck.OK) {
            return refused(result);
        }
        // Every check passed: from here the text is an account.
        return new Checked(result, Optional.of(new BankAccount(iban)));
    }

    /** A Polish NRB: 26 digits, spaces allowed; its checksum is the IBAN's with country PL. */
    public static Checked parseNrb(String text) {
        if (text == null || text.length() > TEXT_CHARS_MAX) {
            return refused(BankAccountCheck.BAD_LENGTH);
        }
        String digits = compact(text);
        if (!digits.chars().allMatch(BankAccount::isDigit)) {
            return refused(BankAccountCheck.BAD_CHARACTERS);
        }
        if (digits.length() != NRB_DIGITS) {
            return refused(BankAccountCheck.BAD_LENGTH);
        }
        return parseIban("PL" + digits);
    }

    /** The electronic form: no spaces, upper case. */
    public String iban() {
        return iban;
    }

    /** The country code, e.g. {@code PL}. */
    public String country() {
        return iban.substring(0, 2);
    }

    /** The printed form: groups of four separated by one space. */
    public String printed() {
        StringBuilder out = new StringBuilder(iban.length() + iban.length() / 4);
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(iban, i, Math.min(i + 4, iban.length()));
        }
        return out.toString();
    }

    /** The NRB (26 digits) of a Polish account; empty for other countries. */
    public Optional<String> nrb() {
        return country().equals("PL") ? Optional.of(iban.substring(2)) : Optional.empty();
    }

    /** The check digits that make {@code country} + digits + {@code bban} an IBAN. */
    static String checkDigits(String country, String bban) {
        int remainder = mod97(bban + country + "00");
        int digits = 98 - remainder;
        return digits < 10 ? "0" + digits : Integer.toString(digits);
    }

    /** The checks after the input has been compacted, in the documented order. */
    private static BankAccountCheck checkIban(String iban) {
        if (!iban.chars().allMatch(c -> isDigit(c) || (c >= 'A' && c <= 'Z'))) {
            return BankAccountCheck.BAD_CHARACTERS;
        }
        if (iban.length() < 4) {
            return BankAccountCheck.BAD_LENGTH;
        }
        if (isDigit(iban.charAt(0)) || isDigit(iban.charAt(1))
            || !isDigit(iban.charAt(2)) || !isDigit(iban.charAt(3))) {
            return BankAccountCheck.BAD_CHARACTERS;
        }
        String country = iban.substring(0, 2);
        Integer length = LENGTHS.get(country);
        if (length == null && !ISO_COUNTRIES.contains(country)) {
            return BankAccountCheck.UNKNOWN_COUNTRY;
        }
        boolean lengthOk = length == null
            ? iban.length() >= LENGTH_MIN && iban.length() <= LENGTH_MAX
            : iban.length() == length;
        if (!lengthOk) {
            return BankAccountCheck.BAD_LENGTH;
        }
        String check = iban.substring(2, 4);
        if (check.equals("00") || check.equals("01") || check.equals("99")
            || mod97(iban.substring(4) + iban.substring(0, 4)) != 1) {
            return BankAccountCheck.BAD_CHECKSUM;
        }
        return BankAccountCheck.OK;
    }

    /** ISO 7064 MOD 97-10 of the text with letters as 10..35, digit by digit so it never
     *  overflows. */
    private static int mod97(String text) {
        int remainder = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return remainder;
    }

    /** Spaces removed, ASCII letters upper-cased; anything else is left for the checks. */
    private static String compact(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                out.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BankAccount that && iban.equals(that.iban);
    }

    @Override
    public int hashCode() {
        return iban.hashCode();
    }

    @Override
    public String toString() {
        return "BankAccount[" + iban + "]";
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static Checked refused(BankAccountCheck result) {
        return new Checked(result, Optional.empty());
    }
}
