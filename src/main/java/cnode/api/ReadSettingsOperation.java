package cnode.api;

import cnode.node.NodeFiles;
import cnode.node.NodeLife;
import cnode.node.ShopLocations;
import cnode.soap.SoapNode;
import cnode.soap.SoapStruct;
import cnode.wallet.WalletRole;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * {@code readSettings()} (cnode-api §2.9): the station's settings and the user's, as two JSON
 * texts with the documentation's keys. Needs no login (contract §3); with nobody logged in the
 * user's settings are {@code {}}. The values are this node's: P2P port, whether an autologin
 * password is stored, the wallet role (whether strangers' payments are accepted), and the
 * shops' locations set with {@code setGeolocationInfo}. Settings this build does not have
 * (updates, bandwidth caps, tray) carry the documented defaults and change nothing.
 */
public final class ReadSettingsOperation extends DirectOperation {
    static final WireType TYPE = WireType.struct("vuiReadSettingsResponse",
        "requestStatus", "xsd:string",
        "requestStatusDescription", "xsd:string",
        "machineSettingsJson", "xsd:string",
        "userSettingsJson", "xsd:string");
    private static final OperationSchema SCHEMA =
        new OperationSchema("readSettings", List.of(), TYPE, true, List.of(TYPE));

    private final NodeLife life;
    private final NodeFiles files;
    private final int p2pPort;
    private final WalletRole wallet;
    private final ShopLocations shops;

    public ReadSettingsOperation(NodeLife life, NodeFiles files, int p2pPort, WalletRole wallet,
                                 ShopLocations shops) {
        super(SCHEMA);
        this.life = life;
        this.files = files;
        this.p2pPort = p2pPort;
        this.wallet = wallet;
        this.shops = shops;
    }

    @Override
    SoapStruct answer(SoapNode params) {
        NodeLife.Snapshot now = life.snapshot();
        boolean remembered;
        try {
            remembered = files.autologin().isPresent();
        } catch (IOException unreadable) {
            remembered = false;
        }
        ObjectNode machine = machine(remembered);
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        if (now.user() != null) {
            user = user(now.user().merchant());
        }
        return new SoapStruct(TYPE.name())
            .string("requestStatus", RequestStatus.SUCCESS.name())
            .string("requestStatusDescription", RequestStatus.SUCCESS.description())
            .string("machineSettingsJson", machine.toString())
            .string("userSettingsJson", user.toString());
    }

    private ObjectNode machine(boolean remembered) {
        ObjectNode machine = JsonNodeFactory.instance.objectNode();
        machine.putObject("updaterBehaviour").put("autoUpdateEnabled", false)
            .put("execAutoUpdateIntervalHours", 24).put("autoUpdateWindowStartHour", 2)
            .put("autoUpdateWindowEndHour", 4);
        machine.putObject("bandwidthBehaviour").put("bandwidthUP_bps", 409_600)
            .put("bandwidthDN_bps", 716_800).put("maxCacheConnectionHardLimit", 25)
            .put("udpPort", p2pPort).put("tcpPort", p2pPort);
        machine.put("rememberUserPasswordForAutoLogin", remembered)
            .put("minimizeToSystemTray", false).put("addApplicationToStartUp", false);
        machine.set("geolocation", shops.json());
        return machine;
    }

    private ObjectNode user(boolean merchant) {
        ObjectNode user = JsonNodeFactory.instance.objectNode();
        user.putObject("userSecurity").put("changePassword", 3).put("editBankAccount", 3)
            .put("revokeKeys", 3).put("passwordRecoverySecureEmail", "");
        user.putObject("contactsBehaviour")
            .put("auto_accept_strangers_payments", wallet.acceptsIncoming(merchant))
            .put("auto_add_stranger_to_addrbook", false).put("autoSaveChat", 1);
        user.put("walletPolicy", wallet.policy().wire());
        return user;
    }
}
