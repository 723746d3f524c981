package dev.sriovctl.observe;

import dev.sriovctl.Captures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcQdiscParserTest {

    /** No tc -j output is in ../shared/fixtures: a real capture (see {@link Captures#TC_QDISC}); keys as iproute2 tc/tc_qdisc.c print_qdisc writes them. */
    static final String CAPTURE = Captures.TC_QDISC;

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
