package cnode.api;

import cnode.money.Currency;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import java.util.List;

/**
 * {@code getCurrencyRatio(currency)}: how many billons make one unit of a currency
 * (cnode-api §2.26, contract §5): 1/1000 for PLN, EUR, GBP, JPY and USD, 0/0 for anything
 * else (an unknown, lower-case, empty or absent code). The return is the documented
 * {@code currencyRatio} type, {@code {numerator, denominator}} and nothing more: the
 * documentation's example carries no requestStatus, and 0/0 is its own way of saying "no such
 * currency", so no call can fail otherwise. Direct; needs no login. Stateless; any thread.
 */
public final class GetCurrencyRatioOperation extends DirectOperation {
    static final WireType TYPE = WireType.struct("currencyRatio",
        "numerator", "xsd:unsignedInt",
        "denominator", "xsd:unsignedInt");
    private static final OperationSchema SCHEMA = new OperationSchema("getCurrencyRatio",
        WireType.fields("currency", "xsd:string"), TYPE, true, List.of(TYPE));

    public GetCurrencyRatioOperation() {
        super(SCHEMA);
    }

    @Override
    SoapStruct answer(SoapNode params) {
        String code = Params.text(params, "currency");
        boolean rated = Currency.isCode(code) && new Currency(code).rated();
        return new SoapStruct(TYPE.name())
            .uint("numerator", rated ? 1 : 0)
            .uint("denominator", rated ? Currency.BILLONS_PER_UNIT : 0);
    }
}
