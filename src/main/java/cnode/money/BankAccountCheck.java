package cnode.money;

/**
 * How checking a bank account number ended ({@link BankAccount#parse}); the order of the
 * checks is in {@link BankAccount}.
 */
public enum BankAccountCheck {
    OK,
    /** Longer than {@link BankAccount#TEXT_CHARS_MAX} chars, too short to hold a country and
     *  check digits, or not the length its country (or NRB) has. */
    BAD_LENGTH,
    /** A character other than a letter, a digit or a space, or letters and digits out of
     *  place (an IBAN starts with two letters and two digits; an NRB is digits only). */
    BAD_CHARACTERS,
    /** The first two letters are not an ISO 3166 country code. */
    UNKNOWN_COUNTRY,
    /** The ISO 7064 mod-97 check fails, or the check digits are 00, 01 or 99. */
    BAD_CHECKSUM
}
