package cnode.api;

import cnode.colony.client.ColonyUsers.MerchantDetails;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import java.util.List;

/**
 * {@code getMerchantData()} (cnode-api §2.10; the class is named for what it returns, since
 * the tidy rules keep "Data" out of type names): the logged-in merchant's public profile,
 * invoice data, financial account (each a JSON text, {@code {}} when not set) and logo
 * (base64), as the directory held them at login. A user who is not a merchant gets the empty
 * shape. Errors: ERR_VUI_NOT_LOGGEDIN, ERR_VUI_CANT_READ.
 */
public final class MerchantProfileOperation extends DirectOperation {
    static final WireType TYPE = WireType.struct("vuiGetMerchantDataResponse",
        "publicProfileJson", "xsd:string",
        "invoiceDataJson", "xsd:string",
        "financialAccountJson", "xsd:string",
        "logo", "xsd:base64Binary",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string");
    private static final OperationSchema SCHEMA =
        new OperationSchema("getMerchantData", List.of(), TYPE, false, List.of(TYPE));

    private final UserGate gate;

    public MerchantProfileOperation(UserGate gate) {
        super(SCHEMA);
        this.gate = gate;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.readable();
        if (pass.refusal() != null) {
            return reply(null, pass.refusal());
        }
        return reply(pass.user().merchantData(), RequestStatus.SUCCESS);
    }

    private static SoapStruct reply(MerchantDetails data, RequestStatus code) {
        boolean none = data == null;
        return new SoapStruct(null)
            .string("publicProfileJson", none ? "{}" : orEmpty(data.publicProfileJson()))
            .string("invoiceDataJson", none ? "{}" : orEmpty(data.invoiceDataJson()))
            .string("financialAccountJson", none ? "{}" : orEmpty(data.financialAccountJson()))
            .string("logo", none || data.logo() == null ? "" : data.logo())
            .string("requestStatus", code.name())
            .string("requestStatusDescription", code.description());
    }

    private static String orEmpty(String json) {
        return json == null || json.isBlank() ? "{}" : json;
    }
}
