package dev.sriovctl.pve;

import dev.sriovctl.InputException;
import dev.sriovctl.SourceLocation;

import java.util.List;

/**
 * Which PVE node this host is. {@code --node} wins; otherwise the host's short name (PVE's node
 * name is the hostname up to the first dot, pve-common INotify.pm {@code nodename}), which must be
 * a node of the cluster; without a hostname, the node answering the API.
 */
final class NodeResolver {
    private NodeResolver() {
    }

    static String resolve(PveApi api, String explicit, String hostname, String hostLabel) {
        List<String> nodes = ClusterReader.nodes(api);
        if (explicit != null) {
            if (!nodes.contains(explicit)) {
                throw new InputException(SourceLocation.of("--node " + explicit), "not a node of the cluster at " + api.describe(),
                        "nodes: " + String.join(", ", nodes));
            }
            return explicit;
        }
        if (hostname != null && !hostname.isBlank()) {
            String shortName = shortName(hostname);
            if (nodes.contains(shortName)) return shortName;
            throw new InputException(SourceLocation.of(hostLabel), "this host is '" + shortName + "', which is not a node of the cluster at " + api.describe(),
                    "give --node NAME (nodes: " + String.join(", ", nodes) + ")");
        }
        return ClusterReader.localNode(api).orElseThrow(() -> new InputException(SourceLocation.of(hostLabel),
                "cannot tell which node this host is (no hostname known)", "give --node NAME (nodes: " + String.join(", ", nodes) + ")"));
    }

    static String shortName(String hostname) {
        String s = hostname.strip();
        int dot = s.indexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }
}
