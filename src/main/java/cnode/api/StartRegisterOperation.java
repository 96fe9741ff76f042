package cnode.api;

import cnode.colony.client.ColonyUsers.MerchantDetails;
import cnode.node.Membership;
import cnode.node.RegisterFlow;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code startRegister(billonUserName, billonUserPassword, merchantData, recoveryEmail,
 * recoveryEmail1, recoveryEmail2, userARchoice, userIPEchoice)} (cnode-api §2.2, contract §3):
 * starts a REGISTER task. A {@code merchantData} with any part filled in registers a merchant;
 * an empty or absent one a user who is not. Guards, in order: the name
 * (ERR_INVALID_USERNAME), the password (ERR_INVALID_PASSWORD), a {@code ...Json} part that is
 * not a JSON object or a logo that is not base64 (ERR_INVALID_PARAMETER), a login or
 * registration already running (ERR_TASK_ALREADY_RUNNING). The colony judges the rest (a name
 * taken, an e-mail, the AR and IPE choices) and the task ends with its verdict.
 */
public final class StartRegisterOperation extends DirectOperation {
    static final WireType MERCHANT_DATA = WireType.struct("merchantData",
        "publicProfileJson", "xsd:string",
        "invoiceDataJson", "xsd:string",
        "financialAccountJson", "xsd:string",
        "logo", "xsd:base64Binary");
    private static final OperationSchema SCHEMA = new OperationSchema("startRegister",
        WireType.fields("billonUserName", "xsd:string", "billonUserPassword", "xsd:string",
            "merchantData", MERCHANT_DATA.ref(), "recoveryEmail", "xsd:string",
            "recoveryEmail1", "xsd:string", "recoveryEmail2", "xsd:string",
            "userARchoice", "xsd:string", "userIPEchoice", "xsd:string"),
        Replies.TASK_ID, true, List.of(MERCHANT_DATA, Replies.TASK_ID));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Membership membership;

    public StartRegisterOperation(Membership membership) {
        super(SCHEMA);
        this.membership = membership;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        String username = Params.text(params, "billonUserName");
        String password = params.text("billonUserPassword");
        SoapStruct refused = StartLoginOperation.credentialsRefusal(username, password);
        if (refused != null) {
            return refused;
        }
        SoapNode merchant = params.child("merchantData");
        String problem = merchant == null ? null : merchantProblem(merchant);
        if (problem != null) {
            return Replies.noTask(RequestStatus.ERR_INVALID_PARAMETER, problem);
        }
        List<String> emails = new ArrayList<>();
        for (String name : List.of("recoveryEmail", "recoveryEmail1", "recoveryEmail2")) {
            String email = Params.text(params, name);
            if (!email.isEmpty()) {
                emails.add(email);
            }
        }
        RegisterFlow.Request request = new RegisterFlow.Request(username, password,
            merchant == null ? null : merchantDetails(merchant), List.copyOf(emails),
            blankToNull(Params.text(params, "userARchoice")),
            blankToNull(Params.text(params, "userIPEchoice")));
        return StartLoginOperation.started(membership.startRegister(request), "registration");
    }

    /** What is wrong with the merchant data, or null. */
    private static String merchantProblem(SoapNode merchant) {
        for (String part : List.of("publicProfileJson", "invoiceDataJson",
            "financialAccountJson")) {
            String text = Params.text(merchant, part);
            if (!text.isEmpty() && !isJsonObject(text)) {
                return "merchantData." + part + " must hold a JSON object.";
            }
        }
        String logo = Params.text(merchant, "logo").replaceAll("\\s", "");
        if (!logo.isEmpty()) {
            try {
                Base64.getDecoder().decode(logo);
            } catch (IllegalArgumentException notBase64) {
                return "merchantData.logo must be base64.";
            }
        }
        return null;
    }

    /** The merchant's data, or null when every part is empty (not a merchant). */
    private static MerchantDetails merchantDetails(SoapNode merchant) {
        String profile = blankToNull(Params.text(merchant, "publicProfileJson"));
        String invoice = blankToNull(Params.text(merchant, "invoiceDataJson"));
        String account = blankToNull(Params.text(merchant, "financialAccountJson"));
        String logo = blankToNull(Params.text(merchant, "logo").replaceAll("\\s", ""));
        if (profile == null && invoice == null && account == null && logo == null) {
            return null;
        }
        return new MerchantDetails(profile, invoice, account, logo);
    }

    static boolean isJsonObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject();
        } catch (JsonProcessingException malformed) {
            return false;
        }
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text;
    }
}
