package cnode.api;

import cnode.money.Currency;
import cnode.soap.SoapStruct;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The documentation's {@code billonAmount} on the wire ({@code {amount, currency, colour}},
 * cnode-api §3): one shared {@link WireType}, so every operation that returns an amount
 * declares the same type in the WSDL, and the writers of an amount, of an amount in currency
 * units ({@code "0.200"}) and of a date ({@code YYYY-MM-DD hh:mm:ss}, UTC) as replies print
 * them. Stateless.
 */
final class BillonAmount {
    static final WireType TYPE = WireType.struct("billonAmount",
        "amount", "xsd:unsignedLong",
        "currency", "xsd:string",
        "colour", "xsd:unsignedLong");

    private BillonAmount() {}

    /** {@code billons} of {@code currency} and {@code colour}, typed {@code billonAmount}. */
    static SoapStruct of(long billons, Currency currency, long colour) {
        if (billons < 0 || colour < 0) {
            throw new IllegalArgumentException("an amount and a colour are never negative");
        }
        return new SoapStruct(TYPE.name())
            .ulong("amount", billons)
            .string("currency", currency.code())
            .ulong("colour", colour);
    }

    /** The amount of an error reply: 0, no currency, colour 0. */
    static SoapStruct empty() {
        return new SoapStruct(TYPE.name())
            .ulong("amount", 0)
            .string("currency", "")
            .ulong("colour", 0);
    }

    /**
     * {@code billons} in currency units with three decimals, as the documentation prints a
     * coin's value: 200 is {@code "0.200"}, 12 000 is {@code "12.000"}. Every currency of this
     * system has {@link Currency#BILLONS_PER_UNIT} billons to the unit.
     */
    static String units(long billons) {
        if (billons < 0) {
            throw new IllegalArgumentException("a coin's value is never negative: " + billons);
        }
        long fraction = billons % Currency.BILLONS_PER_UNIT;
        return billons / Currency.BILLONS_PER_UNIT + "." + (fraction < 100 ? "0" : "")
            + (fraction < 10 ? "0" : "") + fraction;
    }

    /** {@code epochMs} written {@code YYYY-MM-DD hh:mm:ss} in UTC, as listTasks reads dates. */
    static String date(long epochMs) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC)
            .format(ListTasksOperation.DATE);
    }
}
