package dev.sriovctl.metrics;

import dev.sriovctl.observe.DatapathFlow;
import dev.sriovctl.verify.DoctorContext;
import dev.sriovctl.verify.Observed;

import java.util.List;

/**
 * Datapath flows, all and offloaded, from the same {@code ovs-appctl dpctl/dump-flows -m} doctor's
 * flows-offloaded reads (the context runs it once). Nothing when it could not be read.
 */
final class FlowMetrics {
    private FlowMetrics() {
    }

    static List<MetricFamily> of(DoctorContext ctx) {
        MetricFamily.Builder all = MetricFamily.gauge("sriovctl_datapath_flows",
                "Datapath flows of Open vSwitch now (ovs-appctl dpctl/dump-flows -m); idle flows expire after about 10 s.");
        MetricFamily.Builder offloaded = MetricFamily.gauge("sriovctl_datapath_flows_offloaded",
                "Datapath flows in hardware (offloaded:yes or partial in ovs-appctl dpctl/dump-flows -m).");
        Observed<List<DatapathFlow>> flows = ctx.datapathFlows();
        if (flows.present()) {
            all.add(flows.value().size());
            offloaded.add(flows.value().stream().filter(DatapathFlow::isOffloaded).count());
        }
        return List.of(all.build(), offloaded.build());
    }
}
