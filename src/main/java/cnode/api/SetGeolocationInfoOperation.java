package cnode.api;

import cnode.node.ShopLocations;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import java.util.List;

/**
 * {@code setGeolocationInfo(shopId, geolocationInfo)} (cnode-api §2.11): sets where a shop
 * or point of sale served by this node is; {@code readSettings} shows it. Guards, in order:
 * nobody logged in ERR_VUI_NOT_LOGGEDIN; a shop id that is not 1 to 64 printable characters
 * ERR_INVALID_PARAMETER; a location that is not a JSON object of at most
 * {@link ShopLocations#INFO_CHARS_MAX} characters ERR_INVALID_JSON; more shops than
 * {@link ShopLocations#SHOPS_MAX} ERR_TECHNICAL_PROBLEM; a store that cannot be written
 * ERR_TECHNICAL_PROBLEM.
 */
public final class SetGeolocationInfoOperation extends DirectOperation {
    private static final OperationSchema SCHEMA = new OperationSchema("setGeolocationInfo",
        WireType.fields("shopId", "xsd:string", "geolocationInfo", "xsd:string"),
        Replies.STATUS, false, List.of(Replies.STATUS));

    private final UserGate gate;
    private final ShopLocations shops;

    public SetGeolocationInfoOperation(UserGate gate, ShopLocations shops) {
        super(SCHEMA);
        this.gate = gate;
        this.shops = shops;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        UserGate.Pass pass = gate.loggedIn();
        if (pass.refusal() != null) {
            return Replies.status(pass.refusal());
        }
        String shopId = Params.text(params, "shopId");
        if (!Params.wellFormedTransferId(shopId)) {
            return Replies.status(RequestStatus.ERR_INVALID_PARAMETER,
                "A shopId is 1 to 64 printable characters.");
        }
        String info = Params.text(params, "geolocationInfo");
        return switch (shops.set(shopId, info)) {
            case SET -> Replies.status(RequestStatus.SUCCESS);
            case NOT_JSON -> Replies.status(RequestStatus.ERR_INVALID_JSON,
                "geolocationInfo must be a JSON object such as {\"Lng\":\"21.01\","
                    + "\"Lat\":\"52.23\"}, at most " + ShopLocations.INFO_CHARS_MAX
                    + " characters.");
            case TOO_MANY_SHOPS -> Replies.status(RequestStatus.ERR_TECHNICAL_PROBLEM,
                "This node keeps the locations of at most " + ShopLocations.SHOPS_MAX
                    + " shops.");
            case NOT_STORED -> Replies.status(RequestStatus.ERR_TECHNICAL_PROBLEM,
                "The node could not store the location; see its log.");
        };
    }
}
