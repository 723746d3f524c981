package dev.sriovctl.observe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcQdiscParserTest {

    /**
     * No {@code tc -j qdisc show} output is in ../shared/fixtures. This is a real capture, made for this
     * test on Debian 12 (iproute2 6.1.0) in a private network namespace: veth d0 up with
     * {@code tc qdisc add dev d0 ingress}, d1 with {@code clsact}, d2 with {@code ingress_block 22 ingress}
     * (the shared block OVS puts on bond members); field names as iproute2 tc/tc_qdisc.c print_qdisc writes them.
     */
    static final String CAPTURE = "[{\"kind\":\"noqueue\",\"handle\":\"0:\",\"dev\":\"d0\",\"root\":true,\"refcnt\":2,\"options\":{}},"
            + "{\"kind\":\"ingress\",\"handle\":\"ffff:\",\"dev\":\"d0\",\"parent\":\"ffff:fff1\",\"options\":{}},"
            + "{\"kind\":\"clsact\",\"handle\":\"ffff:\",\"dev\":\"d1\",\"parent\":\"ffff:fff1\",\"options\":{}},"
            + "{\"kind\":\"ingress\",\"handle\":\"ffff:\",\"dev\":\"d2\",\"parent\":\"ffff:fff1\",\"ingress_block\":22,\"options\":{}}]\n";

    @Test
    void readsRootIngressClsactAndSharedBlock() {
        List<Qdisc> q = TcQdiscParser.parse(CAPTURE);
        assertThat(q).hasSize(4);
        assertThat(q.get(0).root()).isTrue();
        assertThat(q.get(0).isIngress()).isFalse();
        assertThat(q.get(1)).isEqualTo(new Qdisc("d0", "ingress", "ffff:", "ffff:fff1", false, null));
        assertThat(q.get(2).isIngress()).isTrue();
        assertThat(q.get(3).ingressBlock()).isEqualTo(22);
    }

    @Test
    void noQdiscsIsAnEmptyList() {
        assertThat(TcQdiscParser.parse("[]")).isEmpty();
        assertThat(TcQdiscParser.parse("")).isEmpty();
    }

    @Test
    void textOutputIsRefusedWithAPosition() {
        assertThatThrownBy(() -> TcQdiscParser.parse("qdisc noqueue 0: dev d0 root refcnt 2"))
                .isInstanceOf(ParseException.class);
    }
}
