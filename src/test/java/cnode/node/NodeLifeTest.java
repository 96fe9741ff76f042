package cnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VUI_* state machine: where a node starts, the road to VUI_READY, refused moves. */
class NodeLifeTest {
    @Test
    void aNodeStartsConnectingWithNobodyLoggedIn() {
        NodeLife life = new NodeLife();
        assertThat(life.snapshot()).isEqualTo(new NodeLife.Snapshot(NodeState.VUI_CONNECTING, ""));
    }

    @Test
    void theDocumentedRoadLeadsToReady() {
        NodeLife life = new NodeLife();
        List<NodeState> road = List.of(NodeState.VUI_CONNECTED,
            NodeState.VUI_LOGGING_IN_OR_REGISTERING, NodeState.VUI_LOGGEDIN,
            NodeState.VUI_READ_AVAILABLE, NodeState.VUI_WRITE_AVAILABLE, NodeState.VUI_BOX_READY,
            NodeState.VUI_READY_BUT_VAULTOFFLINE, NodeState.VUI_READY);
        for (NodeState next : road) {
            assertThat(life.move(next, "shop")).as(next.name()).isTrue();
        }
        assertThat(life.snapshot()).isEqualTo(new NodeLife.Snapshot(NodeState.VUI_READY, "shop"));
    }

    @Test
    void everyStateCanFallBackToConnectingExceptConnectingItself() {
        for (NodeState state : NodeState.values()) {
            boolean back = NodeLife.next(state).contains(NodeState.VUI_CONNECTING);
            assertThat(back).as(state.name()).isEqualTo(state != NodeState.VUI_CONNECTING);
        }
    }

    @Test
    void skippingStepsIsRefusedAndChangesNothing() {
        NodeLife life = new NodeLife();
        for (NodeState target : EnumSet.complementOf(EnumSet.of(NodeState.VUI_CONNECTED))) {
            assertThat(life.move(target, "x")).as(target.name()).isFalse();
        }
        assertThat(life.snapshot().state()).isEqualTo(NodeState.VUI_CONNECTING);
        assertThat(life.snapshot().username()).isEmpty();
    }

    @Test
    void modesReadAndWriteInLowerCase() {
        assertThat(NodeMode.parse("master")).isEqualTo(NodeMode.MASTER);
        assertThat(NodeMode.parse("MASTER")).isNull();
        assertThat(NodeMode.SLAVE.wire()).isEqualTo("slave");
    }
}
